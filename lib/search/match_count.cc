#include "search/match_count.h"

#include <algorithm>
#include <memory>
#include <optional>

#include "index/schema.h"
#include "search/facets.h"

namespace trove {
namespace {

Xapian::valueno slot_of(const std::string& facet) { return schema::find_facet(facet)->slot; }

Xapian::Enquire counting_enquire(const Xapian::Database& db, const Xapian::Query& query) {
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  return enquire;
}

// Counts one shard's matches from its columns into `sums` (per facet, per
// value combination); nullopt when the columns do not fit the shard (a
// document they do not cover matched).
std::optional<std::size_t> count_shard(const Xapian::Database& shard, FacetColumns& columns,
                                       const Xapian::Query& query,
                                       const std::vector<std::string>& facets,
                                       std::vector<std::map<std::string, std::size_t>>& sums) {
  Xapian::Enquire enquire = counting_enquire(shard, query);
  std::vector<std::unique_ptr<ColumnCountSpy>> spies;
  for (const std::string& facet : facets) {
    spies.push_back(std::make_unique<ColumnCountSpy>(columns.get(shard, slot_of(facet))));
    enquire.add_matchspy(spies.back().get());
  }
  const Xapian::MSet mset = enquire.get_mset(0, 0, shard.get_doccount());
  enquire.clear_matchspies();
  if (std::any_of(spies.begin(), spies.end(), [](const auto& spy) { return spy->stale(); })) {
    return std::nullopt;
  }
  for (std::size_t i = 0; i < facets.size(); ++i) spies[i]->add_combination_counts(sums[i]);
  return mset.get_matches_estimated();
}

// Counts every shard from its own columns and sums; nullopt when some
// shard's columns do not fit it. Columns are loaded per state of the index,
// so that should not happen; they are left as they are (other Searchers may
// be counting with them) and Xapian's spy counts.
std::optional<std::size_t> count_with_columns(const std::vector<Xapian::Database>& shards,
                                              const ShardColumns& columns,
                                              const Xapian::Query& query,
                                              const std::vector<std::string>& facets,
                                              std::map<std::string, std::vector<FacetCount>>& out) {
  if (shards.size() != columns.shards.size()) return std::nullopt;
  std::vector<std::map<std::string, std::size_t>> sums(facets.size());
  std::size_t total = 0;
  for (std::size_t i = 0; i < shards.size(); ++i) {
    const std::optional<std::size_t> matches =
        count_shard(shards[i], *columns.shards[i], query, facets, sums);
    if (!matches) return std::nullopt;
    total += *matches;
  }
  for (std::size_t i = 0; i < facets.size(); ++i) out[facets[i]] = facet_counts(sums[i]);
  return total;
}

// Counts with Xapian's own spy, which remote shards also run.
std::size_t count_with_spies(const Xapian::Database& db, const Xapian::Query& query,
                             const std::vector<std::string>& facets,
                             std::map<std::string, std::vector<FacetCount>>& out) {
  Xapian::Enquire enquire = counting_enquire(db, query);
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

std::size_t count_matches(const Xapian::Database& db, const std::vector<Xapian::Database>& shards,
                          const ShardColumns* columns, const Xapian::Query& query,
                          const std::vector<std::string>& facets,
                          std::map<std::string, std::vector<FacetCount>>& out) {
  // A total alone is one match over the whole index, sharded or not.
  if (columns && !facets.empty()) {
    if (auto total = count_with_columns(shards, *columns, query, facets, out)) return *total;
  }
  return count_with_spies(db, query, facets, out);
}

}  // namespace trove
