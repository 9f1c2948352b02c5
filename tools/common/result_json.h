// The JSON form of a search result: the document `trove-search --json`
// prints and trove-serve answers. It is defined here once so that every
// front end that answers in JSON (trove-search, a server, a language
// binding) gives exactly the same shape; the README ("The tools", --json
// output) documents it.
//
// The documents are written straight to text (json_writer.h), keys in
// ascending byte order as nlohmann::json orders them. Every string is made valid UTF-8
// (invalid bytes, in a query or an indexed record, become U+FFFD), so a
// document is always valid JSON.
#ifndef TROVE_TOOLS_COMMON_RESULT_JSON_H_
#define TROVE_TOOLS_COMMON_RESULT_JSON_H_

#include <string>
#include <vector>

#include "json_writer.h"
#include "trove/record.h"
#include "trove/searcher.h"

namespace trove::tools {

// trove-search --explain N: the explanation of the hit at rank N.
struct ExplainedHit {
  std::size_t rank = 0;
  Explanation explanation;
};

// {"query", "total", "offset", "hits": [...], "facets": {...}, "notes",
// and "suggestion" if any} for `result`, the answer to `request`; with
// `explained`, also "explain": explanation_json's object.
void write_result(JsonWriter& out, const SearchRequest& request, const SearchResult& result,
                  const ExplainedHit* explained = nullptr);

// A whole record (GET /api/records/{id}): the hit fields but rank, score and
// snippet, plus "abstract".
void write_record(JsonWriter& out, const Record& record);

// {"rank", "id", "matches", "score", "reranked", "proximity", "feedback",
// "parts": [{"source", "term", "field", "weight", "term_frequency",
// "document_length", "idf", "contribution"}]} for the explanation of the
// hit at `rank` (trove-search --explain).
void write_explanation(JsonWriter& out, std::size_t rank, const Explanation& explanation);

// Completions (Searcher::complete) as an array of {"text", "field", "count"}:
// what `trove-search --complete --json` prints and GET /api/complete
// answers under "completions".
void write_completions(JsonWriter& out, const std::vector<Completion>& completions);

// What ScorePart::source is called in JSON and text: "query", "field",
// "proximity" or "feedback".
const char* source_name(ScoreSource source);

// write_result's document as text, indented by `indent` spaces (-1: on one
// line), exactly as nlohmann::json::dump(indent) would write it.
std::string result_json_text(const SearchRequest& request, const SearchResult& result,
                             int indent = 2, const ExplainedHit* explained = nullptr);
// write_record's and write_completions' documents as text, likewise.
std::string record_json_text(const Record& record, int indent = -1);
std::string completions_json_text(const std::vector<Completion>& completions, int indent = -1);

}  // namespace trove::tools

#endif  // TROVE_TOOLS_COMMON_RESULT_JSON_H_
