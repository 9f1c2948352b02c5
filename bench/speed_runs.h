// The measurements of trove-bench for one engine: indexing (each repetition
// in a fresh forked child, into a fresh directory) and querying (one forked
// child that opens the last index, runs the query set once to warm up, then
// `repetitions` timed passes). Figures are medians over the repetitions.
#ifndef TROVE_BENCH_SPEED_RUNS_H_
#define TROVE_BENCH_SPEED_RUNS_H_

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "bench_record.h"
#include "options.h"

namespace bench {

struct SpeedConfig {
  std::string corpus;
  std::string workdir;  // indexes go to <workdir>/<engine>-<repetition>
  int repetitions = 3;
  int index_repetitions = 3;
  bool keep_indexes = false;
  std::vector<Param> params;  // --param, set on each engine before open()
};

struct LatencyFigures {
  std::size_t queries = 0;
  double p50_ms = 0, p95_ms = 0, p99_ms = 0, qps = 0;
  double cpu_ms = 0;  // mean CPU time per query (thread CPU clock)
};

struct EngineFigures {
  std::string engine;
  std::string version;
  std::size_t docs = 0;
  std::vector<double> index_seconds;    // one per indexing repetition
  std::vector<double> index_rss_mb;     // peak RSS of each indexing child
  std::vector<double> index_cpu_seconds;  // user + system CPU of each indexing child
  double index_cpu_seconds_median = 0;
  double index_seconds_median = 0;
  double index_rss_mb_median = 0;
  std::uint64_t index_bytes = 0;        // on disk, last repetition
  double open_ms = 0;                   // opening the index for queries
  double query_rss_mb = 0;              // peak RSS of the query child
  std::map<std::string, LatencyFigures> groups;  // plain, filtered, phrase, faceted
  std::map<std::string, LatencyFigures> kinds;   // plain, phrase, filter1, ...
  std::vector<QueryResult> results;     // per query, from the warm-up pass
};

// Runs every measurement for `engine`. Throws std::runtime_error (with the
// child's message) if the engine fails.
EngineFigures measure_engine(const std::string& engine, const SpeedConfig& config,
                             const std::vector<BenchQuery>& queries);

// Peak RSS (MB) of a forked child that does nothing: the floor under every
// RSS figure (the parent's pages the child inherits).
double baseline_child_rss_mb();

}  // namespace bench

#endif  // TROVE_BENCH_SPEED_RUNS_H_
