// The JSON documents of tools/common/result_json.h parsed, for tests that
// compare or inspect them (the tools write them straight to text).
#ifndef TROVE_TESTS_SERVE_RESULT_JSON_PARSED_H_
#define TROVE_TESTS_SERVE_RESULT_JSON_PARSED_H_

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "common/result_json.h"

namespace trove::tools {

inline nlohmann::json result_json(const SearchRequest& request, const SearchResult& result) {
  return nlohmann::json::parse(result_json_text(request, result, -1));
}

inline nlohmann::json record_json(const Record& record) {
  return nlohmann::json::parse(record_json_text(record));
}

inline nlohmann::json explanation_json(std::size_t rank, const Explanation& explanation) {
  std::string text;
  JsonWriter out(text);
  write_explanation(out, rank, explanation);
  return nlohmann::json::parse(text);
}

inline nlohmann::json completions_json(const std::vector<Completion>& completions) {
  return nlohmann::json::parse(completions_json_text(completions));
}

}  // namespace trove::tools

#endif  // TROVE_TESTS_SERVE_RESULT_JSON_PARSED_H_
