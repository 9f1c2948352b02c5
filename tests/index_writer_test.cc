#include <catch2/catch.hpp>

#include <filesystem>

#include "test_util.h"
#include "trove/trove.h"

namespace trove {
namespace {

Record make_record(const std::string& id, const std::string& title,
                   std::vector<std::string> topics = {}) {
  Record r;
  r.id = id;
  r.title = title;
  r.abstract = "An abstract about " + title + ".";
  r.topic = std::move(topics);
  return r;
}

// An index at `db` holding one committed record, "old".
void index_old_record(const std::string& db) {
  IndexWriter writer = IndexWriter::open(db);
  writer.add(make_record("old", "Old record"));
  writer.finish();
}

// A rebuild of `db` holding one committed record, "new", not yet finished.
IndexWriter open_unfinished_rebuild(const std::string& db) {
  WriterOptions options;
  options.rebuild = true;
  IndexWriter writer = IndexWriter::open(db, options);
  writer.add(make_record("new", "New record"));
  writer.commit();
  return writer;
}

std::size_t generation_count(const std::string& db) {
  std::size_t generations = 0;
  for (const auto& entry : std::filesystem::directory_iterator(db)) {
    generations += entry.path().filename().string().rfind("gen-", 0) == 0;
  }
  return generations;
}

std::size_t count(const std::string& db, const std::string& query) {
  Searcher searcher = Searcher::open(db);
  SearchRequest request;
  request.query = query;
  return searcher.search(request).total;
}

}  // namespace

TEST_CASE("add, replace by id and remove", "[index_writer]") {
  test::TempDir dir;
  const std::string db = dir / "index";
  {
    IndexWriter writer = IndexWriter::open(db);
    CHECK(writer.add(make_record("a", "Labour exploitation")) == IndexWriter::AddResult::kAdded);
    CHECK(writer.add(make_record("b", "Border management")) == IndexWriter::AddResult::kAdded);
    CHECK(writer.add(make_record("a", "Forced labour")) == IndexWriter::AddResult::kReplaced);
    CHECK(writer.document_count() == 2);
    CHECK(writer.remove("b"));
    CHECK_FALSE(writer.remove("b"));
    writer.finish();
  }
  CHECK(count(db, "") == 1);
  CHECK(count(db, "forced") == 1);
  CHECK(count(db, "exploitation") == 0);
}

TEST_CASE("a record listed again under another topic keeps both topics", "[index_writer]") {
  test::TempDir dir;
  const std::string db = dir / "index";
  {
    IndexWriter writer = IndexWriter::open(db);
    writer.add(make_record("a", "Child labour", {"Trafficking"}));
    writer.add(make_record("a", "Child labour", {"Labour", "Trafficking"}));
    writer.finish();
  }
  Searcher searcher = Searcher::open(db);
  SearchRequest request;
  request.facets = {"topic"};
  const SearchResult result = searcher.search(request);
  REQUIRE(result.total == 1);
  CHECK(result.hits[0].record.topic == std::vector<std::string>{"Trafficking", "Labour"});
  CHECK(count(db, "topic:labour") == 1);
  CHECK(count(db, "topic:trafficking") == 1);
}

TEST_CASE("a second writer is refused while the first is open", "[index_writer]") {
  test::TempDir dir;
  const std::string db = dir / "index";
  IndexWriter first = IndexWriter::open(db);
  CHECK_THROWS_WITH(IndexWriter::open(db),
                    "cannot write index '" + db + "': the index is being written by another process");
  first.add(make_record("a", "Still writing"));
  first.finish();
  CHECK(count(db, "writing") == 1);
}

TEST_CASE("rebuild switches atomically and leaves one generation", "[index_writer]") {
  test::TempDir dir;
  const std::string db = dir / "index";
  index_old_record(db);
  Searcher searcher = Searcher::open(db);
  {
    WriterOptions options;
    options.rebuild = true;
    IndexWriter writer = IndexWriter::open(db, options);
    writer.add(make_record("new1", "New record"));
    writer.add(make_record("new2", "Newer record"));
    writer.commit();
    // Until finish() the live generation is untouched.
    CHECK(searcher.search({}).total == 1);
    writer.finish();
  }
  const SearchResult after = searcher.search({});
  CHECK(after.total == 2);
  CHECK(generation_count(db) == 1);
}

TEST_CASE("an abandoned rebuild leaves the live index untouched", "[index_writer]") {
  test::TempDir dir;
  const std::string db = dir / "index";
  index_old_record(db);
  open_unfinished_rebuild(db);  // destroyed without finish()
  CHECK(count(db, "") == 1);
  CHECK(count(db, "old") == 1);
}

TEST_CASE("opening a missing or foreign index names the path", "[index_writer]") {
  test::TempDir dir;
  CHECK_THROWS_WITH(Searcher::open(dir / "nothing"),
                    "cannot open index '" + (dir / "nothing") +
                        "': no such directory; create it with trove-index");
  std::filesystem::create_directories(dir / "empty");
  CHECK_THROWS_WITH(Searcher::open(dir / "empty"),
                    "cannot open index '" + (dir / "empty") + "': not a trove index (no " +
                        (dir / "empty") + "/XAPIANDB); create it with trove-index");
  dir.write("file-index", "not an index");
  CHECK_THROWS_AS(Searcher::open(dir / "file-index"), IndexError);
  CHECK_THROWS_AS(IndexWriter::open(dir / "file-index"), IndexError);

  // A corrupt database: its version file overwritten with garbage.
  const std::string db = dir / "corrupt";
  {
    IndexWriter writer = IndexWriter::open(db);
    writer.add(make_record("a", "Some record"));
    writer.finish();
  }
  dir.write("corrupt/gen-000001/shard-0/iamglass", std::string(64, 'x'));
  try {
    Searcher::open(db);
    FAIL("a corrupt index must not open");
  } catch (const IndexError& e) {
    CHECK_THAT(e.what(), Catch::StartsWith("cannot open index '" + db + "': "));
  }
  CHECK_THROWS_AS(IndexWriter::open(db), IndexError);
}

TEST_CASE("ingest reports rejected records and indexes the rest", "[index_writer]") {
  test::TempDir dir;
  const std::string db = dir / "index";
  const std::string file = dir.write("in.jsonl",
                                     "{\"title\": \"Good one\", \"abstract\": \"Fine.\"}\n"
                                     "{\"authors\": \"No title, no abstract\"}\n"
                                     "not json\n"
                                     "{\"title\": \"Good two\", \"abstract\": \"Fine too.\", \"year\": \"20x3\"}\n");
  std::vector<ReadError> problems;
  IndexWriter writer = IndexWriter::open(db);
  const IngestStats stats =
      ingest(writer, {file}, Format::kAuto, [&](const ReadError& e) { problems.push_back(e); });
  writer.finish();
  CHECK(stats.files == 1);
  CHECK(stats.read == 2);
  CHECK(stats.added == 2);
  CHECK(stats.rejected == 2);
  CHECK(stats.warnings == 1);
  REQUIRE(problems.size() == 3);
  CHECK(problems[0].line == 2);
  CHECK(problems[1].line == 3);
  CHECK(problems[2].line == 4);
  CHECK(problems[2].severity == ReadError::Severity::kWarning);
  CHECK(count(db, "") == 2);
}

}  // namespace trove

namespace trove {

TEST_CASE("assigning over an unfinished rebuild abandons it", "[index_writer]") {
  test::TempDir dir;
  const std::string db = dir / "index";
  index_old_record(db);
  IndexWriter writer = open_unfinished_rebuild(db);
  writer = IndexWriter::open(dir / "other");  // ends the rebuild without finish()
  CHECK(generation_count(db) == 1);
  CHECK(count(db, "old") == 1);
}

}  // namespace trove
