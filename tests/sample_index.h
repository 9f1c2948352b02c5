// The sample listing (corpus/trafficking.txt, 10 records) indexed in a
// temporary directory: the index most of the library's tests search.
#ifndef TROVE_TESTS_SAMPLE_INDEX_H_
#define TROVE_TESTS_SAMPLE_INDEX_H_

#include <catch2/catch.hpp>
#include <string>

#include "test_util.h"
#include "trove/trove.h"

namespace trove::test {

struct SampleIndex {
  TempDir dir;
  std::string db = dir / "index";
  SampleIndex() {
    IndexWriter writer = IndexWriter::open(db);
    const IngestStats stats = ingest(writer, {sample_path()}, Format::kAuto, {});
    writer.finish();
    REQUIRE(stats.added == 10);
  }
};

}  // namespace trove::test

#endif  // TROVE_TESTS_SAMPLE_INDEX_H_
