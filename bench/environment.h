// What machine and build produced a set of figures, printed before them, and
// whether the build is optimised enough for them to be quoted.
#ifndef TROVE_BENCH_ENVIRONMENT_H_
#define TROVE_BENCH_ENVIRONMENT_H_

#include <string>
#include <utility>
#include <vector>

namespace bench {

struct Environment {
  std::string cpu_model;
  unsigned cores = 0;
  std::string memory;
  std::string kernel;
  std::string compiler;
  std::string build_type;  // CMAKE_BUILD_TYPE the bench was built with
  bool optimised = false;  // compiled with optimisation and NDEBUG
};

Environment probe_environment();

// The 1, 5 and 15 minute load averages (/proc/loadavg), e.g. "0.12 0.30 0.25":
// figures taken on a busy machine are slower and noisier.
std::string load_average();

// (label, value) rows, in print order.
std::vector<std::pair<std::string, std::string>> describe(const Environment& env);

}  // namespace bench

#endif  // TROVE_BENCH_ENVIRONMENT_H_
