// Tests for record_id() (lib/ingest/record_id.cc).
#include <catch2/catch.hpp>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include "trove/reader.h"

namespace {

// The documented recipe, spelled out independently of the library.
std::string expected_id(const std::string& normalized_title, std::optional<int> year) {
  std::string key = normalized_title + "|" + (year ? std::to_string(*year) : "");
  std::uint64_t hash = 14695981039346656037ull;
  for (unsigned char c : key) {
    hash ^= c;
    hash *= 1099511628211ull;
  }
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(hash));
  return std::string("r") + hex;
}

}  // namespace

TEST_CASE("record_id: format and recipe", "[reader][record_id]") {
  const std::regex shape("^r[0-9a-f]{16}$");
  for (const char* title : {"The Way Forward", "", "   ", "!!!", "\xE4\xBA\xBA\xE5\x8F\xA3"}) {
    INFO(title);
    CHECK(std::regex_match(trove::record_id(title, 2012), shape));
    CHECK(std::regex_match(trove::record_id(title, std::nullopt), shape));
  }
  CHECK(trove::record_id("The Way Forward", 2012) == expected_id("the way forward", 2012));
  CHECK(trove::record_id("The Way Forward", std::nullopt) == expected_id("the way forward", {}));
  CHECK(trove::record_id("", std::nullopt) == expected_id("", {}));
}

TEST_CASE("record_id: spelling variants of a title share an id", "[reader][record_id]") {
  struct Case {
    std::vector<std::string> titles;
    std::optional<int> year;
  };
  const std::vector<Case> cases = {
      {{"The Way Forward", "the way forward", "  The  Way   Forward! ", "THE WAY FORWARD.",
        "The\tWay-Forward", "\xEF\xBC\xB4he Way Forward" /* full-width T */},
       2012},
      {{"Mark\xC3\xA9ta Von Hagen", "Marketa von Hagen", "MARK\xC3\x89TA VON HAGEN",
        "Marke\xCC\x81ta Von Hagen" /* e + combining acute */},
       std::nullopt},
      {{"After the NRM - What Next?", "after the nrm what next", "After the NRM: what next"}, 2018},
  };
  for (const auto& c : cases) {
    const std::string first = trove::record_id(c.titles.front(), c.year);
    for (const auto& title : c.titles) {
      INFO(title);
      CHECK(trove::record_id(title, c.year) == first);
    }
  }
}

TEST_CASE("record_id: different titles or years differ", "[reader][record_id]") {
  const std::string base = trove::record_id("The Way Forward", 2012);
  CHECK(trove::record_id("The Way Forward", 2013) != base);
  CHECK(trove::record_id("The Way Forward", std::nullopt) != base);
  CHECK(trove::record_id("The Way Backward", 2012) != base);
  CHECK(trove::record_id("The Way Forwards", 2012) != base);  // no stemming
  CHECK(trove::record_id("TheWay Forward", 2012) != base);
}

TEST_CASE("record_id: safe from several threads", "[reader][record_id]") {
  const std::string expected = trove::record_id("Understanding Human Trafficking", 2019);
  std::vector<std::string> results(4);
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < results.size(); ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 200; ++i)
        results[t] = trove::record_id("Understanding Human Trafficking", 2019);
    });
  }
  for (auto& th : threads) th.join();
  for (const auto& r : results) CHECK(r == expected);
}
