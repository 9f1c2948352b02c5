// Where a request gets the Searcher it searches with: the one seam between
// trove-serve's threads and the library's readers.
//
// A trove::SearcherPool: each request borrows a Searcher nobody else is
// using (the pool opens another only when every one is lent, so it holds at
// most as many as requests ever ran at once, at most the server's thread
// count). The Searchers share one copy of the facet columns per state of
// the index; each has its own database handle (about 0.45 MB at 100,000
// records; README, "Searching from many threads").
//
// Thread safety: acquire() may be called from any thread; a Lease belongs to
// the thread that holds it.
#ifndef TROVE_TOOLS_SERVE_SEARCHER_SOURCE_H_
#define TROVE_TOOLS_SERVE_SEARCHER_SOURCE_H_

#include <string>

#include "trove/searcher_pool.h"

namespace trove::serve {

class SearcherSource {
 public:
  // A Searcher lent to one request; given back when the Lease ends.
  using Lease = SearcherPool::Lease;

  // Opens a first Searcher now, so a wrong `db` fails at start-up: throws
  // trove::IndexError as Searcher::open does.
  explicit SearcherSource(const std::string& db) : pool_(SearcherPool::open(db)) {}

  // A Searcher for this request. Throws IndexError if a new one is needed
  // and the index cannot be opened.
  Lease acquire() { return pool_.acquire(); }

  // Searchers open, index states in memory, facet columns loaded (for
  // /api/stats).
  SearcherPoolStats stats() const { return pool_.stats(); }

 private:
  SearcherPool pool_;
};

}  // namespace trove::serve

#endif  // TROVE_TOOLS_SERVE_SEARCHER_SOURCE_H_
