// expected_share() and checked_matches() (search_plan.h): what a ranked
// page is asked to visit so that a small match counts itself.
#include <catch2/catch.hpp>

#include <string>

#include <xapian.h>

#include "search/search_plan.h"

namespace trove {
namespace {

// 10,000 documents: "a" in 5,000, "b" in 2,000, "c" in 100, "d" in 500,
// "e" in 200; 1,000 of each year 2000 to 2009 (the year facet's terms).
Xapian::WritableDatabase terms_db() {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  for (int i = 0; i < 10000; ++i) {
    Xapian::Document doc;
    if (i % 2 == 0) doc.add_term("a");
    if (i % 5 == 0) doc.add_term("b");
    if (i % 100 == 7) doc.add_term("c");
    if (i % 20 == 3) doc.add_term("d");
    if (i % 50 == 11) doc.add_term("e");
    doc.add_term("x");
    doc.add_term("XY" + std::to_string(2000 + i % 10));
    db.add_document(doc);
  }
  return db;
}

Xapian::Query q(const char* term) { return Xapian::Query(term); }

}  // namespace

TEST_CASE("expected_share takes the terms as independent", "[search_plan]") {
  const Xapian::WritableDatabase db = terms_db();
  using Op = Xapian::Query::op;
  CHECK(expected_share(q("a"), db) == Approx(0.5));
  CHECK(expected_share(q("missing"), db) == 0);
  CHECK(expected_share(Xapian::Query(Op::OP_AND, q("a"), q("b")), db) == Approx(0.1));
  CHECK(expected_share(Xapian::Query(Op::OP_FILTER, q("a"), q("b")), db) == Approx(0.1));
  CHECK(expected_share(Xapian::Query(Op::OP_OR, q("a"), q("b")), db) == Approx(0.6));
  CHECK(expected_share(Xapian::Query(Op::OP_AND_MAYBE, q("c"), q("a")), db) == Approx(0.01));
  CHECK(expected_share(Xapian::Query(Op::OP_AND_NOT, q("b"), q("a")), db) == Approx(0.2));
  CHECK(expected_share(Xapian::Query(Op::OP_SCALE_WEIGHT, q("b"), 2.0), db) == Approx(0.2));
  CHECK(expected_share(Xapian::Query(), db) == 0);
  CHECK(expected_share(match_all(), db) == 1);
  CHECK(expected_share(Xapian::Query(Op::OP_VALUE_GE, 0, "x"), db) == 1);
}

TEST_CASE("a ranked page visits every match only when few are expected", "[search_plan]") {
  static_assert(kOnePassMatches == 300 && kOnePassFilteredMatches == 1000,
                "the expectations below straddle 300 and 1,000");
  const Xapian::WritableDatabase db = terms_db();
  const Analyzer analyzer(AnalyzerOptions{"english"});
  SearchPlan plan;
  using Op = Xapian::Query::op;
  plan.total = SearchPlan::Total::kPageIfExact;
  const auto check = [&](const Xapian::Query& query) {
    plan.base = plan.query = query;
    return checked_matches(plan, db, analyzer);
  };
  // Words alone: one pass up to 300 expected matches.
  CHECK(check(Xapian::Query(Op::OP_OR, q("c"), q("e"))) == 10000);  // 298 expected
  CHECK(check(Xapian::Query(Op::OP_AND, q("a"), q("d"))) == 10000);  // 250
  // 595: Xapian may stop early, a counting pass counts
  CHECK(check(Xapian::Query(Op::OP_OR, q("c"), q("d"))) == 0);
  CHECK(check(Xapian::Query(Op::OP_OR, q("b"), q("c"))) == 0);  // 2,080
  // One term, alone or with optional terms: counted exactly, however early
  // Xapian stops.
  CHECK(check(q("e")) == 0);
  CHECK(check(Xapian::Query(Op::OP_AND_MAYBE, q("e"), q("a"))) == 0);
  plan.total = SearchPlan::Total::kPage;
  CHECK(check(q("d")) == 10000);
  plan.total = SearchPlan::Total::kCountingPass;
  CHECK(check(q("d")) == 0);
}

TEST_CASE("a filtered page visits every match up to 1000 expected", "[search_plan]") {
  const Xapian::WritableDatabase db = terms_db();
  const Analyzer analyzer(AnalyzerOptions{"english"});
  SearchPlan plan;
  plan.total = SearchPlan::Total::kPageIfExact;
  plan.base = Xapian::Query(Xapian::Query::OP_OR, q("c"), q("d"));  // 595 expected
  plan.filters = {Filter{"year", "2000..2009"}};                   // every record
  plan.query = Xapian::Query(Xapian::Query::OP_FILTER, plan.base, q("x"));
  CHECK(checked_matches(plan, db, analyzer) == 10000);
  plan.base = Xapian::Query(Xapian::Query::OP_OR, q("b"), q("c"));  // 2,080
  plan.query = Xapian::Query(Xapian::Query::OP_FILTER, plan.base, q("x"));
  CHECK(checked_matches(plan, db, analyzer) == 0);
}

TEST_CASE("counts_exactly knows which queries Xapian counts without visiting", "[search_plan]") {
  using Op = Xapian::Query::op;
  CHECK(counts_exactly(q("a")));
  CHECK(counts_exactly(match_all()));
  CHECK(counts_exactly(Xapian::Query()));
  CHECK(counts_exactly(Xapian::Query(Op::OP_AND_MAYBE, q("a"), q("b"))));
  CHECK(counts_exactly(Xapian::Query(Op::OP_SCALE_WEIGHT, q("a"), 2.0)));
  CHECK_FALSE(counts_exactly(Xapian::Query(Op::OP_OR, q("a"), q("b"))));
  CHECK_FALSE(counts_exactly(Xapian::Query(Op::OP_FILTER, q("a"), q("b"))));
  const Xapian::Query either(Op::OP_OR, q("a"), q("b"));
  CHECK_FALSE(counts_exactly(Xapian::Query(Op::OP_AND_MAYBE, either, q("c"))));
  CHECK_FALSE(counts_exactly(Xapian::Query(Op::OP_VALUE_GE, 0, "x")));
}

TEST_CASE("a year range's share comes from the year facet's terms", "[search_plan]") {
  const Xapian::WritableDatabase db = terms_db();
  const Analyzer analyzer(AnalyzerOptions{"english"});
  SearchPlan plan;
  plan.total = SearchPlan::Total::kPageIfExact;
  plan.base = plan.query = q("b");  // 2,000 expected
  CHECK(checked_matches(plan, db, analyzer) == 0);
  // The year filters make plan.query a filtered one, which Xapian does not
  // count without visiting; checked_matches() reads them from plan.filters.
  plan.query = Xapian::Query(Xapian::Query::OP_FILTER, q("b"), q("XY2001"));
  plan.filters = {Filter{"year", "2001..2003"}};  // 2,000 * 0.3
  CHECK(checked_matches(plan, db, analyzer) == 10000);
  plan.filters = {Filter{"year", " 2001..2003 "}};  // read as filter_query() reads it
  CHECK(checked_matches(plan, db, analyzer) == 10000);
  plan.filters = {Filter{"year", "2001..2009"}};  // 2,000 * 0.9
  CHECK(checked_matches(plan, db, analyzer) == 0);
  plan.filters = {Filter{"year", "..2001"}};  // 2,000 * 0.2
  CHECK(checked_matches(plan, db, analyzer) == 10000);
  plan.filters = {Filter{"year", "2003.."}, Filter{"year", "2000"}};  // 2,000 * 0.8
  CHECK(checked_matches(plan, db, analyzer) == 0);
  plan.filters = {Filter{"year", "2008.."}, Filter{"year", "2000"}};  // 2,000 * 0.3
  CHECK(checked_matches(plan, db, analyzer) == 10000);
}

}  // namespace trove
