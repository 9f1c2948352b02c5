#include <catch2/catch.hpp>

#include <climits>
#include <map>

#include "index/document_builder.h"
#include "index/schema.h"
#include "trove/analyzer.h"
#include "trove/error.h"
#include "test_util.h"

namespace trove {
namespace {

struct TermInfo {
  Xapian::termcount wdf;
  std::vector<Xapian::termpos> positions;
  bool operator==(const TermInfo& o) const { return wdf == o.wdf && positions == o.positions; }
};

std::map<std::string, TermInfo> terms_of(const Xapian::Document& doc) {
  std::map<std::string, TermInfo> out;
  for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it) {
    TermInfo info{it.get_wdf(), {}};
    for (auto p = it.positionlist_begin(); p != it.positionlist_end(); ++p) {
      info.positions.push_back(*p);
    }
    out[*it] = info;
  }
  return out;
}

std::string describe(const Record& r) {
  return r.id + " | " + r.title + " | " + r.abstract + " | " + r.source_file + ":" +
         std::to_string(r.source_line) + test::describe_fields(r);
}

Record sample_record() {
  Record r;
  r.id = "x1";
  r.title = "Child Labour";
  r.abstract = "Forced labour.";
  r.authors = {"Markéta Novak"};
  r.country = {"Czech Republic"};
  r.region = {"Europe", "Central Europe"};
  r.year = 2013;
  r.topic = {"Trafficking"};
  return r;
}

}  // namespace

TEST_CASE("a record becomes exactly the schema's terms and values and data", "[document_builder]") {
  Analyzer analyzer;
  DocumentBuilder builder(analyzer);
  const Xapian::Document doc = builder.build(sample_record());

  // Stems only. Title words carry weight 3; fields are 100 positions apart;
  // field terms have no positions. The abstract has a field term only for
  // "labour", which the title has too; "forc" is in no other field.
  const std::map<std::string, TermInfo> expected = {
      {"Zchild", {3, {1}}},         {"Zlabour", {4, {2, 104}}},    {"Zforc", {1, {103}}},
      {"Zmarketa", {1, {205}}},     {"Znovak", {1, {206}}},        {"ZSchild", {1, {}}},
      {"ZSlabour", {1, {}}},        {"ZBlabour", {1, {}}},
      {"ZAmarketa", {1, {}}},       {"ZAnovak", {1, {}}},          {"Qx1", {0, {}}},
      {"XCczech republic", {0, {}}}, {"XReurope", {0, {}}},        {"XRcentral europe", {0, {}}},
      {"XTtrafficking", {0, {}}},   {"XY2013", {0, {}}},
      // Whole title and author, for completion.
      {"XHchild labour", {0, {}}},  {"XAmarketa novak", {0, {}}},
  };
  CHECK(terms_of(doc) == expected);

  CHECK(doc.get_value(schema::kCountry.slot) == std::string("Czech Republic\0", 15));
  CHECK(doc.get_value(schema::kRegion.slot) == std::string("Europe\0Central Europe\0", 22));
  CHECK(doc.get_value(schema::kYear.slot) == std::string("2013\0", 5));
  CHECK(doc.get_value(schema::kCategory.slot).empty());
  CHECK(Xapian::sortable_unserialise(doc.get_value(schema::kYearSortSlot)) == 2013);

  const Record back = deserialize_record(doc.get_data());
  CHECK(back.id == "x1");
  CHECK(back.authors == std::vector<std::string>{"Markéta Novak"});
  CHECK(back.region == std::vector<std::string>{"Europe", "Central Europe"});
  CHECK(back.year == 2013);
}

TEST_CASE("a builder gives the same terms after its stem table starts afresh",
          "[document_builder]") {
  Analyzer analyzer;
  DocumentBuilder builder(analyzer);
  const std::map<std::string, TermInfo> first = terms_of(builder.build(sample_record()));
  // More distinct words than the builder's stem table holds (1 << 16), all
  // in one record: the table is only started afresh before the next one.
  Record big;
  big.id = "big";
  big.title = "Labours of counting";
  for (int i = 0; i < 70000; ++i) big.abstract += "labouring" + std::to_string(i) + "x ";
  const std::map<std::string, TermInfo> big_terms = terms_of(builder.build(big));
  CHECK(big_terms.at("Zlabour").positions == std::vector<Xapian::termpos>{1});
  CHECK(big_terms.at("Zlabouring69999x").positions == std::vector<Xapian::termpos>{70103});
  CHECK(terms_of(builder.build(sample_record())) == first);
  CHECK(terms_of(DocumentBuilder(analyzer).build(sample_record())) == first);
}

TEST_CASE("facet values are folded into filter terms and capped in length",
          "[document_builder]") {
  Analyzer analyzer;
  CHECK(facet_term("XR", "  Middle-East ", analyzer) == "XRmiddle east");
  CHECK(facet_term("XR", "!!!", analyzer).empty());
  std::string long_value;
  for (int i = 0; i < 100; ++i) long_value += "Abcd ";
  const std::string term = facet_term("XC", long_value, analyzer);
  CHECK(term.size() == 240);
  CHECK(term.rfind("XCabcd abcd ", 0) == 0);
}

TEST_CASE("unreadable document data is an IndexError", "[document_builder]") {
  CHECK_THROWS_AS(deserialize_record("not json"), IndexError);
  const std::string good = serialize_record(sample_record());
  CHECK_THROWS_WITH(deserialize_record(good.substr(0, good.size() - 3)),
                    "stored record is unreadable (truncated); rebuild the index with "
                    "trove-index --rebuild");
  CHECK_THROWS_WITH(deserialize_record(good + "x"),
                    "stored record is unreadable (trailing bytes); rebuild the index with "
                    "trove-index --rebuild");
  CHECK_THROWS_WITH(deserialize_record(""),
                    "stored record is unreadable (unknown format); rebuild the index with "
                    "trove-index --rebuild");
  // A list count larger than the data left is refused before allocating.
  std::string huge = good.substr(0, 1 + 1 + 2 + 1 + 12 + 1 + 14);  // format, id, title, abstract
  huge += "\xff\xff\xff\xff\x0f";
  CHECK_THROWS_WITH(deserialize_record(huge),
                    "stored record is unreadable (truncated); rebuild the index with "
                    "trove-index --rebuild");
}

TEST_CASE("stored records round-trip and records stored as JSON still read", "[document_builder]") {
  Record r = sample_record();
  r.source_file = "corpus/trafficking.txt";
  r.source_line = 123456;
  r.category = {"Research", ""};
  for (const std::optional<int> year : {std::optional<int>(2013), std::optional<int>(-5),
                                        std::optional<int>(), std::optional<int>(INT32_MIN)}) {
    r.year = year;
    const Record back = deserialize_record(serialize_record(r));
    CHECK(describe(back) == describe(r));
    CHECK(back.year == r.year);
  }
  // As indexes before the binary form stored them.
  const Record old = deserialize_record(
      R"({"id":"x1","title":"Child Labour","abstract":"Forced labour.","authors":["Markéta Novak"],)"
      R"("country":["Czech Republic"],"region":["Europe","Central Europe"],"category":[],)"
      R"("topic":["Trafficking"],"source_file":"a.txt","source_line":7,"year":2013})");
  Record expected = sample_record();
  expected.source_file = "a.txt";
  expected.source_line = 7;
  CHECK(describe(old) == describe(expected));
}

TEST_CASE("schema values round-trip", "[document_builder]") {
  const std::vector<std::string> values = {"Middle East", "", "North Africa"};
  CHECK(schema::decode_values(schema::encode_values(values)) ==
        std::vector<std::string>{"Middle East", "", "North Africa"});
  CHECK(schema::find_facet("region") == &schema::kRegion);
  CHECK(schema::find_facet("colour") == nullptr);
  CHECK(schema::find_text_field("author") == &schema::kAuthor);
}

}  // namespace trove
