#include "search/facets.h"

#include <algorithm>


namespace trove {

// Walks the encoded values in place (each followed by '\0', as
// schema::encode_values writes them) rather than decoding into a vector.
void FacetSpy::operator()(const Xapian::Document& doc, double) {
  const std::string encoded = doc.get_value(slot_);
  std::size_t start = 0;
  while (start < encoded.size()) {
    std::size_t end = encoded.find('\0', start);
    if (end == std::string::npos) end = encoded.size();
    ++counts_[encoded.substr(start, end - start)];
    start = end + 1;
  }
}

std::vector<FacetCount> FacetSpy::counts() const {
  std::vector<FacetCount> out;
  out.reserve(counts_.size());
  for (const auto& [value, count] : counts_) out.push_back({value, count});
  std::stable_sort(out.begin(), out.end(), [](const FacetCount& a, const FacetCount& b) {
    return a.count > b.count;
  });
  return out;
}

}  // namespace trove
