// Readers for a TREC-style relevance test collection in the Cranfield shape:
// SMART-format queries (cran.qry) and TREC qrels ("qid 0 docid grade").
#ifndef TROVE_BENCH_CRANFIELD_H_
#define TROVE_BENCH_CRANFIELD_H_

#include <map>
#include <string>
#include <vector>

namespace bench {

struct JudgedQuery {
  std::string qid;      // 1-based position in the query file, as a string
  std::string orig_id;  // the number after .I (skips values in cran.qry)
  std::string text;     // the .W text, lines joined by spaces
};

// Parses a SMART query file: ".I n" starts a query, ".W" starts its text,
// which runs to the next ".I". Other fields (.T, .A, .B) are ignored.
// Throws std::runtime_error if the file cannot be read or has no queries.
std::vector<JudgedQuery> read_smart_queries(const std::string& path);

// qid -> docid -> grade. Throws std::runtime_error naming the line of a
// malformed line.
using Qrels = std::map<std::string, std::map<std::string, int>>;
Qrels read_qrels(const std::string& path);

}  // namespace bench

#endif  // TROVE_BENCH_CRANFIELD_H_
