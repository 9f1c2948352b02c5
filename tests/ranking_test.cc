// Ranking: query boosts (word^N), field weights, proximity and the default
// ranking options, with exact query descriptions and exact orders.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "search/query_parser.h"
#include "test_util.h"
#include "trove/trove.h"

namespace trove {
namespace {

const Analyzer& analyzer() {
  static const Analyzer instance;
  return instance;
}

std::string describe(const std::string& text) {
  return QueryParser(analyzer()).parse(text).query.get_description();
}

}  // namespace

TEST_CASE("A boost multiplies the score of a word or phrase or field word", "[ranking][boost]") {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"migration^2", "Query(2 * Zmigrat)"},
      {"title:migration^2 border", "Query((2 * ZSmigrat OR Zborder))"},
      {"\"border control\"^1.5", "Query(1.5 * (Zborder PHRASE 2 Zcontrol))"},
      {"title:\"border control\"^0.5",
       "Query(0.5 * ((Zborder PHRASE 2 Zcontrol) FILTER (ZSborder AND ZScontrol)))"},
      {"+migration^3 -border^2", "Query((3 * Zmigrat AND_NOT Zborder))"},
      {"migration^0", "Query(0 * Zmigrat)"},
      // Not a number after the caret: the text is words, as without one.
      {"e^x", "Query((Ze PHRASE 2 Zx))"},
      {"migration^", "Query(Zmigrat)"},
      {"migration^2^3", "Query(3 * (Zmigrat PHRASE 2 Z2))"},
      {"migration^1.2.3", "Query((Zmigrat PHRASE 2 Z1.2.3))"},
      {"^2", "Query(Z2)"},
      {"a^2 AND^2 b", "Query((2 * Za AND Zb))"},
      // A filter has no score to boost.
      {"country:Chad^2 migration", "Query(Zmigrat)"},
      {"abstract:border^2",
       "Query(2 * ((Zborder AND_NOT (ZSborder OR ZAborder)) OR (Zborder FILTER ZBborder)))"},
  };
  for (const auto& c : cases) {
    INFO("query: " << c.first);
    CHECK(describe(c.first) == c.second);
  }
}

}  // namespace trove
