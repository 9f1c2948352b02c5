// Query text -> exact Xapian::Query::get_description() (Xapian 1.4.22), in
// the manner of Xapian's api_queryparser.cc; plus extracted filters,
// highlight terms, every error message, hostile inputs and filter_query().
#include <catch2/catch.hpp>

#include <iterator>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "search/query_parser.h"
#include "trove/error.h"

namespace {

using trove::Filter;
using trove::ParsedQuery;

struct Case {
  const char* query;
  const char* description;
};

const trove::Analyzer& analyzer() {
  static const trove::Analyzer instance;
  return instance;
}

ParsedQuery parse(const std::string& text) { return trove::QueryParser(analyzer()).parse(text); }

std::string describe(const std::string& text) { return parse(text).query.get_description(); }

// "field=value; ..." for readable comparisons.
std::string show(const std::vector<Filter>& filters) {
  std::string out;
  for (const Filter& f : filters) out += (out.empty() ? "" : "; ") + f.field + "=" + f.value;
  return out;
}

std::string join_terms(const std::vector<std::string>& terms) {
  std::string out;
  for (const std::string& t : terms) out += (out.empty() ? "" : " ") + t;
  return out;
}

// The QueryError message for `text`, or "no error".
std::string error_of(const std::string& text) {
  try {
    parse(text);
  } catch (const trove::QueryError& e) {
    return e.what();
  }
  return "no error";
}

std::string filter_error_of(const std::vector<Filter>& filters, const std::string& except = "") {
  try {
    trove::filter_query(filters, analyzer(), except);
  } catch (const trove::QueryError& e) {
    return e.what();
  }
  return "no error";
}

void check_cases(const std::vector<Case>& cases) {
  for (const Case& c : cases) {
    INFO("query: " << c.query);
    CHECK(describe(c.query) == c.description);
  }
}

std::string repeat(const std::string& piece, std::size_t n) {
  std::string out;
  for (std::size_t i = 0; i < n; ++i) out += piece;
  return out;
}

const char kFields[] =
    "; fields are title, abstract, author, country, region, year, topic, category";

}  // namespace

TEST_CASE("words are stemmed and folded and OR'ed", "[query_parser]") {
  check_cases({
      {"referral", "Query(Zreferr)"},
      {"Referrals", "Query(Zreferr)"},
      {"referral mechanism", "Query((Zreferr OR Zmechan))"},
      {"  REFERRAL\tmechanisms\n", "Query((Zreferr OR Zmechan))"},
      {"trafficking victims migrants", "Query((Ztraffick OR Zvictim OR Zmigrant))"},
      {"Markéta", "Query(Zmarketa)"},
      {"MARKETA", "Query(Zmarketa)"},
      {"and or not", "Query((Zand OR Zor OR Znot))"},
      {"And Or Not", "Query((Zand OR Zor OR Znot))"},
      {"lebanon, syria!", "Query((Zlebanon OR Zsyria))"},
      {"Note: syria", "Query((Znote OR Zsyria))"},
      {"10:30", "Query((Z10 PHRASE 2 Z30))"},
  });
}

TEST_CASE("a word the analyzer splits is a phrase of its exact terms", "[query_parser]") {
  check_cases({
      {"COVID-19", "Query((Zcovid PHRASE 2 Z19))"},
      {"COVID-19 children", "Query(((Zcovid PHRASE 2 Z19) OR Zchildren))"},
      {"人口贩卖", "Query((Z人口 PHRASE 2 Z贩卖))"},
  });
}

TEST_CASE("a blank query is empty and lists every record", "[query_parser]") {
  for (const std::string text : {"", "   ", "\t\r\n", "\u00A0\u3000 "}) {
    INFO("query: " << text);
    ParsedQuery parsed = parse(text);
    CHECK(parsed.query.empty());
    CHECK_FALSE(parsed.matches_nothing);
    CHECK(parsed.filters.empty());
    CHECK(parsed.highlight_terms.empty());
  }
}

TEST_CASE("text with nothing to match matches nothing and is not an error", "[query_parser]") {
  const std::string hash(130, 'a');  // longer than a term may be: no term
  const std::vector<std::string> texts = {
      "!!!", "???", "\"\"", "\"\" \"\"", "()", "(())", "+", "-", "- +", ":", "::::", "-!!!",
      "\"!!!\"", "title:\"\"", "title:!!!", "+ - + -", "--++--", "\xC3", "\xFF\xFE",
      std::string(3, '\0'), hash, "+" + hash, "\"" + hash + "\"", "title:" + hash,
      hash + " -referral", "-referral " + hash, "referral AND " + hash, hash + " NOT referral",
      "+" + hash + " referral", "(" + hash + ")", "\"border " + hash + " data\"",
      "border-" + hash};
  for (const std::string& text : texts) {
    INFO("query: " << text);
    ParsedQuery parsed = parse(text);
    CHECK(parsed.query.empty());
    CHECK(parsed.matches_nothing);
    CHECK(parsed.filters.empty());
    CHECK(parsed.highlight_terms.empty());
  }
}

TEST_CASE("a dropped word or punctuation beside other words drops out", "[query_parser]") {
  const std::string hash(130, 'a');
  check_cases({
      {"referral ???", "Query(Zreferr)"},
      {"referral AND ???", "Query(Zreferr)"},
      {"\"\" OR referral", "Query(Zreferr)"},
  });
  const std::vector<std::string> texts = {"referral " + hash, hash + " OR referral",
                                         "referral -" + hash, "referral NOT " + hash,
                                         "referral \"border " + hash + "\""};
  for (const std::string& text : texts) {
    INFO("query: " << text);
    ParsedQuery parsed = parse(text);
    CHECK(parsed.query.get_description() == "Query(Zreferr)");
    CHECK_FALSE(parsed.matches_nothing);
    CHECK(parsed.highlight_terms == std::vector<std::string>{"referral"});
  }
  // Filters still apply, and are still checked, around a part that
  // matches nothing.
  ParsedQuery parsed = parse("country:Chad " + hash);
  CHECK(parsed.matches_nothing);
  CHECK(show(parsed.filters) == "country=Chad");
  CHECK_FALSE(parse("country:Chad ???").matches_nothing);
  CHECK(error_of("region:!!! " + hash) == "filter region: has no value");
}

TEST_CASE("quoted phrases match stems in order", "[query_parser]") {
  check_cases({
      {"\"referral mechanism\"", "Query((Zreferr PHRASE 2 Zmechan))"},
      {"\"National Referral Mechanisms\"",
       "Query((Znation PHRASE 3 Zreferr PHRASE 3 Zmechan))"},
      {"\"Referrals\"", "Query(Zreferr)"},
      {"\"Markéta\"", "Query(Zmarketa)"},
      {"\"human rights\" lebanon", "Query(((Zhuman PHRASE 2 Zright) OR Zlebanon))"},
      {"\"human\"\"rights\"", "Query((Zhuman OR Zright))"},
      {"\"\" lebanon", "Query(Zlebanon)"},
      {"\"AND\"", "Query(Zand)"},
  });
}

TEST_CASE("+required and -excluded", "[query_parser]") {
  check_cases({
      {"+lebanon referral", "Query((Zlebanon AND_MAYBE Zreferr))"},
      {"+lebanon +syria", "Query((Zlebanon AND Zsyria))"},
      {"+lebanon +syria referral mechanism",
       "Query(((Zlebanon AND Zsyria) AND_MAYBE (Zreferr OR Zmechan)))"},
      {"lebanon -syria", "Query((Zlebanon AND_NOT Zsyria))"},
      {"-syria lebanon", "Query((Zlebanon AND_NOT Zsyria))"},
      {"-syria -iraq", "Query((<alldocuments> AND_NOT (Zsyria OR Ziraq)))"},
      {"+lebanon referral -syria -\"human rights\"",
       "Query(((Zlebanon AND_MAYBE Zreferr) AND_NOT (Zsyria OR (Zhuman PHRASE 2 Zright))))"},
      {"+\"human rights\" lebanon", "Query(((Zhuman PHRASE 2 Zright) AND_MAYBE Zlebanon))"},
      {"lebanon -(syria iraq)", "Query((Zlebanon AND_NOT (Zsyria OR Ziraq)))"},
      {"+(syria iraq) lebanon", "Query(((Zsyria OR Ziraq) AND_MAYBE Zlebanon))"},
      {"-(syria -iraq) lebanon", "Query((Zlebanon AND_NOT (Zsyria AND_NOT Ziraq)))"},
      {"+COVID-19 children", "Query(((Zcovid PHRASE 2 Z19) AND_MAYBE Zchildren))"},
      // A sign must touch what it applies to; alone it is punctuation.
      {"lebanon - syria", "Query((Zlebanon OR Zsyria))"},
      {"lebanon -", "Query(Zlebanon)"},
      {"(lebanon -)", "Query(Zlebanon)"},
      {"lebanon-syria", "Query((Zlebanon PHRASE 2 Zsyria))"},
      {"--syria lebanon", "Query((Zlebanon AND_NOT Zsyria))"},
      {"-!!! lebanon", "Query(Zlebanon)"},
      {"+!!! lebanon", "Query(Zlebanon)"},
      // A signed operator is an ordinary word.
      {"lebanon +AND", "Query((Zand AND_MAYBE Zlebanon))"},
  });
}

TEST_CASE("AND OR NOT: precedence and grouping", "[query_parser]") {
  check_cases({
      {"lebanon AND syria", "Query((Zlebanon AND Zsyria))"},
      {"lebanon OR syria", "Query((Zlebanon OR Zsyria))"},
      {"lebanon NOT syria", "Query((Zlebanon AND_NOT Zsyria))"},
      {"lebanon AND syria AND iraq", "Query((Zlebanon AND Zsyria AND Ziraq))"},
      {"lebanon OR syria OR iraq", "Query((Zlebanon OR Zsyria OR Ziraq))"},
      {"lebanon AND syria OR iraq", "Query(((Zlebanon AND Zsyria) OR Ziraq))"},
      {"lebanon OR syria AND iraq", "Query((Zlebanon OR (Zsyria AND Ziraq)))"},
      {"lebanon AND syria NOT iraq", "Query((Zlebanon AND (Zsyria AND_NOT Ziraq)))"},
      {"lebanon NOT syria AND iraq", "Query(((Zlebanon AND_NOT Zsyria) AND Ziraq))"},
      {"lebanon NOT syria OR iraq", "Query(((Zlebanon AND_NOT Zsyria) OR Ziraq))"},
      {"lebanon NOT syria NOT iraq", "Query((Zlebanon AND_NOT (Zsyria OR Ziraq)))"},
      {"lebanon syria AND iraq", "Query(((Zlebanon OR Zsyria) AND Ziraq))"},
      {"lebanon NOT syria iraq", "Query((Zlebanon AND_NOT (Zsyria OR Ziraq)))"},
      {"(lebanon OR syria) AND iraq", "Query(((Zlebanon OR Zsyria) AND Ziraq))"},
      {"lebanon AND (syria OR iraq)", "Query((Zlebanon AND (Zsyria OR Ziraq)))"},
      {"lebanon NOT (syria OR iraq)", "Query((Zlebanon AND_NOT (Zsyria OR Ziraq)))"},
      {"((lebanon))", "Query(Zlebanon)"},
      {"(lebanon)(syria)", "Query((Zlebanon OR Zsyria))"},
      {"lebanon AND -syria", "Query((Zlebanon AND (<alldocuments> AND_NOT Zsyria)))"},
      {"lebanon OR -syria", "Query((Zlebanon OR (<alldocuments> AND_NOT Zsyria)))"},
      // An operand with nothing ranked drops out instead of matching nothing.
      {"lebanon AND !!!", "Query(Zlebanon)"},
      {"lebanon AND ()", "Query(Zlebanon)"},
      {"!!! NOT syria", "Query((<alldocuments> AND_NOT Zsyria))"},
      {"lebanon NOT !!!", "Query(Zlebanon)"},
  });
}

TEST_CASE("title: author: abstract: scope a word or phrase to a field", "[query_parser]") {
  check_cases({
      {"title:lebanon", "Query(ZSlebanon)"},
      {"TITLE:Lebanon", "Query(ZSlebanon)"},
      {"author:marketa", "Query(ZAmarketa)"},
      {"author:Markéta", "Query(ZAmarketa)"},
      // The abstract has field terms only for words also in another field:
      // a word is in it if in no other field, or if it has that term.
      {"abstract:referrals",
       "Query(((Zreferr AND_NOT (ZSreferr OR ZAreferr)) OR (Zreferr FILTER ZBreferr)))"},
      // Field terms have no positions: a phrase in a field is the phrase
      // over all text, filtered by the field's words.
      {"title:\"referral mechanism\"",
       "Query(((Zreferr PHRASE 2 Zmechan) FILTER (ZSreferr AND ZSmechan)))"},
      {"title:\"Referrals\"", "Query(ZSreferr)"},
      {"title:COVID-19", "Query(((Zcovid PHRASE 2 Z19) FILTER (ZScovid AND ZS19)))"},
      {"abstract:\"border management\"",
       "Query(((Zborder PHRASE 2 Zmanag) FILTER (((Zborder AND_NOT (ZSborder OR ZAborder)) OR "
       "(Zborder FILTER ZBborder)) AND ((Zmanag AND_NOT (ZSmanag OR ZAmanag)) OR "
       "(Zmanag FILTER ZBmanag)))))"},
      {"referral AND title:lebanon", "Query((Zreferr AND ZSlebanon))"},
      {"+title:lebanon referral", "Query((ZSlebanon AND_MAYBE Zreferr))"},
      {"lebanon -title:syria", "Query((Zlebanon AND_NOT ZSsyria))"},
  });
}

TEST_CASE("facet fields become filters applied to the whole query", "[query_parser]") {
  struct FilterCase {
    const char* query;
    const char* description;
    const char* filters;
  };
  const FilterCase cases[] = {
      {"country:France poverty", "Query(Zpoverti)", "country=France"},
      {"poverty region:\"Middle East\" year:2010..2015", "Query(Zpoverti)",
       "region=Middle East; year=2010..2015"},
      {"COUNTRY:chad Topic:Forced-Labour category:Report year:2013", "Query()",
       "country=chad; topic=Forced-Labour; category=Report; year=2013"},
      {"+country:Chad", "Query()", "country=Chad"},
      {"country:Chad country:Niger famine", "Query(Zfamin)", "country=Chad; country=Niger"},
      {"(poverty country:Chad) OR famine", "Query((Zpoverti OR Zfamin))", "country=Chad"},
      {"poverty AND country:Chad", "Query(Zpoverti)", "country=Chad"},
      {"country:Chad -poverty", "Query((<alldocuments> AND_NOT Zpoverti))", "country=Chad"},
      {"year:..2015 year:2010..", "Query()", "year=..2015; year=2010.."},
      // Negated filters stay in the query as the boolean terms of filter_query().
      {"-country:Worldwide", "Query((<alldocuments> AND_NOT XCworldwide))", ""},
      {"poverty -country:Worldwide", "Query((Zpoverti AND_NOT XCworldwide))", ""},
      {"poverty NOT region:\"Middle-East\"", "Query((Zpoverti AND_NOT XRmiddle east))", ""},
      {"poverty -year:2013", "Query((Zpoverti AND_NOT XY2013))", ""},
      {"poverty -year:2010..2012",
       "Query((Zpoverti AND_NOT (XY2010 OR XY2011 OR XY2012)))", ""},
      {"-(poverty country:Chad)", "Query((<alldocuments> AND_NOT (Zpoverti FILTER XCchad)))", ""},
      {"famine -(country:Chad country:Niger region:Sahel)",
       "Query((Zfamin AND_NOT ((XCchad OR XCniger) AND XRsahel)))", ""},
  };
  for (const FilterCase& c : cases) {
    INFO("query: " << c.query);
    ParsedQuery parsed = parse(c.query);
    CHECK(parsed.query.get_description() == c.description);
    CHECK(show(parsed.filters) == c.filters);
  }
}

TEST_CASE("highlight terms: positive and unstemmed and folded and deduplicated", "[query_parser]") {
  const std::pair<const char*, const char*> cases[] = {
      {"Referral mechanisms referral -syria title:Lebanon \"human rights\" country:Chad",
       "referral mechanisms lebanon human rights"},
      {"lebanon NOT syria", "lebanon"},
      {"-(lebanon syria) iraq", "iraq"},
      {"COVID-19 Markéta author:MARKETA", "covid 19 marketa"},
      {"lebanon OR (syria AND +iraq)", "lebanon syria iraq"},
  };
  for (const auto& [query, terms] : cases) {
    INFO("query: " << query);
    CHECK(join_terms(parse(query).highlight_terms) == terms);
  }
}

TEST_CASE("malformed queries: every error message", "[query_parser]") {
  const std::pair<const char*, std::string> cases[] = {
      {"\"abc", "unclosed quote: the \" at column 1 has no closing \""},
      {"poverty \"abc", "unclosed quote: the \" at column 9 has no closing \""},
      {"title:\"abc", "unclosed quote: the \" at column 7 has no closing \""},
      {"\"\"\"", "unclosed quote: the \" at column 3 has no closing \""},
      {"syria (lebanon", "missing ')' for the '(' at column 7"},
      {"syria (lebanon (iraq)", "missing ')' for the '(' at column 7"},
      {"Markéta (x", "missing ')' for the '(' at column 9"},  // columns count characters
      {"syria lebanon)", "unexpected ')' at column 14"},
      {"(syria) lebanon)", "unexpected ')' at column 16"},
      {")", "unexpected ')' at column 1"},
      {"title:lebanon)", "unexpected ')' at column 14"},
      {"AND syria", "'AND' at column 1 needs a term on its left"},
      {"syria AND", "'AND' at column 7 needs a term on its right"},
      {"OR syria", "'OR' at column 1 needs a term on its left"},
      {"syria OR", "'OR' at column 7 needs a term on its right"},
      {"NOT syria", "'NOT' at column 1 needs a term on its left"},
      {"syria NOT", "'NOT' at column 7 needs a term on its right"},
      {"syria AND OR iraq", "'AND' at column 7 needs a term on its right"},
      {"syria NOT NOT iraq", "'NOT' at column 7 needs a term on its right"},
      {"(AND syria)", "'AND' at column 2 needs a term on its left"},
      {"syria (OR)", "'OR' at column 8 needs a term on its left"},
      {"AND", "'AND' at column 1 needs a term on its left"},
      {"AND OR NOT", "'AND' at column 1 needs a term on its left"},
      {"OR OR", "'OR' at column 1 needs a term on its left"},
      {"http://x", std::string("unknown field 'http' in 'http://x'") + kFields},
      {"covid:19", std::string("unknown field 'covid' in 'covid:19'") + kFields},
      {"covid:19(x)", std::string("unknown field 'covid' in 'covid:19'") + kFields},
      {"-Covid:19", std::string("unknown field 'Covid' in 'Covid:19'") + kFields},
      {"foo:\"bar baz\"", std::string("unknown field 'foo' in 'foo:\"bar baz\"'") + kFields},
      {"foo:(bar)", std::string("unknown field 'foo' in 'foo:('") + kFields},
      {"title: foo", "'title:' needs a word or a \"quoted phrase\" right after the colon"},
      {"title:", "'title:' needs a word or a \"quoted phrase\" right after the colon"},
      {"(title:)", "'title:' needs a word or a \"quoted phrase\" right after the colon"},
      {"title:(a b)", "'title:' needs a word or a \"quoted phrase\" right after the colon"},
      {"Author: x", "'Author:' needs a word or a \"quoted phrase\" right after the colon"},
      {"country: Chad", "'country:' needs a word or a \"quoted phrase\" right after the colon"},
      {"year:abc", "year 'abc' is not a year; write year:2012 or year:2010..2015"},
      {"year:12345", "year '12345' is not a year; write year:2012 or year:2010..2015"},
      {"year:-5", "year '-5' is not a year; write year:2012 or year:2010..2015"},
      {"year:2010...2015", "year '2010...2015' is not a year; write year:2012 or year:2010..2015"},
      {"year:..", "year '..' is not a year; write year:2012 or year:2010..2015"},
      {"year:2010..x", "year '2010..x' is not a year; write year:2012 or year:2010..2015"},
      {"year:3000..1000", "year range 3000..1000 is empty: the first year is after the second"},
      {"-year:3000..1000", "year range 3000..1000 is empty: the first year is after the second"},
      {"country:!!!", "filter country: has no value"},
      {"region:\"\"", "filter region: has no value"},
      {"year:\" \"", "filter year: has no value"},
  };
  for (const auto& [query, message] : cases) {
    INFO("query: " << query);
    CHECK(error_of(query) == message);
  }
}

TEST_CASE("term limit: 1000 terms", "[query_parser]") {
  CHECK(error_of(repeat("w ", 1000)) == "no error");
  CHECK(parse(repeat("syria ", 1000)).highlight_terms.size() == 1);
  CHECK(error_of(repeat("w ", 1001)) == "query has more than 1000 terms");
  CHECK(error_of(repeat("w ", 10000)) == "query has more than 1000 terms");
  CHECK(error_of("\"" + repeat("w ", 1001) + "\"") == "query has more than 1000 terms");
  CHECK(error_of(repeat("w ", 999) + "country:Chad country:Niger") ==
        "query has more than 1000 terms");
}

TEST_CASE("nesting limit: 64 levels of parentheses", "[query_parser]") {
  const std::string too_deep = "parentheses nested more than 64 deep: the '(' at column 65";
  CHECK(describe(repeat("(", 64) + "syria" + repeat(")", 64)) == "Query(Zsyria)");
  CHECK(error_of(repeat("(", 65) + "syria" + repeat(")", 65)) == too_deep);
  CHECK(error_of(repeat("(", 10000)) == too_deep);
  CHECK(error_of(repeat("(", 10000) + "syria" + repeat(")", 10000)) == too_deep);
  CHECK(error_of(repeat("(", 64)) == "missing ')' for the '(' at column 64");
  CHECK(error_of(repeat(")", 10000)) == "unexpected ')' at column 1");
  // Many groups side by side are not nesting.
  CHECK(error_of(repeat("(syria) ", 1000)) == "no error");
}

TEST_CASE("hostile inputs neither crash nor hang", "[query_parser]") {
  CHECK(describe(std::string("syria\0iraq", 10)) == "Query((Zsyria OR Ziraq))");
  CHECK(describe(std::string("\0\0\0", 3)) == "Query()");
  CHECK(describe("syria \xff\xfe iraq") == "Query((Zsyria OR Ziraq))");
  CHECK(describe("syria \xc3") == "Query(Zsyria)");
  CHECK(describe("syria\u00a0iraq\u3000lebanon") == "Query((Zsyria OR Ziraq OR Zlebanon))");
  CHECK(describe(repeat("\"\"", 5000)) == "Query()");
  CHECK(error_of(repeat("\"", 5001)) == "unclosed quote: the \" at column 5001 has no closing \"");
  CHECK(describe(repeat("! ", 100000)) == "Query()");
  CHECK(describe(repeat("-", 1000)) == "Query()");
  CHECK(error_of(repeat("AND ", 1000)) == "'AND' at column 1 needs a term on its left");
  CHECK(error_of(repeat("syria NOT ", 1000)) == "'NOT' at column 9997 needs a term on its right");

  // Random strings over the syntax's own characters: each parses or throws
  // QueryError, nothing else.
  const std::string alphabet[] = {"(", ")", "\"", "+", "-", ":", " ", "AND", "OR", "NOT", "syria",
                                  "title:", "year:", "country:", "..", "19", "\xc3", "\xa9", "x:"};
  std::mt19937 random(20240611);
  std::uniform_int_distribution<std::size_t> pick(0, std::size(alphabet) - 1);
  std::uniform_int_distribution<int> length(0, 40);
  int parsed = 0;
  for (int i = 0; i < 3000; ++i) {
    std::string text;
    for (int n = length(random); n > 0; --n) text += alphabet[pick(random)];
    INFO("query: " << text);
    try {
      parse(text);
      ++parsed;
    } catch (const trove::QueryError&) {
    }
  }
  CHECK(parsed > 0);
}

TEST_CASE("filter_query: OR within a field and AND across fields and except_field",
          "[query_parser]") {
  auto describe_filters = [](const std::vector<Filter>& filters, const std::string& except = "") {
    return trove::filter_query(filters, analyzer(), except).get_description();
  };
  const std::vector<Filter> mixed = {
      {"country", "France"}, {"country", "Chad"}, {"region", "Middle-East"}, {"year", "2013"}};
  CHECK(describe_filters({}) == "Query()");
  CHECK(describe_filters({{"country", "France"}}) == "Query(XCfrance)");
  CHECK(describe_filters(mixed) == "Query(((XCfrance OR XCchad) AND XRmiddle east AND XY2013))");
  CHECK(describe_filters(mixed, "country") == "Query((XRmiddle east AND XY2013))");
  CHECK(describe_filters(mixed, "region") == "Query(((XCfrance OR XCchad) AND XY2013))");
  CHECK(describe_filters(mixed, "year") == "Query(((XCfrance OR XCchad) AND XRmiddle east))");
  CHECK(describe_filters({{"country", "France"}}, "country") == "Query()");
  CHECK(describe_filters({{"region", "middle east"}, {"region", "  Middle-EAST "}}) ==
        "Query(XRmiddle east)");
  CHECK(describe_filters({{"Country", "Chad"}}) == "Query(XCchad)");
  CHECK(describe_filters({{"topic", "Forced Labour"}, {"category", "Report"}}) ==
        "Query((XTforced labour AND XKreport))");
}

TEST_CASE("filter_query: years and year ranges", "[query_parser]") {
  auto describe_year = [](const std::string& value) {
    return trove::filter_query({{"year", value}}, analyzer()).get_description();
  };
  CHECK(describe_year("2013") == "Query(XY2013)");
  CHECK(describe_year(" 2013 ") == "Query(XY2013)");
  // Up to 8 years: their terms, which Xapian skips through; more: the value.
  CHECK(describe_year("2010..2012") == "Query((XY2010 OR XY2011 OR XY2012))");
  CHECK(describe_year("2013..2013") == "Query(XY2013)");
  CHECK(describe_year("2010..2017") ==
        "Query((XY2010 OR XY2011 OR XY2012 OR XY2013 OR XY2014 OR XY2015 OR XY2016 OR XY2017))");
  CHECK(describe_year("2010..2018") == R"(Query(VALUE_RANGE 5 \xcf\xda \xcf\xe2))");
  CHECK(describe_year("..2015") == R"(Query(VALUE_LE 5 \xcf\xdf))");
  CHECK(describe_year("2010..") == R"(Query(VALUE_GE 5 \xcf\xda))");
  CHECK(trove::filter_query({{"year", "2013"}, {"year", "2015.."}}, analyzer()).get_description() ==
        R"(Query((XY2013 OR VALUE_GE 5 \xcf\xdf)))");
  // The slot holds Xapian::sortable_serialise(year), as the index writes it.
  CHECK(Xapian::sortable_serialise(2010) == "\xcf\xda");
}

TEST_CASE("filter values with no term say why", "[query_parser]") {
  const std::string long_word = "filter country: a word over 120 bytes is too long to filter by";
  CHECK(filter_error_of({{"country", std::string(1000, 'x')}}) == long_word);
  CHECK(filter_error_of({{"country", std::string(121, 'x')}}) == long_word);
  CHECK(filter_error_of({{"country", "(" + std::string(200, 'x') + ")"}}) == long_word);
  CHECK(filter_error_of({{"country", std::string(120, 'x')}}) == "no error");
  CHECK(filter_error_of({{"country", "\xFF\xFE"}}) ==
        "filter country: invalid UTF-8 at byte 1 of the value");
  CHECK(filter_error_of({{"region", "--\xC3"}}) ==
        "filter region: invalid UTF-8 at byte 3 of the value");
  CHECK(filter_error_of({{"topic", std::string(1, '\0')}}) ==
        "filter topic: NUL byte at byte 1 of the value");
  CHECK(filter_error_of({{"country", "Chad\xFF"}}) == "no error");  // a separator, as in text
  CHECK(filter_error_of({{"country", "!!!"}}) == "filter country: has no value");
  // In query text too.
  CHECK(error_of("country:" + std::string(1000, 'x')) == long_word);
  CHECK(error_of("country:\xC3") == "filter country: invalid UTF-8 at byte 1 of the value");
}

TEST_CASE("filter_query: errors", "[query_parser]") {
  const std::string not_a_year = "' is not a year; write year:2012 or year:2010..2015";
  CHECK(filter_error_of({{"colour", "red"}}) ==
        "unknown filter field 'colour'; use country, region, year, topic or category");
  CHECK(filter_error_of({{"title", "x"}}) ==
        "unknown filter field 'title'; use country, region, year, topic or category");
  CHECK(filter_error_of({{"country", ""}}) == "filter country: has no value");
  CHECK(filter_error_of({{"topic", " -- "}}) == "filter topic: has no value");
  CHECK(filter_error_of({{"year", ""}}) == "filter year: has no value");
  CHECK(filter_error_of({{"year", "abc"}}) == "year 'abc" + not_a_year);
  CHECK(filter_error_of({{"year", "20133"}}) == "year '20133" + not_a_year);
  CHECK(filter_error_of({{"year", "0999"}}) == "year '0999" + not_a_year);  // ingest/year.h
  CHECK(filter_error_of({{"year", "3000..1000"}}) ==
        "year range 3000..1000 is empty: the first year is after the second");
  // A malformed filter is reported even when except_field leaves it out.
  CHECK(filter_error_of({{"year", "abc"}}, "year") == "year 'abc" + not_a_year);
  CHECK(filter_error_of({{"country", "Chad"}, {"year", "2010..2015"}}) == "no error");
}

#include "search/fields.h"

TEST_CASE("field names come from the schema and field copies are told by its prefixes",
          "[query_parser]") {
  CHECK(trove::facet_name_list() == "country, region, year, topic or category");
  CHECK(trove::field_name_list() ==
        "title, abstract, author, country, region, year, topic, category");
  CHECK(trove::is_field_copy("ZSlebanon"));
  CHECK(trove::is_field_copy("ZAmarketa"));
  CHECK(trove::is_field_copy("ZBborder"));
  CHECK_FALSE(trove::is_field_copy("Zlebanon"));
  CHECK_FALSE(trove::is_field_copy("ZS"));  // a prefix with no word after it
  CHECK_FALSE(trove::is_field_copy("Z"));
  CHECK_FALSE(trove::is_field_copy("XCchad"));
  CHECK_FALSE(trove::is_field_copy("QS1"));
}
