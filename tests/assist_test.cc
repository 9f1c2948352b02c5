// Search that helps the searcher (issue 10): did-you-mean, truncation,
// facet value search, completion and the thesaurus, on the sample corpus.
#include <catch2/catch.hpp>

#include <string>
#include <utility>
#include <vector>

#include "search/facet_search.h"
#include "search/spelling.h"
#include "search/thesaurus.h"
#include "search/truncation.h"
#include "sample_index.h"
#include "test_util.h"
#include "trove/trove.h"

namespace trove {
namespace {

using Changes = std::vector<std::pair<std::string, std::string>>;

// The sample indexed once per test case.
using test::SampleIndex;

SearchResult search(Searcher& searcher, const std::string& query,
                    std::vector<Filter> filters = {}) {
  SearchRequest request;
  request.query = query;
  request.filters = std::move(filters);
  request.limit = 0;
  return searcher.search(request);
}

// The suggested query, or "(none)".
std::string suggested(Searcher& searcher, const std::string& query,
                      std::vector<Filter> filters = {}) {
  const SearchResult result = search(searcher, query, std::move(filters));
  return result.suggestion ? result.suggestion->query : "(none)";
}

Record record(const std::string& id, const std::string& title, const std::string& abstract) {
  Record r;
  r.id = id;
  r.title = title;
  r.abstract = abstract;
  return r;
}

}  // namespace

TEST_CASE("edit distance counts code points and a swap of neighbours as one edit", "[assist]") {
  CHECK(edit_distance("traficking", "trafficking", 2) == 1);
  CHECK(edit_distance("childern", "children", 2) == 1);
  CHECK(edit_distance("marketa", "markéta", 2) == 1);
  CHECK(edit_distance("abc", "xyz", 2) == 3);
  CHECK(edit_distance("abc", "abc", 2) == 0);
}

TEST_CASE("did you mean corrects misspelt words of the sample and keeps the syntax", "[assist]") {
  SampleIndex index;
  Searcher searcher = Searcher::open(index.db);
  const SearchResult result = search(searcher, "Traficking labour");
  REQUIRE(result.suggestion);
  CHECK(result.suggestion->query == "Trafficking labour");
  CHECK(result.suggestion->changes == Changes{{"Traficking", "Trafficking"}});
  CHECK(suggested(searcher, "traficking") == "trafficking");
  CHECK(suggested(searcher, "migraton") == "migration");
  CHECK(suggested(searcher, "refferal") == "referral");
  CHECK(suggested(searcher, "SMUGLING") == "SMUGGLING");
  // Only stems starting with the word's first or second letter are compared.
  CHECK(suggested(searcher, "rtafficking") == "trafficking");
  CHECK(suggested(searcher, "xtrafficking") == "trafficking");
  CHECK(suggested(searcher, "rafficking") == "(none)");
  CHECK(suggested(searcher, "title:\"human trafiking\"") == "title:\"human trafficking\"");
  CHECK(suggested(searcher, "exploitaton -smuggling") == "exploitation -smuggling");
  CHECK(suggested(searcher, "(victms OR refferal) AND region:\"Middle East\"") ==
        "(victims OR referral) AND region:\"Middle East\"");
}

TEST_CASE("did you mean stays quiet for correct words and for corrections that find nothing",
          "[assist]") {
  SampleIndex index;
  Searcher searcher = Searcher::open(index.db);
  for (const char* query : {"trafficking", "labour", "the", "referral mechanism", "an", "2020",
                            "-traficking labour", "traffick*", "zzzzzzzz"}) {
    INFO(query);
    CHECK(suggested(searcher, query) == "(none)");
  }
  // The correction must find a record with the request's filters.
  CHECK(suggested(searcher, "traficking", {{"country", "Nowhere"}}) == "(none)");
  SearchRequest off;
  off.query = "traficking";
  off.suggest = false;
  CHECK_FALSE(searcher.search(off).suggestion);
}

TEST_CASE("did you mean follows adds and removes", "[assist]") {
  test::TempDir dir;
  const std::string db = dir / "index";
  IndexWriter writer = IndexWriter::open(db);
  writer.add(record("a", "Cartography of routes", "Maps of migration routes."));
  writer.add(record("b", "Shelters", "Shelters for survivors."));
  writer.commit();
  Searcher searcher = Searcher::open(db);
  CHECK(suggested(searcher, "cartografy") == "cartography");
  writer.remove("a");
  writer.commit();
  CHECK(suggested(searcher, "cartografy") == "(none)");
  writer.add(record("c", "Cartographic survey", "Cartography again."));
  writer.commit();
  CHECK(suggested(searcher, "cartografy") == "cartography");
  writer.finish();
}

TEST_CASE("word* matches the stems starting with the word as one term", "[assist]") {
  SampleIndex index;
  Searcher searcher = Searcher::open(index.db);
  CHECK(searcher.describe_query("traffick*") == "Query((Ztraffick SYNONYM Ztrafficking.th))");
  CHECK(searcher.describe_query("Traffick*") == "Query((Ztraffick SYNONYM Ztrafficking.th))");
  CHECK(searcher.describe_query("trafficking*") == "Query((Ztraffick SYNONYM Ztrafficking.th))");
  CHECK(searcher.describe_query("title:migra*") == "Query((ZSmigra SYNONYM ZSmigrat))");
  CHECK(searcher.describe_query("\"traffick*\"") == "Query(Ztraffick)");
  CHECK(search(searcher, "traffick*").total == 9);
  CHECK(search(searcher, "title:migra*").total == 1);
  CHECK(search(searcher, "title:migration").total == 1);
  CHECK(search(searcher, "exploit*").total == search(searcher, "exploitation").total);
  CHECK(search(searcher, "traffick* -smuggling").total == 8);
  CHECK(search(searcher, "traffick*").notes.empty());
}

TEST_CASE("word* searches the most frequent expansions and says when it capped them",
          "[assist]") {
  test::TempDir dir;
  const std::string db = dir / "index";
  IndexWriter writer = IndexWriter::open(db);
  std::string words;
  for (char a = 'a'; a <= 'e'; ++a) {
    for (char b = 'a'; b <= 'z'; ++b) words += std::string("w") + a + b + "k ";
  }
  writer.add(record("a", "List", words));  // 130 words starting with w, and wzzk
  writer.add(record("b", "More", "wzzk wzzk"));
  writer.add(record("c", "Again", "wzzk"));
  writer.finish();
  Searcher searcher = Searcher::open(db);
  const SearchResult result = search(searcher, "w*");
  CHECK(result.total == 3);
  CHECK(result.notes ==
        std::vector<std::string>{"w* matches 131 words; searched for the 100 in most records"});
  CHECK(search(searcher, "wz*").notes.empty());
  const Expansion expansion = expand_prefix(Xapian::Database(db), "Zw", 3);
  CHECK(expansion.terms == std::vector<std::string>{"Zwzzk", "Zwaak", "Zwabk"});
  CHECK(expansion.available == 131);
  CHECK(expansion.capped);
}

TEST_CASE("facet value search keeps the values with a word starting with the typed text",
          "[assist]") {
  const Analyzer analyzer;
  CHECK(value_matches("Lebanon", "le", analyzer));
  CHECK(value_matches("Sierra Leone", "LE", analyzer));
  CHECK(value_matches("Middle East", "middle ea", analyzer));
  CHECK(value_matches("Côte d'Ivoire", "cote", analyzer));
  CHECK_FALSE(value_matches("Chile", "le", analyzer));
  CHECK_FALSE(value_matches("Middle East", "east mi", analyzer));
  CHECK(value_matches("Chile", " ", analyzer));

  SampleIndex index;
  Searcher searcher = Searcher::open(index.db);
  SearchRequest request;
  request.query = "trafficking";
  request.facets = {"country", "region", "year"};
  request.facet_prefix = {{"country", "le"}, {"region", "AFR"}};
  const SearchResult result = searcher.search(request);
  CHECK(result.total == 9);
  CHECK(result.facets.at("country") == std::vector<FacetCount>{{"Lebanon", 1}});
  CHECK(result.facets.at("region") == std::vector<FacetCount>{{"North Africa", 1}});
  CHECK(result.facets.at("year").size() == 6);  // no typed text: every value
  request.facet_prefix = {{"country", "x"}};
  CHECK(searcher.search(request).facets.at("country").empty());
  request.facet_prefix = {{"land", "le"}};
  CHECK_THROWS_WITH(searcher.search(request),
                    "unknown facet 'land' in facet_prefix; use country, region, year, topic "
                    "or category");
}

TEST_CASE("complete draws titles authors facet values and words from the index", "[assist]") {
  SampleIndex index;
  Searcher searcher = Searcher::open(index.db);
  using C = std::vector<Completion>;
  CHECK(searcher.complete("mar") == C{{"Mara", "word", 1},
                                       {"Markéta Von Hagen", "author", 1},
                                       {"marriage", "word", 1}});
  CHECK(searcher.complete("MARKÉTA v", "author") == C{{"Markéta Von Hagen", "author", 1}});
  CHECK(searcher.complete("traf", "", 2) ==
        C{{"Trafficking", "topic", 10}, {"Trafficking", "word", 9}});
  CHECK(searcher.complete("le", "country") == C{{"Lebanon", "country", 1}});
  CHECK(searcher.complete("20", "year", 3) ==
        C{{"2013", "year", 3}, {"2017", "year", 2}, {"2020", "year", 2}});
  CHECK(searcher.complete("hope f", "title") ==
        C{{"Hope For the Future: Support For Survivors of Trafficking After the National "
           "Referral Mechanism",
           "title", 1}});
  // Title terms hold 48 bytes; what was typed beyond them must match too.
  CHECK(searcher.complete("hope for the future: support for survivors of trafficking after",
                          "title")
            .size() == 1);
  CHECK(searcher.complete("hope for the future: support for survivors of trafficking before",
                          "title")
            .empty());
  // A typed word longer than its stem still completes to the word.
  // ("trafficking.The" is one word to Unicode's word breaks.)
  CHECK(searcher.complete("trafficki", "word") ==
        C{{"Trafficking", "word", 9}, {"trafficking.The", "word", 1}});
  CHECK(searcher.complete("zzz").empty());
  CHECK(searcher.complete("  ").empty());
  CHECK(searcher.complete("mar", "", 0).empty());
  CHECK_THROWS_WITH(searcher.complete("mar", "nope"),
                    "unknown field 'nope' to complete; use title, author, word, country, region, "
                    "year, topic or category");
}

TEST_CASE("a thesaurus parses groups with several-word entries and comments", "[assist]") {
  const Analyzer analyzer;
  const Thesaurus thesaurus = Thesaurus::parse(
      "# acronyms\n\nTHB, Trafficking in Human Beings  # the EU's term\nlabour,labor\n"
      "labour, work\n",
      analyzer);
  CHECK(thesaurus.groups() == 3);
  using Entries = std::vector<ThesaurusEntry>;
  CHECK(thesaurus.synonyms("thb") == Entries{{"trafficking", "in", "human", "beings"}});
  CHECK(thesaurus.synonyms("labor") == Entries{{"labour"}});
  CHECK(thesaurus.synonyms("labour") == Entries{{"labor"}, {"work"}});
  CHECK(thesaurus.synonyms("traffick").empty());  // only one-word entries trigger
  // An entry holding the word itself adds nothing but cost.
  CHECK(Thesaurus::parse("trafficking, human trafficking, THB\n", analyzer).synonyms("traffick") ==
        Entries{{"thb"}});
  CHECK_THROWS_WITH(Thesaurus::parse("a, b\nlonely\n", analyzer),
                    "thesaurus line 2: a group needs at least two entries, by commas");
  CHECK_THROWS_WITH(Thesaurus::parse("a, b, ??\n", analyzer),
                    "thesaurus line 1: entry 3 has no word");
  const Thesaurus shipped = Thesaurus::parse(default_thesaurus(), analyzer);
  CHECK(shipped.groups() == 93);
  CHECK(shipped.synonyms("uasc") == Entries{{"unaccompanied", "and", "separated", "children"}});
}

TEST_CASE("the default thesaurus expands plain words as one term", "[assist]") {
  SampleIndex index;
  Searcher searcher = Searcher::open(index.db);
  CHECK(searcher.describe_query("labor") == "Query((Zlabor SYNONYM Zlabour))");
  CHECK(searcher.describe_query("THB") ==
        "Query((Zthb SYNONYM (Ztraffick PHRASE 4 Zin PHRASE 4 Zhuman PHRASE 4 Zbe)))");
  CHECK(searcher.describe_query("\"labor\"") == "Query(Zlabor)");
  CHECK(searcher.describe_query("+labor") == "Query(Zlabor)");
  CHECK(searcher.describe_query("-labor") ==
        "Query((<alldocuments> AND_NOT (Zlabor SYNONYM Zlabour)))");
  CHECK(search(searcher, "labour").total == 4);
  CHECK(search(searcher, "labor").total == 4);
  CHECK(search(searcher, "\"labor\"").total == 1);
  CHECK(search(searcher, "+labor").total == 1);
  CHECK(search(searcher, "THB").total == 2);
  Searcher plain = Searcher::open(index.db, [] {
    SearcherOptions options;
    options.thesaurus = false;
    return options;
  }());
  CHECK(plain.describe_query("labor") == "Query(Zlabor)");
  CHECK(search(plain, "THB").total == 0);
}

TEST_CASE("set_thesaurus replaces the thesaurus without a rebuild and a rebuild keeps it",
          "[assist]") {
  SampleIndex index;
  Searcher searcher = Searcher::open(index.db);
  {
    IndexWriter writer = IndexWriter::open(index.db);
    writer.set_thesaurus("labor, toil\n");
    CHECK_THROWS_WITH(writer.set_thesaurus("labor\n"),
                      "thesaurus line 1: a group needs at least two entries, by commas");
    writer.finish();
  }
  CHECK(searcher.describe_query("labor") == "Query((Zlabor SYNONYM Ztoil))");
  CHECK(searcher.describe_query("THB") == "Query(Zthb)");
  {
    WriterOptions options;
    options.rebuild = true;
    IndexWriter writer = IndexWriter::open(index.db, options);
    ingest(writer, {test::sample_path()}, Format::kAuto, {});
    writer.finish();
  }
  CHECK(searcher.describe_query("labor") == "Query((Zlabor SYNONYM Ztoil))");
  {
    IndexWriter writer = IndexWriter::open(index.db);
    writer.set_thesaurus("# none\n");
    writer.finish();
  }
  CHECK(searcher.describe_query("labor") == "Query(Zlabor)");
}

TEST_CASE("the search aids work the same on a sharded index", "[assist]") {
  test::TempDir dir;
  const std::string db = dir / "index";
  WriterOptions options;
  options.shards = 3;
  {
    IndexWriter writer = IndexWriter::open(db, options);
    ingest(writer, {test::sample_path()}, Format::kAuto, {});
    writer.set_thesaurus("labor, toil\n");
    writer.finish();
  }
  Searcher searcher = Searcher::open(db);
  CHECK(suggested(searcher, "Traficking labour") == "Trafficking labour");
  CHECK(searcher.describe_query("traffick*") == "Query((Ztraffick SYNONYM Ztrafficking.th))");
  CHECK(searcher.describe_query("labor") == "Query((Zlabor SYNONYM Ztoil))");
  CHECK(searcher.complete("mar") == std::vector<Completion>{{"Mara", "word", 1},
                                                             {"Markéta Von Hagen", "author", 1},
                                                             {"marriage", "word", 1}});
  CHECK(searcher.complete("traf", "", 1) == std::vector<Completion>{{"Trafficking", "topic", 10}});
}

}  // namespace trove
