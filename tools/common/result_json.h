// The JSON form of search results, shared by `trove-search --json` and
// trove-serve's /api/search, so both print exactly the same shape.
#ifndef TROVE_TOOLS_COMMON_RESULT_JSON_H_
#define TROVE_TOOLS_COMMON_RESULT_JSON_H_

#include <nlohmann/json.hpp>
#include <string>

#include "trove/record.h"
#include "trove/searcher.h"

namespace trove::tools {

// {"query", "total", "offset", "hits": [{"rank", "id", "score", "title",
// "year" (null if none), "countries", "regions", "authors", "topics",
// "categories", "snippet"}], "facets": {name: [{"value", "count"}]}}.
// Strings that are not valid UTF-8 are repaired (see valid_utf8), so the
// document always dumps.
nlohmann::json result_to_json(const SearchRequest& request, const SearchResult& result);

// A whole record: the hit fields above but rank, score and snippet, plus
// "abstract".
nlohmann::json record_to_json(const Record& record);

// `text` with each byte that does not start or continue a well-formed UTF-8
// sequence (overlong forms, surrogates and code points over U+10FFFF
// included) replaced by U+FFFD.
std::string valid_utf8(const std::string& text);

}  // namespace trove::tools

#endif  // TROVE_TOOLS_COMMON_RESULT_JSON_H_
