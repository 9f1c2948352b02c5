// Running a tool from a test: the command line, its exit status and what it
// wrote to stdout and stderr. Shared by the tools' black-box tests.
#ifndef TROVE_TESTS_TOOL_RUN_H_
#define TROVE_TESTS_TOOL_RUN_H_

#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include <catch2/catch.hpp>

#include "test_util.h"

namespace trove::test {

struct Run {
  int status;
  std::string out;
  std::string err;
};

inline std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Runs a shell command line, capturing stdout and stderr separately; with
// `stdout_to`, stdout goes there instead (and `out` is empty).
inline Run run(const TempDir& dir, const std::string& command, const std::string& stdout_to = "") {
  const std::string out = dir / "stdout", err = dir / "stderr";
  std::remove(out.c_str());
  const std::string to = stdout_to.empty() ? out : stdout_to;
  const int raw = std::system((command + " >" + to + " 2>" + err + " </dev/null").c_str());
  return {WIFEXITED(raw) ? WEXITSTATUS(raw) : -1, slurp(out), slurp(err)};
}

// `s` quoted for the shell.
inline std::string quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

#if defined(TROVE_INDEX_BIN) && defined(TROVE_SEARCH_BIN)
// The sample listing indexed by trove-index in a fresh directory, for the
// tools' tests; search() runs trove-search on it with `args`.
struct IndexedSample {
  TempDir dir;
  std::string db = dir / "db";
  IndexedSample() {
    const Run r = run(dir, std::string(TROVE_INDEX_BIN) + " --db " + db + " " + quote(sample_path()));
    REQUIRE(r.status == 0);
  }
  Run search(const std::string& args) const {
    return run(dir, std::string(TROVE_SEARCH_BIN) + " --db " + db + " " + args);
  }
};
#endif

}  // namespace trove::test

#endif  // TROVE_TESTS_TOOL_RUN_H_
