// Fast exact facet counting for indexes whose shards are all local.
//
// Xapian's ValueCountMatchSpy (facets.h) reads a value slot from the index
// for every matching document and counts strings in a map, which is most of
// the cost of a faceted query. FacetColumns instead loads each facet slot of
// the whole database once, after a (re)open, as one small integer per
// document naming its value combination; counting a match is then one array
// increment. Counts come out exactly as the ValueCountMatchSpy's.
//
// For a single local database only. xapian-tcpsrv runs only Xapian's own
// spies, and a spy over several shards is given shard-local document numbers
// without the shard, so sharded indexes keep using ValueCountMatchSpy.
#ifndef TROVE_LIB_SEARCH_FACET_COLUMNS_H_
#define TROVE_LIB_SEARCH_FACET_COLUMNS_H_

#include <cstdint>
#include <map>
#include <memory>
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

// Per-slot columns of one open database, loaded on first use. clear() them
// whenever the database is reopened on a changed revision.
class FacetColumns {
 public:
  const FacetColumn& get(const Xapian::Database& db, Xapian::valueno slot);
  void clear() { columns_.clear(); }

 private:
  std::map<Xapian::valueno, std::unique_ptr<FacetColumn>> columns_;
};

// Counts the value combinations of the matching documents from a column.
// Must see every match (checkatleast >= document count). A document the
// column does not cover (the database changed since it was loaded) makes
// stale() true; the counts are then not to be used.
class ColumnCountSpy : public Xapian::MatchSpy {
 public:
  explicit ColumnCountSpy(const FacetColumn& column)
      : column_(column), counts_(column.combinations.size(), 0) {}
  void operator()(const Xapian::Document& doc, double) override {
    const Xapian::docid id = doc.get_docid();
    if (id < column_.combination.size()) {
      ++counts_[column_.combination[id]];
    } else {
      stale_ = true;
    }
  }
  bool stale() const { return stale_; }
  // Count per encoded value combination, as ValueCountMatchSpy gives them.
  std::map<std::string, std::size_t> combination_counts() const;

 private:
  const FacetColumn& column_;
  std::vector<std::size_t> counts_;
  bool stale_ = false;
};

}  // namespace trove

#endif  // TROVE_LIB_SEARCH_FACET_COLUMNS_H_
