#include "environment.h"

#include <sys/utsname.h>

#include <fstream>
#include <sstream>
#include <thread>

#ifndef TROVE_BENCH_BUILD_TYPE
#define TROVE_BENCH_BUILD_TYPE "unknown"
#endif

namespace bench {
namespace {

// The value after ':' of the first /proc line starting with `key`.
std::string proc_value(const char* file, const std::string& key) {
  std::ifstream in(file);
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind(key, 0) == 0) {
      auto colon = line.find(':');
      if (colon == std::string::npos) continue;
      auto start = line.find_first_not_of(" \t", colon + 1);
      return start == std::string::npos ? "" : line.substr(start);
    }
  }
  return "";
}

std::string compiler() {
#if defined(__clang__)
  return std::string("Clang ") + __clang_version__;
#elif defined(__GNUC__)
  return std::string("GCC ") + __VERSION__;
#else
  return "unknown";
#endif
}

}  // namespace

Environment probe_environment() {
  Environment env;
  env.cpu_model = proc_value("/proc/cpuinfo", "model name");
  if (env.cpu_model.empty()) env.cpu_model = "unknown";
  env.cores = std::thread::hardware_concurrency();
  std::string kb = proc_value("/proc/meminfo", "MemTotal");
  if (!kb.empty()) {
    std::ostringstream out;
    out.precision(1);
    out << std::fixed << std::stod(kb) / (1024.0 * 1024.0) << " GiB";
    env.memory = out.str();
  }
  struct utsname u;
  if (::uname(&u) == 0) env.kernel = std::string(u.sysname) + " " + u.release + " " + u.machine;
  env.compiler = compiler();
  env.build_type = TROVE_BENCH_BUILD_TYPE;
#if defined(__OPTIMIZE__) && defined(NDEBUG)
  env.optimised = true;
#endif
  return env;
}

std::string load_average() {
  std::ifstream in("/proc/loadavg");
  std::string one, five, fifteen;
  in >> one >> five >> fifteen;
  return one + " " + five + " " + fifteen;
}

std::vector<std::pair<std::string, std::string>> describe(const Environment& env) {
  std::string build = env.build_type;
  build += env.optimised ? " (optimised, NDEBUG)"
                         : " (NOT optimised or assertions on: figures are not to be quoted)";
  return {
      {"cpu", env.cpu_model + " (" + std::to_string(env.cores) + " hardware threads)"},
      {"memory", env.memory},
      {"kernel", env.kernel},
      {"compiler", env.compiler},
      {"build type", build},
      {"load average", load_average() + " (1, 5, 15 min) at start"},
  };
}

}  // namespace bench
