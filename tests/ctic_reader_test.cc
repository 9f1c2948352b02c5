// Tests for the CTIC listing reader (lib/ingest/ctic_reader.cc) and, at the
// end, the format-independent entry points of lib/ingest/reader.cc.
#include <unistd.h>

#include <catch2/catch.hpp>

#include "test_util.h"
#include <filesystem>
#include <fstream>
#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "trove/error.h"
#include "trove/reader.h"

namespace {

using trove::Format;
using trove::ReadError;
using trove::Record;

// One line per record: "line: title | abstract" then each non-empty field.
std::string describe(const Record& r) {
  std::string out = std::to_string(r.source_line) + ": " + r.title + " | " + r.abstract;
  return out + trove::test::describe_fields(r);
}

// Everything a reader reported, in order: records described, problems as
// "! " + message().
struct Events {
  std::vector<Record> records;
  std::vector<std::string> log;
};

Events read_text(const std::string& text, Format format = Format::kCtic,
                 const std::string& name = "t.txt") {
  Events events;
  std::istringstream in(text);
  trove::read_stream(
      in, name, format,
      [&](Record&& r) {
        events.log.push_back(describe(r));
        events.records.push_back(std::move(r));
      },
      [&](const ReadError& e) { events.log.push_back("! " + e.message()); });
  return events;
}

using Log = std::vector<std::string>;

}  // namespace

TEST_CASE("CTIC: the sample corpus reads into ten exact records", "[reader][ctic]") {
  std::vector<Record> records;
  std::vector<ReadError> problems;
  const std::string path = std::string(TROVE_SOURCE_DIR) + "/corpus/trafficking.txt";
  trove::read_file(
      path, Format::kAuto, [&](Record&& r) { records.push_back(std::move(r)); },
      [&](const ReadError& e) { problems.push_back(e); });
  REQUIRE(problems.empty());
  REQUIRE(records.size() == 10);

  struct Expected {
    std::size_t line;
    std::string title, abstract_begin, abstract_end;
    std::vector<std::string> country, region, authors;
    int year;
  };
  using V = std::vector<std::string>;
  const V kWorld = {"Worldwide"};
  const std::vector<Expected> expected = {
      {5,
       "Prevention and Response to Sexual and Gender-Based Violence in COVID-19. A Protection, "
       "Gender & Inclusion (PGI) Technical Guidance Note.",
       "This document explains why there is an elevated risk of sexu",
       "evention and response efforts.",
       kWorld,
       kWorld,
       {},
       2020},
      {16,
       "The Way Forward in Establishing Effective Transnational Referral Mechanisms. A Report "
       "Based on Experiences in Cases of Human Trafficking in South-Eastern Europe",
       "It is evident that transnational cooperation is a fundamenta",
       "he process of implementing it.",
       kWorld,
       kWorld,
       {},
       2012},
      {27,
       "Yearbook on Illegal Migration, Human Smuggling and Trafficking in Central and Eastern "
       "Europe. A Survey and Analysis of Border Management and Border Apprehension Data from 2010",
       "Smuggling and Trafficking in Central and Eastern Europe. The",
       "ell-informed policy decisions.",
       kWorld,
       kWorld,
       {},
       2013},
      {38,
       "Capacity Building for Combating Trafficking for Labour Exploitation Stepping Up the "
       "Fight Against Trafficking for Labour Exploitation",
       "Trafficking for labour exploitation has increasingly attract",
       "g Trafficking in Human Beings.",
       kWorld,
       kWorld,
       {},
       2013},
      {49,
       "Training-of-Trainers Curriculum on Standard Operating Procedures for Identification and "
       "Referral of Trafficked Persons in Lebanon",
       "The draft Standard Operating Procedures (SOPs) for Identific",
       "her activities of the project.",
       {"Lebanon"},
       {"Middle East", "North Africa"},
       {"Mark\xC3\xA9ta Von Hagen"},
       2013},
      {62,
       "After the National Referral Mechanism - What Next for Survivors of Trafficking?",
       "Within the UK, survivors of trafficking receive formal ident",
       " decision, they leave the NRM.",
       kWorld,
       kWorld,
       {},
       2018},
      {73,
       "Hope For the Future: Support For Survivors of Trafficking After the National Referral "
       "Mechanism",
       "Between February 2018 and May 2019, the STEP project piloted",
       "d out at the end of the pilot.",
       kWorld,
       kWorld,
       {},
       2020},
      {84,
       "Action to Assist and Protect Trafficked Persons.Guidance for European Red Cross National "
       "Societies on Assistance and Protection to Victims of Human Trafficking",
       "This guide is designed to support European Red Cross Nationa",
       "ical integrity and well-being.",
       kWorld,
       kWorld,
       {},
       2017},
      {94,
       "The Connection Between the Mara Salvatrucha (MS-13) and Human Trafficking",
       "The Mara Salvatrucha, better known by their acronym MS-13, i",
       "e MS-13 and human trafficking.",
       kWorld,
       kWorld,
       {"Michelle Lillie"},
       2017},
      {107,
       "Understanding Human Trafficking In Conflict",
       "Human trafficking occurs in almost every country in the worl",
       "afficking and forced marriage.",
       kWorld,
       kWorld,
       {"Jamille Bigio", "Rachel Vogelstein"},
       2019},
  };
  for (std::size_t i = 0; i < expected.size(); ++i) {
    const Record& r = records[i];
    const Expected& e = expected[i];
    INFO("record " << i + 1 << ": " << r.title);
    CHECK(r.source_file == path);
    CHECK(r.source_line == e.line);
    CHECK(r.title == e.title);
    CHECK(r.abstract.substr(0, e.abstract_begin.size()) == e.abstract_begin);
    REQUIRE(r.abstract.size() >= e.abstract_end.size());
    CHECK(r.abstract.substr(r.abstract.size() - e.abstract_end.size()) == e.abstract_end);
    CHECK(r.abstract.find('\n') == std::string::npos);
    CHECK(r.country == e.country);
    CHECK(r.region == e.region);
    CHECK(r.authors == e.authors);
    CHECK(r.year == e.year);
    CHECK(r.category.empty());  // "Category" has no values, or is absent
    CHECK(r.topic == V{"Trafficking"});
    CHECK(r.id == trove::record_id(r.title, r.year));
  }
}

TEST_CASE("CTIC: grammar (table-driven)", "[reader][ctic]") {
  struct Case {
    const char* name;
    std::string text;
    Log expected;
  };
  const std::vector<Case> cases = {
      {"two pages with their own headings; a record before any page has no topic",
       "Loose\n\nNo page yet\nYear\n1999\n\n"
       "Skip to main content\n\nTrafficking\n\nT1\n\nA1\nCountry\nX\n\n"
       "T2\n\nA2\n\n"
       "Skip to main content\n\n\nMigration\n\nT3\n\nA3\nYear\n2001\n",
       {"1: Loose | No page yet | year=1999", "11: T1 | A1 | country=X | topic=Trafficking",
        "17: T2 | A2 | topic=Trafficking", "26: T3 | A3 | year=2001 | topic=Migration"}},
      {"multi-valued fields, trimmed, duplicates and empty values dropped",
       "T\n\nA\nRegion\n  Middle East \nNorth Africa\nMiddle East\nAuthors\nB, A\n\tC\t\n"
       "Country\nLebanon\nCategory\nReport\nGuide\nReport\n",
       {"1: T | A | country=Lebanon | region=Middle East;North Africa | authors=B, A;C | "
        "category=Report;Guide"}},
      {"a label given twice adds to the same field",
       "T\n\nA\nCountry\nX\nRegion\nR\nCountry\nY\nX\n",
       {"1: T | A | country=X;Y | region=R"}},
      {"missing labels",
       "T\n\nA\nYear\n2004\n\nU\n\nB\nAuthors\nZ\n",
       {"1: T | A | year=2004", "7: U | B | authors=Z"}},
      {"labels in another order",
       "T\n\nA\nYear\n2004\nAuthors\nZ\nCountry\nX\nRegion\nR\n",
       {"1: T | A | country=X | region=R | authors=Z | year=2004"}},
      {"a label with no values gives an empty field",
       "T\n\nA\nCategory\nCountry\n\n",
       {"1: T | A"}},
      {"records with no labels; a multi-line abstract is joined with spaces",
       "T1\n\nA1 first\n  A1 second  \n\nT2\n\nA2\nYear\n2000\n\nT3\n\nA3\n\n\nT4\n\nA4",
       {"1: T1 | A1 first A1 second", "6: T2 | A2 | year=2000", "12: T3 | A3", "17: T4 | A4"}},
      {"a blank line between abstract and labels keeps the labels in the record",
       "T\n\nA\n\nYear\n2002\n",
       {"1: T | A | year=2002"}},
      {"an abstract directly under the title is accepted",
       "T\nA\nYear\n2002\n",
       {"1: T | A | year=2002"}},
      {"several blank lines between title and abstract", "T\n\n\n\nA\n", {"1: T | A"}},
      {"labels and values are trimmed",
       "T\n\nA\n  Year  \n 2003 \n\tCountry \xC2\xA0\nX\n",
       {"1: T | A | country=X | year=2003"}},
      {"a BOM at the start of any line is dropped (concatenated files)",
       "\xEF\xBB\xBFSkip to main content\n\nP1\n\nT\n\nA\n"
       "\xEF\xBB\xBFSkip to main content\n\nP2\n\nU\n\nB\n",
       {"5: T | A | topic=P1", "12: U | B | topic=P2"}},
      {"a lowercase label is an abstract line", "T\n\nA\ncountry\nX\n", {"1: T | A country X"}},
      {"the last record has no trailing newline", "T\n\nA\nYear\n2001", {"1: T | A | year=2001"}},
      {"a page marker ends an open record",
       "T\n\nA\nYear\n2001\nSkip to main content\nH\nU\n\nB\n",
       {"1: T | A | year=2001", "8: U | B | topic=H"}},
      {"empty input", "", {}},
      {"only blank lines and a page", "\n\n  \nSkip to main content\n\nHeading\n\n", {}},
  };
  for (const auto& c : cases) {
    SECTION(c.name) { CHECK(read_text(c.text).log == c.expected); }
  }
}

TEST_CASE("CTIC: CRLF or BOM or both read like plain LF", "[reader][ctic]") {
  const std::string lf =
      "Skip to main content\n\nTrafficking\n\nT1\n\nA1\nRegion\nMiddle East\nNorth Africa\n"
      "Year\n2013\n\nT2\n\nA2\n";
  auto crlf = [](std::string s) {
    std::string out;
    for (char c : s) out += c == '\n' ? std::string("\r\n") : std::string(1, c);
    return out;
  };
  const Log expected = {
      "5: T1 | A1 | region=Middle East;North Africa | year=2013 | topic=Trafficking",
      "14: T2 | A2 | topic=Trafficking"};
  CHECK(read_text(lf).log == expected);
  CHECK(read_text(crlf(lf)).log == expected);
  CHECK(read_text("\xEF\xBB\xBF" + lf).log == expected);
  CHECK(read_text("\xEF\xBB\xBF" + crlf(lf)).log == expected);
  // The same through format sniffing.
  CHECK(read_text("\xEF\xBB\xBF" + crlf(lf), Format::kAuto).log == expected);
}

TEST_CASE("CTIC: years", "[reader][ctic]") {
  struct Case {
    const char* name;
    std::string text;
    Log expected;
  };
  const std::vector<Case> cases = {
      {"not four digits: warning at the value's line, record kept without a year",
       "T\n\nA\nCountry\nX\nYear\n20l3\n\nU\n\nB\nYear\n2014\n",
       {"1: T | A | country=X",
        "! t.txt:7: warning: year '20l3' is not a four-digit year from 1000 to 9999; "
        "the record keeps no year",
        "9: U | B | year=2014"}},
      {"too short",
       "T\n\nA\nYear\n13\n",
       {"1: T | A",
        "! t.txt:5: warning: year '13' is not a four-digit year from 1000 to 9999; the "
        "record keeps no year"}},
      {"full-width digits are not ASCII digits",
       "T\n\nA\nYear\n\xEF\xBC\x92\xEF\xBC\x90\xEF\xBC\x91\xEF\xBC\x93\n",
       {"1: T | A",
        "! t.txt:5: warning: year '\xEF\xBC\x92\xEF\xBC\x90\xEF\xBC\x91\xEF\xBC\x93' "
        "is not a four-digit year from 1000 to 9999; the record keeps no year"}},
      {"four digits below 1000 are not a year (ingest/year.h)",
       "T\n\nA\nYear\n0999\n",
       {"1: T | A",
        "! t.txt:5: warning: year '0999' is not a four-digit year from 1000 to 9999; the "
        "record keeps no year"}},
      {"the bounds are years", "T\n\nA\nYear\n1000\n\nU\n\nB\nYear\n9999\n",
       {"1: T | A | year=1000", "7: U | B | year=9999"}},
      {"two years: keep the first, warn at the second",
       "T\n\nA\nYear\n2013\n2014\n",
       {"1: T | A | year=2013", "! t.txt:6: warning: more than one year; keeping 2013"}},
      {"two Year labels count as two years",
       "T\n\nA\nYear\n2013\nCountry\nX\nYear\n2015\n",
       {"1: T | A | country=X | year=2013",
        "! t.txt:9: warning: more than one year; keeping 2013"}},
      {"an invalid year then a valid one: keep the valid one",
       "T\n\nA\nYear\nsoon\n2013\n",
       {"1: T | A | year=2013", "! t.txt:5: warning: more than one year; keeping 2013"}},
      {"two invalid years",
       "T\n\nA\nYear\nsoon\nlater\n",
       {"1: T | A",
        "! t.txt:5: warning: year 'soon' is not a four-digit year from 1000 to 9999; "
        "the record keeps no year"}},
      {"the same year twice is one year", "T\n\nA\nYear\n2013\n2013\n", {"1: T | A | year=2013"}},
      {"a Year label without values", "T\n\nA\nYear\n\nU\n\nB\n", {"1: T | A", "6: U | B"}},
  };
  for (const auto& c : cases) {
    SECTION(c.name) { CHECK(read_text(c.text).log == c.expected); }
  }
}

TEST_CASE("CTIC: bad records are reported and skipped and the rest is read", "[reader][ctic]") {
  struct Case {
    const char* name;
    std::string text;
    Log expected;
  };
  const std::string good_after = "\nNext\n\nFine\nYear\n2000\n";
  const std::vector<Case> cases = {
      {"invalid UTF-8 in the abstract",
       "T\n\nA\nline \xC3\x28 bad\nYear\n2001\n" + good_after,
       {"! t.txt:4: invalid UTF-8 at byte 6", "8: Next | Fine | year=2000"}},
      {"invalid UTF-8 in the title",
       "\xFFT\n\nA\n" + good_after,
       {"! t.txt:1: invalid UTF-8 at byte 1", "5: Next | Fine | year=2000"}},
      {"invalid UTF-8 in a value (overlong, surrogate, truncated)",
       "T\n\nA\nAuthors\nok\n\xC0\xAF\n\xED\xA0\x80\nab\xE2\x82\n" + good_after,
       {"! t.txt:6: invalid UTF-8 at byte 1", "10: Next | Fine | year=2000"}},
      {"invalid UTF-8 in a record without labels",
       "T\n\nA\xF5\n\nU\n\nB\n",
       {"! t.txt:3: invalid UTF-8 at byte 2", "5: U | B"}},
      {"a NUL byte",
       std::string("T\n\nA\nCountry\nX\0Y\n", 17) + good_after,
       {"! t.txt:5: NUL byte at byte 2", "7: Next | Fine | year=2000"}},
      {"no title: the block starts with a label",
       "Country\nX\nYear\n2001\n" + good_after,
       {"! t.txt:1: record has no title", "6: Next | Fine | year=2000"}},
      {"no title after a page heading",
       "Skip to main content\n\nH\n\nYear\n2001\n" + good_after,
       {"! t.txt:5: record has no title", "8: Next | Fine | year=2000 | topic=H"}},
      {"no abstract and an error: the error is reported",
       "T\xFF\n\nCountry\nX\n" + good_after,
       {"! t.txt:1: invalid UTF-8 at byte 2", "6: Next | Fine | year=2000"}},
      {"only the first error of a record is reported",
       "\xFF\n\nCountry\n\xFE\n" + good_after,
       {"! t.txt:1: invalid UTF-8 at byte 1", "6: Next | Fine | year=2000"}},
      {"an invalid page heading is reported and the page has no topic",
       "Skip to main content\n\nH\xFF\n\nT\n\nA\n",
       {"! t.txt:3: invalid UTF-8 at byte 2", "5: T | A"}},
  };
  for (const auto& c : cases) {
    SECTION(c.name) { CHECK(read_text(c.text).log == c.expected); }
  }
}

TEST_CASE("CTIC: a record without an abstract is kept with a warning", "[reader][ctic]") {
  struct Case {
    const char* name;
    std::string text;
    Log expected;
  };
  const std::string good_after = "\nNext\n\nFine\nYear\n2000\n";
  const std::string kept = " has no abstract; indexed from its title and labels";
  const std::vector<Case> cases = {
      {"title, blank, label",
       "T\n\nCountry\nX\nYear\n2001\n" + good_after,
       {"1: T |  | country=X | year=2001", "! t.txt:1: warning: record 'T'" + kept,
        "8: Next | Fine | year=2000"}},
      {"title directly followed by a label",
       "T\nYear\n2001\n" + good_after,
       {"1: T |  | year=2001", "! t.txt:1: warning: record 'T'" + kept,
        "5: Next | Fine | year=2000"}},
      {"title at the end of the input",
       good_after + "\nT\n\n",
       {"2: Next | Fine | year=2000", "8: T | ", "! t.txt:8: warning: record 'T'" + kept}},
      {"title without newline at the end",
       good_after + "\nLast",
       {"2: Next | Fine | year=2000", "8: Last | ", "! t.txt:8: warning: record 'Last'" + kept}},
      {"a long title is cut to 60 characters in the warning",
       std::string(70, 'x') + "\n\nYear\n2001\n",
       {"1: " + std::string(70, 'x') + " |  | year=2001",
        "! t.txt:1: warning: record '" + std::string(60, 'x') + "'" + kept}},
      {"the title cut counts characters not bytes",
       std::string(59, 'x') + "\xC3\xA9\xC3\xA9\n\nYear\n",
       {"1: " + std::string(59, 'x') + "\xC3\xA9\xC3\xA9 | ",
        "! t.txt:1: warning: record '" + std::string(59, 'x') + "\xC3\xA9'" + kept}},
      {"and a bad year: both warnings in line order",
       "T\n\nYear\nsoon\n",
       {"1: T | ", "! t.txt:1: warning: record 'T'" + kept,
        "! t.txt:4: warning: year 'soon' is not a four-digit year from 1000 to 9999; the record keeps no year"}},
  };
  for (const auto& c : cases) {
    SECTION(c.name) { CHECK(read_text(c.text).log == c.expected); }
  }
}

TEST_CASE("CTIC: every good record around bad ones is read", "[reader][ctic]") {
  std::string text =
      "Skip to main content\n\nTopic\n\n"
      "G1\n\nA\nYear\n2001\n\n"       // 5
      "Country\nX\n\n"                // 11: no title
      "G2\n\nA\n\n"                   // 14: no labels
      "B1\n\nCountry\nX\n\n"          // 18: no abstract (kept, a warning)
      "G3\n\nA\nYear\nnope\n\n"       // 23: warning only
      "B2\n\nA \xFF\nYear\n2001\n\n"  // 29: bad UTF-8
      "G4\n\nA\n\n"                   // 35: no labels
      "B3\n\nA\n\n"                   // 39: no labels
      "\xC0\n\nA\n\n"                 // 43: bad title, no labels
      "G5\n\nA\nAuthors\nP\n";        // 47
  const Log want = {
      "5: G1 | A | year=2001 | topic=Topic",
      "! t.txt:11: record has no title",
      "14: G2 | A | topic=Topic",
      "18: B1 |  | country=X | topic=Topic",
      "! t.txt:18: warning: record 'B1' has no abstract; indexed from its title and labels",
      "23: G3 | A | topic=Topic",
      "! t.txt:27: warning: year 'nope' is not a four-digit year from 1000 to 9999; the record keeps no year",
      "! t.txt:31: invalid UTF-8 at byte 3",
      "35: G4 | A | topic=Topic",
      "39: B3 | A | topic=Topic",
      "! t.txt:43: invalid UTF-8 at byte 1",
      "47: G5 | A | authors=P | topic=Topic",
  };
  CHECK(read_text(text).log == want);
}

TEST_CASE("CTIC and JSONL: arbitrary bytes never throw", "[reader][ctic][jsonl]") {
  std::mt19937 rng(20240601);
  const std::string alphabet[] = {"\n",
                                  "\r\n",
                                  "\n\n",
                                  "Country\n",
                                  "Year\n",
                                  "2013\n",
                                  "x",
                                  "{",
                                  "}",
                                  "\"",
                                  "\xFF",
                                  std::string(1, '\0'),
                                  "Skip to main content\n",
                                  "\xC3\xA9",
                                  ":",
                                  "[",
                                  "]",
                                  " "};
  std::uniform_int_distribution<std::size_t> pick(0, std::size(alphabet) - 1);
  std::uniform_int_distribution<int> length(0, 200);
  for (int round = 0; round < 300; ++round) {
    std::string text;
    for (int i = length(rng); i > 0; --i) text += alphabet[pick(rng)];
    for (Format f : {Format::kCtic, Format::kJsonl, Format::kAuto}) {
      CHECK_NOTHROW(read_text(text, f));
    }
  }
}

// ---- reader.cc: formats, files, sources (no test file of their own) ----

namespace {

// A fresh directory under the system temp dir, removed at scope exit.
struct TempDir {
  std::filesystem::path path;
  TempDir() {
    static int counter = 0;
    path = std::filesystem::temp_directory_path() /
           ("trove-reader-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::remove_all(path);
    std::filesystem::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
  std::string write(const std::string& relative, const std::string& content) const {
    auto file = path / relative;
    std::filesystem::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary) << content;
    return file.string();
  }
};

Events read_path(const std::string& path, Format format = Format::kAuto) {
  Events events;
  trove::read_file(
      path, format,
      [&](Record&& r) {
        events.log.push_back(describe(r));
        events.records.push_back(std::move(r));
      },
      [&](const ReadError& e) { events.log.push_back("! " + e.message()); });
  return events;
}

}  // namespace

TEST_CASE("parse_format", "[reader]") {
  CHECK(trove::parse_format("auto") == Format::kAuto);
  CHECK(trove::parse_format("ctic") == Format::kCtic);
  CHECK(trove::parse_format("jsonl") == Format::kJsonl);
  for (const char* bad : {"json", "CTIC", "", "txt"}) {
    INFO(bad);
    CHECK_THROWS_MATCHES(
        trove::parse_format(bad), trove::InputError,
        Catch::Message(std::string("unknown format '") + bad + "'; use auto, ctic or jsonl"));
  }
}

TEST_CASE("ReadError::message", "[reader]") {
  ReadError e{"a/b.txt", 12, "record has no title", ReadError::Severity::kError};
  CHECK(e.message() == "a/b.txt:12: record has no title");
  e.severity = ReadError::Severity::kWarning;
  e.reason = "more than one year; keeping 2013";
  CHECK(e.message() == "a/b.txt:12: warning: more than one year; keeping 2013");
  e.line = 0;  // unknown line
  CHECK(e.message() == "a/b.txt: warning: more than one year; keeping 2013");
}

TEST_CASE("read_file: unopenable paths throw InputError", "[reader]") {
  TempDir dir;
  const std::string missing = (dir.path / "missing.txt").string();
  CHECK_THROWS_MATCHES(read_path(missing), trove::InputError,
                       Catch::Message("cannot open '" + missing + "': No such file or directory"));
  CHECK_THROWS_MATCHES(read_path(dir.path.string()), trove::InputError,
                       Catch::Message("cannot open '" + dir.path.string() + "': Is a directory"));
}

TEST_CASE("format auto-detection", "[reader]") {
  TempDir dir;
  const std::string jsonl = "\n{\"title\":\"T\",\"abstract\":\"A\",\"year\":2001}\n";
  const std::string ctic = "T\n\nA\nYear\n2001\n";
  const Log as_jsonl = {"2: T | A | year=2001"};
  const Log as_ctic = {"1: T | A | year=2001"};

  SECTION("by extension") {
    for (const char* name : {"a.jsonl", "a.ndjson", "a.json", "a.JSONL"}) {
      INFO(name);
      // JSON Lines by name even though the content does not start with '{'.
      CHECK(read_path(dir.write(name, "   " + jsonl)).log == as_jsonl);
    }
  }
  SECTION("by content") {
    CHECK(read_path(dir.write("a.txt", jsonl)).log == as_jsonl);
    CHECK(read_path(dir.write("b.txt", "\xEF\xBB\xBF \r\n\t" + jsonl)).log ==
          Log{"3: T | A | year=2001"});
    CHECK(read_path(dir.write("c.txt", ctic)).log == as_ctic);
    CHECK(read_path(dir.write("d", "\n\n" + ctic)).log == Log{"3: T | A | year=2001"});
    CHECK(read_path(dir.write("e.txt", "")).log.empty());
  }
  SECTION("an explicit format wins") {
    CHECK(read_path(dir.write("f.json", ctic), Format::kCtic).log == as_ctic);
    CHECK(read_path(dir.write("g.txt", jsonl), Format::kJsonl).log == as_jsonl);
  }
  SECTION("read_stream sniffs too and keeps line numbers") {
    CHECK(read_text("\n\n" + jsonl, Format::kAuto).log == Log{"4: T | A | year=2001"});
    CHECK(read_text(ctic, Format::kAuto).log == as_ctic);
  }
}

TEST_CASE("list_sources", "[reader]") {
  TempDir dir;
  const std::string root = dir.path.string();
  dir.write("b/z.txt", "");
  dir.write("b/a.jsonl", "");
  dir.write("a.ndjson", "");
  dir.write("a.json", "");
  dir.write("c/d/e.TXT", "");
  dir.write("notes.md", "");
  dir.write("b/image.png", "");
  std::filesystem::create_directories(dir.path / "empty.txt");  // a directory, not a file
  const std::string explicit_file = dir.write("notes2.md", "");

  auto sources = trove::list_sources({root, explicit_file});
  CHECK(sources == std::vector<std::string>{root + "/a.json", root + "/a.ndjson",
                                            root + "/b/a.jsonl", root + "/b/z.txt",
                                            root + "/c/d/e.TXT", explicit_file});
  CHECK(trove::list_sources({}).empty());
  const std::string missing = root + "/nope";
  CHECK_THROWS_MATCHES(trove::list_sources({explicit_file, missing}), trove::InputError,
                       Catch::Message("no such file or directory: '" + missing + "'"));
}

TEST_CASE("read_file: fixture files with BOM and CRLF", "[reader]") {
  const std::string dir = std::string(TROVE_TEST_DATA) + "/ingest/";
  CHECK(read_path(dir + "two_pages_crlf_bom.txt").log ==
        Log{"5: First Title | First abstract, continued. | country=Lebanon | "
            "region=Middle East;North Africa | year=2013 | topic=Trafficking",
            "21: Second Title | Second abstract. | authors=A. Author | year=2020 | "
            "topic=Migration"});
  auto jsonl = read_path(dir + "records_crlf_bom.jsonl");
  CHECK(jsonl.log == Log{"1: First | One. | year=2013 | topic=Trafficking",
                         "3: Second | Two. | authors=X;Y | year=2020"});
  REQUIRE(jsonl.records.size() == 2);
  CHECK(jsonl.records[0].id == "a1");
  CHECK(jsonl.records[1].id == trove::record_id("Second", 2020));
  CHECK(jsonl.records[1].source_file == dir + "records_crlf_bom.jsonl");
}

TEST_CASE("problems carry file and line and reason and severity", "[reader]") {
  std::vector<ReadError> problems;
  std::istringstream in("T\n\nA\nYear\n2013\n2014\n\nCountry\nX\n");
  trove::read_stream(
      in, "list.txt", Format::kCtic, [](Record&&) {},
      [&](const ReadError& e) { problems.push_back(e); });
  REQUIRE(problems.size() == 2);
  CHECK(problems[0].file == "list.txt");
  CHECK(problems[0].line == 6);
  CHECK(problems[0].reason == "more than one year; keeping 2013");
  CHECK(problems[0].severity == ReadError::Severity::kWarning);
  CHECK(problems[1].file == "list.txt");
  CHECK(problems[1].line == 8);
  CHECK(problems[1].reason == "record has no title");
  CHECK(problems[1].severity == ReadError::Severity::kError);
}

TEST_CASE("readers accept empty callbacks", "[reader]") {
  std::istringstream ctic("T\n\nA\nYear\nx\n\nCountry\n");
  CHECK_NOTHROW(trove::read_stream(ctic, "t", Format::kAuto, nullptr, nullptr));
  std::istringstream jsonl("{\"title\":\"T\",\"abstract\":\"A\",\"year\":1}\n[]\n");
  CHECK_NOTHROW(trove::read_stream(jsonl, "t", Format::kAuto, nullptr, nullptr));
}

TEST_CASE("read_stream: a stream that fails to read is an InputError and is left bad",
          "[reader]") {
  TempDir dir;
  for (Format f : {Format::kAuto, Format::kCtic, Format::kJsonl}) {
    std::ifstream in(dir.path, std::ios::binary);  // a directory: opens, then fails to read
    if (!in.is_open()) continue;                   // not every platform opens directories
    CHECK_THROWS_AS(trove::read_stream(in, "d", f, nullptr, nullptr), trove::InputError);
    CHECK(in.bad());
    std::ifstream again(dir.path, std::ios::binary);
    CHECK_THROWS_WITH(trove::read_stream(again, "d", f, nullptr, nullptr),
                      "cannot read 'd': Is a directory");
  }
}
