// Fault points: named places in a commit and in a generation switch where a
// test can make the process crash, to prove that whatever a crash leaves on
// disk opens as exactly the old or exactly the new index
// (tests/fault_injection_test.cc; LevelDB's db/fault_injection_test.cc is
// the model).
//
// Private to trove and its tests; never part of the public API. In
// production no hook is installed and reaching a point costs one relaxed
// atomic load of a null pointer.
//
// Thread safety: reach() may be called from any thread (the shards of a
// commit are committed by parallel threads). set_fault_hook() is for a test
// to call before it starts writing (typically in a forked child that the
// hook ends with _exit(), so the parent inspects what a real crash leaves).
#ifndef TROVE_LIB_INDEX_FAULT_POINTS_H_
#define TROVE_LIB_INDEX_FAULT_POINTS_H_

#include <atomic>
#include <cstddef>
#include <string_view>

namespace trove::fault {

// In the order a rebuild reaches them: kRemovingGeneration for each
// half-built generation a crashed writer left, kShardCommitting and
// kShardCommitted for each part, then kSwitchBegin, kStubWritten,
// kStubRenamed and kRemovingGeneration for the previous generation. An
// in-place batch reaches kShardCommitting and kShardCommitted once per shard;
// creating an index reaches them for its empty shards, then the switch.
enum class Point {
  // IndexWriter commit (every batch_size changes, commit(), finish(), the
  // creation of an index), before Xapian commits database
  // `index` (shard `index`, or part `index` of a rebuild) of the index at
  // `path`. The databases commit on parallel threads, each reaching its own
  // points.
  kShardCommitting,
  // IndexWriter commit, after Xapian committed database `index` (as above).
  kShardCommitted,
  // generations::switch_to: the new generation (`path` is its name, e.g.
  // "gen-000002") is complete and, for a rebuild, compacted and verified;
  // no stub is written yet.
  kSwitchBegin,
  // generations::switch_to: the temporary stub (`path`) is written and
  // synced but not yet renamed over the live stub.
  kStubWritten,
  // generations::switch_to: the stub (`path`) has been renamed, so the new
  // generation is live; the previous one is still on disk.
  kStubRenamed,
  // generations::remove_all_but: about to remove the generation directory
  // `path` (the previous live one after a switch, or a half-built one).
  kRemovingGeneration,
};

// What a hook is told: the point, the database or shard index where that
// applies (else 0), and the path the point is about.
using Hook = void (*)(Point point, std::size_t index, std::string_view path);

// The installed hook, null unless a test installed one.
extern std::atomic<Hook> installed_hook;

// Installs `hook` (null removes it). For tests only.
void set_fault_hook(Hook hook);

// The name of `point` ("shard committing", ...), for test messages.
const char* name(Point point);

// Calls the installed hook, if any.
inline void reach(Point point, std::size_t index, std::string_view path) {
  if (Hook hook = installed_hook.load(std::memory_order_relaxed)) hook(point, index, path);
}

}  // namespace trove::fault

#endif  // TROVE_LIB_INDEX_FAULT_POINTS_H_
