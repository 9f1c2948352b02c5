// End-to-end tests of where trove-index creates, refuses and removes index
// directories: a mistyped --db, a failed first run, a rebuild into a
// directory of someone else's files.
#include <sys/wait.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "test_util.h"

namespace trove {
namespace {

namespace fs = std::filesystem;

struct Run {
  int status;
  std::string out;
  std::string err;
};

std::string file_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// Runs a shell command line in `dir`, capturing stdout and stderr.
Run run(const test::TempDir& dir, const std::string& command) {
  const std::string out = dir / "stdout", err = dir / "stderr";
  const std::string line =
      "cd '" + dir.path() + "' && " + command + " >" + out + " 2>" + err + " </dev/null";
  const int raw = std::system(line.c_str());
  return {WIFEXITED(raw) ? WEXITSTATUS(raw) : -1, file_text(out), file_text(err)};
}

const std::string kIndex = TROVE_INDEX_BIN;
const std::string kSearch = TROVE_SEARCH_BIN;

}  // namespace

TEST_CASE("trove-index delete with a mistyped --db creates nothing", "[tools][index_paths]") {
  test::TempDir dir;
  const Run r = run(dir, kIndex + " delete --db typo-dir --id x");
  CHECK(r.status == 1);
  CHECK(r.out.empty());
  CHECK(r.err ==
        "trove-index: cannot open index 'typo-dir': no such directory; create it with "
        "trove-index\n");
  CHECK_FALSE(fs::exists(dir / "typo-dir"));
}

TEST_CASE("trove-index delete in an empty directory finds no index", "[tools][index_paths]") {
  test::TempDir dir;
  fs::create_directories(dir / "empty");
  const Run r = run(dir, kIndex + " delete --db empty --id x");
  CHECK(r.status == 1);
  CHECK(r.err ==
        "trove-index: cannot open index 'empty': not a trove index (no empty/XAPIANDB); create it "
        "with trove-index\n");
  CHECK(fs::is_empty(dir / "empty"));
}

TEST_CASE("a failed first trove-index run leaves no directory", "[tools][index_paths]") {
  test::TempDir dir;
  SECTION("a missing input file") {
    const Run r = run(dir, kIndex + " --db new missing.jsonl");
    CHECK(r.status == 1);
    CHECK_FALSE(fs::exists(dir / "new"));
  }
  SECTION("an unknown language") {
    const Run r = run(dir, kIndex + " --db new --language klingon '" + test::sample_path() + "'");
    CHECK(r.status != 0);
    CHECK_FALSE(fs::exists(dir / "new"));
  }
  SECTION("a rebuild from a missing input file") {
    const Run r = run(dir, kIndex + " --db new --rebuild missing.jsonl");
    CHECK(r.status == 1);
    CHECK_FALSE(fs::exists(dir / "new"));
  }
}

TEST_CASE("trove-index --rebuild keeps directories it did not create", "[tools][index_paths]") {
  test::TempDir dir;
  dir.write("idx/gen-000001/keep.txt", "keep one");
  dir.write("idx/gen-000099/keep.txt", "keep two");
  const std::string sample = "'" + test::sample_path() + "'";
  Run r = run(dir, kIndex + " --db idx --rebuild " + sample);
  CHECK(r.status == 1);
  CHECK(r.err ==
        "trove-index: cannot create index 'idx': the directory is not empty and holds no trove "
        "index; choose a new or empty directory (or allow a non-empty one: trove-index "
        "--allow-non-empty)\n");
  CHECK_FALSE(fs::exists(dir / "idx/XAPIANDB"));

  r = run(dir, kIndex + " --db idx --rebuild --allow-non-empty " + sample);
  CHECK(r.status == 0);
  // And once more, now that it is a trove index: its own old generation goes.
  r = run(dir, kIndex + " --db idx --rebuild " + sample);
  CHECK(r.status == 0);
  CHECK(file_text(dir / "idx/gen-000001/keep.txt") == "keep one");
  CHECK(file_text(dir / "idx/gen-000099/keep.txt") == "keep two");
  CHECK_FALSE(fs::exists(dir / "idx/gen-000100"));
  CHECK(fs::exists(dir / "idx/gen-000101/shard-0"));
  r = run(dir, kSearch + " --db idx --limit 0 ''");
  CHECK(r.status == 0);
  CHECK(r.out == "10 records found\n");
}

TEST_CASE("trove-index refuses a Xapian database directory", "[tools][index_paths]") {
  test::TempDir dir;
  const std::string sample = "'" + test::sample_path() + "'";
  REQUIRE(run(dir, kIndex + " --db idx " + sample).status == 0);
  const Run r = run(dir, kIndex + " --db idx/gen-000001/shard-0 " + sample);
  CHECK(r.status == 1);
  CHECK(r.err ==
        "trove-index: cannot write index 'idx/gen-000001/shard-0': idx/gen-000001/shard-0 is a "
        "Xapian database, not a trove index\n");
  CHECK_FALSE(fs::exists(dir / "idx/gen-000001/shard-0/XAPIANDB"));
  CHECK_FALSE(fs::exists(dir / "idx/gen-000001/shard-0/write.lock"));
}

}  // namespace trove

namespace trove {

TEST_CASE("both tools say an empty stub names no shard", "[tools][index_paths]") {
  test::TempDir dir;
  const std::string sample = "'" + test::sample_path() + "'";
  REQUIRE(run(dir, kIndex + " --db idx " + sample).status == 0);
  { std::ofstream(dir / "idx/XAPIANDB", std::ios::trunc); }
  const std::string message = "cannot open index 'idx': idx/XAPIANDB names no shard\n";
  Run r = run(dir, kSearch + " --db idx trafficking");
  CHECK(r.status == 1);
  CHECK(r.err == "trove-search: " + message);
  r = run(dir, kIndex + " --db idx " + sample);
  CHECK(r.status == 1);
  CHECK(r.err == "trove-index: " + message);
}

}  // namespace trove
