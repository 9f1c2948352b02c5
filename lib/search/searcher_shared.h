// What the Searchers of one SearcherPool share (a Searcher opened alone has
// one of its own): per state of the index, the facet columns.
//
// A state is one generation at one commit, named by each local database's
// (shard's) UUID (a rebuild writes new databases, with new ones) and
// revision (each commit that changes a shard adds one to it). Every
// Searcher open on that state counts facets from the same ShardColumns, one
// FacetColumns per shard, loaded once, column by column, by the first
// search that needs each. A shard that a commit left unchanged keeps its
// columns into the new state. A Searcher holds its state's columns only
// while a call runs (Searcher::Impl::guarded), so an idle Searcher keeps no
// old state alive.
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
#include <vector>

#include <xapian.h>

#include "search/completion_cache.h"
#include "search/facet_columns.h"
#include "trove/searcher.h"

namespace trove {

class Searcher::Shared {
 public:
  // The facet columns of the state `shards` (every database of the index,
  // all local, in the stub's order) are open on: the same object for every
  // caller on that state. Lets Xapian::Error through.
  std::shared_ptr<ShardColumns> columns_for(const std::vector<Xapian::Database>& shards);

  // States whose columns are in memory (used now, or the latest).
  std::size_t states() const;
  // Facet columns loaded so far, over every shard and state.
  std::size_t column_loads() const { return *loads_; }

  // The completion answers of every Searcher sharing this.
  CompletionCache& completions() { return completions_; }
  const CompletionCache& completions() const { return completions_; }

 private:
  std::shared_ptr<ShardColumns> latest_columns(const std::string& key,
                                               const std::vector<std::string>& shard_keys);

  mutable std::mutex mutex_;
  std::map<std::string, std::weak_ptr<ShardColumns>> states_;  // by state key
  std::string latest_key_;
  std::vector<std::string> latest_shard_keys_;  // the latest state's, shard by shard
  std::shared_ptr<ShardColumns> latest_;        // kept while idle
  std::shared_ptr<std::atomic<std::size_t>> loads_ =
      std::make_shared<std::atomic<std::size_t>>(0);
  CompletionCache completions_;
};

}  // namespace trove

#endif  // TROVE_LIB_SEARCH_SEARCHER_SHARED_H_
