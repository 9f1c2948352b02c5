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
// Throws IndexCorruptError if the stub cannot be read or names no shard
// (check_stub), IndexIncompatibleError if it is not trove's.
Generation live(const std::string& index_dir);

// Throws IndexCorruptError "cannot open index '<index>': <stub> names no
// shard" if the stub file `stub` lists no database (it is empty, or holds
// only blank lines and comments), which trove never writes. Any stub that
// names a database passes, hand-written ones included; an unreadable one is
// left to the caller. `index` is the path as the caller was given it.
void check_stub(const std::string& index, const std::string& stub);

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

// What a directory holds, as far as writing an index there goes.
enum class Contents {
  kMissing,         // nothing at the path
  kNotDirectory,    // a file
  kXapianDatabase,  // a plain Xapian database (e.g. a shard), not a trove index
  kIndex,           // a trove index (it has a stub)
  kEmpty,           // nothing, or only what an unfinished first writer left
                    // (the lock file, a temporary stub, marked or empty
                    // generation directories)
  kOther,           // other files: not trove's
};
Contents inspect(const std::string& index_dir);

// Creates the directory of a new generation, with a marker file that says
// trove made it, so only trove's generations are ever removed. Throws
// IndexError on failure.
void create_generation(const std::string& index_dir, const std::string& generation);

// Removes the generation directories trove made in `index_dir` (those with
// its marker, or empty: half-built ones of failed rebuilds, and the previous
// live one after a switch) and `previous` (the generation the stub named before a
// switch, marked or not), except `keep`, and a temporary stub left by a
// switch that crashed before its rename. Directories trove did not make are
// left alone, whatever their names. Never throws.
void remove_all_but(const std::string& index_dir, const std::string& keep,
                    const std::string& previous = {});

// Removes the generation directory `generation` of `index_dir`, its marker
// file last, so a crash part-way leaves a directory the next writer still
// knows as trove's. Never throws.
void remove_generation(const std::string& index_dir, const std::string& generation);

// Undoes the creation of an index in the existing directory `index_dir`:
// removes its stub (and a temporary one), the generation `generation` and,
// if `lock_file`, the lock file. Never throws.
void remove_index(const std::string& index_dir, const std::string& generation, bool lock_file);

// An exclusive, process-wide write lock on an index directory (flock on a
// lock file). The kernel releases it if the process dies.
class WriteLock {
 public:
  // Throws IndexLockedError "... is being written by another process" if
  // held, IndexError if the lock file cannot be created.
  explicit WriteLock(const std::string& index_dir);
  ~WriteLock();
  WriteLock(const WriteLock&) = delete;
  WriteLock& operator=(const WriteLock&) = delete;

  // Whether this lock created the lock file (rather than finding one).
  bool created_file() const { return created_; }

  // Releases the lock now rather than at destruction.
  void release();

 private:
  int fd_;
  bool created_ = false;
};

}  // namespace trove::generations

#endif  // TROVE_LIB_INDEX_GENERATIONS_H_
