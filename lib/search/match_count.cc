#include "search/match_count.h"

#include <algorithm>
#include <memory>
#include <optional>

#include "index/schema.h"
#include "search/facets.h"

namespace trove {
namespace {

Xapian::valueno slot_of(const std::string& facet) { return schema::find_facet(facet)->slot; }

// Counts from the in-memory columns; nullopt when they do not fit the
// database (a document they do not cover matched). Columns are loaded per
// state of the index, so that should not happen; they are left as they
// are (other Searchers may be counting with them) and Xapian's spy counts.
std::optional<std::size_t> count_with_columns(
    const Xapian::Database& db, FacetColumns& columns, Xapian::Enquire& enquire,
    const std::vector<std::string>& facets, std::map<std::string, std::vector<FacetCount>>& out) {
  std::vector<std::unique_ptr<ColumnCountSpy>> spies;
  for (const std::string& facet : facets) {
    spies.push_back(std::make_unique<ColumnCountSpy>(columns.get(db, slot_of(facet))));
    enquire.add_matchspy(spies.back().get());
  }
  const Xapian::MSet mset = enquire.get_mset(0, 0, db.get_doccount());
  enquire.clear_matchspies();
  if (std::any_of(spies.begin(), spies.end(), [](const auto& spy) { return spy->stale(); })) {
    return std::nullopt;
  }
  for (std::size_t i = 0; i < facets.size(); ++i) {
    out[facets[i]] = facet_counts(spies[i]->combination_counts());
  }
  return mset.get_matches_estimated();
}

// Counts with Xapian's own spy, which remote shards also run.
std::size_t count_with_spies(const Xapian::Database& db, Xapian::Enquire& enquire,
                             const std::vector<std::string>& facets,
                             std::map<std::string, std::vector<FacetCount>>& out) {
  std::vector<std::unique_ptr<Xapian::ValueCountMatchSpy>> spies;
  for (const std::string& facet : facets) {
    spies.push_back(std::make_unique<Xapian::ValueCountMatchSpy>(slot_of(facet)));
    enquire.add_matchspy(spies.back().get());
  }
  // No hits: only then do spies count each document exactly once when local
  // and remote shards are mixed (Xapian 1.4 also shows the remote shards'
  // top hits to the local spies).
  const Xapian::MSet mset = enquire.get_mset(0, 0, db.get_doccount());
  for (std::size_t i = 0; i < facets.size(); ++i) {
    out[facets[i]] = facet_counts(combination_counts(*spies[i]));
  }
  return mset.get_matches_estimated();
}

}  // namespace

std::size_t count_matches(const Xapian::Database& db, FacetColumns* columns,
                          const Xapian::Query& query, const std::vector<std::string>& facets,
                          std::map<std::string, std::vector<FacetCount>>& out) {
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  if (columns) {
    if (auto total = count_with_columns(db, *columns, enquire, facets, out)) return *total;
  }
  return count_with_spies(db, enquire, facets, out);
}

}  // namespace trove
