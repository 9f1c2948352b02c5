// Runs a piece of work in a forked child process and reports its output and
// peak resident set size, so each engine's memory is measured on its own and
// no engine's caches or allocations leak into another's measurement.
#ifndef TROVE_BENCH_CHILD_PROCESS_H_
#define TROVE_BENCH_CHILD_PROCESS_H_

#include <functional>
#include <string>

namespace bench {

struct ChildResult {
  bool ok = false;
  std::string output;  // what work() returned, or the error message
  long max_rss_kb = 0; // ru_maxrss of the child (wait4), kilobytes
  double cpu_seconds = 0;  // user + system CPU time of the child
};

// Forks; the child runs `work` and sends back its return value (or the what()
// of an exception) through a pipe, then _exit()s. The parent flushes stdio
// before forking. Throws std::runtime_error if fork/pipe/wait fail.
ChildResult run_in_child(const std::function<std::string()>& work);

}  // namespace bench

#endif  // TROVE_BENCH_CHILD_PROCESS_H_
