#include "search/facet_columns.h"

#include <unordered_map>

namespace trove {

const FacetColumn& FacetColumns::get(const Xapian::Database& db, Xapian::valueno slot) {
  std::lock_guard<std::mutex> lock(mutex_);
  std::unique_ptr<FacetColumn>& column = columns_[slot];
  if (column) return *column;
  auto loaded = std::make_unique<FacetColumn>();
  loaded->combination.assign(static_cast<std::size_t>(db.get_lastdocid()) + 1, 0);
  loaded->combinations.emplace_back();
  std::unordered_map<std::string, std::uint32_t> ids;
  const Xapian::ValueIterator end = db.valuestream_end(slot);
  for (Xapian::ValueIterator it = db.valuestream_begin(slot); it != end; ++it) {
    const Xapian::docid id = it.get_docid();
    if (id >= loaded->combination.size()) loaded->combination.resize(id + 1, 0);
    auto [entry, added] =
        ids.try_emplace(*it, static_cast<std::uint32_t>(loaded->combinations.size()));
    if (added) loaded->combinations.push_back(entry->first);
    loaded->combination[id] = entry->second;
  }
  column = std::move(loaded);
  if (loads_) ++*loads_;
  return *column;
}

void ColumnCountSpy::add_combination_counts(std::map<std::string, std::size_t>& out) const {
  // Index 0 is "no value", which ValueCountMatchSpy does not count either.
  for (const std::uint32_t i : seen_) {
    if (i != 0) out[column_.combinations[i]] += counts_[i];
  }
}

}  // namespace trove
