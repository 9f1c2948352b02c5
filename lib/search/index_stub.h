// What a Searcher needs to know about the stub file that names an index's
// databases: where it is, whether it changed, and which local databases it
// names. Xapian itself follows the stub when it opens an index with a
// remote shard.
#ifndef TROVE_LIB_SEARCH_INDEX_STUB_H_
#define TROVE_LIB_SEARCH_INDEX_STUB_H_

#include <sys/types.h>

#include <string>
#include <vector>

namespace trove {

// Identifies one version of the stub: a rebuild renames a new stub over the
// old (a new inode); a hand edit changes the modification time.
struct StubStamp {
  ino_t inode = 0;
  long long mtime_ns = 0;
  bool operator==(const StubStamp& o) const { return inode == o.inode && mtime_ns == o.mtime_ns; }
};

// The stamp of the file `stub`; all zero when it cannot be read.
StubStamp stamp_of(const std::string& stub);

// The stub of the index at `path`: the stub inside a directory (a trove
// index), or `path` itself when it is a file (perhaps hand-written, listing
// local and remote shards). Throws IndexError when there is neither, or
// when the stub names no database.
std::string find_stub(const std::string& path);

// The paths of the databases the stub names, in its order, when every one
// is a local directory; else none. Xapian's stub lines are "auto PATH" (or
// a backend name and PATH) for local databases and "remote ..." for remote
// ones; an "auto" line naming a file may be a further stub, which is not
// looked into and counts as not local. A Searcher opens each local database
// on its own, to count facets shard by shard (match_count.h).
std::vector<std::string> local_databases(const std::string& stub);

}  // namespace trove

#endif  // TROVE_LIB_SEARCH_INDEX_STUB_H_
