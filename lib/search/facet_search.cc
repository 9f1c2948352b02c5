#include "search/facet_search.h"

#include <algorithm>

#include "index/schema.h"
#include "search/fields.h"
#include "trove/error.h"

namespace trove {

bool value_matches(const std::string& value, const std::string& typed, const Analyzer& analyzer) {
  const std::string want = analyzer.normalize(typed);
  if (want.empty()) return true;
  // normalize() joins a value's words with single spaces.
  const std::string have = analyzer.normalize(value);
  for (std::size_t at = have.find(want); at != std::string::npos; at = have.find(want, at + 1)) {
    if (at == 0 || have[at - 1] == ' ') return true;
  }
  return false;
}

void check_facet_prefixes(const std::map<std::string, std::string>& prefixes) {
  for (const auto& [facet, typed] : prefixes) {
    if (!schema::find_facet(facet)) {
      throw QueryError("unknown facet '" + facet + "' in facet_prefix; use " + facet_name_list());
    }
  }
}

void keep_matching_values(std::map<std::string, std::vector<FacetCount>>& facets,
                          const std::map<std::string, std::string>& prefixes,
                          const Analyzer& analyzer) {
  for (const auto& [facet, typed] : prefixes) {
    const auto found = facets.find(facet);
    if (found == facets.end()) continue;
    std::vector<FacetCount>& counts = found->second;
    const std::string& text = typed;  // C++17 lambdas cannot capture a structured binding
    counts.erase(std::remove_if(counts.begin(), counts.end(),
                                [&](const FacetCount& c) {
                                  return !value_matches(c.value, text, analyzer);
                                }),
                 counts.end());
  }
}

}  // namespace trove
