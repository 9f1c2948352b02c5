// Fault injection: a writer is crashed at each named step of a commit and of
// a generation switch (lib/index/fault_points.h), and the index it leaves is
// checked exactly, as LevelDB's db/fault_injection_test.cc does.
//
// The writer runs in a forked child whose fault hook ends it with _exit() at
// the chosen point: no destructor runs, no lock is released by hand, so what
// the parent then finds on disk is what a crash there leaves. The parent
// asserts that the child really stopped at that point, that the index answers
// a fixed set of queries with exactly the old or exactly the new results
// (totals and id sets), which files the crash left behind, and that the next
// writer, in place or rebuilding, succeeds and removes those leftovers.
//
// The named points are trove's own steps. To reach the steps inside a Xapian
// commit and compaction too, this executable also interposes the C library's
// calls that make a change durable or remove a file (fsync, fdatasync,
// rename, unlink, unlinkat, rmdir, remove): Xapian and libstdc++ call them
// through the dynamic linker, which binds them to the definitions below. In a
// child armed for it, they crash before the n-th such step, for every n a
// clean run takes.
#include <dlfcn.h>
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "hash.h"
#include "index/fault_points.h"
#include "index/generations.h"
#include "test_util.h"
#include "trove/trove.h"

namespace fs = std::filesystem;

namespace trove {
namespace {

// Exit statuses of the child that runs the writer.
constexpr int kCrashed = 77;   // its fault point ended it
constexpr int kFinished = 78;  // it ran to the end without reaching the point
constexpr int kThrew = 79;     // the writer threw
constexpr int kHeld = 80;      // a held shard waited in vain for the crash

// Where the child crashes: at the `occurrence`-th time it reaches `point`
// (counting only database `index` when set). `remove_part` first removes half
// of the files of the generation being removed, as a crash in the middle of
// removing it would. `hold`: the thread committing that database waits at
// kShardCommitting, so another shard's crash finds it uncommitted.
struct Plan {
  fault::Point point;
  std::size_t occurrence = 1;
  std::optional<std::size_t> index;
  bool remove_part = false;
  std::optional<std::size_t> hold;

  Plan(fault::Point p, std::size_t n = 1) : point(p), occurrence(n) {}  // NOLINT: implicit
};

// A crash half-way through removing the first generation removed.
Plan partial_removal() {
  Plan plan(fault::Point::kRemovingGeneration);
  plan.remove_part = true;
  return plan;
}

// Set in the child only, before the hook is installed.
Plan plan_in_child(fault::Point::kShardCommitting);
std::atomic<std::size_t> reached{0};

std::size_t file_count(const fs::path& dir) {
  std::size_t count = 0;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) count += entry.is_regular_file();
  return count;
}

void remove_first_half(const fs::path& dir) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (entry.is_regular_file()) files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  for (std::size_t i = 0; i < (files.size() + 1) / 2; ++i) fs::remove(files[i]);
}

void crash_hook(fault::Point point, std::size_t index, std::string_view path) {
  const Plan& plan = plan_in_child;
  if (plan.hold && point == fault::Point::kShardCommitting && index == *plan.hold) {
    ::sleep(60);
    ::_exit(kHeld);
  }
  if (point != plan.point || (plan.index && index != *plan.index)) return;
  if (++reached < plan.occurrence) return;
  if (plan.remove_part) remove_first_half(fs::path(path));
  ::_exit(kCrashed);
}

// Runs `arm` and then `work` in a child process; returns how the child ended
// (kCrashed when a fault ended it).
int run_child(const std::function<void()>& arm, const std::function<void()>& work) {
  const pid_t pid = ::fork();
  if (pid == 0) {
    arm();
    try {
      work();
    } catch (...) {
      ::_exit(kThrew);
    }
    ::_exit(kFinished);
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
}

// Runs `work` in a child process that crashes as `plan` says.
int run_crashing(const Plan& plan, const std::function<void()>& work) {
  return run_child(
      [&] {
        plan_in_child = plan;
        fault::set_fault_hook(crash_hook);
      },
      work);
}

// File system steps (see the top of the file), counted in an armed child.
struct Steps {
  bool armed = false;
  std::atomic<long> taken{0};
  long crash_before = 0;  // crash instead of taking this step (1-based); 0: never
  int trace_fd = -1;      // where each step is written as a line, if >= 0
};
Steps steps_in_child;

std::string fd_path(int fd) {
  char target[4096];
  const std::string link = "/proc/self/fd/" + std::to_string(fd);
  const ssize_t n = ::readlink(link.c_str(), target, sizeof target);
  return n > 0 ? std::string(target, static_cast<std::size_t>(n)) : "fd " + std::to_string(fd);
}

// Called before each step; `describe` names it for the trace.
void take_step(const std::function<std::string()>& describe) {
  Steps& steps = steps_in_child;
  if (!steps.armed) return;
  const long n = ++steps.taken;
  if (n == steps.crash_before) ::_exit(kCrashed);
  if (steps.trace_fd >= 0) {
    const std::string line = describe() + "\n";
    // One write per line, O_APPEND: lines of parallel threads never mix.
    if (::write(steps.trace_fd, line.data(), line.size()) < 0) ::_exit(kThrew);
  }
}

// Runs `work` in a child that crashes before file system step `crash_before`
// (0: never), writing the steps it takes to `trace` if not empty.
int run_stepping(long crash_before, const std::string& trace, const std::function<void()>& work) {
  return run_child(
      [&] {
        Steps& steps = steps_in_child;
        steps.crash_before = crash_before;
        if (!trace.empty()) {
          steps.trace_fd = ::open(trace.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_APPEND, 0644);
          if (steps.trace_fd < 0) ::_exit(kThrew);
        }
        steps.armed = true;
      },
      work);
}

// The steps a clean run of `work` takes, each as "call path", relative to
// `dir`.
std::vector<std::string> trace_steps(const std::string& dir, const std::function<void()>& work) {
  const std::string trace = dir + ".trace";
  REQUIRE(run_stepping(0, trace, work) == kFinished);
  std::vector<std::string> lines;
  std::ifstream in(trace);
  for (std::string line; std::getline(in, line);) {
    for (std::size_t at; (at = line.find(dir + "/")) != std::string::npos;) {
      line.erase(at, dir.size() + 1);
    }
    lines.push_back(line);
  }
  fs::remove(trace);
  return lines;
}

template <typename Function>
Function real(const char* name) {
  return reinterpret_cast<Function>(::dlsym(RTLD_NEXT, name));
}

Record make_record(const std::string& id, const std::string& words, const std::string& country,
                   int year) {
  Record record;
  record.id = id;
  record.title = "Report " + id + " " + words;
  record.abstract = words + " told in record " + id;
  record.country = {country};
  record.year = year;
  return record;
}

const Record kExtra = make_record("extra", "gamma lagoon", "Norway", 1999);

// The old index: a0..a9 and s0..s5, about alpha.
std::vector<Record> old_records() {
  std::vector<Record> records;
  for (int i = 0; i < 10; ++i) {
    records.push_back(
        make_record("a" + std::to_string(i), "alpha harbour", i % 2 ? "Chad" : "Nepal", 2000 + i));
  }
  for (int i = 0; i < 6; ++i) {
    records.push_back(make_record("s" + std::to_string(i), "shared alpha river", "Peru", 2001 + i));
  }
  return records;
}

// The new index: b0..b11 and s0..s5 again, about beta.
std::vector<Record> new_records() {
  std::vector<Record> records;
  for (int i = 0; i < 12; ++i) {
    records.push_back(
        make_record("b" + std::to_string(i), "beta harbour", i % 3 ? "Peru" : "Nepal", 1995 + i));
  }
  for (int i = 0; i < 6; ++i) {
    records.push_back(make_record("s" + std::to_string(i), "shared beta river", "Chad", 2004 + i));
  }
  return records;
}

// One change of an in-place batch: add (or replace) `record`, or remove it.
struct Op {
  bool remove;
  Record record;
};

// 21 changes to the old index, each a real change: b0..b11 added, s0..s5
// replaced, a0..a2 removed, interleaved.
std::vector<Op> batch_ops() {
  const std::vector<Record> fresh = new_records();
  const std::vector<Record> old = old_records();
  std::vector<Op> ops;
  for (std::size_t i = 0; i < 12; ++i) {
    ops.push_back({false, fresh[i]});
    if (i < 6) ops.push_back({false, fresh[12 + i]});
    if (i < 3) ops.push_back({true, old[i]});
  }
  return ops;
}

void apply(IndexWriter& writer, const std::vector<Op>& ops) {
  for (const Op& op : ops) {
    if (op.remove) {
      writer.remove(op.record.id);
    } else {
      writer.add(op.record);
    }
  }
}

WriterOptions writer_options(std::size_t shards, bool rebuild, std::size_t batch = 2000) {
  WriterOptions options;
  options.shards = shards;
  options.rebuild = rebuild;
  options.batch_size = batch;
  return options;
}

void write_index(const std::string& db, const std::vector<Record>& records, std::size_t shards,
                 bool rebuild) {
  IndexWriter writer = IndexWriter::open(db, writer_options(shards, rebuild));
  writer.add_all(records);
  writer.finish();
}

void apply_in_place(const std::string& db, const std::vector<Op>& ops, std::size_t batch) {
  IndexWriter writer = IndexWriter::open(db, writer_options(0, false, batch));
  apply(writer, ops);
  writer.finish();
}

const std::vector<std::string> kQueries = {
    "",      "alpha",         "beta",         "harbour",         "\"shared beta\"",
    "river", "country:nepal", "country:chad", "year:2003..2006", "gamma"};

// The index's answer to each of kQueries: "query -> total: sorted ids".
std::vector<std::string> answers(const std::string& db) {
  Searcher searcher = Searcher::open(db);
  std::vector<std::string> out;
  for (const std::string& query : kQueries) {
    SearchRequest request;
    request.query = query;
    request.limit = 1000;
    request.snippets = false;
    const SearchResult result = searcher.search(request);
    std::vector<std::string> ids;
    for (const Hit& hit : result.hits) ids.push_back(hit.record.id);
    std::sort(ids.begin(), ids.end());
    std::string line = query + " -> " + std::to_string(result.total) + ":";
    for (const std::string& id : ids) line += " " + id;
    out.push_back(line);
  }
  return out;
}

// The answers of an index written cleanly, in one go, with `records` and
// then `ops`.
std::vector<std::string> reference(const std::vector<Record>& records, std::size_t shards,
                                   const std::vector<Op>& ops = {}) {
  test::TempDir dir;
  const std::string db = dir / "db";
  write_index(db, records, shards, false);
  apply_in_place(db, ops, 2000);
  return answers(db);
}

// The entries of the index directory.
std::set<std::string> listing(const std::string& db) {
  std::set<std::string> names;
  for (const auto& entry : fs::directory_iterator(db)) names.insert(entry.path().filename());
  return names;
}

// What a clean index directory holds: the stub, the lock file and the live
// generation, nothing else.
std::set<std::string> clean_listing(const std::string& db) {
  return {"XAPIANDB", "write.lock", generations::live(db).name};
}

// The entries a crash left besides those of a clean index.
std::set<std::string> leftovers(const std::string& db) {
  std::set<std::string> names = listing(db);
  for (const std::string& name : clean_listing(db)) names.erase(name);
  return names;
}

// The next writer after a crash: an in-place writer adding kExtra (on a copy
// of `db`) reaches `expected_with_extra` and removes the leftovers; a
// rebuild with new_records() reaches `rebuilt` and removes them too.
void check_recovery(const std::string& db, const std::vector<std::string>& expected_with_extra,
                    const std::vector<std::string>& rebuilt, std::size_t shards) {
  const std::string copy = db + "-copy";
  fs::copy(db, copy, fs::copy_options::recursive);
  {
    IndexWriter writer = IndexWriter::open(copy);
    writer.add(kExtra);
    writer.finish();
  }
  CHECK(answers(copy) == expected_with_extra);
  CHECK(listing(copy) == clean_listing(copy));

  write_index(db, new_records(), shards, true);
  CHECK(answers(db) == rebuilt);
  CHECK(listing(db) == clean_listing(db));
}

}  // namespace
}  // namespace trove

// The interposed C library calls (see the top of the file): each takes a step
// in an armed child, then does what the C library does.
extern "C" {

int fsync(int fd) {
  trove::take_step([&] { return "fsync " + trove::fd_path(fd); });
  static const auto call = trove::real<int (*)(int)>("fsync");
  return call(fd);
}

int fdatasync(int fd) {
  trove::take_step([&] { return "fdatasync " + trove::fd_path(fd); });
  static const auto call = trove::real<int (*)(int)>("fdatasync");
  return call(fd);
}

int rename(const char* from, const char* to) noexcept {
  trove::take_step([&] { return std::string("rename ") + from + " " + to; });
  static const auto call = trove::real<int (*)(const char*, const char*)>("rename");
  return call(from, to);
}

int unlink(const char* path) noexcept {
  trove::take_step([&] { return std::string("unlink ") + path; });
  static const auto call = trove::real<int (*)(const char*)>("unlink");
  return call(path);
}

int unlinkat(int dir_fd, const char* path, int flags) noexcept {
  trove::take_step([&] { return "unlinkat " + trove::fd_path(dir_fd) + "/" + path; });
  static const auto call = trove::real<int (*)(int, const char*, int)>("unlinkat");
  return call(dir_fd, path, flags);
}

int rmdir(const char* path) noexcept {
  trove::take_step([&] { return std::string("rmdir ") + path; });
  static const auto call = trove::real<int (*)(const char*)>("rmdir");
  return call(path);
}

int remove(const char* path) noexcept {
  trove::take_step([&] { return std::string("remove ") + path; });
  static const auto call = trove::real<int (*)(const char*)>("remove");
  return call(path);
}

}  // extern "C"

namespace trove {

TEST_CASE("fault injection at each step of a rebuild leaves exactly the old or the new index",
          "[fault]") {
  using P = fault::Point;
  struct Step {
    const char* name;
    Plan plan;
    bool switched;               // whether the new generation is live after the crash
    std::set<std::string> left;  // what the crash leaves besides a clean index
  };
  // Both the parts of a single shard (2) and two shards commit at finish().
  const std::vector<Step> steps = {
      {"a part committing", {P::kShardCommitting, 1}, false, {"gen-000002"}},
      {"every part committed", {P::kShardCommitted, 2}, false, {"gen-000002"}},
      {"generation written before the stub", {P::kSwitchBegin}, false, {"gen-000002"}},
      {"stub written not renamed", {P::kStubWritten}, false, {"gen-000002", "XAPIANDB.tmp"}},
      {"stub renamed before the old generation is removed",
       {P::kStubRenamed},
       true,
       {"gen-000001"}},
      {"old generation partly removed", partial_removal(), true, {"gen-000001"}},
  };
  for (std::size_t shards : {1, 2}) {
    const std::vector<std::string> old_answers = reference(old_records(), shards);
    const std::vector<std::string> new_answers = reference(new_records(), shards);
    REQUIRE(old_answers != new_answers);
    std::vector<Record> old_extra = old_records(), new_extra = new_records();
    old_extra.push_back(kExtra);
    new_extra.push_back(kExtra);
    const std::vector<std::string> old_extra_answers = reference(old_extra, shards);
    const std::vector<std::string> new_extra_answers = reference(new_extra, shards);
    for (const Step& step : steps) {
      INFO(shards << " shard(s); crash at " << step.name << " (" << fault::name(step.plan.point)
                  << ")");
      test::TempDir dir;
      const std::string db = dir / "db";
      write_index(db, old_records(), shards, false);
      const std::size_t old_files = file_count(fs::path(db) / "gen-000001");

      REQUIRE(run_crashing(step.plan, [&] { write_index(db, new_records(), shards, true); }) ==
              kCrashed);
      CHECK(answers(db) == (step.switched ? new_answers : old_answers));
      CHECK(generations::live(db).name == (step.switched ? "gen-000002" : "gen-000001"));
      CHECK(generations::live(db).shards == shards);
      CHECK(leftovers(db) == step.left);
      if (step.plan.point == P::kStubRenamed) {
        CHECK(file_count(fs::path(db) / "gen-000001") == old_files);
      }
      if (step.plan.remove_part) {
        const std::size_t left = file_count(fs::path(db) / "gen-000001");
        CHECK(left > 0);
        CHECK(left < old_files);
      }
      check_recovery(db, step.switched ? new_extra_answers : old_extra_answers, new_answers,
                     shards);
    }
  }
}

TEST_CASE("fault injection around each in-place batch commit leaves exactly the committed batches",
          "[fault]") {
  // Batches of 5 changes: commits after 5, 10, 15 and 20 changes, and
  // finish() commits the 21st.
  const std::vector<Op> ops = batch_ops();
  REQUIRE(ops.size() == 21);
  constexpr std::size_t kBatch = 5, kCommits = 5;
  auto done_after = [&](std::size_t commits) { return std::min(commits * kBatch, ops.size()); };
  std::map<std::size_t, std::vector<std::string>> expected;  // by changes committed
  std::set<std::vector<std::string>> distinct;
  for (std::size_t commits = 0; commits <= kCommits; ++commits) {
    const std::size_t done = done_after(commits);
    expected[done] = reference(old_records(), 1, {ops.begin(), ops.begin() + done});
    distinct.insert(expected[done]);
  }
  REQUIRE(distinct.size() == kCommits + 1);  // each batch changes the answers
  const std::vector<std::string>& final_answers = expected[ops.size()];
  for (std::size_t commit = 1; commit <= kCommits; ++commit) {
    for (fault::Point point : {fault::Point::kShardCommitting, fault::Point::kShardCommitted}) {
      const bool committed = point == fault::Point::kShardCommitted;
      INFO("crash at " << fault::name(point) << " of commit " << commit);
      const std::size_t done = done_after(committed ? commit : commit - 1);
      test::TempDir dir;
      const std::string db = dir / "db";
      write_index(db, old_records(), 1, false);

      REQUIRE(run_crashing({point, commit}, [&] { apply_in_place(db, ops, kBatch); }) == kCrashed);
      CHECK(answers(db) == expected[done]);
      CHECK(listing(db) == clean_listing(db));

      // Re-running the ingestion completes it.
      apply_in_place(db, ops, kBatch);
      CHECK(answers(db) == final_answers);
      CHECK(listing(db) == clean_listing(db));
    }
  }
  // The table above covers every commit: there is no sixth.
  test::TempDir dir;
  const std::string db = dir / "db";
  write_index(db, old_records(), 1, false);
  CHECK(run_crashing({fault::Point::kShardCommitting, kCommits + 1},
                     [&] { apply_in_place(db, ops, kBatch); }) == kFinished);
  CHECK(answers(db) == final_answers);
}

TEST_CASE("fault injection between the shard commits of a batch leaves each shard old or new",
          "[fault]") {
  // The shards of a batch commit one by one (IndexWriter::commit): a crash
  // between them leaves the batch in some shards only, each shard exactly
  // old or new, until the ingestion is run again.
  const std::vector<Op> ops = batch_ops();
  const std::vector<std::string> old_answers = reference(old_records(), 2);
  const std::vector<std::string> final_answers = reference(old_records(), 2, ops);
  for (std::size_t shard : {0, 1}) {
    INFO("shard " << shard << " committed and the other not");
    std::vector<Op> in_shard;
    for (const Op& op : ops) {
      if (fnv1a64(op.record.id) % 2 == shard) in_shard.push_back(op);
    }
    REQUIRE(!in_shard.empty());
    REQUIRE(in_shard.size() < ops.size());
    const std::vector<std::string> expected = reference(old_records(), 2, in_shard);
    test::TempDir dir;
    const std::string db = dir / "db";
    write_index(db, old_records(), 2, false);

    Plan plan(fault::Point::kShardCommitted);
    plan.index = shard;
    plan.hold = 1 - shard;
    REQUIRE(run_crashing(plan, [&] { apply_in_place(db, ops, 1000); }) == kCrashed);
    CHECK(answers(db) == expected);
    CHECK(answers(db) != old_answers);
    CHECK(answers(db) != final_answers);
    CHECK(listing(db) == clean_listing(db));

    apply_in_place(db, ops, 1000);
    CHECK(answers(db) == final_answers);
  }
}

TEST_CASE("fault injection while a rebuild removes a half-built generation keeps the old index",
          "[fault]") {
  test::TempDir dir;
  const std::string db = dir / "db";
  write_index(db, old_records(), 1, false);
  const std::vector<std::string> old_answers = answers(db);
  auto rebuild = [&] { write_index(db, new_records(), 1, true); };

  // A rebuild crashed before its switch leaves a complete, unnamed generation.
  REQUIRE(run_crashing({fault::Point::kSwitchBegin}, rebuild) == kCrashed);
  REQUIRE(leftovers(db) == std::set<std::string>{"gen-000002"});
  const std::size_t half_built_files = file_count(fs::path(db) / "gen-000002");

  // The next rebuild removes it first, and crashes half-way through.
  REQUIRE(run_crashing(partial_removal(), rebuild) == kCrashed);
  CHECK(answers(db) == old_answers);
  CHECK(generations::live(db).name == "gen-000001");
  CHECK(leftovers(db) == std::set<std::string>{"gen-000002"});
  const std::size_t left = file_count(fs::path(db) / "gen-000002");
  CHECK(left > 0);
  CHECK(left < half_built_files);

  std::vector<Record> old_extra = old_records();
  old_extra.push_back(kExtra);
  check_recovery(db, reference(old_extra, 1), reference(new_records(), 1), 1);
}

TEST_CASE("fault injection while an index is created leaves no index or an empty one", "[fault]") {
  using P = fault::Point;
  struct Step {
    const char* name;
    Plan plan;
    bool exists;  // whether the (empty) index is live after the crash
    std::set<std::string> entries;
  };
  const std::vector<Step> steps = {
      {"empty shard committed", {P::kShardCommitted}, false, {"gen-000001", "write.lock"}},
      {"generation written before the stub",
       {P::kSwitchBegin},
       false,
       {"gen-000001", "write.lock"}},
      {"stub written not renamed",
       {P::kStubWritten},
       false,
       {"gen-000001", "write.lock", "XAPIANDB.tmp"}},
      {"stub renamed", {P::kStubRenamed}, true, {"gen-000001", "write.lock", "XAPIANDB"}},
  };
  const std::vector<std::string> extra_answers = reference({kExtra}, 1);
  for (const Step& step : steps) {
    INFO("crash at " << step.name);
    test::TempDir dir;
    const std::string db = dir / "db";
    REQUIRE(run_crashing(step.plan, [&] { IndexWriter::open(db).add(kExtra); }) == kCrashed);
    CHECK(listing(db) == step.entries);
    if (step.exists) {
      CHECK(Searcher::open(db).document_count() == 0);
    } else {
      CHECK_THROWS_AS(Searcher::open(db), IndexError);
    }
    {
      IndexWriter writer = IndexWriter::open(db);
      writer.add(kExtra);
      writer.finish();
    }
    CHECK(answers(db) == extra_answers);
    CHECK(listing(db) == clean_listing(db));
  }
}

TEST_CASE("a writer cleaning up after a fault keeps what is not a generation", "[fault]") {
  // Every writer removes the generations nothing names (crash leftovers),
  // but only those trove made: "gen-" and digits, with the trove-generation
  // marker (or empty, as a crash before the marker leaves one). An unmarked
  // gen-000007 was removed before generations were marked; now it is kept
  // (it may be someone's: "only directories trove made are ever removed",
  // README, issue 14.8), and the new generation is numbered after it. A directory of
  // other files needs allow_non_empty to receive an index at all.
  test::TempDir dir;
  const std::string db = dir / "db";
  dir.write("db/gen-notes/keep.txt", "mine");
  dir.write("db/gen-12a", "mine too");
  dir.write("db/gen-000007/shard-0/postlist.glass", "not trove's: no marker");
  dir.write("db/gen-000009/shard-0/postlist.glass", "a half-built generation");
  dir.write("db/gen-000009/trove-generation", "trove's");
  fs::create_directories(fs::path(db) / "gen-000011");  // a crash before its marker
  WriterOptions options;
  options.allow_non_empty = true;
  IndexWriter writer = IndexWriter::open(db, options);
  writer.add_all(old_records());
  writer.finish();
  CHECK(listing(db) == std::set<std::string>{"XAPIANDB", "write.lock", "gen-000008", "gen-notes",
                                             "gen-12a", "gen-000007"});
  CHECK(answers(db) == reference(old_records(), 1));
}

TEST_CASE("fault injection before each file system step of a rebuild leaves the old or new index",
          "[fault]") {
  // Every step: Xapian writing and committing the parts, compacting them
  // into the shard, removing the parts, the stub's sync and rename, and the
  // removal of the old generation file by file. Only the stub's rename
  // switches.
  test::TempDir dir;
  const std::string original = dir / "original";
  write_index(original, old_records(), 1, false);
  const std::vector<std::string> old_answers = answers(original);
  const std::vector<std::string> new_answers = reference(new_records(), 1);
  std::vector<Record> old_extra = old_records(), new_extra = new_records();
  old_extra.push_back(kExtra);
  new_extra.push_back(kExtra);
  const std::vector<std::string> old_extra_answers = reference(old_extra, 1);
  const std::vector<std::string> new_extra_answers = reference(new_extra, 1);
  const std::string db = dir / "db";
  auto fresh_copy = [&] {
    fs::remove_all(db);
    fs::remove_all(db + "-copy");
    fs::copy(original, db, fs::copy_options::recursive);
  };
  auto rebuild = [&] { write_index(db, new_records(), 1, true); };

  fresh_copy();
  const std::vector<std::string> trace = trace_steps(db, rebuild);
  const auto switch_step =
      std::find(trace.begin(), trace.end(), "rename XAPIANDB.tmp XAPIANDB") - trace.begin() + 1;
  REQUIRE(switch_step <= static_cast<long>(trace.size()));
  CHECK(trace.size() > 40);  // Xapian's steps are counted, not only trove's
  for (long step = 1; step <= static_cast<long>(trace.size()); ++step) {
    INFO("crash before step " << step << " of " << trace.size() << ": " << trace[step - 1]);
    fresh_copy();
    REQUIRE(run_stepping(step, "", rebuild) == kCrashed);
    const bool switched = step > switch_step;
    CHECK(answers(db) == (switched ? new_answers : old_answers));
    CHECK(generations::live(db).name == (switched ? "gen-000002" : "gen-000001"));
    for (const std::string& name : leftovers(db)) {
      CHECK((name == "XAPIANDB.tmp" || name == (switched ? "gen-000001" : "gen-000002")));
    }
    check_recovery(db, switched ? new_extra_answers : old_extra_answers, new_answers, 1);
  }
  fresh_copy();
  CHECK(run_stepping(static_cast<long>(trace.size()) + 1, "", rebuild) == kFinished);
  CHECK(answers(db) == new_answers);
}

TEST_CASE("fault injection before each file system step of in-place commits leaves whole batches",
          "[fault]") {
  // A batch is committed when Xapian renames its new version file over the
  // old (iamglass): before that the shard answers as before the batch.
  const std::vector<Op> ops = batch_ops();
  constexpr std::size_t kBatch = 5;
  test::TempDir dir;
  const std::string original = dir / "original";
  write_index(original, old_records(), 1, false);
  const std::string db = dir / "db";
  auto fresh_copy = [&] {
    fs::remove_all(db);
    fs::copy(original, db, fs::copy_options::recursive);
  };
  auto ingest = [&] { apply_in_place(db, ops, kBatch); };
  auto is_commit = [](const std::string& step) {
    return step.rfind("rename ", 0) == 0 && step.size() > 9 &&
           step.compare(step.size() - 9, 9, "/iamglass") == 0;
  };
  std::map<std::size_t, std::vector<std::string>> expected;  // by batches committed
  for (std::size_t batches = 0; batches <= 5; ++batches) {
    const std::size_t done = std::min(batches * kBatch, ops.size());
    expected[batches] = reference(old_records(), 1, {ops.begin(), ops.begin() + done});
  }

  fresh_copy();
  const std::vector<std::string> trace = trace_steps(db, ingest);
  REQUIRE(std::count_if(trace.begin(), trace.end(), is_commit) == 5);
  for (long step = 1; step <= static_cast<long>(trace.size()); ++step) {
    INFO("crash before step " << step << " of " << trace.size() << ": " << trace[step - 1]);
    const std::size_t batches =
        static_cast<std::size_t>(std::count_if(trace.begin(), trace.begin() + step - 1, is_commit));
    fresh_copy();
    REQUIRE(run_stepping(step, "", ingest) == kCrashed);
    CHECK(answers(db) == expected[batches]);
    CHECK(listing(db) == clean_listing(db));
    apply_in_place(db, ops, kBatch);  // re-running the ingestion completes it
    CHECK(answers(db) == expected[5]);
  }
}

}  // namespace trove
