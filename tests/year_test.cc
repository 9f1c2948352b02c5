// Tests for lib/ingest/year.cc: the one rule for years (four digits, 1000
// to 9999), shared by the readers, IndexWriter::add() and year filters.
#include "ingest/year.h"

#include <catch2/catch.hpp>
#include <climits>
#include <optional>
#include <string>
#include <vector>

#include "test_util.h"
#include "trove/error.h"
#include "trove/index_writer.h"
#include "trove/searcher.h"

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

namespace {

trove::Record record_of_year(const std::string& id, std::optional<int> year) {
  trove::Record r;
  r.id = id;
  r.title = "Title " + id;
  r.abstract = "Abstract.";
  r.year = year;
  return r;
}

}  // namespace

// Issue 14.14: add() took any year, which broke the newest-first order and
// made the record unreachable by a year filter.
TEST_CASE("years: IndexWriter add() refuses a year outside the rule", "[year][index]") {
  trove::test::TempDir dir;
  {
    trove::IndexWriter writer = trove::IndexWriter::open(dir / "db");
    for (int year : {0, -1, 999, 10000, 12000, INT_MIN, INT_MAX}) {
      INFO(year);
      CHECK_THROWS_AS(writer.add(record_of_year("bad", year)), trove::InputError);
      CHECK_THROWS_WITH(writer.add(record_of_year("bad", year)),
                        "cannot index record 'bad': year " + std::to_string(year) +
                            " is not a four-digit year from 1000 to 9999");
    }
    // add_all refuses the whole batch before adding anything.
    CHECK_THROWS_WITH(writer.add_all({record_of_year("ok", 2013), record_of_year("late", 12000)}),
                      "cannot index record 'late': year 12000 is not a four-digit year from "
                      "1000 to 9999");
    CHECK(writer.add(record_of_year("first", 1000)) == trove::IndexWriter::AddResult::kAdded);
    CHECK(writer.add(record_of_year("last", 9999)) == trove::IndexWriter::AddResult::kAdded);
    CHECK(writer.add(record_of_year("none", std::nullopt)) ==
          trove::IndexWriter::AddResult::kAdded);
    writer.finish();
  }
  CHECK(trove::Searcher::open(dir / "db").document_count() == 3);
}
