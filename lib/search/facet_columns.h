// Fast exact facet counting for indexes whose shards are all local.
//
// Xapian's ValueCountMatchSpy (facets.h) reads a value slot from the index
// for every matching document and counts strings in a map, which is most of
// the cost of a faceted query. FacetColumns instead loads each facet slot of
// the whole database once, after a (re)open, as one small integer per
// document naming its value combination; counting a match is then one array
// increment. Counts come out exactly as the ValueCountMatchSpy's.
//
// The columns of one state of the index (a generation at one commit) are
// shared by every Searcher of a SearcherPool on that state (searcher_shared.h):
// get() may be called from several threads at once, and a column, once
// loaded, never changes.
//
// For local databases only, one FacetColumns per database (shard), indexed
// by the shard's own document numbers: xapian-tcpsrv runs only Xapian's
// own spies, and a spy over several shards is given shard-local document
// numbers without the shard (Xapian 1.4 numbers the combined database's
// documents (shard docid - 1) * shards + shard index + 1, but a spy sees
// only the shard docid). So local shards are counted one at a time, each
// from its own columns, and the counts summed (match_count.h); an index
// with a remote shard counts with ValueCountMatchSpy.
#ifndef TROVE_LIB_SEARCH_FACET_COLUMNS_H_
#define TROVE_LIB_SEARCH_FACET_COLUMNS_H_

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <xapian.h>

namespace trove {

// One value slot of every document: combination[docid] indexes combinations
// (combinations[0] is "no value").
struct FacetColumn {
  std::vector<std::uint32_t> combination;
  std::vector<std::string> combinations;
};

// Per-slot columns of one state of a database, each loaded on first use
// from the `db` of whichever caller needs it first (every caller's `db` must
// be open on that same state). Thread-safe; a returned column stays valid
// and unchanged as long as the FacetColumns lives.
class FacetColumns {
 public:
  // `loads`, if given, is incremented for each column loaded.
  explicit FacetColumns(std::shared_ptr<std::atomic<std::size_t>> loads = nullptr)
      : loads_(std::move(loads)) {}
  const FacetColumn& get(const Xapian::Database& db, Xapian::valueno slot);

 private:
  std::mutex mutex_;  // held while a column loads: others wait for it rather than load it too
  std::map<Xapian::valueno, std::unique_ptr<FacetColumn>> columns_;
  std::shared_ptr<std::atomic<std::size_t>> loads_;
};

// The facet columns of one state of an index whose databases are all
// local: one FacetColumns per database, in the order of the index's stub.
// A shard unchanged between two states keeps the same FacetColumns
// (searcher_shared.h).
struct ShardColumns {
  std::vector<std::shared_ptr<FacetColumns>> shards;
};

// Counts the value combinations of the matching documents from a column.
// Must see every match (checkatleast >= document count). A document the
// column does not cover (the column belongs to another state of the
// database) makes stale() true; the counts are then not to be used.
class ColumnCountSpy : public Xapian::MatchSpy {
 public:
  explicit ColumnCountSpy(const FacetColumn& column)
      : column_(column), counts_(column.combinations.size(), 0) {}
  void operator()(const Xapian::Document& doc, double) override {
    const Xapian::docid id = doc.get_docid();
    if (id >= column_.combination.size()) {
      stale_ = true;
      return;
    }
    const std::uint32_t combination = column_.combination[id];
    if (counts_[combination]++ == 0) seen_.push_back(combination);
  }
  bool stale() const { return stale_; }
  // Adds the count per encoded value combination, as ValueCountMatchSpy
  // gives them, to `out` (the shards of an index add to the same map).
  void add_combination_counts(std::map<std::string, std::size_t>& out) const;

 private:
  const FacetColumn& column_;
  std::vector<std::uint32_t> counts_;  // per combination (Xapian counts in 32 bits too)
  // The combinations counted, in the order first seen: reading the counts
  // visits these alone, not every combination of the column (tens of
  // thousands for the country facet at 100k records), which each shard of
  // a sharded index would otherwise pay once more.
  std::vector<std::uint32_t> seen_;
  bool stale_ = false;
};

}  // namespace trove

#endif  // TROVE_LIB_SEARCH_FACET_COLUMNS_H_
