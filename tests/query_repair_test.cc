// Forgiving parsing (lib/search/query_repair.h): query text -> the exact
// query it means (as Searcher::describe_query() shows it) and the exact
// notes; that well-formed text means the same in both modes; that only the
// resource limits stay errors; and the same through a Searcher and
// trove-search's library calls.
#include "search/query_repair.h"

#include <catch2/catch.hpp>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <vector>

#include "search/query_parser.h"
#include "test_util.h"
#include "trove/error.h"
#include "trove/trove.h"

namespace trove {
namespace {

const Analyzer& analyzer() {
  static const Analyzer instance;
  return instance;
}

const QueryParser& parser() {
  static const QueryParser instance(analyzer());
  return instance;
}

// As Searcher::describe_query(): the ranked query, then the lifted filters.
std::string describe(const ParsedQuery& parsed) {
  std::string out =
      parsed.query.empty() ? std::string("(all records)") : parsed.query.get_description();
  const Xapian::Query filter = filter_query(parsed.filters, analyzer());
  if (!filter.empty()) out += " FILTER " + filter.get_description();
  return out;
}

struct Reading {
  std::string description;
  std::vector<std::string> notes;
};

Reading forgiving(const std::string& text) {
  Reading out;
  out.description = describe(parse_query(parser(), text, false, nullptr, &out.notes));
  return out;
}

// The QueryError message of parsing `text` in the given mode, or "no error".
std::string error_of(const std::string& text, bool strict) {
  try {
    parse_query(parser(), text, strict, nullptr, nullptr);
  } catch (const QueryError& e) {
    return e.what();
  }
  return "no error";
}

std::string repeat(const std::string& piece, std::size_t n) {
  std::string out;
  for (std::size_t i = 0; i < n; ++i) out += piece;
  return out;
}

struct Case {
  const char* query;
  const char* description;
  std::vector<std::string> notes;
};

void check_cases(const std::vector<Case>& cases) {
  for (const Case& c : cases) {
    INFO("query: " << c.query);
    CHECK(error_of(c.query, true) != "no error");  // each case is malformed text
    const Reading reading = forgiving(c.query);
    CHECK(reading.description == c.description);
    CHECK(reading.notes == c.notes);
  }
}

const std::string kNoClosingQuote = " has no closing quote: searched as a phrase to the end";
const std::string kNothingAfterQuote = " has no closing quote and nothing after it: ignored";
const std::string kNoValue = " has nothing right after the colon: ignored";
const std::string kNotAField = " is not a field: searched as text";
const std::string kNotAYear = " is not a year; write year:2012 or year:2010..2015";

}  // namespace

TEST_CASE("forgiving: the issue's real-world examples", "[query_repair]") {
  check_cases({
      {"behuizing 19\" inch",
       "Query((Zbehuiz OR Z19 OR Zinch))",
       {"the quote at column 13" + kNoClosingQuote}},
      {"Syntaxisfout (operator ontbreekt ASP",
       "Query((Zsyntaxisfout OR (Zoper OR Zontbreekt OR Zasp)))",
       {"the '(' at column 14 has no closing ')': closed at the end"}},
      {"patch linux exploit -p)",
       "Query(((Zpatch OR Zlinux OR Zexploit) AND_NOT Zp))",
       {"the ')' at column 23 has no matching '(': ignored"}},
      {"UObject::StaticAllocateObject",
       "Query((Zuobject PHRASE 2 Zstaticallocateobject))",
       {"'UObject:' at column 1" + kNotAField}},
      {"php+print+\"",
       "Query((Zphp PHRASE 2 Zprint))",
       {"the quote at column 11" + kNothingAfterQuote}},
  });
}

TEST_CASE("forgiving: an unclosed quote is a phrase to the end", "[query_repair]") {
  check_cases({
      {"\"abc", "Query(Zabc)", {"the quote at column 1" + kNoClosingQuote}},
      {"poverty \"national referral",
       "Query((Zpoverti OR (Znation PHRASE 2 Zreferr)))",
       {"the quote at column 9" + kNoClosingQuote}},
      {"\"a\" \"b", "Query((Za OR Zb))", {"the quote at column 5" + kNoClosingQuote}},
      // A quote with nothing after it is no phrase at all.
      {"\"\"\"", "(all records)", {"the quote at column 3" + kNothingAfterQuote}},
      {"asp \" \u3000 ", "Query(Zasp)", {"the quote at column 5" + kNothingAfterQuote}},
      {"asp \"!", "Query(Zasp)", {"the quote at column 5" + kNoClosingQuote}},
      // Everything after the quote is phrase text, syntax included.
      {"\"unclosed (paren AND",
       "Query((Zunclos PHRASE 3 Zparen PHRASE 3 Zand))",
       {"the quote at column 1" + kNoClosingQuote}},
      {"title:\"border manag",
       "Query(((Zborder PHRASE 2 Zmanag) FILTER (ZSborder AND ZSmanag)))",
       {"the quote at column 7" + kNoClosingQuote}},
      {"country:\"Middle",
       "(all records) FILTER Query(XCmiddle)",
       {"the quote at column 9" + kNoClosingQuote}},
      {"Markéta \"x", "Query((Zmarketa OR Zx))", {"the quote at column 9" + kNoClosingQuote}},
  });
}

TEST_CASE("forgiving: unbalanced parentheses", "[query_repair]") {
  check_cases({
      {"syria (lebanon",
       "Query((Zsyria OR Zlebanon))",
       {"the '(' at column 7 has no closing ')': closed at the end"}},
      {"((a) b",
       "Query((Za OR Zb))",
       {"the '(' at column 1 has no closing ')': closed at the end"}},
      {"-(a b",
       "Query((<alldocuments> AND_NOT (Za OR Zb)))",
       {"the '(' at column 2 has no closing ')': closed at the end"}},
      {"syria lebanon)",
       "Query((Zsyria OR Zlebanon))",
       {"the ')' at column 14 has no matching '(': ignored"}},
      {"(syria) lebanon)",
       "Query((Zsyria OR Zlebanon))",
       {"the ')' at column 16 has no matching '(': ignored"}},
      {"title:lebanon)", "Query(ZSlebanon)", {"the ')' at column 14 has no matching '(': ignored"}},
      {"a) (b",
       "Query((Za OR Zb))",
       {"the ')' at column 2 has no matching '(': ignored",
        "the '(' at column 4 has no closing ')': closed at the end"}},
      {")(",
       "(all records)",
       {"the ')' at column 1 has no matching '(': ignored",
        "the '(' at column 2 has no closing ')': closed at the end"}},
  });
}

TEST_CASE("forgiving: word: where word is not a field is plain text", "[query_repair]") {
  check_cases({
      {"http://x", "Query((Zhttp PHRASE 2 Zx))", {"'http:' at column 1" + kNotAField}},
      {"covid:19", "Query((Zcovid PHRASE 2 Z19))", {"'covid:' at column 1" + kNotAField}},
      {"-Covid:19",
       "Query((<alldocuments> AND_NOT (Zcovid PHRASE 2 Z19)))",
       {"'Covid:' at column 2" + kNotAField}},
      {"foo:\"bar baz\"",
       "Query((Zfoo OR (Zbar PHRASE 2 Zbaz)))",
       {"'foo:' at column 1" + kNotAField}},
      {"foo:(bar)", "Query((Zfoo OR Zbar))", {"'foo:' at column 1" + kNotAField}},
      {"covid:19(x)",
       "Query(((Zcovid PHRASE 2 Z19) OR Zx))",
       {"'covid:' at column 1" + kNotAField}},
      // The name stays a word, never an operator.
      {"AND:(x)", "Query((Zand OR Zx))", {"'AND:' at column 1" + kNotAField}},
      {"NOT:\"x\"", "Query((Znot OR Zx))", {"'NOT:' at column 1" + kNotAField}},
  });
}

TEST_CASE("forgiving: a field with no value is dropped", "[query_repair]") {
  check_cases({
      {"title:", "(all records)", {"'title:' at column 1" + kNoValue}},
      {"title: foo", "Query(Zfoo)", {"'title:' at column 1" + kNoValue}},
      {"(title:)", "(all records)", {"'title:' at column 2" + kNoValue}},
      {"Author: x", "Query(Zx)", {"'Author:' at column 1" + kNoValue}},
      {"country: Chad", "Query(Zchad)", {"'country:' at column 1" + kNoValue}},
      {"title:(a b)",
       "Query((Za OR Zb))",
       {"'title:' at column 1 takes a word or a \"phrase\", not a group in parentheses: the group "
        "is searched in all fields"}},
  });
}

TEST_CASE("forgiving: dangling and doubled operators", "[query_repair]") {
  const std::string left = " has no term on its left: ignored";
  const std::string right = " has no term on its right: ignored";
  const std::string excluded = " has no term on its left: what follows it is excluded";
  check_cases({
      {"AND syria", "Query(Zsyria)", {"'AND' at column 1" + left}},
      {"syria AND", "Query(Zsyria)", {"'AND' at column 7" + right}},
      {"OR syria", "Query(Zsyria)", {"'OR' at column 1" + left}},
      {"syria OR", "Query(Zsyria)", {"'OR' at column 7" + right}},
      {"NOT syria", "Query((<alldocuments> AND_NOT Zsyria))", {"'NOT' at column 1" + excluded}},
      {"NOT (a b)", "Query((<alldocuments> AND_NOT (Za OR Zb)))", {"'NOT' at column 1" + excluded}},
      {"syria NOT", "Query(Zsyria)", {"'NOT' at column 7" + right}},
      {"syria OR OR iraq", "Query((Zsyria OR Ziraq))", {"'OR' at column 7" + right}},
      {"syria AND OR iraq", "Query((Zsyria OR Ziraq))", {"'AND' at column 7" + right}},
      {"syria AND NOT iraq",
       "Query((Zsyria AND (<alldocuments> AND_NOT Ziraq)))",
       {"'NOT' at column 11" + excluded}},
      {"syria OR NOT iraq",
       "Query((Zsyria OR (<alldocuments> AND_NOT Ziraq)))",
       {"'NOT' at column 10" + excluded}},
      {"syria NOT NOT iraq", "Query((Zsyria AND_NOT Ziraq))", {"'NOT' at column 11" + left}},
      {"NOT NOT a",
       "Query((<alldocuments> AND_NOT Za))",
       {"'NOT' at column 1" + left, "'NOT' at column 5" + excluded}},
      {"NOT -a", "Query((<alldocuments> AND_NOT Za))", {"'NOT' at column 1" + left}},
      {"(AND syria)", "Query(Zsyria)", {"'AND' at column 2" + left}},
      {"syria (OR)", "Query(Zsyria)", {"'OR' at column 8" + left}},
      {"a (b AND) c", "Query((Za OR Zb OR Zc))", {"'AND' at column 6" + right}},
      {"AND OR NOT",
       "(all records)",
       {"'AND' at column 1" + left, "'OR' at column 5" + left, "'NOT' at column 8" + left}},
      // A dropped filter leaves its operator dangling.
      {"x AND year:abc",
       "Query(Zx)",
       {"'AND' at column 3" + right, "'year:abc' at column 7 is ignored: year 'abc'" + kNotAYear}},
  });
}

// Found by fuzz_query_parser: the lexer reads "OR^2" as the operator OR with
// a boost, and "title:^2" as "title:" with a boost; the repair read them as
// words and left the text malformed.
TEST_CASE("forgiving: a boost does not hide an operator or an empty field", "[query_repair]") {
  const std::string left = " has no term on its left: ignored";
  check_cases({
      {"OR^2", "(all records)", {"'OR^2' at column 1" + left}},
      {"AND^1.5 syria", "Query(Zsyria)", {"'AND^1.5' at column 1" + left}},
      {"syria NOT^2", "Query(Zsyria)", {"'NOT^2' at column 7 has no term on its right: ignored"}},
      {"NOT^2 syria", "Query((<alldocuments> AND_NOT Zsyria))",
       {"'NOT^2' at column 1 has no term on its left: what follows it is excluded"}},
      {"title:^2 syria", "Query(Zsyria)", {"'title:' at column 1" + kNoValue}},
      {"country:^3", "(all records)", {"'country:' at column 1" + kNoValue}},
      {"x:y^2", "Query(2 * (Zx PHRASE 2 Zy))", {"'x:' at column 1" + kNotAField}},
  });
}

TEST_CASE("forgiving: bad filter values are dropped", "[query_repair]") {
  const std::string empty = " is empty: the first year is after the second";
  check_cases({
      {"year:20x3",
       "(all records)",
       {"'year:20x3' at column 1 is ignored: year '20x3'" + kNotAYear}},
      {"year:2015..2010",
       "(all records)",
       {"'year:2015..2010' at column 1 is ignored: year range 2015..2010" + empty}},
      {"trafficking -year:3000..1000",
       "Query(Ztraffick)",
       {"'year:3000..1000' at column 14 is ignored: year range 3000..1000" + empty}},
      {"trafficking year:abc country:Chad",
       "Query(Ztraffick) FILTER Query(XCchad)",
       {"'year:abc' at column 13 is ignored: year 'abc'" + kNotAYear}},
      {"country:!!!",
       "(all records)",
       {"'country:!!!' at column 1 is ignored: filter country: has no value"}},
      {"region:\"\"",
       "(all records)",
       {"'region:\"\"' at column 1 is ignored: filter region: has no value"}},
      {"year:\" \"",
       "(all records)",
       {"'year:\" \"' at column 1 is ignored: filter year: has no value"}},
      // Quoted as typed, before the quote is closed.
      {"topic:\"",
       "(all records)",
       {"'topic:\"' at column 1 is ignored: filter topic: has no value",
        "the quote at column 7" + kNothingAfterQuote}},
  });
}

TEST_CASE("forgiving: hostile text gets ten notes and a count of the rest", "[query_repair]") {
  for (const std::string& text : {repeat(")", 1 << 20), repeat("AND ", 100000)}) {
    INFO("query: " << text.substr(0, 8) << "...");
    const Reading reading = forgiving(text);
    CHECK(reading.description == "(all records)");
    REQUIRE(reading.notes.size() == 11);
    CHECK(reading.notes.back() ==
          "and " + std::to_string(text[0] == ')' ? (1 << 20) - 10 : 100000 - 10) +
              " more reinterpretations");
  }
  // Linear in the text: before the notes were capped, counting the column of
  // each of a million notes took a pass over the text each.
  CHECK(forgiving(repeat("year:x ", 150000)).notes.size() == 11);
  CHECK(forgiving("\"" + repeat("(", 1 << 20)).notes ==
        std::vector<std::string>{"the quote at column 1" + kNoClosingQuote});
  const Reading eleven = forgiving(repeat(")", 11));
  CHECK(eleven.notes.size() == 11);
  CHECK(eleven.notes.back() == "and 1 more reinterpretations");
  CHECK(forgiving(repeat(")", 10)).notes.size() == 10);
  CHECK(forgiving(repeat(")", 10)).notes.back() ==
        "the ')' at column 10 has no matching '(': ignored");
}

TEST_CASE("forgiving: notes are valid UTF-8 whatever the text", "[query_repair]") {
  check_cases({
      {"year:\xff",
       "(all records)",
       {"'year:\xEF\xBF\xBD' at column 1 is ignored: year '\xEF\xBF\xBD'" + kNotAYear}},
      {"caf\xc3 x:\"y\"", "Query((Zcaf OR Zx OR Zy))", {"'x:' at column 6" + kNotAField}},
  });
}

TEST_CASE("forgiving: stray signs and punctuation were never errors", "[query_repair]") {
  for (const char* text : {"c++ -d-- + - * ^ ! ?", "a ^ b * c", "+-dvd", "canal + ", "--++--",
                           "10:30", "Note: this", "()", "\"\"", "relais +/-"}) {
    INFO("query: " << text);
    CHECK(error_of(text, true) == "no error");
    CHECK(forgiving(text).notes.empty());
  }
  CHECK(forgiving("c++ -d-- + - * ^ ! ?").description == "Query((Zc AND_NOT Zd))");
}

TEST_CASE("forgiving: well-formed text means what it means in strict mode", "[query_repair]") {
  for (const char* text :
       {"referral mechanism", "\"national referral mechanism\"", "+survivors -lebanon",
        "a AND b OR c NOT d", "(syria OR iraq) lebanon", "title:lebanon author:marketa",
        "abstract:\"border management\"", "referral region:\"Middle East\" year:2010..2015",
        "-country:Worldwide x", "(poverty country:Chad) OR famine", ""}) {
    INFO("query: " << text);
    Reading reading = forgiving(text);
    CHECK(reading.description == describe(parser().parse(text)));
    CHECK(reading.notes.empty());
  }
}

TEST_CASE("forgiving: resource limits stay errors with the strict messages", "[query_repair]") {
  const std::string terms = "query has more than 1000 terms";
  const std::string deep = "parentheses nested more than 64 deep: the '(' at column 65";
  for (bool strict : {true, false}) {
    INFO("strict: " << strict);
    CHECK(error_of(repeat("w ", 1001), strict) == terms);
    CHECK(error_of(repeat("(", 65) + "syria" + repeat(")", 65), strict) == deep);
    CHECK(error_of(repeat("(", 10000), strict) == deep);
    CHECK(error_of(repeat("w ", 1000), strict) == "no error");
  }
  // Malformed text beyond a limit: the repair leaves the limit to report.
  CHECK(error_of("\"" + repeat("w ", 1001), false) == terms);
  CHECK(error_of(repeat("w ", 1001) + ")", false) == terms);
  CHECK(error_of(repeat("(", 65) + "\"syria", false) == deep);
  // The limit error leaves as a plain QueryError (its type is internal).
  try {
    parse_query(parser(), repeat("w ", 1001), false, nullptr, nullptr);
    FAIL("no error");
  } catch (const QueryError& e) {
    CHECK(typeid(e) == typeid(QueryError));
  }
}

TEST_CASE("forgiving: strict mode keeps the precise errors", "[query_repair]") {
  CHECK(error_of("behuizing 19\" inch", true) ==
        "unclosed quote: the \" at column 13 has no closing \"");
  CHECK(error_of("UObject::StaticAllocateObject", true) ==
        "unknown field 'UObject' in 'UObject::StaticAllocateObject'; fields are title, abstract, "
        "author, country, region, year, topic, category");
  CHECK(error_of("patch linux exploit -p)", true) == "unexpected ')' at column 23");
  for (const char* text :
       {"behuizing 19\" inch", "UObject::StaticAllocateObject", "AND", "year:x"}) {
    CHECK(error_of(text, false) == "no error");
  }
}

TEST_CASE("plain_words: the last resort takes all syntax out", "[query_repair]") {
  CHECK(plain_words("title:\"a b\" (c OR -d) +e AND NOT f:g") == "title a b c d e f g");
  CHECK(plain_words("  ") == "");
  CHECK(plain_words("--x ++ a-b c+") == "x a-b c+");
  CHECK(plain_words("AND OR NOT and") == "and");
  CHECK(plain_words("syria\xc2\xa0iraq") == "syria iraq");
}

TEST_CASE("forgiving: random syntax soup never throws and repairs only what strict rejects",
          "[query_repair]") {
  const std::string alphabet[] = {
      "(",      ")",     "\"",       "+",  "-",  ":",    " ",    "AND", "OR",   "NOT", "syria",
      "title:", "year:", "country:", "..", "19", "\xc3", "\xa9", "x:",  "2015", "!",
      "^2"};
  std::mt19937 random(20240612);
  std::uniform_int_distribution<std::size_t> pick(0, std::size(alphabet) - 1);
  std::uniform_int_distribution<int> length(0, 40);
  int repaired = 0;
  for (int i = 0; i < 3000; ++i) {
    std::string text;
    for (int n = length(random); n > 0; --n) text += alphabet[pick(random)];
    INFO("query: " << text);
    const bool well_formed = error_of(text, true) == "no error";
    Reading reading;
    REQUIRE_NOTHROW(reading = forgiving(text));
    if (well_formed) {
      CHECK(reading.notes.empty());
      CHECK(reading.description == describe(parser().parse(text)));
    } else {
      ++repaired;
      CHECK(!reading.notes.empty());
      // The repair alone suffices: its text is well-formed.
      CHECK_NOTHROW(parser().parse(repair_query(text, analyzer()).text));
    }
  }
  CHECK(repaired > 1000);
}

TEST_CASE("forgiving: every query of the messy set gets an answer", "[query_repair]") {
  // 217 queries written for trove in the manner of a search box's log
  // (pasted errors, URLs, code, stray quotes and parentheses, web-search
  // operators); bench/trove-forgiving prints the same shares.
  std::ifstream in(std::string(TROVE_TEST_DATA) + "/queries/messy.txt", std::ios::binary);
  std::size_t queries = 0, strict = 0, forgiven = 0;
  for (std::string line; std::getline(in, line);) {
    INFO("query: " << line);
    ++queries;
    strict += error_of(line, true) == "no error";
    forgiven += error_of(line, false) == "no error";
  }
  CHECK(queries == 217);
  CHECK(strict == 136);
  CHECK(forgiven == 217);
}

// ---------------------------------------------------------------------------
// Through a Searcher

namespace {

struct Sample {
  test::TempDir dir;
  std::string db = dir / "index";
  Sample() {
    IndexWriter writer = IndexWriter::open(db);
    REQUIRE(ingest(writer, {test::sample_path()}, Format::kAuto, {}).added == 10);
    writer.finish();
  }
};

}  // namespace

TEST_CASE("Searcher: forgiving by default with notes and strict on request",
          "[query_repair][search]") {
  Sample sample;
  Searcher searcher = Searcher::open(sample.db);
  SearchRequest request;
  request.query = "\"national referral mechanism";
  const SearchResult forgiven = searcher.search(request);
  CHECK(forgiven.notes == std::vector<std::string>{"the quote at column 1" + kNoClosingQuote});
  request.query = "\"national referral mechanism\"";
  const SearchResult closed = searcher.search(request);
  CHECK(closed.notes.empty());
  CHECK(forgiven.total == closed.total);
  CHECK(closed.total > 0);

  request.query = "\"national referral mechanism";
  request.strict = true;
  CHECK_THROWS_WITH(searcher.search(request),
                    "unclosed quote: the \" at column 1 has no closing \"");

  CHECK(searcher.describe_query("referral AND") == "Query(Zreferr)");
  CHECK(searcher.describe_query("referral AND", false) == "Query(Zreferr)");
  CHECK_THROWS_WITH(searcher.describe_query("referral AND", true),
                    "'AND' at column 10 needs a term on its right");
  // Request filters and facets are not typed text: errors in both modes.
  SearchRequest bad;
  bad.filters = {{"year", "3000..1000"}};
  CHECK_THROWS_WITH(searcher.search(bad),
                    "year range 3000..1000 is empty: the first year is after the second");
  // Limits: errors in both modes.
  bad = SearchRequest();
  bad.query = repeat("trafficking ", 1001) + "(";
  CHECK_THROWS_WITH(searcher.search(bad), "query has more than 1000 terms");
}

}  // namespace trove
