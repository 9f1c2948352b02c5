// A judged test collection in the shape of ../shared/datasets: a folder with
// docs.jsonl (trove's JSON Lines), queries.jsonl ({"qid", "text"}) and
// qrels.trec ("qid 0 docid grade"), read in place.
#ifndef TROVE_BENCH_COLLECTION_H_
#define TROVE_BENCH_COLLECTION_H_

#include <map>
#include <string>
#include <vector>

namespace bench {

struct JudgedQuery {
  std::string qid;   // as the judgments name it
  std::string text;  // the request, as written
};

// qid -> docid -> grade.
using Qrels = std::map<std::string, std::map<std::string, int>>;

struct Collection {
  std::string name;  // the folder's name ("cranfield"), for reports
  std::string docs;  // path of docs.jsonl
  std::vector<JudgedQuery> queries;  // in file order
  Qrels qrels;
};

// Reads queries.jsonl: one {"qid", "text"} object per line (other fields
// ignored, blank lines skipped). Throws std::runtime_error naming the file
// and line of a malformed line, or if there is no query.
std::vector<JudgedQuery> read_judged_queries(const std::string& path);

// Reads TREC qrels. Throws std::runtime_error naming the line of a
// malformed line.
Qrels read_qrels(const std::string& path);

// The collection in folder `dir` (docs.jsonl, queries.jsonl, qrels.trec).
Collection load_collection(const std::string& dir);

// The collection of these three files, named after the docs' folder.
Collection load_collection(const std::string& docs, const std::string& queries,
                           const std::string& qrels);

// The queries of `split` ("first-half": the first n/2 of the file,
// "second-half": the rest, "all") that have at least one relevant
// judgment. Throws std::invalid_argument for another split.
std::vector<JudgedQuery> judged_queries(const Collection& collection, const std::string& split);

}  // namespace bench

#endif  // TROVE_BENCH_COLLECTION_H_
