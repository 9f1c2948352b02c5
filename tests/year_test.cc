// Tests for lib/ingest/year.cc: the one rule for years (four digits, 1000
// to 9999), shared by the readers, IndexWriter::add() and year filters.
#include "ingest/year.h"

#include <catch2/catch.hpp>
#include <climits>
#include <optional>
#include <string>

TEST_CASE("years: exactly four digits from 1000 to 9999", "[year]") {
  using trove::parse_year;
  CHECK(parse_year("2013") == 2013);
  CHECK(parse_year("1000") == 1000);
  CHECK(parse_year("9999") == 9999);
  for (const char* bad : {"", "999", "0999", "0000", "20130", "-201", "+201", "20l3", " 2013",
                          "2013 ", "2013.", "２０１３", "201\xC3\xA9"}) {
    INFO(bad);
    CHECK(parse_year(bad) == std::nullopt);
  }
}

TEST_CASE("years: is_year bounds", "[year]") {
  using trove::is_year;
  CHECK(is_year(1000));
  CHECK(is_year(2013));
  CHECK(is_year(9999));
  for (long long bad : {999LL, 10000LL, 0LL, -1LL, -2013LL, 12000LL, static_cast<long long>(INT_MIN),
                        static_cast<long long>(INT_MAX), LLONG_MIN, LLONG_MAX}) {
    INFO(bad);
    CHECK_FALSE(is_year(bad));
  }
}

TEST_CASE("years: reader warnings", "[year]") {
  CHECK(trove::bad_year_reason("0999") ==
        "year '0999' is not a four-digit year from 1000 to 9999; the record keeps no year");
  CHECK(trove::many_years_reason(2013) == "more than one year; keeping 2013");
}
