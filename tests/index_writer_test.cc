#include <catch2/catch.hpp>

#include <signal.h>
#include <sys/resource.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>

#include <xapian.h>

#include "index/generations.h"
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

std::string file_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
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

// While alive, every write that would make a file larger than `bytes`
// fails with EFBIG (SIGXFSZ ignored): a full disk, deterministically. Check
// nothing while it lives (Catch2 may write its report to a file).
class FileSizeLimit {
 public:
  explicit FileSizeLimit(rlim_t bytes) {
    ::getrlimit(RLIMIT_FSIZE, &saved_);
    handler_ = ::signal(SIGXFSZ, SIG_IGN);
    rlimit limit = saved_;
    limit.rlim_cur = bytes;
    ::setrlimit(RLIMIT_FSIZE, &limit);
  }
  ~FileSizeLimit() {
    ::setrlimit(RLIMIT_FSIZE, &saved_);
    ::signal(SIGXFSZ, handler_);
  }
  FileSizeLimit(const FileSizeLimit&) = delete;
  FileSizeLimit& operator=(const FileSizeLimit&) = delete;

 private:
  rlimit saved_{};
  sighandler_t handler_;
};

// What f() threw, as "IndexError: <message>"; anything else (a raw
// Xapian::Error escaping, another type, nothing) says so.
template <typename F>
std::string index_error_of(F&& f) {
  try {
    f();
  } catch (const IndexError& e) {
    return std::string("IndexError: ") + e.what();
  } catch (const std::exception& e) {
    return std::string("not an IndexError: ") + e.what();
  } catch (...) {
    return "not a std::exception";
  }
  return "no error";
}

// What f() threw while no file can be written.
template <typename F>
std::string index_error_on_full_disk(F&& f) {
  FileSizeLimit full(0);
  return index_error_of(std::forward<F>(f));
}

}  // namespace

TEST_CASE("add then replace by id then remove", "[index_writer]") {
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

TEST_CASE("a rebuild adds a record listed again once with both topics", "[index_writer]") {
  // A rebuild adds an id it has not seen without looking it up; the same id
  // again (or after a removal) must still replace, merge or re-add.
  test::TempDir dir;
  const std::string db = dir / "index";
  {
    WriterOptions options;
    options.rebuild = true;
    IndexWriter writer = IndexWriter::open(db, options);
    using R = IndexWriter::AddResult;
    CHECK(writer.add(make_record("a", "Child labour", {"Trafficking"})) == R::kAdded);
    CHECK(writer.add(make_record("b", "Bonded labour")) == R::kAdded);
    CHECK(writer.add(make_record("a", "Child labour", {"Labour"})) == R::kReplaced);
    CHECK(writer.add(make_record("a", "Child labour", {"Trafficking"})) == R::kUnchanged);
    CHECK(writer.remove("b"));
    CHECK(writer.add(make_record("b", "Bonded labour")) == R::kAdded);
    CHECK(writer.document_count() == 2);
    writer.finish();
  }
  Searcher searcher = Searcher::open(db);
  SearchRequest request;
  request.query = "child";
  const SearchResult result = searcher.search(request);
  REQUIRE(result.total == 1);
  CHECK(result.hits[0].record.topic == std::vector<std::string>{"Trafficking", "Labour"});
  CHECK(count(db, "labour") == 2);
  CHECK(count(db, "topic:labour") == 1);
}

TEST_CASE("a second writer is refused while the first is open", "[index_writer]") {
  test::TempDir dir;
  const std::string db = dir / "index";
  IndexWriter first = IndexWriter::open(db);
  CHECK_THROWS_AS(IndexWriter::open(db), IndexLockedError);
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
  CHECK_THROWS_AS(Searcher::open(dir / "nothing"), IndexNotFoundError);
  CHECK_THROWS_WITH(Searcher::open(dir / "nothing"),
                    "cannot open index '" + (dir / "nothing") +
                        "': no such directory; create it with trove-index");
  std::filesystem::create_directories(dir / "empty");
  CHECK_THROWS_AS(Searcher::open(dir / "empty"), IndexNotFoundError);
  CHECK_THROWS_WITH(Searcher::open(dir / "empty"),
                    "cannot open index '" + (dir / "empty") + "': not a trove index (no " +
                        (dir / "empty") + "/XAPIANDB); create it with trove-index");
  // A file is read as a stub; this one is not.
  dir.write("file-index", "not an index");
  CHECK_THROWS_AS(Searcher::open(dir / "file-index"), IndexCorruptError);
  CHECK_THROWS_WITH(Searcher::open(dir / "file-index"), "cannot open index '" +
                                                            (dir / "file-index") +
                                                            "': not a trove index or unreadable (" +
                                                            (dir / "file-index") + ":1: Bad line)");
  CHECK_THROWS_WITH(IndexWriter::open(dir / "file-index"),
                    "cannot create index '" + (dir / "file-index") + "': Not a directory");
}

TEST_CASE("a damaged database is an IndexCorruptError", "[index_writer]") {
  test::TempDir dir;
  const std::string db = dir / "index";
  {
    IndexWriter writer = IndexWriter::open(db);
    writer.add(make_record("a", "Some record"));
    writer.finish();
  }
  const std::string corrupt =
      "the index is corrupt (dir_end invalid in block 2); rebuild it "
      "with trove-index --rebuild";
  SECTION("a table file overwritten") {
    dir.write("index/gen-000001/shard-0/postlist.glass", std::string(65536, 'x'));
    CHECK_THROWS_AS(Searcher::open(db), IndexCorruptError);
    CHECK_THROWS_WITH(Searcher::open(db), "cannot open index '" + db + "': " + corrupt);
    CHECK_THROWS_AS(IndexWriter::open(db), IndexCorruptError);
    CHECK_THROWS_WITH(IndexWriter::open(db), "cannot open index '" + db + "': " + corrupt);
  }
  SECTION("the version file overwritten") {
    dir.write("index/gen-000001/shard-0/iamglass", std::string(64, 'x'));
    CHECK_THROWS_AS(Searcher::open(db), IndexCorruptError);
    CHECK_THROWS_WITH(Searcher::open(db),
                      "cannot open index '" + db +
                          "': the index is corrupt (Rev file magic incorrect); rebuild it with "
                          "trove-index --rebuild");
  }
  SECTION("a table file missing") {
    std::filesystem::remove(dir / "index/gen-000001/shard-0/postlist.glass");
    CHECK_THROWS_AS(Searcher::open(db), IndexCorruptError);
    CHECK_THROWS_WITH(Searcher::open(db), "cannot open index '" + db +
                                              "': not a trove index or unreadable (Couldn't open " +
                                              db + "/gen-000001/shard-0/postlist.glass to read)");
  }
}

TEST_CASE("an index of an older layout is an IndexIncompatibleError for a writer",
          "[index_writer]") {
  test::TempDir dir;
  const std::string db = dir / "index";
  index_old_record(db);
  const std::string message = "cannot open index '" + db +
                              "': it was written by an incompatible trove version; rebuild it "
                              "with trove-index --rebuild";
  {
    // As an index written before the current schema would say.
    Xapian::WritableDatabase shard(db + "/gen-000001/shard-0");
    shard.set_metadata("trove.schema", "3");
    shard.commit();
  }
  CHECK_THROWS_AS(IndexWriter::open(db), IndexIncompatibleError);
  CHECK_THROWS_WITH(IndexWriter::open(db), message);
  // A rebuild does not read the old layout: it is how to recover.
  WriterOptions rebuild;
  rebuild.rebuild = true;
  IndexWriter writer = IndexWriter::open(db, rebuild);
  writer.add(make_record("new", "New record"));
  writer.finish();
  CHECK(count(db, "new") == 1);
}

TEST_CASE("a hand-written stub is searchable but not writable", "[index_writer]") {
  test::TempDir dir;
  const std::string db = dir / "index";
  index_old_record(db);
  dir.write("index/XAPIANDB", "auto " + db + "/gen-000001/shard-0\n");
  CHECK(count(db, "old") == 1);
  CHECK_THROWS_AS(IndexWriter::open(db), IndexIncompatibleError);
  CHECK_THROWS_WITH(IndexWriter::open(db),
                    "cannot read index '" + db + "': " + db +
                        "/XAPIANDB is not a trove index stub (a hand-written stub listing remote "
                        "shards can be searched, not written)");
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

namespace trove {

TEST_CASE("every IndexWriter entry point reports a write failure as an IndexError",
          "[index_writer]") {
  test::TempDir dir;
  const std::string db = dir / "index";
  index_old_record(db);
  WriterOptions every_change;
  every_change.batch_size = 1;  // each add() or remove() commits
  const std::string commit_failed =
      "IndexError: cannot commit to index '" + db +
      "': DatabaseError: Modifications failed (DatabaseError: Error writing block 0 (File too "
      "large)), and couldn't open at the old revision: Error writing block 1";
  SECTION("open") {
    CHECK(index_error_on_full_disk([&] { IndexWriter::open(dir / "new"); }) ==
          "IndexError: cannot create index '" + (dir / "new") + "': cannot create " +
              (dir / "new") + "/gen-000001/trove-generation: File too large");
    CHECK_FALSE(std::filesystem::exists(dir / "new"));
  }
  SECTION("add") {
    IndexWriter writer = IndexWriter::open(db, every_change);
    CHECK(index_error_on_full_disk([&] { writer.add(make_record("a", "Record")); }) ==
          commit_failed);
  }
  SECTION("add_all") {
    IndexWriter writer = IndexWriter::open(db, every_change);
    CHECK(index_error_on_full_disk([&] { writer.add_all({make_record("a", "Record")}); }) ==
          commit_failed);
  }
  SECTION("remove") {
    IndexWriter writer = IndexWriter::open(db, every_change);
    CHECK(index_error_on_full_disk([&] { writer.remove("old"); }) == commit_failed);
  }
  SECTION("commit") {
    IndexWriter writer = IndexWriter::open(db);
    writer.add(make_record("a", "Record"));
    CHECK(index_error_on_full_disk([&] { writer.commit(); }) == commit_failed);
  }
  SECTION("finish") {
    IndexWriter writer = IndexWriter::open(db);
    writer.add(make_record("a", "Record"));
    CHECK(index_error_on_full_disk([&] { writer.finish(); }) == commit_failed);
  }
  SECTION("finish of a rebuild") {
    IndexWriter writer = open_unfinished_rebuild(db);  // its parts committed
    CHECK(index_error_on_full_disk([&] { writer.finish(); }) ==
          "IndexError: cannot compact index '" + db +
              "': DatabaseError: Error writing block 0 (File too large)");
    CHECK(count(db, "old") == 1);
  }
  SECTION("ingest") {
    const std::string file = dir.write("in.jsonl", "{\"title\": \"One\", \"abstract\": \"A.\"}\n");
    IndexWriter writer = IndexWriter::open(db, every_change);
    CHECK(index_error_on_full_disk([&] { ingest(writer, {file}, Format::kAuto, {}); }) ==
          commit_failed);
  }
  CHECK(count(db, "") == 1);
}

}  // namespace trove

namespace trove {

TEST_CASE("a writer destroyed without finish() keeps only what it committed", "[index_writer]") {
  test::TempDir dir;
  const std::string db = dir / "index";
  index_old_record(db);
  {
    IndexWriter writer = IndexWriter::open(db);
    writer.add(make_record("a", "Committed record"));
    writer.commit();
    writer.add(make_record("b", "Discarded record"));
    writer.add(make_record("a", "Replaced record"));
    CHECK(writer.remove("old"));
    CHECK(writer.document_count() == 2);
  }  // destroyed without finish()
  CHECK(count(db, "") == 2);
  CHECK(count(db, "old") == 1);
  CHECK(count(db, "committed") == 1);
  CHECK(count(db, "discarded") == 0);
  CHECK(count(db, "replaced") == 0);
}

TEST_CASE("automatic commits stay when a sharded writer is not finished", "[index_writer]") {
  test::TempDir dir;
  const std::string db = dir / "index";
  WriterOptions options;
  options.shards = 2;
  options.batch_size = 4;
  {
    IndexWriter writer = IndexWriter::open(db, options);
    // Records r0..r3 are one committed batch over both shards; r4..r6 are not.
    for (int i = 0; i < 7; ++i) writer.add(make_record("r" + std::to_string(i), "Record"));
  }
  Searcher searcher = Searcher::open(db);
  SearchRequest request;
  request.limit = 10;
  std::set<std::string> ids;
  for (const Hit& hit : searcher.search(request).hits) ids.insert(hit.record.id);
  CHECK(ids == std::set<std::string>{"r0", "r1", "r2", "r3"});
}

TEST_CASE("a failed fsync is reported with the path", "[index_writer]") {
  // /dev/null opens but cannot be synced (EINVAL).
  CHECK_THROWS_AS(generations::fsync_path("/dev/null"), IndexError);
  CHECK_THROWS_WITH(generations::fsync_path("/dev/null"),
                    "cannot sync '/dev/null' to disk: Invalid argument");
  test::TempDir dir;
  CHECK_THROWS_WITH(generations::fsync_path(dir / "missing"),
                    "cannot sync '" + (dir / "missing") + "' to disk: No such file or directory");
  CHECK_NOTHROW(generations::fsync_path(dir.path()));
}

}  // namespace trove

namespace trove {

TEST_CASE("generation names are parsed strictly", "[index_writer]") {
  CHECK(generations::generation_number("gen-000042") == 42ul);
  CHECK(generations::generation_number("gen-999999999") == 999999999ul);
  for (const char* name :
       {"gen-", "gen-7junk", "gen--1", "gen-+1", "gen- 1", "gen-1234567890",
        "gen-99999999999999999999999", "gen", "ge", "", "Gen-000001", "shard-0", "xgen-000001"}) {
    INFO(name);
    CHECK_FALSE(generations::generation_number(name));
  }
  test::TempDir dir;
  for (const char* name : {"gen-000003", "gen-7junk", "gen-99999999999999999999999", "gen-notes"}) {
    std::filesystem::create_directories(dir / name);
  }
  CHECK(generations::next_name(dir.path()) == "gen-000004");
}

}  // namespace trove

namespace trove {

TEST_CASE("a rebuild removes only the generations trove made", "[index_writer]") {
  test::TempDir dir;
  const std::string db = dir / "index";
  // A directory that is not a trove index, with generation-like names.
  dir.write("index/gen-000001/keep.txt", "mine");
  dir.write("index/gen-000099/keep.txt", "mine too");
  WriterOptions options;
  options.rebuild = true;
  CHECK_THROWS_AS(IndexWriter::open(db, options), IndexIncompatibleError);
  CHECK_THROWS_WITH(IndexWriter::open(db, options),
                    "cannot create index '" + db +
                        "': the directory is not empty and holds no trove index; choose a new "
                        "or empty directory (or allow a non-empty one: trove-index "
                        "--allow-non-empty)");
  CHECK_FALSE(std::filesystem::exists(db + "/write.lock"));
  options.allow_non_empty = true;
  for (int round = 0; round < 2; ++round) {
    IndexWriter writer = IndexWriter::open(db, options);
    writer.add(make_record("r" + std::to_string(round), round == 0 ? "First" : "Second"));
    writer.finish();
  }
  open_unfinished_rebuild(db);  // abandoned: its generation is removed
  CHECK(file_text(db + "/gen-000001/keep.txt") == "mine");
  CHECK(file_text(db + "/gen-000099/keep.txt") == "mine too");
  CHECK(count(db, "") == 1);
  CHECK(count(db, "second") == 1);
  // The two foreign directories and the live generation.
  CHECK(generation_count(db) == 3);
  CHECK(std::filesystem::exists(db + "/gen-000101/shard-0"));
}

TEST_CASE("a rebuild removes the previous generation even without a marker", "[index_writer]") {
  // As an index written before generations were marked.
  test::TempDir dir;
  const std::string db = dir / "index";
  index_old_record(db);
  REQUIRE(std::filesystem::remove(db + "/gen-000001/trove-generation"));
  WriterOptions options;
  options.rebuild = true;
  IndexWriter writer = IndexWriter::open(db, options);
  writer.add(make_record("new", "New record"));
  writer.finish();
  CHECK(generation_count(db) == 1);
  CHECK(std::filesystem::exists(db + "/gen-000002"));
}

TEST_CASE("a writer refuses a plain Xapian database", "[index_writer]") {
  test::TempDir dir;
  const std::string db = dir / "index";
  index_old_record(db);
  const std::string shard = db + "/gen-000001/shard-0";
  WriterOptions options;
  options.allow_non_empty = true;  // no way around it: the writes would be lost
  CHECK_THROWS_AS(IndexWriter::open(shard, options), IndexIncompatibleError);
  CHECK_THROWS_WITH(IndexWriter::open(shard), "cannot write index '" + shard + "': " + shard +
                                                  " is a Xapian database, not a trove index");
  CHECK_FALSE(std::filesystem::exists(shard + "/XAPIANDB"));
  CHECK_FALSE(std::filesystem::exists(shard + "/write.lock"));
  CHECK_FALSE(std::filesystem::exists(shard + "/gen-000001"));
  CHECK(count(db, "old") == 1);
}

TEST_CASE("a writer told not to create needs an existing index", "[index_writer]") {
  test::TempDir dir;
  WriterOptions options;
  options.create = false;
  const std::string typo = dir / "typo";
  CHECK_THROWS_AS(IndexWriter::open(typo, options), IndexNotFoundError);
  CHECK_THROWS_WITH(
      IndexWriter::open(typo, options),
      "cannot open index '" + typo + "': no such directory; create it with trove-index");
  CHECK_FALSE(std::filesystem::exists(typo));
  std::filesystem::create_directories(dir / "empty");
  CHECK_THROWS_AS(IndexWriter::open(dir / "empty", options), IndexNotFoundError);
  CHECK_THROWS_WITH(IndexWriter::open(dir / "empty", options),
                    "cannot open index '" + (dir / "empty") + "': not a trove index (no " +
                        (dir / "empty") + "/XAPIANDB); create it with trove-index");
  CHECK(std::filesystem::is_empty(dir / "empty"));
  const std::string db = dir / "index";
  index_old_record(db);
  IndexWriter writer = IndexWriter::open(db, options);
  CHECK(writer.remove("old"));
  writer.finish();
  CHECK(count(db, "") == 0);
}

TEST_CASE("a writer that kept nothing leaves no index behind", "[index_writer]") {
  test::TempDir dir;
  const std::string db = dir / "new/nested/index";
  SECTION("destroyed with nothing written") {
    { IndexWriter writer = IndexWriter::open(db); }
    CHECK_FALSE(std::filesystem::exists(dir / "new"));
  }
  SECTION("destroyed with records not committed") {
    {
      IndexWriter writer = IndexWriter::open(db);
      writer.add(make_record("a", "Record"));
    }
    CHECK_FALSE(std::filesystem::exists(dir / "new"));
  }
  SECTION("an ingestion of a missing file") {
    {
      IndexWriter writer = IndexWriter::open(db);
      CHECK_THROWS_AS(ingest(writer, {dir / "missing.jsonl"}, Format::kAuto, {}), InputError);
    }
    CHECK_FALSE(std::filesystem::exists(dir / "new"));
  }
  SECTION("an unknown language") {
    WriterOptions options;
    options.language = "klingon";
    CHECK_THROWS_AS(IndexWriter::open(db, options), Error);
    CHECK_FALSE(std::filesystem::exists(dir / "new"));
    std::filesystem::create_directories(db);  // an existing empty directory stays empty
    CHECK_THROWS_AS(IndexWriter::open(db, options), Error);
    CHECK(std::filesystem::is_empty(db));
  }
  SECTION("a rebuild not finished") {
    WriterOptions options;
    options.rebuild = true;
    {
      IndexWriter writer = IndexWriter::open(db, options);
      writer.add(make_record("a", "Record"));
      writer.commit();
    }
    CHECK_FALSE(std::filesystem::exists(dir / "new"));
  }
  SECTION("in an existing empty directory") {
    std::filesystem::create_directories(db);
    {
      IndexWriter writer = IndexWriter::open(db);
      writer.add(make_record("a", "Record"));
    }
    CHECK(std::filesystem::is_empty(db));
  }
}

TEST_CASE("a writer keeps the index it created once it commits or finishes", "[index_writer]") {
  test::TempDir dir;
  {
    IndexWriter writer = IndexWriter::open(dir / "committed");
    writer.add(make_record("a", "Record"));
    writer.commit();
    writer.add(make_record("b", "Record"));
  }
  CHECK(count(dir / "committed", "") == 1);
  {
    IndexWriter writer = IndexWriter::open(dir / "finished");
    writer.finish();
  }
  CHECK(count(dir / "finished", "") == 0);
}

}  // namespace trove

namespace trove {

TEST_CASE("an empty stub names no shard for the searcher and the writer alike", "[index_writer]") {
  test::TempDir dir;
  const std::string db = dir / "index";
  index_old_record(db);
  const std::string message = "cannot open index '" + db + "': " + db + "/XAPIANDB names no shard";
  for (const char* stub : {"", "\n  \n", "# nothing here\n\n"}) {
    INFO("stub: " << stub);
    dir.write("index/XAPIANDB", stub);
    CHECK_THROWS_AS(Searcher::open(db), IndexCorruptError);
    CHECK_THROWS_WITH(Searcher::open(db), message);
    CHECK_THROWS_AS(IndexWriter::open(db), IndexCorruptError);
    CHECK_THROWS_WITH(IndexWriter::open(db), message);
  }
  // A stub given as the path is checked the same way.
  CHECK_THROWS_WITH(Searcher::open(db + "/XAPIANDB"),
                    "cannot open index '" + db + "/XAPIANDB': " + db + "/XAPIANDB names no shard");
}

}  // namespace trove

namespace trove {

TEST_CASE("a finished writer refuses every further call", "[index_writer]") {
  test::TempDir dir;
  const std::string db = dir / "index";
  index_old_record(db);
  WriterOptions options;
  SECTION("in place") { options.rebuild = false; }
  SECTION("a rebuild") { options.rebuild = true; }
  IndexWriter writer = IndexWriter::open(db, options);
  writer.add(make_record("new", "New record"));
  writer.finish();
  const std::string message =
      "cannot use the writer of index '" + db + "': finish() was called; open a new writer";
  const Record late = make_record("late", "Late record");
  CHECK_THROWS_WITH(writer.add(late), message);
  CHECK_THROWS_WITH(writer.add_all({late}), message);
  CHECK_THROWS_WITH(writer.remove("new"), message);
  CHECK_THROWS_WITH(writer.commit(), message);
  CHECK_THROWS_WITH(writer.finish(), message);
  CHECK_THROWS_WITH(writer.document_count(), message);
  // A plain Error: the index is fine.
  CHECK_THROWS_AS(writer.add(late), Error);
  CHECK_FALSE(index_error_of([&] { writer.add(late); }).rfind("IndexError", 0) == 0);
  CHECK(writer.path() == db);
  // The lock went with finish(): a new writer opens while this one lives.
  IndexWriter next = IndexWriter::open(db);
  CHECK(next.document_count() == (options.rebuild ? 1 : 2));
  next.finish();
  CHECK(count(db, "late") == 0);
  CHECK(count(db, "new") == 1);
}

TEST_CASE("a writer whose finish() failed refuses further calls", "[index_writer]") {
  test::TempDir dir;
  const std::string db = dir / "index";
  index_old_record(db);
  IndexWriter writer = open_unfinished_rebuild(db);
  CHECK(index_error_on_full_disk([&] { writer.finish(); }).rfind("IndexError: cannot compact", 0) ==
        0);
  CHECK_THROWS_WITH(writer.finish(), "cannot use the writer of index '" + db +
                                         "': finish() was called; open a new writer");
  CHECK(count(db, "") == 1);
  CHECK(count(db, "old") == 1);
}

}  // namespace trove

namespace trove {

TEST_CASE("a callback that throws inside ingest() still lets the records before it land",
          "[index_writer]") {
  test::TempDir dir;
  const std::string db = dir / "index";
  const std::string first =
      dir.write("a.jsonl",
                "{\"id\": \"g1\", \"title\": \"One\", \"abstract\": \"A.\"}\n"
                "{\"id\": \"g2\", \"title\": \"Two\", \"abstract\": \"B.\"}\n");
  const std::string second =
      dir.write("b.jsonl",
                "{\"id\": \"g3\", \"title\": \"Three\", \"abstract\": \"C.\"}\n"
                "not json\n"
                "{\"id\": \"g4\", \"title\": \"Four\", \"abstract\": \"D.\"}\n");
  struct Stop {};
  std::vector<IngestStats> progress;
  IndexWriter writer = IndexWriter::open(db);
  CHECK_THROWS_AS(
      ingest(
          writer, {first, second}, Format::kAuto, [](const ReadError&) { throw Stop(); },
          [&](const IngestStats& stats) { progress.push_back(stats); }),
      Stop);
  REQUIRE(progress.size() == 1);
  CHECK(progress[0].files == 1);  // the second was not read to its end
  CHECK(progress[0].read == 3);
  CHECK(progress[0].added == 3);
  CHECK(progress[0].rejected == 1);
  writer.finish();
  Searcher searcher = Searcher::open(db);
  CHECK(searcher.document_count() == 3);
  CHECK(count(db, "three") == 1);
  CHECK(count(db, "four") == 0);
}

TEST_CASE("an InputError thrown by a callback is the caller's and not a file problem",
          "[index_writer]") {
  test::TempDir dir;
  const std::string file = dir.write("a.jsonl",
                                     "{\"id\": \"g1\", \"title\": \"One\", \"abstract\": \"A.\"}\n"
                                     "not json\n");
  std::size_t calls = 0;
  IndexWriter writer = IndexWriter::open(dir / "index");
  CHECK_THROWS_WITH(ingest(writer, {file}, Format::kAuto,
                           [&](const ReadError&) {
                             ++calls;
                             throw InputError("stop here");
                           }),
                    "stop here");
  CHECK(calls == 1);
  CHECK(writer.document_count() == 1);
}

}  // namespace trove

namespace trove {

TEST_CASE("a database of another Xapian format is an IndexIncompatibleError",
          "[index_writer]") {
  test::TempDir dir;
  const std::string db = dir / "index";
  index_old_record(db);
  const std::string shard = db + "/gen-000001/shard-0";
  {
    // The glass format version follows the 14-byte magic: 2016-03-14 -> 2016-00-05.
    std::fstream version(shard + "/iamglass", std::ios::in | std::ios::out | std::ios::binary);
    version.seekp(15);
    version.put('\x05');
  }
  const std::string reason = "': DatabaseVersionError: " + shard +
                             ": Database is format version 20160005 but I only understand "
                             "20160314";
  CHECK_THROWS_AS(Searcher::open(db), IndexIncompatibleError);
  CHECK_THROWS_WITH(Searcher::open(db), "cannot open index '" + db + reason);
  CHECK_THROWS_AS(IndexWriter::open(db), IndexIncompatibleError);
  CHECK_THROWS_WITH(IndexWriter::open(db), "cannot open index '" + db + reason);
}

}  // namespace trove
