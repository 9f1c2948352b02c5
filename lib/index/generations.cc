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

#include "trove/error.h"

namespace fs = std::filesystem;

namespace trove::generations {
namespace {

constexpr char kStubName[] = "XAPIANDB";
constexpr char kLockName[] = "write.lock";
constexpr char kGenerationPrefix[] = "gen-";
const std::string kShardPrefix = "shard-";

const std::string kPartPrefix = "part-";

bool is_generation_name(const std::string& name) { return generation_number(name).has_value(); }

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
      throw IndexIncompatibleError("cannot read index '" + index_dir + "': " + path +
                                   " is not a trove index stub (a hand-written stub listing remote shards "
                                   "can be searched, not written)");
    }
    generation.name = name;
    ++generation.shards;
  }
  if (generation.shards == 0) {
    throw IndexCorruptError("cannot read index '" + index_dir + "': " + path + " names no shard");
  }
  return generation;
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
  if (std::rename(tmp.c_str(), stub.c_str()) != 0) {
    throw IndexError("cannot switch index '" + index_dir + "' to " + generation.name + ": " +
                     std::strerror(errno));
  }
  fsync_path(index_dir);
}

void remove_all_but(const std::string& index_dir, const std::string& keep) {
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(index_dir, ec)) {
    const std::string name = entry.path().filename().string();
    if (is_generation_name(name) && name != keep) fs::remove_all(entry.path(), ec);
  }
}

WriteLock::WriteLock(const std::string& index_dir) {
  const std::string path = (fs::path(index_dir) / kLockName).string();
  fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
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

WriteLock::~WriteLock() { ::close(fd_); }

}  // namespace trove::generations
