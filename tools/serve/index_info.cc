#include "serve/index_info.h"

#include <sys/stat.h>

#include <ctime>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "trove/error.h"

namespace trove::serve {
namespace {

namespace fs = std::filesystem;

// The generation of the stub's first local shard line ("auto gen-NNNNNN/shard-K").
std::string generation_of(std::istream& stub) {
  std::string line;
  while (std::getline(stub, line)) {
    std::istringstream words(line);
    std::string kind, target;
    words >> kind >> target;
    if (kind.empty() || kind[0] == '#' || kind == "remote") continue;
    if (target.empty()) continue;
    const std::string first = fs::path(target).begin()->string();
    if (first.rfind("gen-", 0) == 0) return first;
  }
  return "";
}

std::time_t mtime(const fs::path& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0 ? st.st_mtime : 0;
}

// The newest modification time of `dir`'s files, recursively; 0 if none. A
// rebuild may remove the directory meanwhile: then what was seen counts.
std::time_t newest_under(const fs::path& dir) {
  std::time_t newest = 0;
  std::error_code ec;
  for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    newest = std::max(newest, mtime(it->path()));
  }
  return newest;
}

std::string utc(std::time_t t) {
  std::tm tm{};
  ::gmtime_r(&t, &tm);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return text;
}

}  // namespace

IndexInfo index_info(const std::string& db) {
  std::error_code ec;
  const fs::path stub = fs::is_directory(db, ec) ? fs::path(db) / "XAPIANDB" : fs::path(db);
  std::ifstream in(stub);
  if (!in) throw IndexError("cannot read index '" + db + "': no " + stub.string());
  IndexInfo info;
  info.generation = generation_of(in);
  std::time_t newest = mtime(stub);
  if (!info.generation.empty()) newest = std::max(newest, newest_under(stub.parent_path() / info.generation));
  info.last_change = utc(newest);
  return info;
}

IndexStats index_stats(const std::function<IndexInfo()>& info,
                       const std::function<std::size_t()>& count) {
  IndexStats stats;
  for (int tries = 0; tries < 3; ++tries) {
    const std::string before = info().generation;
    stats.records = count();
    stats.info = info();
    if (stats.info.generation == before) break;
  }
  return stats;
}

}  // namespace trove::serve
