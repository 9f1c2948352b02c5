#include "search/index_stub.h"

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "index/generations.h"
#include "trove/error.h"

namespace trove {

StubStamp stamp_of(const std::string& stub) {
  struct stat st;
  if (::stat(stub.c_str(), &st) != 0) return {};
  return {st.st_ino, static_cast<long long>(st.st_mtim.tv_sec) * 1000000000LL + st.st_mtim.tv_nsec};
}

namespace {

// The databases a stub line names: "auto PATH", "remote ...", ...; blank
// lines and "#" comments name none.
bool names_a_database(const std::string& line) {
  std::istringstream words(line);
  std::string kind;
  words >> kind;
  return !kind.empty() && kind[0] != '#';
}

}  // namespace

std::string find_stub(const std::string& path) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) {
    throw IndexNotFoundError("cannot open index '" + path +
                             "': no such directory; create it with trove-index");
  }
  const std::string stub = S_ISDIR(st.st_mode) ? generations::stub_path(path) : path;
  if (::access(stub.c_str(), F_OK) != 0) {
    throw IndexNotFoundError("cannot open index '" + path + "': not a trove index (no " + stub +
                             "); create it with trove-index");
  }
  generations::check_stub(path, stub);  // the words trove-index uses
  return stub;
}

std::vector<std::string> local_databases(const std::string& stub) {
  namespace fs = std::filesystem;
  std::ifstream in(stub);
  std::string line;
  std::vector<std::string> paths;
  while (std::getline(in, line)) {
    std::istringstream words(line);
    std::string kind, target;
    words >> kind;
    if (!names_a_database(line)) continue;
    if (kind != "auto" && kind != "glass" && kind != "chert" && kind != "honey") return {};
    std::getline(words >> std::ws, target);
    const fs::path path = fs::path(stub).parent_path() / target;
    std::error_code ec;
    if (!fs::is_directory(path, ec)) return {};
    paths.push_back(path.string());
  }
  return paths;
}

}  // namespace trove
