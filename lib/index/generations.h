// An index directory holds complete generations in subdirectories
// gen-NNNNNN, each made of one or more shards (Xapian databases shard-0,
// shard-1, ...), and a Xapian stub file, XAPIANDB, listing the shards of the
// live generation, one "auto gen-NNNNNN/shard-K" line each. Xapian itself
// follows the stub when the directory is opened (searching the shards as one
// database), and a rebuild switches generations by atomically renaming a new
// stub over the old, so readers only ever see a complete generation.
#ifndef TROVE_LIB_INDEX_GENERATIONS_H_
#define TROVE_LIB_INDEX_GENERATIONS_H_

#include <cstddef>
#include <optional>
#include <string>

namespace trove::generations {

// Path of the stub file inside `index_dir`.
std::string stub_path(const std::string& index_dir);

struct Generation {
  std::string name;        // "gen-000001"; "" when there is none
  std::size_t shards = 0;  // number of shards
};

// The live generation, or an empty one when `index_dir` has no stub.
// Throws IndexError if the stub cannot be read or is not trove's.
Generation live(const std::string& index_dir);

// Path of shard `shard` of `generation` in `index_dir`.
std::string shard_path(const std::string& index_dir, const std::string& generation,
                       std::size_t shard);

// Path of part `part` of `generation` in `index_dir`: a rebuild writes a
// shard as several parts and compacts them into the shard.
std::string part_path(const std::string& index_dir, const std::string& generation,
                      std::size_t part);

// The number of a generation directory's name ("gen-000042" -> 42), or
// nothing if `name` is not "gen-" and 1 to 9 digits.
std::optional<unsigned long> generation_number(const std::string& name);

// A name for a new generation, after every existing one.
std::string next_name(const std::string& index_dir);

// Flushes the file or directory `path` to disk (fsync). Throws IndexError
// "cannot sync '<path>' to disk: <errno text>" if it cannot be opened,
// synced or closed.
void fsync_path(const std::string& path);

// Atomically makes `generation` the live one (write a temporary stub, fsync,
// rename over the stub, fsync the directory). Throws IndexError on failure,
// a failed fsync included.
void switch_to(const std::string& index_dir, const Generation& generation);

// Removes every generation directory except `keep` (half-built ones from
// failed rebuilds, and the previous live one after a switch). Never throws.
void remove_all_but(const std::string& index_dir, const std::string& keep);

// An exclusive, process-wide write lock on an index directory (flock on a
// lock file). The kernel releases it if the process dies.
class WriteLock {
 public:
  // Throws IndexError "... is being written by another process" if held.
  explicit WriteLock(const std::string& index_dir);
  ~WriteLock();
  WriteLock(const WriteLock&) = delete;
  WriteLock& operator=(const WriteLock&) = delete;

 private:
  int fd_;
};

}  // namespace trove::generations

#endif  // TROVE_LIB_INDEX_GENERATIONS_H_
