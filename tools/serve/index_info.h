// What /api/stats tells about an index beyond its record count: the live
// generation and when the index last changed, read from the directory
// layout the README documents ("Operating an index": DIR/XAPIANDB names the
// live generation's shards, gen-NNNNNN/shard-K/ hold them).
#ifndef TROVE_TOOLS_SERVE_INDEX_INFO_H_
#define TROVE_TOOLS_SERVE_INDEX_INFO_H_

#include <cstddef>
#include <functional>
#include <string>

namespace trove::serve {

struct IndexInfo {
  std::string generation;   // "gen-000001"; "" if the stub names none
  std::string last_change;  // UTC, "2024-05-01T12:34:56Z": the newest
                            // modification of the stub or a file of the
                            // live generation (a commit or a rebuild)
};

// For `db`, an index directory or a stub file as given to --db. Throws
// trove::IndexError if the stub cannot be read.
IndexInfo index_info(const std::string& db);

// What /api/stats reports: the records of one generation and its info.
struct IndexStats {
  std::size_t records = 0;
  IndexInfo info;
};

// `count()` (reopen a Searcher, count its records) between two `info()`
// reads (index_info of the index), repeated while a rebuild switched the
// generation in between, at most 3 times (then the last try's figures):
// without that, a rebuild between the count and the read paired one
// generation's count with the next one's name. Generations are never
// reused, so the same name before and after means the count is of it.
IndexStats index_stats(const std::function<IndexInfo()>& info,
                       const std::function<std::size_t()>& count);

}  // namespace trove::serve

#endif  // TROVE_TOOLS_SERVE_INDEX_INFO_H_
