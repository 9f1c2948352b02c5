#include "index/generations.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

#include "index/fault_points.h"
#include "trove/error.h"

namespace fs = std::filesystem;

namespace trove::generations {
namespace {

constexpr char kStubName[] = "XAPIANDB";
constexpr char kLockName[] = "write.lock";
constexpr char kGenerationPrefix[] = "gen-";
const std::string kShardPrefix = "shard-";
const std::string kPartPrefix = "part-";
// In every generation directory trove creates: what it may remove.
constexpr char kMarkerName[] = "trove-generation";
// Xapian's own database directories hold one of these.
constexpr const char* kXapianMarkers[] = {"iamglass", "iamchert"};

bool path_exists(const fs::path& path) {
  std::error_code ec;
  return fs::exists(path, ec);
}

// "gen-" and digits, as next_name() makes them.
bool is_generation_name(const std::string& name) { return generation_number(name).has_value(); }

// A generation directory trove made: it holds the marker. An empty one
// counts too: a crash between making the directory and writing its marker
// leaves it, and removing it loses nothing.
bool is_trove_generation(const fs::path& dir) {
  if (!is_generation_name(dir.filename().string())) return false;
  std::error_code ec;
  return path_exists(dir / kMarkerName) || (fs::is_directory(dir, ec) && fs::is_empty(dir, ec));
}

// Removes the generation directory `dir`, its marker last: a crash part-way
// leaves it still marked as trove's, for the next writer to finish.
void remove_generation_dir(const fs::path& dir) {
  std::error_code ec;
  std::vector<fs::path> contents;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (entry.path().filename() != kMarkerName) contents.push_back(entry.path());
  }
  for (const fs::path& path : contents) fs::remove_all(path, ec);
  fs::remove(dir / kMarkerName, ec);
  fs::remove(dir, ec);
}

}  // namespace

void fsync_path(const std::string& path) {
  // The generation switch is documented as durable: an error here must not
  // pass unseen, whether opening, syncing or closing.
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0 || ::fsync(fd) != 0) {
    const int error = errno;
    if (fd >= 0) ::close(fd);
    throw IndexError("cannot sync '" + path + "' to disk: " + std::strerror(error));
  }
  if (::close(fd) != 0) {
    throw IndexError("cannot sync '" + path + "' to disk: " + std::strerror(errno));
  }
}

std::string stub_path(const std::string& index_dir) {
  return (fs::path(index_dir) / kStubName).string();
}

Generation live(const std::string& index_dir) {
  const std::string path = stub_path(index_dir);
  std::ifstream in(path);
  if (!in) {
    if (!fs::exists(path)) return {};
    throw IndexCorruptError("cannot read index '" + index_dir + "': " + path + " is unreadable");
  }
  check_stub(index_dir, path);
  // Lines "auto gen-NNNNNN/shard-K", K = 0, 1, ... in order.
  Generation generation;
  std::string backend, shard;
  while (in >> backend >> shard) {
    const std::size_t slash = shard.find('/');
    const std::string name = shard.substr(0, slash);
    const std::string expected = kShardPrefix + std::to_string(generation.shards);
    if (backend != "auto" || slash == std::string::npos || !is_generation_name(name) ||
        shard.substr(slash + 1) != expected ||
        (!generation.name.empty() && name != generation.name)) {
      throw IndexIncompatibleError(
          "cannot read index '" + index_dir + "': " + path +
          " is not a trove index stub (a hand-written stub listing remote shards "
          "can be searched, not written)");
    }
    generation.name = name;
    ++generation.shards;
  }
  return generation;
}

void check_stub(const std::string& index, const std::string& stub) {
  std::ifstream in(stub);
  if (!in) return;  // the caller's open reports it
  // Xapian skips blank lines and comments; any other line names a database.
  std::string line;
  while (std::getline(in, line)) {
    const std::size_t first = line.find_first_not_of(" \t\r");
    if (first != std::string::npos && line[first] != '#') return;
  }
  // Xapian would open this as a database of nothing, and fail at the first
  // search with a message about its internals.
  throw IndexCorruptError("cannot open index '" + index + "': " + stub + " names no shard");
}

std::string shard_path(const std::string& index_dir, const std::string& generation,
                       std::size_t shard) {
  return (fs::path(index_dir) / generation / (kShardPrefix + std::to_string(shard))).string();
}

std::string part_path(const std::string& index_dir, const std::string& generation,
                      std::size_t part) {
  return (fs::path(index_dir) / generation / (kPartPrefix + std::to_string(part))).string();
}

std::optional<unsigned long> generation_number(const std::string& name) {
  const std::string prefix = kGenerationPrefix;
  if (name.compare(0, prefix.size(), prefix) != 0) return std::nullopt;
  const std::string digits = name.substr(std::min(name.size(), prefix.size()));
  // Nine digits at most: the number always fits, and one more never overflows.
  if (digits.empty() || digits.size() > 9 ||
      !std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return std::nullopt;
  }
  return std::stoul(digits);
}

std::string next_name(const std::string& index_dir) {
  unsigned long highest = 0;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(index_dir, ec)) {
    if (auto number = generation_number(entry.path().filename().string())) {
      highest = std::max(highest, *number);
    }
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, "%s%06lu", kGenerationPrefix, highest + 1);
  return buf;
}

void switch_to(const std::string& index_dir, const Generation& generation) {
  const std::string stub = stub_path(index_dir);
  const std::string tmp = stub + ".tmp";
  fault::reach(fault::Point::kSwitchBegin, 0, generation.name);
  {
    std::ofstream out(tmp, std::ios::trunc);
    for (std::size_t shard = 0; shard < generation.shards; ++shard) {
      out << "auto " << generation.name << "/" << kShardPrefix << shard << "\n";
    }
    out.flush();
    if (!out) {
      throw IndexError("cannot switch index '" + index_dir + "' to " + generation.name +
                       ": writing " + tmp + " failed");
    }
  }
  fsync_path(tmp);
  fault::reach(fault::Point::kStubWritten, 0, tmp);
  if (std::rename(tmp.c_str(), stub.c_str()) != 0) {
    throw IndexError("cannot switch index '" + index_dir + "' to " + generation.name + ": " +
                     std::strerror(errno));
  }
  fault::reach(fault::Point::kStubRenamed, 0, stub);
  fsync_path(index_dir);
}

Contents inspect(const std::string& index_dir) {
  std::error_code ec;
  const fs::file_status status = fs::status(index_dir, ec);
  if (!fs::exists(status)) return Contents::kMissing;
  if (!fs::is_directory(status)) return Contents::kNotDirectory;
  // Before the stub: Xapian opens a database here in preference to a stub.
  for (const char* marker : kXapianMarkers) {
    if (path_exists(fs::path(index_dir) / marker)) return Contents::kXapianDatabase;
  }
  const std::string stub = stub_path(index_dir);
  if (path_exists(stub)) return Contents::kIndex;
  for (const auto& entry : fs::directory_iterator(index_dir, ec)) {
    const std::string name = entry.path().filename().string();
    if (name != kLockName && name != std::string(kStubName) + ".tmp" &&
        !is_trove_generation(entry.path())) {
      return Contents::kOther;
    }
  }
  return Contents::kEmpty;
}

void create_generation(const std::string& index_dir, const std::string& generation) {
  const fs::path dir = fs::path(index_dir) / generation;
  const std::string what = "cannot create index '" + index_dir + "': cannot create ";
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) throw IndexError(what + dir.string() + ": " + ec.message());
  const std::string marker = (dir / kMarkerName).string();
  static const std::string kText = "a generation of the trove index in the parent directory\n";
  const int fd = ::open(marker.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  const bool written =
      fd >= 0 && ::write(fd, kText.data(), kText.size()) == static_cast<ssize_t>(kText.size());
  const int error = errno;
  if (fd >= 0) ::close(fd);
  if (!written) throw IndexError(what + marker + ": " + std::strerror(error));
}

void remove_all_but(const std::string& index_dir, const std::string& keep,
                    const std::string& previous) {
  std::error_code ec;
  std::vector<fs::path> dead;
  for (const auto& entry : fs::directory_iterator(index_dir, ec)) {
    const std::string name = entry.path().filename().string();
    if (name == keep) continue;
    if (is_trove_generation(entry.path()) || (!previous.empty() && name == previous)) {
      dead.push_back(entry.path());
    }
  }
  for (const fs::path& dir : dead) {
    fault::reach(fault::Point::kRemovingGeneration, 0, dir.native());
    remove_generation_dir(dir);
  }
  fs::remove(stub_path(index_dir) + ".tmp", ec);  // a switch that crashed before its rename
}

void remove_generation(const std::string& index_dir, const std::string& generation) {
  remove_generation_dir(fs::path(index_dir) / generation);
}

void remove_index(const std::string& index_dir, const std::string& generation, bool lock_file) {
  std::error_code ec;
  fs::remove(stub_path(index_dir), ec);
  fs::remove(stub_path(index_dir) + ".tmp", ec);
  if (!generation.empty()) remove_generation_dir(fs::path(index_dir) / generation);
  if (lock_file) fs::remove(fs::path(index_dir) / kLockName, ec);
}

WriteLock::WriteLock(const std::string& index_dir) {
  const std::string path = (fs::path(index_dir) / kLockName).string();
  fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  created_ = fd_ >= 0;
  if (fd_ < 0 && errno == EEXIST) fd_ = ::open(path.c_str(), O_RDWR | O_CLOEXEC);
  if (fd_ < 0) {
    throw IndexError("cannot write index '" + index_dir + "': cannot create " + path + ": " +
                     std::strerror(errno));
  }
  if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
    ::close(fd_);
    throw IndexLockedError("cannot write index '" + index_dir +
                           "': the index is being written by another process");
  }
}

WriteLock::~WriteLock() { release(); }

void WriteLock::release() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
}

}  // namespace trove::generations
