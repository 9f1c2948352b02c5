// End-to-end tests of the built trove-index and trove-search binaries.
#include <fcntl.h>
#include <sys/file.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <filesystem>
#include <sstream>
#include <string>

#include "trove/version.h"

#include "test_util.h"
#include "tool_run.h"

namespace trove {
namespace {

using test::quote;
using test::Run;
using test::run;
using test::slurp;

const std::string kIndex = TROVE_INDEX_BIN;
const std::string kSearch = TROVE_SEARCH_BIN;

// The number of records trove-search finds for an empty query.
std::size_t records_in(const test::TempDir& dir, const std::string& db) {
  const Run r = run(dir, kSearch + " --db " + db + " --json --limit 0");
  REQUIRE(r.status == 0);
  return nlohmann::json::parse(r.out)["total"].get<std::size_t>();
}

using Indexed = test::IndexedSample;

}  // namespace

TEST_CASE("trove-index indexes the sample and prints a summary", "[tools]") {
  test::TempDir dir;
  const std::string db = dir / "db";
  Run r = run(dir, kIndex + " --db " + db + " " + quote(test::sample_path()));
  CHECK(r.status == 0);
  CHECK(r.out == "updated " + db +
                     ": read 10 records from 1 file, added 10, replaced 0, unchanged 0, "
                     "rejected 0, warnings 0; the index holds 10 records\n");
  CHECK(r.err.empty());

  // The same ingestion again changes nothing.
  r = run(dir, kIndex + " add --db " + db + " " + quote(test::sample_path()));
  CHECK(r.status == 0);
  CHECK(r.out == "updated " + db +
                     ": read 10 records from 1 file, added 0, replaced 0, unchanged 10, "
                     "rejected 0, warnings 0; the index holds 10 records\n");

  r = run(dir, kIndex + " --db " + db + " --rebuild " + quote(test::sample_path()));
  CHECK(r.status == 0);
  CHECK(r.out == "rebuilt " + db +
                     ": read 10 records from 1 file, added 10, replaced 0, unchanged 0, "
                     "rejected 0, warnings 0; the index holds 10 records\n");
}

TEST_CASE("trove-index reports a rejected record and exits 1", "[tools]") {
  test::TempDir dir;
  const std::string db = dir / "db";
  const std::string file = dir.write("bad.jsonl",
                                     "{\"title\": \"Kept\", \"abstract\": \"A good record.\"}\n"
                                     "{\"authors\": \"Dropped\"}\n");
  Run r = run(dir, kIndex + " --db " + db + " " + file);
  CHECK(r.status == 1);
  CHECK(r.err == "rejected: " + file + ":2: record has no title and no abstract\n");
  CHECK(r.out == "updated " + db +
                     ": read 1 record from 1 file, added 1, replaced 0, unchanged 0, rejected 1, "
                     "warnings 0; the index holds 1 record\n");
}

TEST_CASE("trove-index keeps a record without an abstract and trove-search finds it",
          "[tools]") {
  test::TempDir dir;
  const std::string db = dir / "db";
  const std::string file = dir.write("titles.jsonl",
                                     "{\"id\": \"a\", \"title\": \"Kept\", \"abstract\": \"Good.\"}\n"
                                     "{\"id\": \"b\", \"title\": \"Only a title\"}\n");
  Run r = run(dir, kIndex + " --db " + db + " " + file);
  CHECK(r.status == 0);
  CHECK(r.err == file + ":2: warning: record has no abstract; indexed from its title and other "
                        "fields\n");
  CHECK(r.out == "updated " + db +
                     ": read 2 records from 1 file, added 2, replaced 0, unchanged 0, rejected 0, "
                     "warnings 1; the index holds 2 records\n");
  r = run(dir, kSearch + " --db " + db + " --json title");
  CHECK(r.status == 0);
  const nlohmann::json found = nlohmann::json::parse(r.out);
  CHECK(found["total"] == 1);
  CHECK(found["hits"][0]["id"] == "b");
  CHECK(found["hits"][0]["snippet"] == "");
}

TEST_CASE("trove-index delete removes records by id", "[tools]") {
  test::TempDir dir;
  const std::string db = dir / "db";
  const std::string file = dir.write("two.jsonl",
                                     "{\"id\": \"a\", \"title\": \"One\", \"abstract\": \"First.\"}\n"
                                     "{\"id\": \"b\", \"title\": \"Two\", \"abstract\": \"Second.\"}\n");
  REQUIRE(run(dir, kIndex + " --db " + db + " " + file).status == 0);
  Run r = run(dir, kIndex + " delete --db " + db + " --id a --id missing");
  CHECK(r.status == 1);
  CHECK(r.err == "not found: missing\n");
  CHECK(r.out == "updated " + db + ": deleted 1 record, not found 1; the index holds 1 record\n");
  r = run(dir, kSearch + " --db " + db + " --json ''");
  CHECK(nlohmann::json::parse(r.out)["hits"][0]["id"] == "b");
  r = run(dir, kIndex + " delete --db " + db);
  CHECK(r.status == 2);
  CHECK(r.err == "trove-index: delete needs at least one --id ID\nTry 'trove-index --help'.\n");
}

TEST_CASE("trove-index refuses a second writer", "[tools]") {
  test::TempDir dir;
  const std::string db = dir / "db";
  REQUIRE(run(dir, kIndex + " --db " + db + " " + quote(test::sample_path())).status == 0);
  const int fd = ::open((db + "/write.lock").c_str(), O_RDWR);
  REQUIRE(fd >= 0);
  REQUIRE(::flock(fd, LOCK_EX | LOCK_NB) == 0);
  Run r = run(dir, kIndex + " --db " + db + " " + quote(test::sample_path()));
  ::close(fd);
  CHECK(r.status == 1);
  CHECK(r.err == "trove-index: cannot write index '" + db +
                     "': the index is being written by another process\n");
}

TEST_CASE("trove-index usage errors exit 2", "[tools]") {
  test::TempDir dir;
  Run r = run(dir, kIndex);
  CHECK(r.status == 2);
  CHECK(r.err == "trove-index: no input: give at least one FILE or DIR\nTry 'trove-index --help'.\n");
  r = run(dir, kIndex + " --format xml x");
  CHECK(r.status == 2);
  CHECK(r.err == "trove-index: unknown format 'xml'; use auto, ctic or jsonl\n"
                 "Try 'trove-index --help'.\n");
  r = run(dir, kIndex + " --help");
  CHECK(r.status == 0);
  CHECK(r.out.find("Examples:") != std::string::npos);
  CHECK(r.out.find("--rebuild") != std::string::npos);
}

TEST_CASE("trove-search prints ranked hits and facet counts", "[tools]") {
  Indexed index;
  Run r = run(index.dir, kSearch + " --db " + index.db + " --facets referral");
  CHECK(r.status == 0);
  CHECK(r.err.empty());
  CHECK(r.out.rfind("4 records found, showing 1-4\n", 0) == 0);
  CHECK(r.out.find("\ncountry: Worldwide (3), Lebanon (1)\n") != std::string::npos);
  CHECK(r.out.find("\nregion: Worldwide (3), Middle East (1), North Africa (1)\n") !=
        std::string::npos);
  CHECK(r.out.find("\nyear: 2012 (1), 2013 (1), 2018 (1), 2020 (1)\n") != std::string::npos);
  CHECK(r.out.find("[Referral]") != std::string::npos);
}

TEST_CASE("trove-search --json prints one JSON document", "[tools]") {
  Indexed index;
  Run r = run(index.dir, kSearch + " --db " + index.db +
                             " --json --facets --filter region='Middle East' marketa");
  REQUIRE(r.status == 0);
  const nlohmann::json j = nlohmann::json::parse(r.out);
  CHECK(j["total"] == 1);
  CHECK(j["hits"][0]["authors"] == nlohmann::json::array({"Markéta Von Hagen"}));
  CHECK(j["hits"][0]["year"] == 2013);
  CHECK(j["hits"][0]["regions"] == nlohmann::json::array({"Middle East", "North Africa"}));
  CHECK(j["facets"]["region"] == nlohmann::json::parse(R"([{"value":"Middle East","count":1},
                                                           {"value":"North Africa","count":1}])"));

  r = run(index.dir, kSearch + " --db " + index.db + " --json year:2013");
  CHECK(nlohmann::json::parse(r.out)["total"] == 3);
}

TEST_CASE("trove-search: malformed text gets notes and an answer and --strict an error", "[tools]") {
  Indexed index;
  const std::string query = quote("referral AND");
  Run r = run(index.dir, kSearch + " --db " + index.db + " " + query);
  CHECK(r.status == 0);
  CHECK(r.err == "note: 'AND' at column 10 has no term on its right: ignored\n");
  CHECK(r.out == run(index.dir, kSearch + " --db " + index.db + " referral").out);
  r = run(index.dir, kSearch + " --db " + index.db + " --json " + query);
  CHECK(r.status == 0);
  CHECK(nlohmann::json::parse(r.out)["notes"] ==
        nlohmann::json::array({"'AND' at column 10 has no term on its right: ignored"}));
  r = run(index.dir, kSearch + " --db " + index.db + " --json referral");
  CHECK(nlohmann::json::parse(r.out)["notes"] == nlohmann::json::array());
  r = run(index.dir, kSearch + " --db " + index.db + " --strict " + query);
  CHECK(r.status == 1);
  CHECK(r.err == "trove-search: 'AND' at column 10 needs a term on its right\n");
}

TEST_CASE("trove-search errors: bad query exits 1 and bad usage exits 2", "[tools]") {
  Indexed index;
  Run r = run(index.dir, kSearch + " --db " + index.db + " --strict " + quote("\"unclosed"));
  CHECK(r.status == 1);
  CHECK(r.err.rfind("trove-search: unclosed quote", 0) == 0);
  r = run(index.dir, kSearch + " --db " + index.db + " --sort size x");
  CHECK(r.status == 2);
  CHECK(r.err == "trove-search: --sort takes relevance or year, not 'size'\n"
                 "Try 'trove-search --help'.\n");
  r = run(index.dir, kSearch + " --db " + index.db + " --filter region x");
  CHECK(r.status == 2);
  r = run(index.dir, kSearch + " --db " + (index.dir / "missing") + " x");
  CHECK(r.status == 1);
  CHECK(r.err == "trove-search: cannot open index '" + (index.dir / "missing") +
                     "': no such directory; create it with trove-index\n");
}

// --- Operator mistakes and hostile input (issue 14) ---------------------

TEST_CASE("the tools exit 1 when stdout cannot be written", "[tools][output]") {
  Indexed index;
  const std::string full = "trove-search: cannot write standard output: No space left on device\n";
  Run r = run(index.dir, kSearch + " --db " + index.db + " --json --limit 1000", "/dev/full");
  CHECK(r.status == 1);
  CHECK(r.err == full);
  r = run(index.dir, kSearch + " --db " + index.db + " referral", "/dev/full");
  CHECK(r.status == 1);
  CHECK(r.err == full);
  r = run(index.dir, kSearch + " --help", "/dev/full");
  CHECK(r.status == 1);
  CHECK(r.err == full);

  // The index is updated; only the summary is lost, and the status says so.
  r = run(index.dir, kIndex + " --db " + index.db + " " + quote(test::sample_path()), "/dev/full");
  CHECK(r.status == 1);
  CHECK(r.err == "trove-index: cannot write standard output: No space left on device\n");
  CHECK(records_in(index.dir, index.db) == 10);
}

TEST_CASE("trove-index keeps ingesting when its stderr is a closed pipe", "[tools][output]") {
  test::TempDir dir;
  std::string lines;
  for (int i = 0; i < 5000; ++i) {
    lines += "{\"id\": \"r" + std::to_string(i) + "\", \"title\": \"Title " + std::to_string(i) +
             "\", \"abstract\": \"Words of record " + std::to_string(i) + ".\"}\n";
    if (i % 9 == 8) lines += "{\"year\": 2001}\n";  // rejected
  }
  const std::string file = dir.write("mixed.jsonl", lines);
  const std::string db = dir / "db";
  // `head` reads two lines and exits; the rest of the report hits a closed
  // pipe (SIGPIPE killed the whole run before).
  Run r = run(dir, "sh -c " + quote("{ " + kIndex + " --db " + db + " " + file +
                                    " 2>&1; echo $? >" + (dir / "status") + "; } | head -2"));
  CHECK(r.status == 0);
  CHECK(r.out == "rejected: " + file + ":10: record has no title and no abstract\n"
                 "rejected: " + file + ":20: record has no title and no abstract\n");
  CHECK(slurp(dir / "status") == "1\n");  // records were rejected
  CHECK(records_in(dir, db) == 5000);
}

TEST_CASE("trove-search --json repairs invalid UTF-8 in the query", "[tools][output]") {
  Indexed index;
  const std::size_t total =
      nlohmann::json::parse(run(index.dir, kSearch + " --db " + index.db + " --json trafficking").out)
          ["total"];
  Run r = run(index.dir, kSearch + " --db " + index.db + " --json " + quote("trafficking \xc3"));
  CHECK(r.status == 0);
  CHECK(r.err.empty());
  const nlohmann::json j = nlohmann::json::parse(r.out);
  CHECK(j["query"] == "trafficking \xEF\xBF\xBD");
  CHECK(j["total"] == total);
}

TEST_CASE("numeric options out of range are usage errors", "[tools]") {
  test::TempDir dir;
  const std::string db = dir / "db";
  struct Case {
    std::string args, err;
  };
  const Case search_cases[] = {
      {"--limit -1 x", "--limit takes a whole number from 0 to 4294967295, not '-1'"},
      {"--offset -5 x", "--offset takes a whole number from 0 to 4294967295, not '-5'"},
      {"--limit 4294967296 x", "--limit takes a whole number from 0 to 4294967295, not '4294967296'"},
      {"--limit 99999999999999999999999 x",
       "--limit takes a whole number from 0 to 4294967295, not '99999999999999999999999'"},
      {"--limit 1.5 x", "--limit takes a whole number from 0 to 4294967295, not '1.5'"},
      {"--limit +3 x", "--limit takes a whole number from 0 to 4294967295, not '+3'"},
      {"--offset '' x", "--offset takes a whole number from 0 to 4294967295, not ''"},
  };
  for (const Case& c : search_cases) {
    CAPTURE(c.args);
    Run r = run(dir, kSearch + " --db " + db + " " + c.args);
    CHECK(r.status == 2);
    CHECK(r.err == "trove-search: " + c.err + "\nTry 'trove-search --help'.\n");
  }
  const std::string sample = quote(test::sample_path());
  const Case index_cases[] = {
      {"--batch-size 0 ", "--batch-size takes a whole number from 1 to 100000, not '0'"},
      {"--batch-size -1 ", "--batch-size takes a whole number from 1 to 100000, not '-1'"},
      {"--batch-size 100001 ", "--batch-size takes a whole number from 1 to 100000, not '100001'"},
      {"--rebuild --shards -1 ", "--shards takes a whole number from 0 to 64, not '-1'"},
      {"--rebuild --shards 65 ", "--shards takes a whole number from 0 to 64, not '65'"},
  };
  for (const Case& c : index_cases) {
    CAPTURE(c.args);
    Run r = run(dir, kIndex + " --db " + db + " " + c.args + sample);
    CHECK(r.status == 2);
    CHECK(r.err == "trove-index: " + c.err + "\nTry 'trove-index --help'.\n");
    CHECK_FALSE(std::filesystem::exists(db));  // refused before anything was made
  }
}

TEST_CASE("trove-search shows control characters in records instead of sending them", "[tools]") {
  test::TempDir dir;
  const std::string db = dir / "db";
  const std::string file = dir.write(
      "evil.jsonl",
      R"({"id": "evil", "title": "Evil \u001b[2J\u001b[31mRED", "abstract": "A bell \u0007 for referral \u009b2J.", "authors": ["Ann \u001b]0;pwned\u0007"], "country": "Chad\u001b[0m", "year": "\u001b[2J"})"
      "\n");
  Run r = run(dir, kIndex + " --db " + db + " " + file);
  CHECK(r.status == 0);
  CHECK(r.err == file + ":1: warning: year '^[[2J' is not a four-digit year from 1000 to 9999; the record keeps no year\n");

  r = run(dir, kSearch + " --db " + db + " --facets referral");
  CHECK(r.status == 0);
  CHECK(r.out ==
        "1 record found, showing 1-1\n\n"
        "1. Evil ^[[2J^[[31mRED\n"
        "   Chad^[[0m / Ann ^[]0;pwned^G\n"
        "   A bell ^G for [referral] \xEF\xBF\xBD" "2J.\n\n"
        "country: Chad^[[0m (1)\n"
        "region: (none)\n"
        "year: (none)\n"
        "topic: (none)\n"
        "category: (none)\n");

  // The readers keep the characters (they are the record's text); JSON
  // escapes them, so no raw control byte reaches the output either way.
  r = run(dir, kSearch + " --db " + db + " --json referral");
  CHECK(r.out.find('\x1b') == std::string::npos);
  CHECK(r.out.find('\a') == std::string::npos);
  const nlohmann::json j = nlohmann::json::parse(r.out);
  CHECK(j["hits"][0]["title"] == "Evil \x1b[2J\x1b[31mRED");
  CHECK(j["hits"][0]["authors"][0] == "Ann \x1b]0;pwned\a");
}

TEST_CASE("trove-index prints what was committed before a fatal error", "[tools]") {
  test::TempDir dir;
  const std::string corpus = test::generate_corpus(dir, "corpus.jsonl", 6000);
  const std::string db = dir / "db";
  // A file size limit makes a commit fail part-way, as a full disk would
  // (SIGXFSZ ignored: the write then fails with EFBIG).
  auto limited = [&](const std::string& args) {
    return "sh -c " + quote("trap '' XFSZ; ulimit -f 3000; exec " + kIndex + " --db " + db +
                            " --batch-size 1000 " + args);
  };
  Run r = run(dir, limited(corpus));
  REQUIRE(r.status == 1);
  CHECK(r.err.rfind("trove-index: cannot commit to index '" + db + "': ", 0) == 0);
  const std::size_t held = records_in(dir, db);
  CHECK(held > 0);
  CHECK(held < 6000);
  CHECK(held % 1000 == 0);  // whole batches
  const std::string prefix = "update of " + db + " stopped by the error below, having read ";
  CHECK(r.out.rfind(prefix, 0) == 0);
  CHECK(r.out.find(", rejected 0, warnings 0; the index holds " + std::to_string(held) +
                   " records (every committed batch)\n") != std::string::npos);

  // A failed rebuild says the live index is unchanged.
  r = run(dir, limited("--rebuild " + corpus));
  REQUIRE(r.status == 1);
  CHECK(r.out.rfind("rebuild of " + db + " stopped by the error below, having read ", 0) == 0);
  CHECK(r.out.find("; the live index is unchanged and holds " + std::to_string(held) +
                   " records\n") != std::string::npos);
  CHECK(records_in(dir, db) == held);

  // A missing source is refused before anything is read: no summary.
  r = run(dir, kIndex + " --db " + db + " " + (dir / "missing"));
  CHECK(r.status == 1);
  CHECK(r.out.empty());
  CHECK(r.err == "trove-index: no such file or directory: '" + (dir / "missing") + "'\n");
}

TEST_CASE("identical records read from another file are unchanged", "[tools]") {
  test::TempDir dir;
  const std::string db = dir / "db";
  const std::string text = slurp(test::sample_path());
  const std::string a = dir.write("a/listing.txt", text);
  const std::string b = dir.write("b/other name.txt", "\n\n" + text);  // other lines too
  REQUIRE(run(dir, kIndex + " --db " + db + " " + a).status == 0);
  Run r = run(dir, kIndex + " --db " + db + " " + quote(b));
  CHECK(r.status == 0);
  CHECK(r.out == "updated " + db +
                     ": read 10 records from 1 file, added 0, replaced 0, unchanged 10, "
                     "rejected 0, warnings 0; the index holds 10 records\n");
}

TEST_CASE("a rebuild refuses to empty a non-empty index unless --allow-empty", "[tools]") {
  Indexed index;
  std::filesystem::create_directory(index.dir / "empty");
  const std::string empty = index.dir / "empty";
  Run r = run(index.dir, kIndex + " --db " + index.db + " --rebuild " + empty);
  CHECK(r.status == 1);
  CHECK(r.out == "rebuild of " + index.db +
                     " stopped by the error below, having read 0 records, added 0, replaced 0, "
                     "unchanged 0, rejected 0, warnings 0; the live index is unchanged and "
                     "holds 10 records\n");
  CHECK(r.err == "trove-index: the sources gave no record to index: refusing to replace the 10 "
                 "records of " + index.db + " with an empty index (the live index is unchanged; "
                 "--allow-empty does it)\n");
  CHECK(records_in(index.dir, index.db) == 10);

  r = run(index.dir, kIndex + " --db " + index.db + " --rebuild --allow-empty " + empty);
  CHECK(r.status == 0);
  CHECK(records_in(index.dir, index.db) == 0);
  // An empty index may be rebuilt empty again without the flag.
  r = run(index.dir, kIndex + " --db " + index.db + " --rebuild " + empty);
  CHECK(r.status == 0);
}

TEST_CASE("a rebuild without --shards keeps the shard count", "[tools]") {
  test::TempDir dir;
  const std::string db = dir / "db";
  const std::string sample = quote(test::sample_path());
  REQUIRE(run(dir, kIndex + " --db " + db + " --rebuild --shards 2 " + sample).status == 0);
  CHECK(slurp(db + "/XAPIANDB") == "auto gen-000001/shard-0\nauto gen-000001/shard-1\n");
  // --help: "0: keep the index's count" (a rebuild used to go back to 1).
  REQUIRE(run(dir, kIndex + " --db " + db + " --rebuild " + sample).status == 0);
  CHECK(slurp(db + "/XAPIANDB") == "auto gen-000002/shard-0\nauto gen-000002/shard-1\n");
  REQUIRE(run(dir, kIndex + " --db " + db + " --rebuild --shards 1 " + sample).status == 0);
  CHECK(slurp(db + "/XAPIANDB") == "auto gen-000003/shard-0\n");
}

// --- What the documentation promises (issue 15) --------------------------

TEST_CASE("both tools print their versions", "[tools]") {
  test::TempDir dir;
  for (const std::string& tool : {kIndex, kSearch}) {
    Run r = run(dir, tool + " --version");
    CHECK(r.status == 0);
    CHECK(r.err.empty());
    const std::string name = tool.substr(tool.rfind('/') + 1);
    std::istringstream lines(r.out);
    std::string line;
    std::getline(lines, line);
    CHECK(line == name + " (trove) " TROVE_VERSION_STRING);
    for (const char* prefix : {"index schema ", "Xapian 1.4.", "ICU "}) {
      std::getline(lines, line);
      CHECK(line.rfind(prefix, 0) == 0);
      CHECK(line.size() > std::string(prefix).size());
    }
    CHECK_FALSE(std::getline(lines, line));
  }
}

TEST_CASE("trove-search without a query lists every record", "[tools]") {
  Indexed index;
  Run r = run(index.dir, kSearch + " --db " + index.db + " --limit 1");
  CHECK(r.status == 0);
  CHECK(r.out.rfind("10 records found, showing 1-1\n", 0) == 0);
  r = run(index.dir, kSearch + " --help");
  CHECK(r.out.rfind("Usage: trove-search [OPTIONS] [--] [QUERY...]\n", 0) == 0);
}

TEST_CASE("a query starting with a dash needs -- before it", "[tools]") {
  Indexed index;
  Run r = run(index.dir, kSearch + " --db " + index.db + " -lebanon");
  CHECK(r.status == 2);
  CHECK(r.err == "trove-search: unrecognised option '-lebanon'\nTry 'trove-search --help'.\n");
  r = run(index.dir, kSearch + " --db " + index.db + " -- -lebanon");
  CHECK(r.status == 0);
  CHECK(r.out.rfind("9 records found", 0) == 0);
  r = run(index.dir, kSearch + " --help");
  CHECK(r.out.find("put -- before a\nquery that starts with '-'") != std::string::npos);
  CHECK(r.out.find("trove-search -- -lebanon trafficking") != std::string::npos);
}

TEST_CASE("a bad --filter is bad usage and a bad query is not", "[tools]") {
  Indexed index;
  Run r = run(index.dir, kSearch + " --db " + index.db + " --filter foo=bar");
  CHECK(r.status == 2);
  CHECK(r.err == "trove-search: --filter: unknown filter field 'foo'; use country, region, year, "
                 "topic or category\nTry 'trove-search --help'.\n");
  r = run(index.dir, kSearch + " --db " + index.db + " --filter year=abc x");
  CHECK(r.status == 2);
  CHECK(r.err == "trove-search: --filter: year 'abc' is not a year; write year:2012 or "
                 "year:2010..2015\nTry 'trove-search --help'.\n");
  // Good filters, bad query: the query's error, exit 1.
  r = run(index.dir,
          kSearch + " --db " + index.db + " --strict --filter year=2013 " + quote("\"unclosed"));
  CHECK(r.status == 1);
  CHECK(r.err.rfind("trove-search: unclosed quote", 0) == 0);
}

}  // namespace trove
