// End-to-end tests of the built trove-index and trove-search binaries.
#include <fcntl.h>
#include <sys/file.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "test_util.h"

namespace trove {
namespace {

struct Run {
  int status;
  std::string out;
  std::string err;
};

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Runs a shell command line, capturing stdout and stderr separately.
Run run(const test::TempDir& dir, const std::string& command) {
  const std::string out = dir / "stdout", err = dir / "stderr";
  const int raw = std::system((command + " >" + out + " 2>" + err + " </dev/null").c_str());
  return {WIFEXITED(raw) ? WEXITSTATUS(raw) : -1, slurp(out), slurp(err)};
}

std::string quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

const std::string kIndex = TROVE_INDEX_BIN;
const std::string kSearch = TROVE_SEARCH_BIN;

struct Indexed {
  test::TempDir dir;
  std::string db = dir / "db";
  Indexed() {
    Run r = run(dir, kIndex + " --db " + db + " " + quote(test::sample_path()));
    REQUIRE(r.status == 0);
  }
};

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

TEST_CASE("trove-search errors: bad query exits 1, bad usage exits 2", "[tools]") {
  Indexed index;
  Run r = run(index.dir, kSearch + " --db " + index.db + " " + quote("\"unclosed"));
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

}  // namespace trove
