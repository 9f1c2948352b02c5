// Every public Searcher entry point reports a damaged index as a trove
// IndexError with a message naming the index, never as a Xapian exception.
#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>

#include "sample_index.h"
#include "test_util.h"
#include "trove/trove.h"

namespace trove {
namespace {

using test::SampleIndex;

// what() of the IndexError f() throws; "no error", or what else it threw.
std::string index_error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const IndexError& e) {
    return e.what();
  } catch (const std::exception& e) {
    return std::string("not an IndexError: ") + e.what();
  } catch (...) {
    return "not a std::exception";
  }
  return "no error";
}

// Replaces `path` as a rebuild does: a new file renamed over the old one.
void replace_file(const std::string& path, const std::string& content) {
  std::ofstream(path + ".new", std::ios::binary) << content;
  REQUIRE(std::rename((path + ".new").c_str(), path.c_str()) == 0);
}

// Overwrites every byte of `path` in place (same file, so that a database
// already open on it reads the damage).
void scribble_over(const std::string& path) {
  const auto size = std::filesystem::file_size(path);
  std::fstream file(path, std::ios::in | std::ios::out | std::ios::binary);
  file << std::string(size, '\xA5');
  REQUIRE(file.good());
}

}  // namespace

TEST_CASE("every Searcher entry point reports a missing generation as an IndexError",
          "[searcher][errors]") {
  SampleIndex index;
  Searcher searcher = Searcher::open(index.db);
  REQUIRE(searcher.document_count() == 10);
  replace_file(index.db + "/XAPIANDB", "auto gen-000099/shard-0\n");
  const std::string message = "cannot open index '" + index.db +
                              "': not a trove index or unreadable (Couldn't stat '" + index.db +
                              "/gen-000099/shard-0')";
  CHECK(index_error_of([&] { Searcher::open(index.db); }) == message);
  CHECK(index_error_of([&] { searcher.search(SearchRequest{}); }) == message);
  CHECK(index_error_of([&] { searcher.reopen(); }) == message);
  CHECK(index_error_of([&] { searcher.document_count(); }) == message);
  CHECK(index_error_of([&] { searcher.describe_query("referral"); }) == message);
}

TEST_CASE("a corrupt index read by search or describe_query is an IndexError",
          "[searcher][errors]") {
  // Large enough that its posting lists span several B-tree blocks, of
  // which an open database holds only the root in memory.
  test::TempDir dir;
  const std::string db = dir / "index";
  {
    IndexWriter writer = IndexWriter::open(db);
    REQUIRE(ingest(writer, {test::generate_corpus(dir, "c.jsonl", 3000)}, Format::kAuto, {})
                .added == 3000);
    writer.finish();
  }
  SearcherOptions options;
  options.common_word_fraction = 0.5;  // describe_query reads word frequencies
  Searcher searcher = Searcher::open(db, options);
  scribble_over(db + "/gen-000001/shard-0/postlist.glass");
  // The document count is read at opening: nothing damaged is read again.
  CHECK(searcher.document_count() == 3000);
  // Reading word frequencies or searching reads the damage, and so does
  // opening the index again to retry.
  const std::string message = "cannot open index '" + db +
                              "': the index is corrupt (dir_end invalid in block 45); rebuild it "
                              "with trove-index --rebuild";
  SearchRequest request;
  request.query = "referral";
  CHECK(index_error_of([&] { searcher.describe_query("referral"); }) == message);
  CHECK(index_error_of([&] { searcher.search(request); }) == message);
  CHECK(index_error_of([&] { searcher.document_count(); }) == message);
  CHECK(index_error_of([&] { Searcher::open(db, options); }) == message);
}

TEST_CASE("an index whose stub names no shard fails at open as trove-index says",
          "[searcher][errors]") {
  SampleIndex index;
  Searcher searcher = Searcher::open(index.db);
  const std::string stub = index.db + "/XAPIANDB";
  const std::string message = "cannot open index '" + index.db + "': " + stub + " names no shard";
  for (const std::string content : {"", "\n\n", "# no shards yet\n"}) {
    INFO("stub: " << content);
    replace_file(stub, content);
    CHECK(index_error_of([&] { Searcher::open(index.db); }) == message);
    // A Searcher opened before meets it at its next call.
    CHECK(index_error_of([&] { searcher.search(SearchRequest{}); }) == message);
    replace_file(stub, "auto gen-000001/shard-0\n");
    CHECK(searcher.search(SearchRequest{}).total == 10);
  }
  // A stub file given as the index, as for remote shards.
  const std::string file = index.dir.write("empty.stub", "");
  CHECK(index_error_of([&] { Searcher::open(file); }) ==
        "cannot open index '" + file + "': " + file + " names no shard");
}

}  // namespace trove
