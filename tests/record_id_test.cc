// Tests for record_id() (lib/ingest/record_id.cc).
#include <catch2/catch.hpp>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include "test_util.h"
#include "trove/index_writer.h"
#include "trove/reader.h"
#include "trove/searcher.h"

namespace {

// The documented recipe, spelled out independently of the library: `key` is
// the normalised title, or for a title that normalises to nothing "\x01",
// its length, ':' and its bytes.
std::string expected_id(const std::string& key_title, std::optional<int> year) {
  std::string key = key_title + "|" + (year ? std::to_string(*year) : "");
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
  CHECK(trove::record_id("!!!", 2012) == expected_id("\x01" "3:!!!", 2012));
  CHECK(trove::record_id("\xF0\x9F\x98\x80", std::nullopt) ==
        expected_id("\x01" "4:\xF0\x9F\x98\x80", {}));
}

// Issue 14.13: such titles all normalised to "" and shared the id of their
// year, so each replaced the one before without a word.
TEST_CASE("record_id: titles that normalise to nothing keep their own ids", "[reader][record_id]") {
  const std::string long_word(121, 'x');  // over the Analyzer's 120-byte term limit
  const std::vector<std::string> titles = {"???", "!!!", "\xF0\x9F\x98\x80", long_word,
                                           long_word + "y", "? ? ?"};
  std::vector<std::string> ids;
  for (const std::string& title : titles) ids.push_back(trove::record_id(title, 2013));
  for (std::size_t i = 0; i < ids.size(); ++i) {
    for (std::size_t j = i + 1; j < ids.size(); ++j) {
      INFO(titles[i] << " / " << titles[j]);
      CHECK(ids[i] != ids[j]);
    }
  }
  // The same title again is still the same record.
  CHECK(trove::record_id("???", 2013) == ids[0]);
  CHECK(trove::record_id("???", 2014) != ids[0]);
}

TEST_CASE("record_id: three records titled with no words are three records", "[reader][record_id]") {
  trove::test::TempDir dir;
  const std::string file = dir.write(
      "odd.txt",
      "???\n\nFirst abstract.\nYear\n2013\n\n!!!\n\nSecond abstract.\nYear\n2013\n\n"
      "\xF0\x9F\x98\x80\n\nThird abstract.\nYear\n2013\n");
  trove::IngestStats stats;
  {
    trove::IndexWriter writer = trove::IndexWriter::open(dir / "db");
    stats = trove::ingest(writer, {file}, trove::Format::kAuto, nullptr);
    writer.finish();
  }
  CHECK(stats.read == 3);
  CHECK(stats.added == 3);
  CHECK(stats.replaced == 0);
  CHECK(stats.unchanged == 0);
  CHECK(trove::Searcher::open(dir / "db").document_count() == 3);
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
