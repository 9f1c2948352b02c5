// trove::version_info(), and the limits an operator is told about.
#include <xapian.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <unicode/uvernum.h>

#include "index/schema.h"
#include "test_util.h"
#include "trove/error.h"
#include "trove/index_writer.h"
#include "trove/version.h"

namespace trove {

TEST_CASE("version_info names the library and the engines loaded", "[version]") {
  const VersionInfo v = version_info();
  CHECK(v.trove == TROVE_VERSION_STRING);
  CHECK(v.schema == schema::kSchemaVersion);
  CHECK(v.xapian == Xapian::version_string());
  CHECK(v.icu == U_ICU_VERSION);  // the same ICU at build and run time here
}

TEST_CASE("IndexWriter refuses more than kMaxShards shards before creating anything",
          "[version]") {
  test::TempDir dir;
  WriterOptions options;
  options.rebuild = true;
  options.shards = WriterOptions::kMaxShards + 1;
  CHECK_THROWS_MATCHES(IndexWriter::open(dir / "db", options), Error,
                       Catch::Message("cannot write index '" + (dir / "db") +
                                      "': 65 shards is more than the maximum of 64"));
  options.shards = static_cast<std::size_t>(-1);  // "-1" read into a size_t
  CHECK_THROWS_AS(IndexWriter::open(dir / "db", options), Error);
  CHECK_FALSE(std::filesystem::exists(dir / "db"));
}

}  // namespace trove
