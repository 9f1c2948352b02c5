#include "engine.h"

#include <sys/stat.h>

#include <filesystem>
#include <stdexcept>

namespace bench {

std::vector<std::string> available_engines() {
#ifdef TROVE_BENCH_WITH_TROVE
  return {"trove", "trove-rebuild", "xapian", "fts5"};
#else
  return {"xapian", "fts5"};
#endif
}

std::unique_ptr<Engine> make_engine(const std::string& name) {
  if (name == "xapian") return make_xapian_engine();
  if (name == "fts5") return make_fts5_engine();
#ifdef TROVE_BENCH_WITH_TROVE
  if (name == "trove") return make_trove_engine();
  if (name == "trove-rebuild") return make_trove_rebuild_engine();
#else
  if (name == "trove" || name == "trove-rebuild") {
    throw std::runtime_error("engine 'trove' not built (configure with TROVE_BENCH_WITH_TROVE=ON)");
  }
#endif
  throw std::runtime_error("unknown engine '" + name +
                           "' (use trove, trove-rebuild, xapian or fts5)");
}

QueryResult Engine::similar(const std::string& id, std::size_t) {
  throw std::runtime_error(version() + " has no more-like-this search (asked for " + id + ")");
}

void Engine::set_param(const std::string& name, const std::string&) {
  throw std::runtime_error("this engine has no parameter '" + name + "'");
}

double param_number(const std::string& engine, const std::string& name, const std::string& value) {
  try {
    std::size_t used = 0;
    double v = std::stod(value, &used);
    if (used == value.size()) return v;
  } catch (const std::logic_error&) {
  }
  throw std::runtime_error(engine + ": parameter " + name + " needs a number, not '" + value + "'");
}

std::uint64_t disk_usage(const std::string& path) {
  namespace fs = std::filesystem;
  auto blocks_of = [](const fs::path& p) -> std::uint64_t {
    struct stat st;
    if (::lstat(p.c_str(), &st) != 0) return 0;
    return static_cast<std::uint64_t>(st.st_blocks) * 512;
  };
  std::uint64_t total = 0;
  if (!fs::is_directory(path)) return blocks_of(path);
  for (const auto& entry : fs::recursive_directory_iterator(path)) {
    if (entry.is_regular_file()) total += blocks_of(entry.path());
  }
  return total;
}

}  // namespace bench
