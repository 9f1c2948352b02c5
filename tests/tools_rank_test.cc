// trove-search --explain and --like, run as a user runs them, on the
// sample listing.
#include <catch2/catch.hpp>
#include <cmath>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "test_util.h"
#include "tool_run.h"

namespace trove {
namespace {

using test::quote;
using test::Run;
using test::run;

const std::string kIndex = TROVE_INDEX_BIN;
const std::string kSearch = TROVE_SEARCH_BIN;

using Indexed = test::IndexedSample;

std::vector<std::string> hit_ids(const nlohmann::json& result) {
  std::vector<std::string> out;
  for (const auto& hit : result.at("hits")) out.push_back(hit.at("id"));
  return out;
}

}  // namespace

TEST_CASE("trove-search --explain prints the parts of a hit's score", "[tools][explain]") {
  Indexed index;
  const Run r = index.search("--explain 1 the referral");
  CHECK(r.status == 0);
  CHECK(r.err.empty());
  const std::string expected =
      "\nScore of hit 1 (rb9a9087977224ca1): 1.070758\n"
      "  1.070758  query referr (weight 1, tf 4, length 110, idf 0.543615)\n"
      "  0.000000  query the (weight 0, tf 6, length 110, idf 0.023530)\n";
  REQUIRE(r.out.size() > expected.size());
  CHECK(r.out.substr(r.out.size() - expected.size()) == expected);
}

TEST_CASE("trove-search --json --explain adds an explain object adding up to the score",
          "[tools][explain]") {
  Indexed index;
  const Run r = index.search("--json --explain 2 " +
                             quote("forced labour exploitation of migrant workers in the gulf"));
  REQUIRE(r.status == 0);
  const nlohmann::json out = nlohmann::json::parse(r.out);
  const nlohmann::json& e = out.at("explain");
  CHECK(e.at("rank") == 2);
  CHECK(e.at("id") == "r9c441dd3e22d3a2c");
  CHECK(out.at("hits").at(1).at("id") == "r9c441dd3e22d3a2c");
  CHECK(e.at("matches") == true);
  CHECK(e.at("reranked") == true);
  double sum = 0;
  for (const auto& part : e.at("parts")) sum += part.at("contribution").get<double>();
  CHECK(std::abs(sum - out.at("hits").at(1).at("score").get<double>()) <= 1e-9);
  CHECK(e.at("parts").at(0) == nlohmann::json::parse(R"({"source": "query", "term": "forc",
      "field": "", "weight": 1.0, "term_frequency": 0, "document_length": 370,
      "idf": 1.8458266904983307, "contribution": 0.0})"));
}

TEST_CASE("trove-search --explain past the last hit is an error", "[tools][explain]") {
  Indexed index;
  const Run r = index.search("--explain 5 referral");
  CHECK(r.status == 1);
  CHECK(r.out.empty());
  CHECK(r.err == "trove-search: --explain 5: the query has 4 hits\n");
  CHECK(index.search("--explain 0 referral").status == 2);
}

TEST_CASE("trove-search --like lists the records most like one", "[tools][similar]") {
  Indexed index;
  const Run r = index.search("--json --like r8af543590b9292a3 --filter country=Worldwide --limit 3");
  REQUIRE(r.status == 0);
  const nlohmann::json out = nlohmann::json::parse(r.out);
  CHECK(out.at("total") == 8);
  CHECK(hit_ids(out) == std::vector<std::string>{"rf70853146cf95a0c", "r9c441dd3e22d3a2c",
                                                 "r497109bdb8b99a5f"});
  const Run text = index.search("--like r8af543590b9292a3 --limit 1");
  CHECK(text.status == 0);
  CHECK(text.out.rfind("9 records found, showing 1-1\n", 0) == 0);
}

TEST_CASE("trove-search --like an unknown id or with query words fails", "[tools][similar]") {
  Indexed index;
  const Run unknown = index.search("--like nope");
  CHECK(unknown.status == 1);
  CHECK(unknown.err == "trove-search: no record with id 'nope'\n");
  const Run words = index.search("--like r8af543590b9292a3 referral");
  CHECK(words.status == 2);
  CHECK(words.err.rfind("trove-search: --like ID takes no QUERY and no --explain\n", 0) == 0);
}

}  // namespace trove
