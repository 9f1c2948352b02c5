// What Searcher::complete computes that depends only on the state of the
// index (a generation at one commit), kept per state: the answers to short
// prefixes, and the text each completion term shows.
//
// A prefix of one or two characters walks thousands of index terms ("a":
// about 10,000 titles at 100,000 records): 1-3 ms. Yet there are few such
// prefixes, and their answers do not depend on who asks. So the first call
// for (field, folded prefix, limit) on a state computes the answer and
// keeps it; later calls on that state, from any Searcher sharing this cache
// (those of one SearcherPool), copy it. The answer kept is the one the
// walk gave, so cached and computed answers are the same.
//
// Most of any completion's time goes to reading, for each completion, a
// record that has it, for its text as written. What a term can show
// depends only on that record ("forms": completion.cc, shown_forms), so
// the forms are kept too, by term: a longer prefix, computed each time,
// reads no record for a term shown before.
//
// A commit or a rebuild makes a new state: what is kept is for one state
// only, named by the database's UUID and revision, and is dropped when
// something computed on another state is kept: a later revision, or another
// database (a rebuild's new generation). A Searcher still reading an
// earlier revision computes its own and keeps nothing.
//
// Memory: at most kMaxBytes of answers and kMaxFormBytes of forms (texts
// and their overhead, counted), filled on first use; once full, the rest
// is computed each time until the next state. Answers for a limit above
// kMaxLimit are never kept. Two threads asking for the same new prefix at
// once both compute it (one answer is kept).
//
// Thread safety: every method may be called from any thread.
#ifndef TROVE_LIB_SEARCH_COMPLETION_CACHE_H_
#define TROVE_LIB_SEARCH_COMPLETION_CACHE_H_

#include <atomic>
#include <cstddef>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include <xapian.h>

#include "trove/searcher.h"

namespace trove {

class CompletionCache {
 public:
  // Prefixes of at most this many characters (after folding) are kept.
  static constexpr std::size_t kMaxCharacters = 2;
  // Answers of larger limits are not kept (the HTTP API allows 50).
  static constexpr std::size_t kMaxLimit = 50;
  // What the answers kept for one state may take, and the forms.
  static constexpr std::size_t kMaxBytes = 4 << 20;
  static constexpr std::size_t kMaxFormBytes = 4 << 20;

  // Whether answers for this folded prefix and limit are kept.
  static bool keeps(const std::string& typed, std::size_t limit);

  // The answer kept for `key` on the state `db` (a single local database)
  // is open on, if any. Lets Xapian::Error through.
  std::optional<std::vector<Completion>> find(const Xapian::Database& db,
                                              const std::string& key) const;
  // Keeps `answer`, computed for `key` on the state `db` is open on, unless
  // that state is older than the one kept or the cache is full. Lets
  // Xapian::Error through.
  void keep(const Xapian::Database& db, const std::string& key,
            const std::vector<Completion>& answer);

  // The forms a candidate term may show (completion.cc, shown_forms), read
  // from a record once per state and kept while the forms kept take at most
  // kMaxFormBytes: longer prefixes, computed each time, read no record for
  // a term shown before. Let Xapian::Error through.
  std::optional<std::vector<std::string>> find_forms(const Xapian::Database& db,
                                                     const std::string& term) const;
  void keep_forms(const Xapian::Database& db, const std::string& term,
                  const std::vector<std::string>& forms);

  // Bytes the answers kept take (as counted against kMaxBytes), and how many.
  std::size_t bytes() const;
  std::size_t answers() const;
  std::size_t form_bytes() const;
  std::size_t forms() const;

  // Answers computed (not found here) since the cache was made.
  std::size_t computed() const { return computed_; }
  void count_computed() { ++computed_; }

 private:
  struct State {
    std::string uuid;  // "" for none yet
    Xapian::rev revision = 0;
  };
  static State state_of(const Xapian::Database& db);
  // Whether what was computed on `state` may be kept: not if it is an
  // earlier revision than the one kept. Another state drops all that was
  // kept. Called with mutex_ held.
  bool adopt(const State& state);
  bool holds(const State& state) const;

  mutable std::mutex mutex_;  // guards what follows
  State state_;
  std::unordered_map<std::string, std::vector<Completion>> answers_;
  std::size_t bytes_ = 0;
  std::unordered_map<std::string, std::vector<std::string>> forms_;
  std::size_t form_bytes_ = 0;

  std::atomic<std::size_t> computed_{0};
};

}  // namespace trove

#endif  // TROVE_LIB_SEARCH_COMPLETION_CACHE_H_
