// The JSON form of a search result: the document `trove-search --json`
// prints. It is defined here once so that every front end that answers in
// JSON (trove-search, a server, a language binding) gives exactly the same
// shape; the README ("The tools", --json output) documents it.
#ifndef TROVE_TOOLS_COMMON_RESULT_JSON_H_
#define TROVE_TOOLS_COMMON_RESULT_JSON_H_

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "trove/record.h"
#include "trove/searcher.h"

namespace trove::tools {

// {"query", "total", "offset", "hits": [...], "facets": {...}} for `result`,
// the answer to `request`. Every string is valid UTF-8 (invalid bytes, in a
// query or an indexed record, become U+FFFD), so the document always
// serialises.
nlohmann::json result_json(const SearchRequest& request, const SearchResult& result);

// A whole record (GET /api/records/{id}): the hit fields but rank, score and
// snippet, plus "abstract"; strings made valid UTF-8 as above.
nlohmann::json record_json(const Record& record);

// {"rank", "id", "matches", "score", "reranked", "proximity", "feedback",
// "parts": [{"source", "term", "field", "weight", "term_frequency",
// "document_length", "idf", "contribution"}]} for the explanation of the
// hit at `rank` (trove-search --explain).
nlohmann::json explanation_json(std::size_t rank, const Explanation& explanation);

// What ScorePart::source is called in JSON and text: "query", "field",
// "proximity" or "feedback".
const char* source_name(ScoreSource source);
// Completions (Searcher::complete) as an array of {"text", "field", "count"}:
// what `trove-search --complete --json` prints and GET /api/complete
// answers under "completions"; strings made valid UTF-8 as above.
nlohmann::json completions_json(const std::vector<Completion>& completions);

// result_json() serialised, indented by `indent` spaces (-1: on one line).
std::string result_json_text(const SearchRequest& request, const SearchResult& result,
                             int indent = 2);

}  // namespace trove::tools

#endif  // TROVE_TOOLS_COMMON_RESULT_JSON_H_
