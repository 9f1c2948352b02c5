#include "search/searcher_shared.h"

namespace trove {
namespace {

// Revisions of one database only grow; a database's UUID is new with each
// rebuild. So the key names one state of a shard for as long as the index
// exists.
std::string state_key(const Xapian::Database& db) {
  const std::string uuid = db.get_uuid();
  if (uuid.empty()) return {};
  return uuid + "@" + std::to_string(db.get_revision());
}

// Columns for one caller alone, shard by shard.
std::shared_ptr<ShardColumns> unshared_columns(
    std::size_t shards, const std::shared_ptr<std::atomic<std::size_t>>& loads) {
  auto columns = std::make_shared<ShardColumns>();
  for (std::size_t i = 0; i < shards; ++i) {
    columns->shards.push_back(std::make_shared<FacetColumns>(loads));
  }
  return columns;
}

}  // namespace

std::shared_ptr<ShardColumns> Searcher::Shared::columns_for(
    const std::vector<Xapian::Database>& shards) {
  std::vector<std::string> shard_keys;
  std::string key;
  for (const Xapian::Database& shard : shards) {
    shard_keys.push_back(state_key(shard));
    // A backend without a UUID: nothing to share safely, columns of its own.
    if (shard_keys.back().empty()) return unshared_columns(shards.size(), loads_);
    key += (key.empty() ? "" : " ") + shard_keys.back();
  }
  std::lock_guard<std::mutex> lock(mutex_);
  if (key == latest_key_) return latest_;
  const auto found = states_.find(key);
  if (found != states_.end()) {
    if (std::shared_ptr<ShardColumns> alive = found->second.lock()) return alive;
  }
  return latest_columns(key, shard_keys);
}

// A state not seen before (or no longer in memory) becomes the latest: a
// Searcher reaches a state only by (re)opening the index, which gives the
// newest. A shard the latest state had at the same revision (a commit that
// added nothing to it) keeps its columns. The entries of states nobody uses
// any more are dropped here.
std::shared_ptr<ShardColumns> Searcher::Shared::latest_columns(
    const std::string& key, const std::vector<std::string>& shard_keys) {
  for (auto it = states_.begin(); it != states_.end();) {
    it = it->second.expired() ? states_.erase(it) : std::next(it);
  }
  auto columns = std::make_shared<ShardColumns>();
  for (std::size_t i = 0; i < shard_keys.size(); ++i) {
    const bool same = latest_ && i < latest_shard_keys_.size() &&
                      latest_shard_keys_[i] == shard_keys[i];
    columns->shards.push_back(same ? latest_->shards[i] : std::make_shared<FacetColumns>(loads_));
  }
  states_[key] = columns;
  latest_key_ = key;
  latest_shard_keys_ = shard_keys;
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
