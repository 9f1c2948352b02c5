#include "search/searcher_shared.h"

namespace trove {
namespace {

// Revisions of one database only grow; a database's UUID is new with each
// rebuild. So the key names one state for as long as the index exists.
std::string state_key(const Xapian::Database& db) {
  const std::string uuid = db.get_uuid();
  if (uuid.empty()) return {};
  return uuid + "@" + std::to_string(db.get_revision());
}

}  // namespace

std::shared_ptr<FacetColumns> Searcher::Shared::columns_for(const Xapian::Database& db) {
  const std::string key = state_key(db);
  // A backend without a UUID: nothing to share safely, columns of its own.
  if (key.empty()) return std::make_shared<FacetColumns>(loads_);
  std::lock_guard<std::mutex> lock(mutex_);
  if (key == latest_key_) return latest_;
  const auto found = states_.find(key);
  if (found != states_.end()) {
    if (std::shared_ptr<FacetColumns> alive = found->second.lock()) return alive;
  }
  return latest_columns(key);
}

// A state not seen before (or no longer in memory) becomes the latest: a
// Searcher reaches a state only by (re)opening the index, which gives the
// newest. The entries of states nobody uses any more are dropped here.
std::shared_ptr<FacetColumns> Searcher::Shared::latest_columns(const std::string& key) {
  for (auto it = states_.begin(); it != states_.end();) {
    it = it->second.expired() ? states_.erase(it) : std::next(it);
  }
  auto columns = std::make_shared<FacetColumns>(loads_);
  states_[key] = columns;
  latest_key_ = key;
  latest_ = columns;
  return columns;
}

std::size_t Searcher::Shared::states() const {
  std::lock_guard<std::mutex> lock(mutex_);
  std::size_t alive = 0;
  for (const auto& [key, columns] : states_) alive += columns.expired() ? 0 : 1;
  return alive;
}

}  // namespace trove
