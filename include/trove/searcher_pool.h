// SearcherPool: one index searched from many threads, with one copy of the
// facet columns per state of the index rather than one per thread.
//
// A Searcher is for one thread at a time. A server answering on N threads
// would open N Searchers, and each would load the index's facet columns
// (about 28 bytes per record with the five facets counted: 2.8 MB at
// 100,000 records) after every commit: N times the memory and the loading.
// A SearcherPool lends Searchers out (acquire()) and takes them back when
// the Lease ends, opening a new one only when every Searcher it holds is
// lent. All of them share, per state of the index (a generation at one
// commit), the facet columns: loaded once, by the first search that counts
// a facet on that state, and read by all; and Searcher::complete's cache
// (answers to short prefixes, texts shown), filled once per state.
//
// Commits and rebuilds need no restart: each Searcher picks up the latest
// state at the start of each call, as any Searcher does. An old state's
// columns are freed when the last call that uses them returns. After a
// rebuild, a Searcher still open on the old generation (holding its files)
// is closed when it is given back, or, if idle, at the next acquire().
//
// Memory: per Searcher the pool holds (at most as many as were ever lent at
// once), its own database handle, query parser, analyzer scratch and
// thesaurus, about 0.45 MB at 100,000 records (measured; README,
// "Searching from many threads"); per state in use, the facet columns
// once; for the latest state, at most 8 MiB of completion cache.
//
// Thread safety: a SearcherPool may be used from any number of threads at
// once. A Lease, and the Searcher it gives access to, is for the thread
// holding it.
#ifndef TROVE_SEARCHER_POOL_H_
#define TROVE_SEARCHER_POOL_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "trove/export.h"
#include "trove/searcher.h"

namespace trove {

/// What a SearcherPool holds now (SearcherPool::stats()).
struct SearcherPoolStats {
  std::size_t searchers = 0;  ///< Searchers open: lent plus idle
  std::size_t idle = 0;       ///< of those, waiting to be lent
  /// States of the index (a generation at one commit) whose facet columns
  /// are in memory: the latest, plus any that a running call still uses.
  std::size_t states = 0;
  /// Facet columns loaded since the pool opened: one per facet counted,
  /// per local shard, per state of the index, however many threads search
  /// (a shard a commit left unchanged keeps its columns; an index with a
  /// remote shard counts with Xapian's spy and loads none).
  std::size_t column_loads = 0;
  /// Searcher::complete answers computed since the pool opened, rather
  /// than copied from the pool's cache: a prefix of 1 or 2 characters is
  /// computed once per state, however many threads ask (README,
  /// "Completion").
  std::size_t completions_computed = 0;
};

/// Lends Searchers of one index to many threads (see the top of
/// searcher_pool.h). Move-only; thread-safe.
class TROVE_EXPORT SearcherPool {
 private:
  struct TROVE_NO_EXPORT Impl;

 public:
  /// A Searcher lent to one thread, given back to the pool when the Lease
  /// is destroyed (or assigned to). A Lease may outlive its SearcherPool
  /// handle. Move-only; a moved-from Lease holds nothing.
  class TROVE_EXPORT Lease {
   public:
    /// The lent Searcher; valid while the Lease holds it.
    Searcher& operator*() const noexcept { return *searcher_; }
    /// The lent Searcher; valid while the Lease holds it.
    Searcher* operator->() const noexcept { return searcher_.get(); }
    /// Takes over `other`'s Searcher.
    Lease(Lease&& other) noexcept;
    /// Gives back this Lease's Searcher, then takes over `other`'s.
    Lease& operator=(Lease&& other) noexcept;
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    /// Gives the Searcher back to the pool.
    ~Lease();

   private:
    friend class SearcherPool;
    Lease(std::shared_ptr<Impl> pool, std::unique_ptr<Searcher> searcher, std::uint64_t epoch);
    void give_back() noexcept;
    std::shared_ptr<Impl> pool_;
    std::unique_ptr<Searcher> searcher_;
    std::uint64_t epoch_ = 0;  // the generation the pool saw when lending it
  };

  /// Opens a first Searcher on the index at `path` with `options` (as
  /// Searcher::open, which lists what it throws), so that a wrong path or
  /// option fails here rather than on the first acquire().
  static SearcherPool open(const std::string& path, const SearcherOptions& options = {});

  /// Move-only. A moved-from pool may only be destroyed or assigned to.
  SearcherPool(SearcherPool&&) noexcept;
  /// Move-only, as the move constructor.
  SearcherPool& operator=(SearcherPool&&) noexcept;
  SearcherPool(const SearcherPool&) = delete;
  SearcherPool& operator=(const SearcherPool&) = delete;
  /// Closes the idle Searchers; lent ones close when their Lease ends.
  ~SearcherPool();

  /// A Searcher for the calling thread: an idle one, or a new one when all
  /// are lent. Throws IndexError (or a subclass, as Searcher::open) when a
  /// new one is needed and the index cannot be opened.
  Lease acquire();

  /// What the pool holds now. Never throws.
  SearcherPoolStats stats() const;

 private:
  explicit SearcherPool(std::shared_ptr<Impl> impl);
  std::shared_ptr<Impl> impl_;
};

}  // namespace trove

#endif  // TROVE_SEARCHER_POOL_H_
