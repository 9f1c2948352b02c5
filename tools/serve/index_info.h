// What /api/stats tells about an index beyond its record count: the live
// generation and when the index last changed, read from the directory
// layout the README documents ("Operating an index": DIR/XAPIANDB names the
// live generation's shards, gen-NNNNNN/shard-K/ hold them).
#ifndef TROVE_TOOLS_SERVE_INDEX_INFO_H_
#define TROVE_TOOLS_SERVE_INDEX_INFO_H_

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

}  // namespace trove::serve

#endif  // TROVE_TOOLS_SERVE_INDEX_INFO_H_
