// Hostile inputs, end to end: huge lines, records and fields, bytes that are
// not text, and queries built to hurt. Each gets a clear error or a bounded
// result, never a crash, a hang or unbounded memory. The fuzzers in
// tests/fuzz/ explore the same ground at random; every crash they found is a
// case here (marked "fuzz:").
#include <sys/resource.h>

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "ingest/line_reader.h"
#include "test_util.h"
#include "text/text_util.h"
#include "trove/trove.h"

namespace trove {
namespace {

// What a reader reported, one entry a record ("line: title") or problem
// ("! line: reason").
struct ReadLog {
  std::vector<Record> records;
  std::vector<std::string> entries;
};

RecordCallback collect_records(ReadLog& log) {
  return [&log](Record&& r) {
    log.entries.push_back(std::to_string(r.source_line) + ": " +
                          (r.title.size() <= 40 ? r.title : r.title.substr(0, 40) + "..."));
    log.records.push_back(std::move(r));
  };
}

ProblemCallback collect_problems(ReadLog& log) {
  return [&log](const ReadError& e) {
    log.entries.push_back("! " + std::to_string(e.line) + ": " + e.reason);
  };
}

ReadLog read_text(const std::string& text, Format format) {
  ReadLog log;
  std::istringstream in(text);
  read_stream(in, "t", format, collect_records(log), collect_problems(log));
  return log;
}

ReadLog read_path(const std::string& path, Format format) {
  ReadLog log;
  read_file(path, format, collect_records(log), collect_problems(log));
  return log;
}

// Peak resident memory of this process so far, in MiB.
long peak_rss_mib() {
  struct rusage usage {};
  ::getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024;
}

std::string repeat(const std::string& piece, std::size_t n) {
  std::string out;
  out.reserve(piece.size() * n);
  for (std::size_t i = 0; i < n; ++i) out += piece;
  return out;
}

const std::string kTooLong = "line is longer than 8 MiB";

// Whether `s` is valid UTF-8 without NUL bytes.
bool is_text(const std::string& s) { return !text::check_bytes(s); }

// ---------------------------------------------------------------------------
// Readers

TEST_CASE("hostile: a 50 MB line is skipped unbuffered and the next record is read",
          "[hostile][reader]") {
  test::TempDir dir;
  const std::string line(std::size_t{50} << 20, 'a');  // one 50 MB line, no spaces
  SECTION("CTIC: the record with the long line is rejected") {
    const std::string path = dir.write(
        "long.txt", "Long one\n\n" + line + "\nYear\n2013\n\nGood title\n\nGood abstract.\n");
    const long before = peak_rss_mib();
    ReadLog log = read_path(path, Format::kCtic);
    const long grown = peak_rss_mib() - before;
    CHECK(log.entries == std::vector<std::string>{"! 3: " + kTooLong, "7: Good title"});
    // The reader held at most 8 MiB of the line (a buffered line: 50+ MiB).
    CHECK(grown < 40);
  }
  SECTION("JSON Lines") {
    const std::string path =
        dir.write("long.jsonl", "{\"title\":\"" + line + "\"}\n" +
                                    "{\"title\":\"Good title\",\"abstract\":\"A\"}\n");
    const long before = peak_rss_mib();
    ReadLog log = read_path(path, Format::kJsonl);
    const long grown = peak_rss_mib() - before;
    CHECK(log.entries == std::vector<std::string>{"! 1: " + kTooLong, "2: Good title"});
    CHECK(grown < 40);
  }
  SECTION("a long last line without a newline in a page heading") {
    CHECK(read_text("Skip to main content\n\n" + line, Format::kCtic).entries ==
          std::vector<std::string>{"! 3: " + kTooLong});
    CHECK(read_text("\n" + line, Format::kJsonl).entries ==
          std::vector<std::string>{"! 2: " + kTooLong});
  }
}

TEST_CASE("hostile: the line limit is exactly 8 MiB with the CR included", "[hostile][reader]") {
  const std::string head = "{\"title\":\"T\",\"abstract\":\"";
  const std::string tail = "\"}";
  const std::size_t fill = kMaxLineBytes - head.size() - tail.size();
  const std::string fits = head + std::string(fill, 'x') + tail;
  const std::string over = head + std::string(fill + 1, 'x') + tail;
  CHECK(read_text(fits + "\n" + over + "\n" + fits, Format::kJsonl).entries ==
        std::vector<std::string>{"1: T", "! 2: " + kTooLong, "3: T"});
  CHECK(read_text(fits + "\r\n", Format::kJsonl).entries ==
        std::vector<std::string>{"! 1: " + kTooLong});
  // Lines just around the reader's 64 KiB chunks are read whole.
  for (std::size_t size : {65534, 65535, 65536, 65537, 131071}) {
    const std::string title(size, 't');
    ReadLog log = read_text(title + "\n\nAbstract.\n", Format::kCtic);
    REQUIRE(log.records.size() == 1);
    CHECK(log.records[0].title == title);
  }
}

TEST_CASE("hostile: a CTIC record is bounded at 8 MiB like a JSON Lines one", "[hostile][reader]") {
  // An abstract of endless short lines, then a good record.
  const std::string lines = repeat(std::string(1023, 'w') + "\n", 9 * 1024);
  CHECK(read_text("Long\n\n" + lines + "\nNext\n\nA.\n", Format::kCtic).entries ==
        std::vector<std::string>{"! 8203: record is longer than 8 MiB", "9220: Next"});
  // Just under the limit it is a record.
  ReadLog log = read_text("Long\n\n" + repeat(std::string(1023, 'w') + "\n", 8000), Format::kCtic);
  REQUIRE(log.records.size() == 1);
  CHECK(log.records[0].abstract.size() == 8000 * 1024 - 1);
}

TEST_CASE("hostile: many distinct years in one record take linear time", "[hostile][reader]") {
  // Each value was compared with every earlier one: 200,000 values took
  // minutes. Now a set; the first valid year is kept.
  std::string text = "T\n\nA.\nYear\n";
  for (int i = 0; i < 200000; ++i) text += "y" + std::to_string(i) + "\n";
  text += "2013\n";
  ReadLog log = read_text(text, Format::kCtic);
  REQUIRE(log.records.size() == 1);
  CHECK(log.records[0].year == 2013);
  CHECK(log.entries.back() == "! 5: more than one year; keeping 2013");
}

TEST_CASE("hostile: NUL bytes reject the record wherever they are", "[hostile][reader]") {
  const std::string nul(1, '\0');
  CHECK(read_text("Ti" + nul + "tle\n\nAbstract.\n\nNext\n\nAbstract.\n", Format::kCtic).entries ==
        std::vector<std::string>{"! 1: NUL byte at byte 3", "5: Next"});
  CHECK(read_text("T\n\nAbs" + nul + "\nAuthors\nX\n\nNext\n\nA.\n", Format::kCtic).entries ==
        std::vector<std::string>{"! 3: NUL byte at byte 4", "7: Next"});
  CHECK(read_text(nul + nul + nul, Format::kCtic).entries ==
        std::vector<std::string>{"! 1: NUL byte at byte 1"});
  CHECK(read_text("{\"title\":\"T" + nul + "\",\"abstract\":\"A\"}\n{\"title\":\"U\",\"abstract\":\"A\"}",
                  Format::kJsonl)
            .entries == std::vector<std::string>{"! 1: NUL byte at byte 12", "2: U"});
  CHECK(read_text(R"({"title":"T","abstract":"A","authors":["a\u0000b"]})", Format::kJsonl)
            .entries == std::vector<std::string>{"! 1: field 'authors' contains a NUL character"});
}

TEST_CASE("hostile: lone surrogates encoded in UTF-8 are invalid UTF-8", "[hostile][reader]") {
  const std::string high = "\xED\xA0\x80", low = "\xED\xBF\xBF";  // U+D800, U+DFFF
  CHECK(read_text("Title\n\nAb" + high + "stract\n\nNext\n\nA.\n", Format::kCtic).entries ==
        std::vector<std::string>{"! 3: invalid UTF-8 at byte 3", "5: Next"});
  CHECK(read_text("{\"title\":\"" + low + "\",\"abstract\":\"A\"}", Format::kJsonl).entries ==
        std::vector<std::string>{"! 1: invalid UTF-8 at byte 11"});
  // Escaped, a lone surrogate is bad JSON; the message is still valid UTF-8.
  ReadLog log = read_text(R"({"title":"\ud800","abstract":"A"})", Format::kJsonl);
  REQUIRE(log.entries.size() == 1);
  CHECK(log.entries[0].rfind("! 1: invalid JSON: ", 0) == 0);
  CHECK(is_text(log.entries[0]));
  // A surrogate pair written as two escapes is one character.
  CHECK(read_text(R"({"title":"\ud83d\ude00 x","abstract":"A"})", Format::kJsonl).entries ==
        std::vector<std::string>{"1: \xF0\x9F\x98\x80 x"});
  // The analyzer treats the bytes as a word break.
  Analyzer analyzer;
  std::vector<std::string> terms;
  for (const Token& t : analyzer.tokenize("abc" + high + "def " + low)) terms.push_back(t.term);
  CHECK(terms == std::vector<std::string>{"abc", "def"});
}

TEST_CASE("fuzz: a JSON error message never cuts a character in two", "[hostile][reader]") {
  // nlohmann's message quotes the last bytes read, here ending inside a BOM
  // (fuzz_jsonl_reader crash-1b063db6).
  const std::string line = "{\"title\":\"T\"\xEF\xBB\xBF{\"id\":\"a1\"}";
  ReadLog log = read_text(line, Format::kJsonl);
  REQUIRE(log.entries.size() == 1);
  CHECK(log.entries[0].rfind("! 1: invalid JSON: ", 0) == 0);
  CHECK(is_text(log.entries[0]));
}

TEST_CASE("fuzz: a NUL escaped in a year rejects the record", "[hostile][reader]") {
  // The warning for a year that is not a year quoted it, NUL included
  // (fuzz_jsonl_reader crash-8b65b0a6).
  CHECK(read_text(R"({"title":"T","abstract":"A","year":"T\u0000"})", Format::kJsonl).entries ==
        std::vector<std::string>{"! 1: field 'year' contains a NUL character"});
}

TEST_CASE("fuzz: a deeply nested year does not overflow the stack", "[hostile][reader]") {
  const std::size_t depth = 200000;  // overflowed an 8 MiB stack before the fix
  const std::string nested = repeat("[", depth) + repeat("]", depth);
  const std::string head = R"({"title":"T","abstract":"A",)";
  CHECK(read_text(head + "\"year\":" + nested + "}", Format::kJsonl).entries ==
        std::vector<std::string>{
            "1: T", "! 1: year 'an array' is not a four-digit year from 1000 to 9999; the record keeps no year"});
  CHECK(read_text(head + "\"year\":{\"a\":{}}}", Format::kJsonl).entries ==
        std::vector<std::string>{
            "1: T", "! 1: year 'an object' is not a four-digit year from 1000 to 9999; the record keeps no year"});
  // Nesting where no one looks is read (and freed) without recursion.
  CHECK(read_text(head + "\"extra\":" + nested + "}", Format::kJsonl).entries ==
        std::vector<std::string>{"1: T"});
}

// ---------------------------------------------------------------------------
// Indexing and searching huge records

std::string error_of(Searcher& searcher, const SearchRequest& request) {
  try {
    searcher.search(request);
  } catch (const QueryError& e) {
    return e.what();
  }
  return "no error";
}

std::string error_of(Searcher& searcher, const std::string& query) {
  SearchRequest request;
  request.query = query;
  request.strict = true;  // the precise errors; forgiving parsing: query_repair_test.cc
  return error_of(searcher, request);
}

SearchResult search_for(Searcher& searcher, const std::string& query) {
  SearchRequest request;
  request.query = query;
  return searcher.search(request);
}

TEST_CASE("hostile: a record with 100000 authors is indexed and searchable",
          "[hostile][index]") {
  constexpr std::size_t kAuthors = 100000;
  std::string authors;
  for (std::size_t i = 0; i < kAuthors; ++i) {
    authors += (i ? ",\"" : "\"") + std::string("Writer w") + std::to_string(i) + "\"";
  }
  test::TempDir dir;
  const std::string source = dir.write(
      "many.jsonl", "{\"title\":\"Many hands\",\"abstract\":\"Written together.\",\"authors\":[" +
                        authors + "]}\n{\"title\":\"Few hands\",\"abstract\":\"Alone.\"}\n");
  // The CTIC form reads the same authors.
  std::string ctic = "Many hands\n\nWritten together.\nAuthors\n";
  for (std::size_t i = 0; i < kAuthors; ++i) ctic += "Writer w" + std::to_string(i) + "\n";
  ReadLog ctic_log = read_text(ctic, Format::kCtic);
  REQUIRE(ctic_log.records.size() == 1);
  CHECK(ctic_log.records[0].authors.size() == kAuthors);

  const std::string db = dir / "index";
  {
    IndexWriter writer = IndexWriter::open(db);
    IngestStats stats = ingest(writer, {source}, Format::kAuto, {});
    CHECK(stats.added == 2);
    writer.finish();
  }
  Searcher searcher = Searcher::open(db);
  SearchResult first = search_for(searcher, "author:w0");
  REQUIRE(first.total == 1);
  CHECK(first.hits[0].record.authors.size() == kAuthors);
  CHECK(first.hits[0].record.authors.back() == "Writer w99999");
  CHECK(search_for(searcher, "author:w99999").total == 1);
  CHECK(search_for(searcher, "author:writer").total == 1);
  CHECK(search_for(searcher, "hands").total == 2);
}

TEST_CASE("hostile: a 1 MB title is indexed and its words over 120 bytes are not terms",
          "[hostile][index]") {
  // ~1 MiB of words ending in a rare one, and a 1 MiB "word" without spaces
  // (longer than any Xapian term: dropped by the Analyzer, record kept).
  const std::string words = repeat("trafficking survey of border data ", 30000) + "zebrafish";
  const std::string blob(std::size_t{1} << 20, 'q');
  test::TempDir dir;
  const std::string source = dir.write(
      "big.jsonl", "{\"title\":\"" + words + "\",\"abstract\":\"One.\",\"country\":[\"" +
                       words + "\",\"" + blob + "\"]}\n{\"title\":\"" + blob +
                       " tail\",\"abstract\":\"Two.\"}\n");
  const std::string db = dir / "index";
  {
    IndexWriter writer = IndexWriter::open(db);
    CHECK(ingest(writer, {source}, Format::kAuto, {}).added == 2);
    writer.finish();
  }
  Searcher searcher = Searcher::open(db);
  SearchResult rare = search_for(searcher, "title:zebrafish");
  REQUIRE(rare.total == 1);
  CHECK(rare.hits[0].record.title.size() == words.size());
  CHECK(search_for(searcher, "\"border data zebrafish\"").total == 1);
  CHECK(search_for(searcher, "tail").total == 1);
  CHECK(search_for(searcher, blob.substr(0, 121)).total == 0);  // no term: matches nothing
  // A facet value longer than a term is capped, in the index and in the
  // filter alike.
  SearchRequest by_country;
  by_country.filters = {{"country", words}};
  CHECK(searcher.search(by_country).total == 1);
  // A value that is one huge "word" has no term to filter on: it is stored
  // and shown, but filtering by it is an error.
  by_country.filters = {{"country", blob}};
  CHECK(error_of(searcher, by_country) ==
        "filter country: a word over 120 bytes is too long to filter by");
}

// ---------------------------------------------------------------------------
// Queries, through a Searcher on the sample

struct Sample {
  test::TempDir dir;
  std::string db = dir / "index";
  Sample() {
    IndexWriter writer = IndexWriter::open(db);
    REQUIRE(ingest(writer, {test::sample_path()}, Format::kAuto, {}).added == 10);
    writer.finish();
  }
};

TEST_CASE("hostile queries: exact errors or bounded results", "[hostile][search]") {
  Sample sample;
  Searcher searcher = Searcher::open(sample.db);

  SECTION("10000 terms") {
    CHECK(error_of(searcher, repeat("trafficking ", 10000)) == "query has more than 1000 terms");
    CHECK(error_of(searcher, "\"" + repeat("w ", 10000) + "\"") ==
          "query has more than 1000 terms");
    CHECK(search_for(searcher, repeat("trafficking ", 1000)).total ==
          search_for(searcher, "trafficking").total);
  }
  SECTION("only operators") {
    CHECK(error_of(searcher, "AND OR NOT") == "'AND' at column 1 needs a term on its left");
    CHECK(error_of(searcher, "NOT") == "'NOT' at column 1 needs a term on its left");
    CHECK(error_of(searcher, "()") == "no error");
    CHECK(search_for(searcher, "()").total == 0);  // text, but nothing to match
    CHECK(search_for(searcher, "+ - + -").total == 0);
    CHECK(search_for(searcher, "--++--").total == 0);
    CHECK(error_of(searcher, repeat("OR ", 10000)) == "'OR' at column 1 needs a term on its left");
  }
  SECTION("only quotes") {
    CHECK(search_for(searcher, "\"\"").total == 0);
    CHECK(search_for(searcher, repeat("\"\"", 5000)).total == 0);
    CHECK(error_of(searcher, "\"\"\"") == "unclosed quote: the \" at column 3 has no closing \"");
    CHECK(error_of(searcher, "\"") == "unclosed quote: the \" at column 1 has no closing \"");
  }
  SECTION("year:3000..1000") {
    const std::string empty = "year range 3000..1000 is empty: the first year is after the second";
    CHECK(error_of(searcher, "year:3000..1000") == empty);
    CHECK(error_of(searcher, "trafficking -year:3000..1000") == empty);
    SearchRequest request;
    request.filters = {{"year", "3000..1000"}};
    CHECK(error_of(searcher, request) == empty);
    CHECK(search_for(searcher, "year:3000..9999").total == 0);
    CHECK(search_for(searcher, "year:1000..3000").total ==
          search_for(searcher, "year:..3000").total);
  }
  SECTION("deeply nested parentheses") {
    const std::string too_deep = "parentheses nested more than 64 deep: the '(' at column 65";
    CHECK(error_of(searcher, repeat("(", 100000) + "trafficking" + repeat(")", 100000)) ==
          too_deep);
    CHECK(error_of(searcher, repeat("-(", 100000)) ==
          "parentheses nested more than 64 deep: the '(' at column 130");
    CHECK(search_for(searcher, repeat("(", 64) + "referral" + repeat(")", 64)).total ==
          search_for(searcher, "referral").total);
  }
  SECTION("NUL bytes and lone surrogates separate words") {
    CHECK(searcher.describe_query(std::string("referral\0lebanon", 16)) ==
          searcher.describe_query("referral lebanon"));
    CHECK(searcher.describe_query("referral\xED\xA0\x80lebanon") ==
          searcher.describe_query("\"referral lebanon\""));
    CHECK(search_for(searcher, std::string(1000, '\0')).total == 0);
  }
  SECTION("a 1 MB query") {
    CHECK(error_of(searcher, repeat("ab ", 350000)) == "query has more than 1000 terms");
    CHECK(search_for(searcher, std::string(std::size_t{1} << 20, 'x')).total == 0);
  }
}

}  // namespace
}  // namespace trove
