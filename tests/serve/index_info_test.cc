// tools/serve/index_info: what /api/stats reads about an index.
#include "serve/index_info.h"

#include <catch2/catch.hpp>
#include <vector>

namespace trove::serve {
namespace {

// An index whose live generation is states[live]; `rebuilds` of the
// count() calls are overtaken by a rebuild that makes the next state live
// right after the Searcher reopened (the count is still of the old one).
struct FakeIndex {
  std::vector<std::pair<std::string, std::size_t>> states;  // generation, records
  int rebuilds = 0;
  std::size_t live = 0;
  int count_calls = 0;

  IndexStats stats() {
    return index_stats([this] { return IndexInfo{states[live].first, "2001-09-09T01:46:40Z"}; },
                       [this] {
                         ++count_calls;
                         const std::size_t records = states[live].second;
                         if (rebuilds > 0 && live + 1 < states.size()) {
                           --rebuilds;
                           ++live;
                         }
                         return records;
                       });
  }
};

TEST_CASE("index_stats counts once when no rebuild comes between", "[serve][index_info]") {
  FakeIndex index{{{"gen-000001", 130}}, 0};
  const IndexStats stats = index.stats();
  CHECK(stats.records == 130);
  CHECK(stats.info.generation == "gen-000001");
  CHECK(stats.info.last_change == "2001-09-09T01:46:40Z");
  CHECK(index.count_calls == 1);
}

TEST_CASE("index_stats counts again when a rebuild switched the generation meanwhile",
          "[serve][index_info]") {
  // Counted alone, gen-000001's 130 records came out under gen-000002's name.
  FakeIndex index{{{"gen-000001", 130}, {"gen-000002", 10}}, 1};
  const IndexStats stats = index.stats();
  CHECK(stats.records == 10);
  CHECK(stats.info.generation == "gen-000002");
  CHECK(index.count_calls == 2);
}

TEST_CASE("index_stats gives up after 3 tries under constant rebuilds", "[serve][index_info]") {
  FakeIndex index{{{"gen-1", 1}, {"gen-2", 2}, {"gen-3", 3}, {"gen-4", 4}, {"gen-5", 5}}, 4};
  const IndexStats stats = index.stats();
  CHECK(index.count_calls == 3);
  CHECK(stats.records == 3);
  CHECK(stats.info.generation == "gen-4");
}

}  // namespace
}  // namespace trove::serve
