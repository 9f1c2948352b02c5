// An index directory holds complete Xapian databases ("generations") in
// subdirectories gen-NNNNNN and a Xapian stub file, XAPIANDB, naming the live
// one. Xapian itself follows the stub when the directory is opened, and a
// rebuild switches generations by atomically renaming a new stub over the
// old, so readers only ever see a complete generation.
#ifndef TROVE_LIB_INDEX_GENERATIONS_H_
#define TROVE_LIB_INDEX_GENERATIONS_H_

#include <string>

namespace trove::generations {

// Path of the stub file inside `index_dir`.
std::string stub_path(const std::string& index_dir);

// The live generation's directory name, or "" when `index_dir` has no stub.
// Throws IndexError if the stub cannot be read or names no generation.
std::string live(const std::string& index_dir);

// A name for a new generation, after every existing one.
std::string next_name(const std::string& index_dir);

// Atomically makes `generation` the live one (write a temporary stub, fsync,
// rename over the stub, fsync the directory). Throws IndexError on failure.
void switch_to(const std::string& index_dir, const std::string& generation);

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
