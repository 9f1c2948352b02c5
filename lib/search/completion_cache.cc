#include "search/completion_cache.h"

namespace trove {
namespace {

// What an answer takes in memory, near enough: the strings' heap parts
// beyond the in-object buffer are counted by their size.
std::size_t bytes_of(const std::string& key, const std::vector<Completion>& answer) {
  std::size_t bytes = 2 * sizeof(std::string) + sizeof(answer) + key.size() + 32;  // map node
  for (const Completion& completion : answer) {
    bytes += sizeof(Completion) + completion.text.size() + completion.field.size();
  }
  return bytes;
}

}  // namespace

bool CompletionCache::keeps(const std::string& typed, std::size_t limit) {
  if (limit > kMaxLimit) return false;
  std::size_t characters = 0;
  for (const char byte : typed) {
    // UTF-8: every byte but continuation bytes (10xxxxxx) starts a character.
    if ((static_cast<unsigned char>(byte) & 0xC0) != 0x80) ++characters;
  }
  return characters <= kMaxCharacters;
}

CompletionCache::State CompletionCache::state_of(const Xapian::Database& db) {
  return {db.get_uuid(), db.get_revision()};
}

std::optional<std::vector<Completion>> CompletionCache::find(const Xapian::Database& db,
                                                             const std::string& key) const {
  const State state = state_of(db);
  if (state.uuid.empty()) return std::nullopt;
  std::lock_guard<std::mutex> lock(mutex_);
  if (state.uuid != state_.uuid || state.revision != state_.revision) return std::nullopt;
  const auto found = answers_.find(key);
  if (found == answers_.end()) return std::nullopt;
  return found->second;
}

void CompletionCache::keep(const Xapian::Database& db, const std::string& key,
                           const std::vector<Completion>& answer) {
  const State state = state_of(db);
  if (state.uuid.empty()) return;  // a backend without one: no state to name
  const std::size_t bytes = bytes_of(key, answer);
  std::lock_guard<std::mutex> lock(mutex_);
  if (state.uuid == state_.uuid && state.revision < state_.revision) return;
  if (state.uuid != state_.uuid || state.revision != state_.revision) {
    answers_.clear();
    bytes_ = 0;
    state_ = state;
  }
  if (bytes_ + bytes > kMaxBytes) return;
  if (answers_.emplace(key, answer).second) bytes_ += bytes;
}

std::size_t CompletionCache::bytes() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return bytes_;
}

std::size_t CompletionCache::answers() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return answers_.size();
}

}  // namespace trove
