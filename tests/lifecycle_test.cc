// Index lifecycle under stress: searching while a writer commits and while
// rebuilds switch generations, and trove-index killed mid-ingestion.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <set>
#include <thread>

#include "test_util.h"
#include "trove/trove.h"

namespace trove {
namespace {

std::string generate(const test::TempDir& dir, const std::string& name, std::size_t n) {
  return test::generate_corpus(dir, name, n);
}

std::size_t total(Searcher& searcher, const std::string& query = "") {
  SearchRequest request;
  request.query = query;
  request.limit = 0;
  return searcher.search(request).total;
}

void index_file(const std::string& db, const std::string& file, bool rebuild,
                std::size_t batch = 2000) {
  WriterOptions options;
  options.rebuild = rebuild;
  options.batch_size = batch;
  IndexWriter writer = IndexWriter::open(db, options);
  ingest(writer, {file}, Format::kAuto, {});
  writer.finish();
}

}  // namespace

TEST_CASE("searchers see only complete generations while rebuilds switch", "[lifecycle]") {
  test::TempDir dir;
  const std::string db = dir / "db";
  const std::string small = generate(dir, "small.jsonl", 30);
  const std::string large = generate(dir, "large.jsonl", 200);
  index_file(db, small, false);

  std::atomic<bool> done{false};
  std::atomic<std::size_t> queries{0}, errors{0}, torn{0};
  std::mutex mutex;
  std::string first_error;
  std::vector<std::thread> readers;
  for (int t = 0; t < 2; ++t) {
    readers.emplace_back([&] {
      Searcher searcher = Searcher::open(db);
      while (!done) {
        try {
          const std::size_t n = total(searcher);
          const std::size_t labour = total(searcher, "labour");
          if ((n != 30 && n != 200) || labour == 0) ++torn;
          ++queries;
        } catch (const Error& e) {
          std::lock_guard<std::mutex> lock(mutex);  // Catch2 is not thread-safe
          if (errors++ == 0) first_error = e.what();
        }
      }
    });
  }
  for (int i = 0; i < 6; ++i) index_file(db, i % 2 ? small : large, true);
  done = true;
  for (std::thread& t : readers) t.join();
  INFO("first error: " << first_error);
  CHECK(errors == 0);
  CHECK(torn == 0);
  CHECK(queries > 0);
  Searcher searcher = Searcher::open(db);
  CHECK(total(searcher) == 30);
}

TEST_CASE("searchers see only whole batches while a writer commits", "[lifecycle]") {
  test::TempDir dir;
  const std::string db = dir / "db";
  index_file(db, generate(dir, "first.jsonl", 10), false);
  const std::string more = generate(dir, "more.jsonl", 1010);  // r0..r9 again, then 1000 new

  std::atomic<bool> done{false};
  std::atomic<std::size_t> errors{0}, partial{0}, backwards{0};
  std::thread reader([&] {
    Searcher searcher = Searcher::open(db);
    std::size_t last = 0;
    while (!done) {
      try {
        const std::size_t n = total(searcher);
        // Commits come every 100 changes: r0..r9 are read again unchanged
        // (only their source file differs), so totals are 10, 110, ..., 1010.
        if (n % 100 != 10) ++partial;
        if (n < last) ++backwards;
        last = n;
      } catch (const Error&) {
        ++errors;
      }
    }
  });
  index_file(db, more, false, 100);
  done = true;
  reader.join();
  CHECK(errors == 0);
  CHECK(partial == 0);
  CHECK(backwards == 0);
}

namespace {

// Starts trove-index on `file` into `db`, with commits every `batch` records.
pid_t start_indexing(const std::string& db, const std::string& file, std::size_t batch) {
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::execl(TROVE_INDEX_BIN, TROVE_INDEX_BIN, "--db", db.c_str(), "--batch-size",
            std::to_string(batch).c_str(), file.c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  return pid;
}

// Waits until the records in `db` are more than `before` (the running
// indexer committed a batch) or the indexer `pid` ends; returns whether it
// is still running (if not, `status` is its wait status).
bool await_commit(const std::string& db, std::size_t before, pid_t pid, int& status) {
  for (;;) {
    if (::waitpid(pid, &status, WNOHANG) == pid) return false;
    Searcher searcher = Searcher::open(db);
    if (total(searcher) > before) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
}

// Makes `db` a fresh index holding one record unrelated to the corpus.
void seed_index(const test::TempDir& dir, const std::string& db) {
  std::error_code ec;
  std::filesystem::remove_all(db, ec);
  index_file(db,
             dir.write("seed.jsonl",
                       "{\"id\": \"seed\", \"title\": \"Seed\", "
                       "\"abstract\": \"placeholder\"}\n"),
             false);
}

}  // namespace

TEST_CASE("trove-index killed mid-ingestion leaves a consistent index that converges",
          "[lifecycle]") {
  test::TempDir dir;
  const std::string db = dir / "db";
  const std::size_t kRecords = 6000, kBatch = 500;
  const std::string file = generate(dir, "big.jsonl", kRecords);
  const std::vector<std::string> queries = {"labour", "\"forced marriage\"", "country:nepal",
                                            "year:2000..2005 referral", "title:court"};

  // The clean run: the counts every interrupted run must converge to.
  test::TempDir clean_dir;
  const std::string clean = clean_dir / "db";
  index_file(clean, file, false, kBatch);
  Searcher clean_searcher = Searcher::open(clean);
  std::vector<std::size_t> expected;
  for (const std::string& q : queries) expected.push_back(total(clean_searcher, q));
  REQUIRE(total(clean_searcher) == kRecords);

  // The index exists before any kill, holding one unrelated record. Each run
  // is killed only once it has committed a batch of its own (not by the
  // clock), then after a further pause that varies where in the next batch
  // the kill lands. A kill counts only if it landed mid-ingestion: the
  // process was still running, and the records it left are more than before
  // the run and fewer than all. A run that ended first (a fast machine) is
  // retried on a fresh index, a bounded number of times.
  const int pauses_ms[] = {0, 15, 40, 80};
  const std::size_t kKills = 4;
  std::size_t landed = 0, attempts = 0, before = 1;
  seed_index(dir, db);
  while (landed < kKills && attempts < 3 * kKills) {
    ++attempts;
    const pid_t pid = start_indexing(db, file, kBatch);
    REQUIRE(pid > 0);
    int status = 0;
    bool running = await_commit(db, before, pid, status);
    if (running) std::this_thread::sleep_for(std::chrono::milliseconds(pauses_ms[landed]));
    running = running && ::waitpid(pid, &status, WNOHANG) == 0;
    if (running) {
      ::kill(pid, SIGKILL);
      ::waitpid(pid, &status, 0);
    }
    const bool killed = running && WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;

    Searcher searcher = Searcher::open(db);
    const std::size_t n = total(searcher);
    INFO("attempt " << attempts << ": " << (killed ? "killed" : "ended by itself") << " with " << n
                    << " records (" << before << " before)");
    // Every committed batch is complete: the count moves in whole batches.
    CHECK((n - 1) % kBatch == 0);
    if (killed && n > before && n < kRecords + 1) {
      ++landed;
      before = n;
    } else {
      WARN("the kill did not land mid-ingestion; retrying on a fresh index");
      before = 1;
      seed_index(dir, db);
    }
  }
  REQUIRE(landed == kKills);
  index_file(db, file, false, kBatch);  // re-running the ingestion converges
  Searcher searcher = Searcher::open(db);
  CHECK(total(searcher) == kRecords + 1);
  for (std::size_t i = 0; i < queries.size(); ++i) {
    INFO(queries[i]);
    CHECK(total(searcher, queries[i]) == expected[i]);
  }
}

}  // namespace trove
