#include "search/facets.h"

#include <algorithm>
#include <map>

#include "index/schema.h"

namespace trove {

std::map<std::string, std::size_t> combination_counts(const Xapian::ValueCountMatchSpy& spy) {
  std::map<std::string, std::size_t> out;
  for (Xapian::TermIterator it = spy.values_begin(); it != spy.values_end(); ++it) {
    out[*it] += it.get_termfreq();
  }
  return out;
}

std::vector<FacetCount> facet_counts(const std::map<std::string, std::size_t>& combinations) {
  std::map<std::string, std::size_t> counts;
  for (const auto& [combination, n] : combinations) {
    for (std::string& value : schema::decode_values(combination)) counts[std::move(value)] += n;
  }
  std::vector<FacetCount> out;
  out.reserve(counts.size());
  for (auto& [value, count] : counts) out.push_back({value, count});
  std::stable_sort(out.begin(), out.end(),
                   [](const FacetCount& a, const FacetCount& b) { return a.count > b.count; });
  return out;
}

}  // namespace trove
