// SearcherPool: Searchers lent to threads, sharing per-state facet columns
// (searcher_shared.h). The pool itself only keeps the idle Searchers and
// notices rebuilds, so that no idle Searcher keeps an old generation's
// files open.
#include "trove/searcher_pool.h"

#include <mutex>
#include <utility>
#include <vector>

#include "search/index_stub.h"
#include "search/searcher_shared.h"

namespace trove {

struct SearcherPool::Impl {
  std::string path;
  SearcherOptions options;
  std::string stub;  // the stub file a rebuild replaces
  std::shared_ptr<Searcher::Shared> shared = std::make_shared<Searcher::Shared>();

  mutable std::mutex mutex;  // guards what follows
  std::vector<std::unique_ptr<Searcher>> idle;
  std::size_t lent = 0;
  StubStamp stamp;          // of the stub when last looked at
  std::uint64_t epoch = 0;  // counts the changes of stamp seen

  // The current epoch, after looking at the stub: a changed stub (a rebuild
  // switched generations) starts a new epoch, and the idle Searchers, open
  // on the old generation, are moved to `closing`. Called with mutex held.
  std::uint64_t look(std::vector<std::unique_ptr<Searcher>>& closing);
  // Takes a lent Searcher back, or closes it if a rebuild came since it
  // was lent (epoch).
  void take_back(std::unique_ptr<Searcher> searcher, std::uint64_t lent_epoch) noexcept;
};

std::uint64_t SearcherPool::Impl::look(std::vector<std::unique_ptr<Searcher>>& closing) {
  const StubStamp now = stamp_of(stub);
  if (!(now == stamp)) {
    stamp = now;
    ++epoch;
    closing.swap(idle);
  }
  return epoch;
}

void SearcherPool::Impl::take_back(std::unique_ptr<Searcher> searcher,
                                   std::uint64_t lent_epoch) noexcept {
  // Closed outside the lock: closing a Searcher closes its database files.
  std::vector<std::unique_ptr<Searcher>> closing;
  try {
    std::lock_guard<std::mutex> lock(mutex);
    --lent;
    if (look(closing) == lent_epoch) idle.push_back(std::move(searcher));
  } catch (...) {
    // Out of memory growing `idle`: the Searcher is closed instead.
  }
}

SearcherPool SearcherPool::open(const std::string& path, const SearcherOptions& options) {
  auto impl = std::make_shared<Impl>();
  impl->path = path;
  impl->options = options;
  impl->idle.push_back(
      std::make_unique<Searcher>(Searcher::open_shared(path, options, impl->shared)));
  // The first Searcher found the stub; a rebuild since only starts an epoch.
  impl->stub = find_stub(path);
  impl->stamp = stamp_of(impl->stub);
  return SearcherPool(std::move(impl));
}

SearcherPool::SearcherPool(std::shared_ptr<Impl> impl) : impl_(std::move(impl)) {}
SearcherPool::SearcherPool(SearcherPool&&) noexcept = default;
SearcherPool& SearcherPool::operator=(SearcherPool&&) noexcept = default;
SearcherPool::~SearcherPool() = default;

SearcherPool::Lease SearcherPool::acquire() {
  std::vector<std::unique_ptr<Searcher>> closing;
  std::unique_ptr<Searcher> searcher;
  std::uint64_t epoch = 0;
  {
    std::lock_guard<std::mutex> lock(impl_->mutex);
    epoch = impl_->look(closing);
    if (!impl_->idle.empty()) {
      searcher = std::move(impl_->idle.back());
      impl_->idle.pop_back();
    }
    ++impl_->lent;
  }
  closing.clear();
  if (!searcher) {
    // Opened outside the lock: opening reads the index and takes a while.
    try {
      searcher = std::make_unique<Searcher>(
          Searcher::open_shared(impl_->path, impl_->options, impl_->shared));
    } catch (...) {
      std::lock_guard<std::mutex> lock(impl_->mutex);
      --impl_->lent;
      throw;
    }
  }
  return Lease(impl_, std::move(searcher), epoch);
}

SearcherPoolStats SearcherPool::stats() const {
  SearcherPoolStats out;
  {
    std::lock_guard<std::mutex> lock(impl_->mutex);
    out.idle = impl_->idle.size();
    out.searchers = impl_->lent + out.idle;
  }
  out.states = impl_->shared->states();
  out.column_loads = impl_->shared->column_loads();
  out.completions_computed = impl_->shared->completions().computed();
  return out;
}

SearcherPool::Lease::Lease(std::shared_ptr<Impl> pool, std::unique_ptr<Searcher> searcher,
                           std::uint64_t epoch)
    : pool_(std::move(pool)), searcher_(std::move(searcher)), epoch_(epoch) {}

SearcherPool::Lease::Lease(Lease&& other) noexcept
    : pool_(std::move(other.pool_)), searcher_(std::move(other.searcher_)), epoch_(other.epoch_) {}

SearcherPool::Lease& SearcherPool::Lease::operator=(Lease&& other) noexcept {
  if (this != &other) {
    give_back();
    pool_ = std::move(other.pool_);
    searcher_ = std::move(other.searcher_);
    epoch_ = other.epoch_;
  }
  return *this;
}

SearcherPool::Lease::~Lease() { give_back(); }

void SearcherPool::Lease::give_back() noexcept {
  if (pool_ && searcher_) pool_->take_back(std::move(searcher_), epoch_);
  pool_.reset();
  searcher_.reset();
}

}  // namespace trove
