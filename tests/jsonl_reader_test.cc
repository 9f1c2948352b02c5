// Tests for the JSON Lines reader (lib/ingest/jsonl_reader.cc).
#include <catch2/catch.hpp>

#include "test_util.h"
#include <sstream>
#include <string>
#include <vector>

#include "trove/reader.h"

namespace {

using trove::Format;
using trove::ReadError;
using trove::Record;
using Log = std::vector<std::string>;

// One line per record: "line: [id] title | abstract" then each non-empty
// field. The id is shown only when it is not the derived one (from the
// title, or from the abstract of a record without a title).
std::string describe(const Record& r) {
  std::string out = std::to_string(r.source_line) + ": ";
  if (r.id != trove::record_id(r.title.empty() ? r.abstract : r.title, r.year)) {
    out += "[" + r.id + "] ";
  }
  out += r.title + " | " + r.abstract;
  return out + trove::test::describe_fields(r);
}

Log read_jsonl(const std::string& text, const std::string& name = "t.jsonl") {
  Log log;
  std::istringstream in(text);
  trove::read_stream(
      in, name, Format::kJsonl,
      [&](Record&& r) {
        CHECK(r.source_file == name);
        log.push_back(describe(r));
      },
      [&](const ReadError& e) { log.push_back("! " + e.message()); });
  return log;
}

struct Case {
  const char* name;
  std::string text;
  Log expected;
};

void run(const std::vector<Case>& cases) {
  for (const auto& c : cases) {
    SECTION(c.name) { CHECK(read_jsonl(c.text) == c.expected); }
  }
}

}  // namespace

TEST_CASE("JSONL: good lines", "[reader][jsonl]") {
  run({
      {"every field",
       R"({"id":"pub-1","title":" T ","abstract":"A","authors":["X","Y"],"country":["C"],)"
       R"("region":["R1","R2"],"year":2013,"category":["K"],"topic":["P"],"extra":{"a":[1]}})"
       "\n",
       {"1: [pub-1] T | A | country=C | region=R1;R2 | authors=X;Y | year=2013 | category=K | "
        "topic=P"}},
      {"only the required fields; blank lines are skipped but counted",
       "\n  \n{\"title\":\"T\",\"abstract\":\"A\"}\n\n{\"title\":\"U\",\"abstract\":\"B\"}",
       {"3: T | A", "5: U | B"}},
      {"list fields take a string or an array; values trimmed, empties and duplicates dropped",
       R"({"title":"T","abstract":"A","authors":"Solo","country":[" X ","","X","Y"],)"
       R"("region":[],"category":"","topic":null})",
       {"1: T | A | country=X;Y | authors=Solo"}},
      {"explicit ids: string or integer; blank or null means derived",
       R"({"id":42,"title":"T","abstract":"A"})"
       "\n"
       R"({"id":-7,"title":"T","abstract":"A"})"
       "\n"
       R"({"id":18446744073709551615,"title":"T","abstract":"A"})"
       "\n"
       R"({"id":"  ","title":"T","abstract":"A"})"
       "\n"
       R"({"id":null,"title":"T","abstract":"A"})",
       {"1: [42] T | A", "2: [-7] T | A", "3: [18446744073709551615] T | A", "4: T | A",
        "5: T | A"}},
      {"year as a four-digit string",
       R"({"title":"T","abstract":"A","year":" 2013 "})",
       {"1: T | A | year=2013"}},
      {"a null year is no year", R"({"title":"T","abstract":"A","year":null})", {"1: T | A"}},
      {"unicode escapes and raw UTF-8",
       R"({"title":"Mark\u00e9ta","abstract":"Markéta \ud83d\ude00"})",
       {"1: Mark\xC3\xA9ta | Mark\xC3\xA9ta \xF0\x9F\x98\x80"}},
  });
}

TEST_CASE("JSONL: BOM and CRLF", "[reader][jsonl]") {
  const std::string lines =
      "{\"title\":\"T\",\"abstract\":\"A\",\"year\":2001}\r\n\r\n{\"title\":\"U\",\"abstract\":"
      "\"B\"}\r\n";
  const Log expected = {"1: T | A | year=2001", "3: U | B"};
  CHECK(read_jsonl(lines) == expected);
  CHECK(read_jsonl("\xEF\xBB\xBF" + lines) == expected);
  // A BOM on a later line (files joined with cat) is dropped too.
  CHECK(read_jsonl(lines + "\xEF\xBB\xBF" + lines) ==
        Log{"1: T | A | year=2001", "3: U | B", "4: T | A | year=2001", "6: U | B"});
}

TEST_CASE("JSONL: bad lines are reported with their line and skipped", "[reader][jsonl]") {
  const std::string good = "{\"title\":\"G\",\"abstract\":\"A\"}";
  run({
      {"invalid JSON",
       good + "\n{\"title\": \n" + good + "\n{title}\n" + good,
       {"1: G | A",
        "! t.jsonl:2: invalid JSON: [json.exception.parse_error.101] parse error at line 1, "
        "column 11: syntax error while parsing value - unexpected end of input; expected '[', "
        "'{', or a literal",
        "3: G | A",
        "! t.jsonl:4: invalid JSON: [json.exception.parse_error.101] parse error at line 1, "
        "column 3: syntax error while parsing object key - invalid literal; last read: '{ti'; "
        "expected string literal",
        "5: G | A"}},
      {"two objects on one line",
       good + " {}\n" + good,
       {"! t.jsonl:1: invalid JSON: [json.exception.parse_error.101] parse error at line 1, "
        "column 30: syntax error while parsing value - unexpected '{'; expected end of input",
        "2: G | A"}},
      {"a number too large",
       "{\"title\":1e999}\n" + good,
       {"! t.jsonl:1: invalid JSON: [json.exception.out_of_range.406] number overflow parsing "
        "'1e999'",
        "2: G | A"}},
      {"not an object",
       "[1,2]\n\"text\"\n42\nnull\n" + good,
       {"! t.jsonl:1: expected a JSON object", "! t.jsonl:2: expected a JSON object",
        "! t.jsonl:3: expected a JSON object", "! t.jsonl:4: expected a JSON object", "5: G | A"}},
      {"neither title nor abstract (missing, null, empty or blank)",
       "{}\n{\"title\":null,\"abstract\":null}\n{\"title\":\"\",\"abstract\":\" \\t \"}\n"
       "{\"authors\":\"X\",\"year\":2001}\n" +
           good,
       {"! t.jsonl:1: record has no title and no abstract",
        "! t.jsonl:2: record has no title and no abstract",
        "! t.jsonl:3: record has no title and no abstract",
        "! t.jsonl:4: record has no title and no abstract", "5: G | A"}},
      {"wrong field types",
       "{\"title\":5,\"abstract\":\"A\"}\n"
       "{\"title\":\"T\",\"abstract\":[\"A\"]}\n"
       "{\"title\":\"T\",\"abstract\":\"A\",\"authors\":5}\n"
       "{\"title\":\"T\",\"abstract\":\"A\",\"country\":[\"X\",1]}\n"
       "{\"title\":\"T\",\"abstract\":\"A\",\"topic\":{\"a\":\"b\"}}\n"
       "{\"title\":\"T\",\"abstract\":\"A\",\"id\":1.5}\n"
       "{\"title\":\"T\",\"abstract\":\"A\",\"id\":[\"x\"]}\n" +
           good,
       {"! t.jsonl:1: field 'title' must be a string",
        "! t.jsonl:2: field 'abstract' must be a string",
        "! t.jsonl:3: field 'authors' must be a string or an array of strings",
        "! t.jsonl:4: field 'country' must be a string or an array of strings",
        "! t.jsonl:5: field 'topic' must be a string or an array of strings",
        "! t.jsonl:6: field 'id' must be a string or an integer",
        "! t.jsonl:7: field 'id' must be a string or an integer", "8: G | A"}},
      {"invalid UTF-8 is caught before parsing",
       "{\"title\":\"T\xC3\",\"abstract\":\"A\"}\n{\"title\":\"\xED\xA0\x80\"}\n" + good,
       {"! t.jsonl:1: invalid UTF-8 at byte 12", "! t.jsonl:2: invalid UTF-8 at byte 11",
        "3: G | A"}},
      {"a NUL byte",
       std::string("{\"title\":\"T\0\"}\n", 15) + good,
       {"! t.jsonl:1: NUL byte at byte 12", "2: G | A"}},
      {"an escaped NUL",
       "{\"title\":\"T\\u0000\",\"abstract\":\"A\"}\n" + good,
       {"! t.jsonl:1: field 'title' contains a NUL character", "2: G | A"}},
  });
}

TEST_CASE("JSONL: a year that is not a four-digit year is a warning", "[reader][jsonl]") {
  const std::string head = "{\"title\":\"T\",\"abstract\":\"A\",\"year\":";
  const std::string tail = " is not a four-digit year from 1000 to 9999; the record keeps no year";
  run({
      {"a bad string",
       head + "\"20l3\"}",
       {"1: T | A", "! t.jsonl:1: warning: year '20l3'" + tail}},
      {"a five-digit integer",
       head + "20130}",
       {"1: T | A", "! t.jsonl:1: warning: year '20130'" + tail}},
      {"a three-digit integer",
       head + "999}",
       {"1: T | A", "! t.jsonl:1: warning: year '999'" + tail}},
      {"a four-digit string below 1000",
       head + "\"0999\"}",
       {"1: T | A", "! t.jsonl:1: warning: year '0999'" + tail}},
      {"a negative integer",
       head + "-2013}",
       {"1: T | A", "! t.jsonl:1: warning: year '-2013'" + tail}},
      {"a float", head + "2013.5}", {"1: T | A", "! t.jsonl:1: warning: year '2013.5'" + tail}},
      {"an array", head + "[2013]}", {"1: T | A", "! t.jsonl:1: warning: year '[2013]'" + tail}},
      {"a boolean", head + "true}", {"1: T | A", "! t.jsonl:1: warning: year 'true'" + tail}},
  });
}

TEST_CASE("JSONL: a record with a title or an abstract only is kept with a warning",
          "[reader][jsonl]") {
  const std::string no_abstract =
      "! t.jsonl:1: warning: record has no abstract; indexed from its title and other fields";
  const std::string no_title =
      "! t.jsonl:1: warning: record has no title; indexed from its abstract and other fields";
  run({
      {"abstract missing", "{\"title\":\"T\",\"year\":2001}", {"1: T |  | year=2001", no_abstract}},
      {"abstract null", "{\"title\":\"T\",\"abstract\":null}", {"1: T | ", no_abstract}},
      {"abstract blank", "{\"title\":\"T\",\"abstract\":\" \"}", {"1: T | ", no_abstract}},
      {"title missing", "{\"abstract\":\"A\"}", {"1:  | A", no_title}},
      {"title blank", "{\"title\":\" \\t \",\"abstract\":\"A\"}", {"1:  | A", no_title}},
      {"both warnings of a record after it in order",
       "{\"title\":\"T\",\"year\":\"soon\"}",
       {"1: T | ", no_abstract,
        "! t.jsonl:1: warning: year 'soon' is not a four-digit year from 1000 to 9999; the record keeps no year"}},
  });
}

TEST_CASE("JSONL: a record without a title or an id takes its id from its abstract",
          "[reader][jsonl]") {
  std::vector<Record> records;
  std::istringstream in(
      "{\"abstract\":\"First.\",\"year\":2001}\n{\"abstract\":\"Second.\",\"year\":2001}\n"
      "{\"abstract\":\"Third.\",\"id\":\"x-3\"}\n");
  trove::read_stream(
      in, "t.jsonl", Format::kJsonl, [&](Record&& r) { records.push_back(std::move(r)); },
      [](const ReadError&) {});
  REQUIRE(records.size() == 3);
  CHECK(records[0].id == trove::record_id("First.", 2001));
  CHECK(records[1].id == trove::record_id("Second.", 2001));
  CHECK(records[0].id != records[1].id);
  CHECK(records[2].id == "x-3");
}

TEST_CASE("JSONL: deep nesting and long lines do not crash", "[reader][jsonl]") {
  const std::string deep = std::string(200000, '[') + std::string(200000, ']');
  CHECK(read_jsonl(deep + "\n{\"title\":\"T\",\"abstract\":\"A\"}") ==
        Log{"! t.jsonl:1: expected a JSON object", "2: T | A"});
  const std::string long_abstract(1 << 20, 'a');
  auto log = read_jsonl("{\"title\":\"T\",\"abstract\":\"" + long_abstract + "\"}");
  REQUIRE(log.size() == 1);
  CHECK(log[0].size() == std::string("1: T | ").size() + long_abstract.size());
}
