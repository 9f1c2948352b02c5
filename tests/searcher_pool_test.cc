// SearcherPool: threads sharing one copy of the facet columns per state of
// the index, answering exactly as a lone Searcher, and each search seeing
// one whole state while commits and rebuilds run. Its own executable, so
// that a ThreadSanitizer build needs only the library and this file
// (README, "Searching from many threads").
#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <exception>
#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "test_util.h"
#include "trove/trove.h"

namespace Catch {
template <>
struct StringMaker<trove::Completion> {
  static std::string convert(const trove::Completion& c) {
    return "{\"" + c.text + "\", \"" + c.field + "\", " + std::to_string(c.count) + "}";
  }
};
}  // namespace Catch

namespace trove {
namespace {

// Catch2's assertions are not thread-safe: threads collect what went wrong
// here and the test checks it once they are joined.
class Problems {
 public:
  void add(const std::string& what) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (list_.size() < 10) list_.push_back(what);
    ++count_;
  }
  std::vector<std::string> list() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return list_;
  }
  std::size_t count() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return count_;
  }

 private:
  mutable std::mutex mutex_;
  std::vector<std::string> list_;
  std::size_t count_ = 0;
};

// The states (commit or generation numbers) the threads' searches saw.
class Seen {
 public:
  void add(int state) {
    std::lock_guard<std::mutex> lock(mutex_);
    states_.insert(state);
  }
  std::size_t size() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return states_.size();
  }

 private:
  mutable std::mutex mutex_;
  std::set<int> states_;
};

// Runs `body(thread)` on `threads` threads; an exception is a problem.
template <typename F>
void run_threads(int threads, Problems& problems, F body) {
  std::vector<std::thread> running;
  for (int t = 0; t < threads; ++t) {
    running.emplace_back([&, t] {
      try {
        body(t);
      } catch (const std::exception& e) {
        problems.add("thread " + std::to_string(t) + " threw: " + e.what());
      }
    });
  }
  for (std::thread& thread : running) thread.join();
}

Record record(const std::string& id, int year, const std::string& country) {
  Record r;
  r.id = id;
  r.title = "Harbour inspection " + id;
  r.abstract = "Inspections of harbour workers and their recruitment.";
  r.country = {country};
  r.year = year;
  return r;
}

// Counts as SearchResult::facets orders them: by count, then value.
std::vector<FacetCount> ordered(const std::map<std::string, std::size_t>& counts) {
  std::vector<FacetCount> out;
  for (const auto& [value, count] : counts) out.push_back({value, count});
  std::stable_sort(out.begin(), out.end(),
                   [](const FacetCount& a, const FacetCount& b) { return a.count > b.count; });
  return out;
}

SearchRequest harbour_request() {
  SearchRequest request;
  request.query = "harbour";
  request.facets = {"country", "year"};
  request.limit = 5;
  request.snippets = false;
  return request;
}

std::vector<std::string> ids(const SearchResult& result) {
  std::vector<std::string> out;
  for (const Hit& hit : result.hits) out.push_back(hit.record.id);
  return out;
}

// --- commits --------------------------------------------------------------

constexpr int kBase = 20;     // records before the commits: year 1990, Baseland
constexpr int kBatch = 10;    // records per commit: batch k has year 2001 + k, Batchland
constexpr int kCommits = 12;

// The commit (0: none yet) whose state `result` is exactly, if any.
std::optional<int> commit_of(const SearchResult& result) {
  if (result.total < kBase || (result.total - kBase) % kBatch != 0) return std::nullopt;
  const int k = static_cast<int>((result.total - kBase) / kBatch);
  if (k > kCommits) return std::nullopt;
  std::map<std::string, std::size_t> years = {{"1990", kBase}};
  std::map<std::string, std::size_t> countries = {{"Baseland", kBase}};
  for (int j = 0; j < k; ++j) years[std::to_string(2001 + j)] = kBatch;
  if (k > 0) countries["Batchland"] = static_cast<std::size_t>(k * kBatch);
  if (result.facets.at("year") != ordered(years)) return std::nullopt;
  if (result.facets.at("country") != ordered(countries)) return std::nullopt;
  if (result.hits.size() != 5) return std::nullopt;
  for (const Hit& hit : result.hits) {
    if (*hit.record.year != 1990 && *hit.record.year > 2000 + k) return std::nullopt;
  }
  return k;
}

// --- rebuilds -------------------------------------------------------------

constexpr int kRebuilds = 3;

// Generation g (0: the first, then one per rebuild): 10 + 5g records, all
// of year 1990 + g and country "Gen g".
std::vector<Record> generation_records(int g) {
  std::vector<Record> out;
  for (int i = 0; i < 10 + 5 * g; ++i) {
    out.push_back(record("g" + std::to_string(g) + "-" + std::to_string(i), 1990 + g,
                         "Gen " + std::to_string(g)));
  }
  return out;
}

void write_generation(const std::string& db, int g) {
  WriterOptions options;
  options.rebuild = g > 0;
  IndexWriter writer = IndexWriter::open(db, options);
  for (const Record& r : generation_records(g)) writer.add(r);
  writer.finish();
}

// The generation whose records `result` is exactly, if any.
std::optional<int> generation_of(const SearchResult& result) {
  if (result.total < 10 || (result.total - 10) % 5 != 0) return std::nullopt;
  const int g = static_cast<int>((result.total - 10) / 5);
  const std::string year = std::to_string(1990 + g);
  if (result.facets.at("year") != std::vector<FacetCount>{{year, result.total}}) return std::nullopt;
  if (result.facets.at("country") != std::vector<FacetCount>{{"Gen " + std::to_string(g), result.total}})
    return std::nullopt;
  for (const Hit& hit : result.hits) {
    if (*hit.record.year != 1990 + g) return std::nullopt;
  }
  return g;
}

// File descriptors of this process open on a file under `dir`.
int open_files_under(const std::string& dir) {
  int n = 0;
  for (const auto& entry : std::filesystem::directory_iterator("/proc/self/fd")) {
    std::error_code ec;
    const std::string target = std::filesystem::read_symlink(entry.path(), ec).string();
    if (!ec && target.rfind(dir + "/", 0) == 0) ++n;
  }
  return n;
}

}  // namespace

TEST_CASE("pool: threads get the lone Searcher's answers from one copy of the columns",
          "[pool]") {
  test::TempDir dir;
  const std::string db = dir / "index";
  {
    IndexWriter writer = IndexWriter::open(db);
    ingest(writer, {test::sample_path(), test::generate_corpus(dir, "g.jsonl", 60)},
           Format::kAuto, {});
    writer.finish();
  }
  std::vector<SearchRequest> requests(3);
  requests[0].query = "labour migration";
  requests[1].query = "referral";
  requests[1].filters = {{"country", "Lebanon"}};
  requests[2].filters = {{"year", "1995..2005"}};
  for (SearchRequest& r : requests) r.facets = facet_fields();
  std::vector<SearchResult> expected;
  {
    Searcher alone = Searcher::open(db);
    for (const SearchRequest& r : requests) expected.push_back(alone.search(r));
  }
  REQUIRE(expected[0].total == 66);
  REQUIRE(expected[1].total == 20);
  REQUIRE(expected[2].total == 22);

  SearcherPool pool = SearcherPool::open(db);
  Problems problems;
  run_threads(4, problems, [&](int t) {
    for (int round = 0; round < 25; ++round) {
      const std::size_t i = static_cast<std::size_t>(round + t) % requests.size();
      SearcherPool::Lease searcher = pool.acquire();
      const SearchResult got = searcher->search(requests[i]);
      if (got.total != expected[i].total || got.facets != expected[i].facets ||
          ids(got) != ids(expected[i])) {
        problems.add("thread " + std::to_string(t) + " request " + std::to_string(i));
      }
    }
  });
  CAPTURE(problems.list());
  CHECK(problems.count() == 0);
  SearcherPoolStats stats = pool.stats();
  CHECK(stats.column_loads == 5);  // the five facets once, not once per thread
  CHECK(stats.states == 1);
  CHECK(stats.searchers >= 1);
  CHECK(stats.searchers <= 4);
  CHECK(stats.idle == stats.searchers);

  // A commit is a new state: its columns are loaded once more, the old
  // state's are freed (no call is using them).
  {
    IndexWriter writer = IndexWriter::open(db);
    writer.add(record("extra", 2001, "Baseland"));
    writer.finish();
  }
  for (int i = 0; i < 3; ++i) {
    CHECK(pool.acquire()->search(requests[2]).total == 23);
  }
  CHECK(pool.acquire()->search(requests[0]).total == 66);
  stats = pool.stats();
  CHECK(stats.column_loads == 10);
  CHECK(stats.states == 1);
}

// Completion's short prefixes are computed once per state for the whole
// pool (search/completion_cache.h), from any thread, and again after a
// commit; longer ones every time.
TEST_CASE("pool: threads share the answers of short completion prefixes", "[pool]") {
  test::TempDir dir;
  const std::string db = dir / "index";
  {
    IndexWriter writer = IndexWriter::open(db);
    for (int i = 0; i < 12; ++i) writer.add(record("h" + std::to_string(i), 2000, "Baseland"));
    writer.finish();
  }
  SearcherPool pool = SearcherPool::open(db);
  {
    SearcherPool::Lease a = pool.acquire();
    SearcherPool::Lease b = pool.acquire();  // a second Searcher
    REQUIRE(pool.stats().searchers == 2);
    CHECK(a->complete("h", "word", 1) == std::vector<Completion>{{"Harbour", "word", 12}});
    CHECK(pool.stats().completions_computed == 1);
    CHECK(b->complete("H", "word", 1) == std::vector<Completion>{{"Harbour", "word", 12}});
    CHECK(pool.stats().completions_computed == 1);  // b used a's answer
    CHECK(b->complete("har", "word").size() == 1);
    CHECK(a->complete("har", "word").size() == 1);
    CHECK(pool.stats().completions_computed == 3);  // 3 letters: not kept
  }
  Problems problems;
  run_threads(4, problems, [&](int t) {
    for (int round = 0; round < 50; ++round) {
      const std::vector<Completion> got = pool.acquire()->complete("b", "country");
      if (got != std::vector<Completion>{{"Baseland", "country", 12}}) {
        problems.add("thread " + std::to_string(t) + " round " + std::to_string(round));
      }
    }
  });
  CAPTURE(problems.list());
  CHECK(problems.count() == 0);
  const std::size_t computed = pool.stats().completions_computed;
  CHECK(computed >= 4);
  CHECK(computed <= 7);  // "b" at most once per thread, if all four asked at once

  {
    IndexWriter writer = IndexWriter::open(db);
    writer.add(record("extra", 2001, "Bayland"));
    writer.finish();
  }
  CHECK(pool.acquire()->complete("b", "country") ==
        std::vector<Completion>{{"Baseland", "country", 12}, {"Bayland", "country", 1}});
  CHECK(pool.acquire()->complete("h", "word", 1) ==
        std::vector<Completion>{{"Harbour", "word", 13}});
  CHECK(pool.stats().completions_computed == computed + 2);
}

TEST_CASE("pool: searches during commits each see one whole commit", "[pool]") {
  test::TempDir dir;
  const std::string db = dir / "index";
  {
    IndexWriter writer = IndexWriter::open(db);
    for (int i = 0; i < kBase; ++i) writer.add(record("base-" + std::to_string(i), 1990, "Baseland"));
    writer.finish();
  }
  SearcherPool pool = SearcherPool::open(db);
  std::atomic<bool> written{false};
  std::atomic<std::size_t> searches{0};
  Problems problems;
  Seen seen;
  std::thread writer_thread([&] {
    try {
      IndexWriter writer = IndexWriter::open(db);
      for (int k = 0; k < kCommits; ++k) {
        for (int i = 0; i < kBatch; ++i) {
          writer.add(record("b" + std::to_string(k) + "-" + std::to_string(i), 2001 + k, "Batchland"));
        }
        writer.commit();
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
      }
      writer.finish();
    } catch (const std::exception& e) {
      problems.add(std::string("writer threw: ") + e.what());
    }
    written = true;
  });
  run_threads(3, problems, [&](int t) {
    int last = 0;
    // Until the writer is done, then once more: that search sees the last commit.
    for (bool done = false; !done;) {
      done = written;
      const SearchResult result = pool.acquire()->search(harbour_request());
      ++searches;
      const std::optional<int> k = commit_of(result);
      if (k) seen.add(*k);
      if (!k || *k < last) {
        problems.add("thread " + std::to_string(t) + ": total " + std::to_string(result.total) +
                     (k ? " went back from commit " + std::to_string(last) : " is no commit's"));
      } else {
        last = *k;
      }
      if (done && last != kCommits) problems.add("the last search missed the last commit");
    }
  });
  writer_thread.join();
  CAPTURE(problems.list());
  CHECK(problems.count() == 0);
  // The searches overlapped the commits: they saw the first, the last and
  // some between.
  CHECK(seen.size() >= 3);
  CHECK(searches >= 3);
  const SearcherPoolStats stats = pool.stats();
  CHECK(stats.states == 1);
  CHECK(stats.idle == stats.searchers);
}

TEST_CASE("pool: searches during rebuilds each see one whole generation", "[pool]") {
  test::TempDir dir;
  const std::string db = dir / "index";
  write_generation(db, 0);
  SearcherPool pool = SearcherPool::open(db);
  std::atomic<bool> written{false};
  Problems problems;
  Seen seen;
  std::thread writer_thread([&] {
    try {
      for (int g = 1; g <= kRebuilds; ++g) {
        write_generation(db, g);
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
      }
    } catch (const std::exception& e) {
      problems.add(std::string("rebuild threw: ") + e.what());
    }
    written = true;
  });
  std::atomic<std::size_t> searches{0};
  run_threads(3, problems, [&](int t) {
    int last = 0;
    for (bool done = false; !done;) {
      done = written;
      SearchRequest request = harbour_request();
      request.limit = 100;
      const SearchResult result = pool.acquire()->search(request);
      ++searches;
      const std::optional<int> g = generation_of(result);
      if (g) seen.add(*g);
      if (!g || *g < last) {
        problems.add("thread " + std::to_string(t) + ": total " + std::to_string(result.total) +
                     (g ? " went back from generation " + std::to_string(last) : " is no generation's"));
      } else {
        last = *g;
      }
      if (done && last != kRebuilds) problems.add("the last search missed the last rebuild");
    }
  });
  writer_thread.join();
  CAPTURE(problems.list());
  CHECK(problems.count() == 0);
  CHECK(seen.size() >= 3);  // the first, the last and one between at least
  CHECK(searches >= 3);
  const SearcherPoolStats stats = pool.stats();
  CHECK(stats.states == 1);
  CHECK(stats.idle == stats.searchers);
}

TEST_CASE("pool: the old generation is let go when its last Searcher is given back", "[pool]") {
  test::TempDir dir;
  const std::string db = dir / "index";
  write_generation(db, 0);
  SearcherPool pool = SearcherPool::open(db);
  SearchRequest request = harbour_request();
  request.facets = {"country"};
  std::optional<SearcherPool::Lease> a(pool.acquire());
  CHECK((*a)->search(request).total == 10);
  {
    SearcherPool::Lease b = pool.acquire();  // a second Searcher, left idle
    CHECK(b->search(request).total == 10);
  }
  CHECK(pool.stats().searchers == 2);
  CHECK(pool.stats().idle == 1);
  const std::string old_generation = db + "/gen-000001";
  REQUIRE(open_files_under(old_generation) > 0);

  write_generation(db, 1);
  REQUIRE_FALSE(std::filesystem::exists(old_generation));  // removed; still open
  SearcherPool::Lease c = pool.acquire();  // closes the idle Searcher of the old generation
  CHECK(pool.stats().searchers == 2);
  CHECK(pool.stats().idle == 0);
  CHECK(c->search(request).total == 15);
  SearcherPoolStats stats = pool.stats();
  CHECK(stats.column_loads == 2);  // "country" of each generation
  CHECK(stats.states == 1);        // no call uses the old one's any more
  CHECK(open_files_under(old_generation) > 0);  // `a` is still lent

  a.reset();  // given back: on the old generation, so closed
  CHECK(open_files_under(old_generation) == 0);
  stats = pool.stats();
  CHECK(stats.searchers == 1);
  CHECK(stats.idle == 0);
}

TEST_CASE("pool: opening fails as Searcher::open does", "[pool]") {
  test::TempDir dir;
  const std::string missing = dir / "none";
  std::string expected;
  try {
    Searcher::open(missing);
  } catch (const IndexNotFoundError& e) {
    expected = e.what();
  }
  REQUIRE(expected == "cannot open index '" + missing +
                          "': no such directory; create it with trove-index");
  CHECK_THROWS_MATCHES(SearcherPool::open(missing), IndexNotFoundError,
                       Catch::Matchers::Message(expected));
  SearcherOptions bad;
  bad.bm25_b = 2;
  write_generation(dir / "index", 0);
  CHECK_THROWS_WITH(SearcherPool::open(dir / "index", bad),
                    "BM25 parameters out of range: k1 must be finite and >= 0, b within 0..1");
}

TEST_CASE("pool: a Lease may outlive its pool and moves hand it over", "[pool]") {
  test::TempDir dir;
  const std::string db = dir / "index";
  write_generation(db, 0);
  std::optional<SearcherPool> pool(SearcherPool::open(db));
  SearcherPool::Lease first = pool->acquire();
  SearcherPool::Lease second = pool->acquire();
  CHECK(pool->stats().searchers == 2);
  CHECK(pool->stats().idle == 0);
  second = std::move(first);  // gives back the second's Searcher
  CHECK(pool->stats().idle == 1);
  SearcherPool::Lease third(std::move(second));
  CHECK(pool->stats().idle == 1);
  pool.reset();
  CHECK(third->search(harbour_request()).total == 10);
}

}  // namespace trove
