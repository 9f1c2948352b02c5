// Where a request gets the Searcher it searches with: the one seam between
// trove-serve's threads and the library's readers.
//
// A trove::Searcher may be used by one thread at a time. For now the source
// keeps Searchers of its own and lends each request one nobody else is
// using, opening another only when every one is busy; so it holds at most
// as many Searchers as requests have ever run at once (at most the server's
// thread count), each with its own database handle and facet columns. A
// shared reader per generation (a SearcherPool in the library) will replace
// the inside of this class without changing its callers.
//
// Thread safety: acquire() may be called from any thread; a Lease belongs to
// the thread that holds it.
#ifndef TROVE_TOOLS_SERVE_SEARCHER_SOURCE_H_
#define TROVE_TOOLS_SERVE_SEARCHER_SOURCE_H_

#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "trove/searcher.h"

namespace trove::serve {

class SearcherSource {
 public:
  // A Searcher lent to one request; given back when the Lease ends.
  class Lease {
   public:
    Lease(SearcherSource& source, std::unique_ptr<Searcher> searcher)
        : source_(source), searcher_(std::move(searcher)) {}
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    ~Lease() { source_.give_back(std::move(searcher_)); }
    Searcher& operator*() const { return *searcher_; }
    Searcher* operator->() const { return searcher_.get(); }

   private:
    SearcherSource& source_;
    std::unique_ptr<Searcher> searcher_;
  };

  // Opens a first Searcher now, so a wrong `db` fails at start-up: throws
  // trove::IndexError as Searcher::open does.
  explicit SearcherSource(std::string db);

  // A Searcher for this request. Throws IndexError if a new one is needed
  // and the index cannot be opened.
  Lease acquire();

  // Searchers opened so far (for /api/stats).
  std::size_t searchers() const;

 private:
  void give_back(std::unique_ptr<Searcher> searcher);

  const std::string db_;
  mutable std::mutex mutex_;
  std::vector<std::unique_ptr<Searcher>> idle_;
  std::size_t opened_ = 0;
};

}  // namespace trove::serve

#endif  // TROVE_TOOLS_SERVE_SEARCHER_SOURCE_H_
