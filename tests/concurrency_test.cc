// The documented way to search from several threads, one Searcher per
// thread, gives every thread exactly the single-threaded answers.
#include <catch2/catch.hpp>

#include <atomic>
#include <cstddef>
#include <exception>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "test_util.h"
#include "trove/trove.h"

namespace trove {
namespace {

constexpr int kThreads = 4;
constexpr int kRounds = 200;

// What must not differ between threads: everything a search returns.
struct Answer {
  std::size_t total = 0;
  std::vector<std::string> ids;  // hits in rank order
  std::vector<std::string> snippets;
  std::map<std::string, std::vector<FacetCount>> facets;
  std::string error;  // what() of a QueryError, if the request throws one

  bool operator==(const Answer& o) const {
    return total == o.total && ids == o.ids && snippets == o.snippets && facets == o.facets &&
           error == o.error;
  }
};

std::vector<SearchRequest> requests() {
  std::vector<SearchRequest> out;
  auto add = [&out](std::string query, std::vector<Filter> filters = {},
                    SortOrder sort = SortOrder::kRelevance) {
    SearchRequest r;
    r.query = std::move(query);
    r.filters = std::move(filters);
    r.sort = sort;
    r.facets = {"country", "region", "year", "topic", "category"};
    r.limit = 20;
    out.push_back(std::move(r));
  };
  add("referral");
  add("trafficking victims");
  add("\"national referral mechanism\"");
  add("title:trafficking -lebanon");
  add("marketa");
  add("", {{"region", "Worldwide"}});
  add("trafficking", {{"year", "2010..2015"}}, SortOrder::kYear);
  add("referral region:\"Middle East\"");
  add("title:(referral");  // forgiving: repaired, with notes
  add("title:(referral");  // strict: a QueryError, thrown concurrently too
  out.back().strict = true;
  return out;
}

Answer run(Searcher& searcher, const SearchRequest& request) {
  Answer a;
  try {
    const SearchResult result = searcher.search(request);
    a.total = result.total;
    for (const Hit& hit : result.hits) {
      a.ids.push_back(hit.record.id);
      a.snippets.push_back(hit.snippet);
    }
    a.facets = result.facets;
  } catch (const QueryError& e) {
    a.error = e.what();
  }
  return a;
}

}  // namespace

TEST_CASE("concurrency: one Searcher per thread gives every thread the single-threaded answers",
          "[concurrency]") {
  test::TempDir dir;
  const std::string db = dir / "index";
  {
    IndexWriter writer = IndexWriter::open(db);
    REQUIRE(ingest(writer, {test::sample_path()}, Format::kAuto, {}).added == 10);
    writer.finish();
  }

  const std::vector<SearchRequest> reqs = requests();
  std::vector<Answer> expected;
  {
    Searcher searcher = Searcher::open(db);
    for (const SearchRequest& r : reqs) expected.push_back(run(searcher, r));
  }
  // The answers are worth comparing: hits, facets and the error all occur.
  REQUIRE(expected[0].total == 4);
  REQUIRE(expected[0].facets.at("region").size() == 3);
  REQUIRE(expected[5].total > 0);
  REQUIRE_FALSE(expected.back().error.empty());

  // Catch2's assertions are not thread-safe: threads only count and record.
  std::atomic<std::size_t> searches{0};
  std::vector<std::vector<std::string>> mismatches(kThreads);
  std::vector<std::exception_ptr> failures(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      try {
        Searcher searcher = Searcher::open(db);
        for (int round = 0; round < kRounds; ++round) {
          // Each thread walks the requests from a different start.
          for (std::size_t i = 0; i < reqs.size(); ++i) {
            const std::size_t q = (i + static_cast<std::size_t>(t)) % reqs.size();
            if (!(run(searcher, reqs[q]) == expected[q]) && mismatches[t].size() < 10)
              mismatches[t].push_back("thread " + std::to_string(t) + " round " +
                                      std::to_string(round) + ": " + reqs[q].query);
            ++searches;
          }
        }
      } catch (...) {
        failures[t] = std::current_exception();
      }
    });
  }
  for (std::thread& thread : threads) thread.join();

  for (int t = 0; t < kThreads; ++t) {
    INFO("thread " << t);
    if (failures[t]) {
      try {
        std::rethrow_exception(failures[t]);
      } catch (const std::exception& e) {
        FAIL("threw: " << e.what());
      }
    }
    // Captured before the check so a failure lists the mismatched queries.
    CAPTURE(mismatches[t]);
    CHECK(mismatches[t].empty());
  }
  CHECK(searches == static_cast<std::size_t>(kThreads) * kRounds * reqs.size());
}

}  // namespace trove
