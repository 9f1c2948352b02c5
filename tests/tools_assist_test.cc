// trove-search and trove-index flags of the search aids (issue 10):
// did-you-mean, truncation notes, completion, facet value search and the
// thesaurus command.
#include <sys/wait.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

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

using Indexed = test::IndexedSample;

}  // namespace

TEST_CASE("trove-search prints did you mean and --json has a suggestion object", "[tools]") {
  Indexed index;
  Run r = index.search("--limit 0 'Traficking labour'");
  CHECK(r.status == 0);
  CHECK(r.out == "4 records found\nDid you mean: Trafficking labour\n");
  r = index.search("--json traficking");
  REQUIRE(r.status == 0);
  const nlohmann::json json = nlohmann::json::parse(r.out);
  CHECK(json["suggestion"] == nlohmann::json::parse(
                                  R"({"query": "trafficking",
                                      "changes": [{"from": "traficking", "to": "trafficking"}]})"));
  CHECK(json["notes"] == nlohmann::json::array());
  r = index.search("--json trafficking");
  CHECK(nlohmann::json::parse(r.out).count("suggestion") == 0);
}

TEST_CASE("trove-search prints a note when a truncated word hit the cap", "[tools]") {
  test::TempDir dir;
  std::string words;
  for (char a = 'a'; a <= 'e'; ++a) {
    for (char b = 'a'; b <= 'z'; ++b) words += std::string("w") + a + b + "k ";
  }
  const std::string file =
      dir.write("w.jsonl", "{\"id\": \"a\", \"title\": \"List\", \"abstract\": \"" + words + "\"}\n");
  REQUIRE(run(dir, kIndex + " --db " + (dir / "db") + " " + file).status == 0);
  Run r = run(dir, kSearch + " --db " + (dir / "db") + " --limit 0 'w*'");
  CHECK(r.status == 0);
  CHECK(r.out == "1 record found\n");
  CHECK(r.err == "note: w* matches 130 words; searched for the 100 in most records\n");
}

TEST_CASE("trove-search --complete prints completions and --json a list", "[tools]") {
  Indexed index;
  Run r = index.search("--complete mar");
  CHECK(r.status == 0);
  CHECK(r.out == "Mara (1, word)\nMarkéta Von Hagen (1, author)\nmarriage (1, word)\n");
  r = index.search("--complete le --field country --json");
  CHECK(nlohmann::json::parse(r.out) ==
        nlohmann::json::parse(R"([{"text": "Lebanon", "field": "country", "count": 1}])"));
  r = index.search("--complete mar --field nope");
  CHECK(r.status == 1);
  CHECK(r.err ==
        "trove-search: unknown field 'nope' to complete; use title, author, word, country, "
        "region, year, topic or category\n");
}

TEST_CASE("trove-search --facet-prefix counts only the matching values", "[tools]") {
  Indexed index;
  Run r = index.search("--limit 0 --facet-prefix country=le --facet-prefix region=AF ''");
  CHECK(r.status == 0);
  CHECK(r.out == "10 records found\n\ncountry: Lebanon (1)\nregion: North Africa (1)\n");
  r = index.search("--facet-prefix country ''");
  CHECK(r.status == 2);
}

TEST_CASE("trove-index thesaurus replaces the thesaurus searchers use", "[tools]") {
  Indexed index;
  CHECK(index.search("--limit 0 labor").out == "4 records found\n");
  const std::string file = index.dir.write("t.txt", "# mine\nlabor, toil\n");
  Run r = run(index.dir, kIndex + " thesaurus --db " + index.db + " " + file);
  CHECK(r.status == 0);
  CHECK(r.out == "updated " + index.db + ": thesaurus replaced by " + file + "\n");
  CHECK(index.search("--limit 0 labor").out == "1 record found\n");
  const std::string bad = index.dir.write("bad.txt", "labor\n");
  r = run(index.dir, kIndex + " thesaurus --db " + index.db + " " + bad);
  CHECK(r.status == 1);
  CHECK(r.err ==
        "trove-index: thesaurus line 1: a group needs at least two entries, by commas\n");
}

}  // namespace trove
