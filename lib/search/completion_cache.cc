#include "search/completion_cache.h"

namespace trove {
namespace {

// What a map entry takes in memory, near enough: the strings' heap parts
// beyond their in-object buffers are counted by their size, and a node by
// its key and pointers.
std::size_t entry_bytes(const std::string& key) {
  return 2 * sizeof(std::string) + 32 + key.size();
}

std::size_t bytes_of(const std::string& key, const std::vector<Completion>& answer) {
  std::size_t bytes = entry_bytes(key);
  for (const Completion& completion : answer) {
    bytes += sizeof(Completion) + completion.text.size() + completion.field.size();
  }
  return bytes;
}

std::size_t bytes_of(const std::string& key, const std::vector<std::string>& forms) {
  std::size_t bytes = entry_bytes(key);
  for (const std::string& form : forms) bytes += sizeof(std::string) + form.size();
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

bool CompletionCache::holds(const State& state) const {
  return !state.uuid.empty() && state.uuid == state_.uuid && state.revision == state_.revision;
}

bool CompletionCache::adopt(const State& state) {
  if (state.uuid.empty()) return false;  // a backend without one: no state to name
  if (holds(state)) return true;
  if (state.uuid == state_.uuid && state.revision < state_.revision) return false;
  answers_.clear();
  bytes_ = 0;
  forms_.clear();
  form_bytes_ = 0;
  state_ = state;
  return true;
}

std::optional<std::vector<Completion>> CompletionCache::find(const Xapian::Database& db,
                                                             const std::string& key) const {
  const State state = state_of(db);
  std::lock_guard<std::mutex> lock(mutex_);
  if (!holds(state)) return std::nullopt;
  const auto found = answers_.find(key);
  if (found == answers_.end()) return std::nullopt;
  return found->second;
}

void CompletionCache::keep(const Xapian::Database& db, const std::string& key,
                           const std::vector<Completion>& answer) {
  const State state = state_of(db);
  const std::size_t bytes = bytes_of(key, answer);
  std::lock_guard<std::mutex> lock(mutex_);
  if (!adopt(state) || bytes_ + bytes > kMaxBytes) return;
  if (answers_.emplace(key, answer).second) bytes_ += bytes;
}

std::optional<std::vector<std::string>> CompletionCache::find_forms(
    const Xapian::Database& db, const std::string& term) const {
  const State state = state_of(db);
  std::lock_guard<std::mutex> lock(mutex_);
  if (!holds(state)) return std::nullopt;
  const auto found = forms_.find(term);
  if (found == forms_.end()) return std::nullopt;
  return found->second;
}

void CompletionCache::keep_forms(const Xapian::Database& db, const std::string& term,
                                 const std::vector<std::string>& forms) {
  const State state = state_of(db);
  const std::size_t bytes = bytes_of(term, forms);
  std::lock_guard<std::mutex> lock(mutex_);
  if (!adopt(state) || form_bytes_ + bytes > kMaxFormBytes) return;
  if (forms_.emplace(term, forms).second) form_bytes_ += bytes;
}

std::size_t CompletionCache::bytes() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return bytes_;
}

std::size_t CompletionCache::answers() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return answers_.size();
}

std::size_t CompletionCache::form_bytes() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return form_bytes_;
}

std::size_t CompletionCache::forms() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return forms_.size();
}

}  // namespace trove
