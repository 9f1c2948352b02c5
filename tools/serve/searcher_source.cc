#include "serve/searcher_source.h"

namespace trove::serve {

SearcherSource::SearcherSource(std::string db) : db_(std::move(db)) {
  idle_.push_back(std::make_unique<Searcher>(Searcher::open(db_)));
  opened_ = 1;
}

SearcherSource::Lease SearcherSource::acquire() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!idle_.empty()) {
      std::unique_ptr<Searcher> searcher = std::move(idle_.back());
      idle_.pop_back();
      return Lease(*this, std::move(searcher));
    }
  }
  // Opened outside the lock: opening reads the index and may take a while.
  auto searcher = std::make_unique<Searcher>(Searcher::open(db_));
  std::lock_guard<std::mutex> lock(mutex_);
  ++opened_;
  return Lease(*this, std::move(searcher));
}

std::size_t SearcherSource::searchers() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return opened_;
}

void SearcherSource::give_back(std::unique_ptr<Searcher> searcher) {
  std::lock_guard<std::mutex> lock(mutex_);
  idle_.push_back(std::move(searcher));
}

}  // namespace trove::serve
