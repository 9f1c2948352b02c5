// What the Searchers of one SearcherPool share (a Searcher opened alone has
// one of its own): per state of the index, the facet columns.
//
// A state is one generation at one commit, named by the database's UUID (a
// rebuild writes a new database, with a new one) and revision (each commit
// adds one). Every Searcher open on that state counts facets from the same
// FacetColumns, loaded once, column by column, by the first search that
// needs each. A Searcher holds its state's columns only while a call runs
// (Searcher::Impl::guarded), so an idle Searcher keeps no old state alive.
// The latest state's columns stay while nobody uses them (an idle pool does
// not reload them for its next search); an older state's go with the last
// call that used them.
//
// They also share one CompletionCache (completion_cache.h): the answers to
// short completion prefixes and the texts completions show, for the latest
// state only.
//
// Thread safety: every method may be called from any thread.
#ifndef TROVE_LIB_SEARCH_SEARCHER_SHARED_H_
#define TROVE_LIB_SEARCH_SEARCHER_SHARED_H_

#include <atomic>
#include <cstddef>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include <xapian.h>

#include "search/completion_cache.h"
#include "search/facet_columns.h"
#include "trove/searcher.h"

namespace trove {

class Searcher::Shared {
 public:
  // The facet columns of the state `db` (a single local database) is open
  // on: the same object for every caller on that state. Lets Xapian::Error
  // through.
  std::shared_ptr<FacetColumns> columns_for(const Xapian::Database& db);

  // States whose columns are in memory (used now, or the latest).
  std::size_t states() const;
  // Facet columns loaded so far, over every state.
  std::size_t column_loads() const { return *loads_; }

  // The completion answers of every Searcher sharing this.
  CompletionCache& completions() { return completions_; }
  const CompletionCache& completions() const { return completions_; }

 private:
  std::shared_ptr<FacetColumns> latest_columns(const std::string& key);

  mutable std::mutex mutex_;
  std::map<std::string, std::weak_ptr<FacetColumns>> states_;  // by state key
  std::string latest_key_;
  std::shared_ptr<FacetColumns> latest_;  // kept while idle
  std::shared_ptr<std::atomic<std::size_t>> loads_ =
      std::make_shared<std::atomic<std::size_t>>(0);
  CompletionCache completions_;
};

}  // namespace trove

#endif  // TROVE_LIB_SEARCH_SEARCHER_SHARED_H_
