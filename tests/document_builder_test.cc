#include <catch2/catch.hpp>

#include <map>

#include "index/document_builder.h"
#include "index/schema.h"
#include "trove/analyzer.h"
#include "trove/error.h"

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

TEST_CASE("a record becomes exactly the schema's terms, values and data", "[document_builder]") {
  Analyzer analyzer;
  DocumentBuilder builder(analyzer);
  const Xapian::Document doc = builder.build(sample_record());

  // Stems only. Title words carry weight 3; fields are 100 positions apart;
  // the abstract's field terms have no positions.
  const std::map<std::string, TermInfo> expected = {
      {"Zchild", {3, {1}}},         {"Zlabour", {4, {2, 104}}},    {"Zforc", {1, {103}}},
      {"Zmarketa", {1, {205}}},     {"Znovak", {1, {206}}},        {"ZSchild", {1, {1}}},
      {"ZSlabour", {1, {2}}},       {"ZBforc", {1, {}}},           {"ZBlabour", {1, {}}},
      {"ZAmarketa", {1, {205}}},    {"ZAnovak", {1, {206}}},       {"Qx1", {0, {}}},
      {"XCczech republic", {0, {}}}, {"XReurope", {0, {}}},        {"XRcentral europe", {0, {}}},
      {"XTtrafficking", {0, {}}},   {"XY2013", {0, {}}},
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
