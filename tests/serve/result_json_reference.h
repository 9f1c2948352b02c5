// The JSON documents of tools/common/result_json as they were built before
// it wrote text directly: through an nlohmann::json DOM. Kept for the tests
// alone, as the reference the direct writer must match byte for byte
// (dump() of these, indented or not).
#ifndef TROVE_TESTS_SERVE_RESULT_JSON_REFERENCE_H_
#define TROVE_TESTS_SERVE_RESULT_JSON_REFERENCE_H_

#include <nlohmann/json.hpp>
#include <vector>

#include "trove/record.h"
#include "trove/searcher.h"

namespace trove::tools::reference {

nlohmann::json result_json(const SearchRequest& request, const SearchResult& result);
nlohmann::json record_json(const Record& record);
nlohmann::json explanation_json(std::size_t rank, const Explanation& explanation);
nlohmann::json completions_json(const std::vector<Completion>& completions);

}  // namespace trove::tools::reference

#endif  // TROVE_TESTS_SERVE_RESULT_JSON_REFERENCE_H_
