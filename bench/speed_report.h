// Prints trove-bench's figures: the environment, one column per engine, the
// ratio table (first engine / each other), and how far the engines agree on
// the results; or writes them all as JSON.
#ifndef TROVE_BENCH_SPEED_REPORT_H_
#define TROVE_BENCH_SPEED_REPORT_H_

#include <iosfwd>
#include <string>
#include <utility>
#include <vector>

#include "bench_record.h"
#include "speed_runs.h"

namespace bench {

struct RunInfo {
  std::vector<std::pair<std::string, std::string>> environment;  // label, value
  CorpusSize corpus;
  std::vector<BenchQuery> queries;
};

void print_figures(std::ostream& out, const RunInfo& info, const std::vector<EngineFigures>& engines);
void print_ratios(std::ostream& out, const RunInfo& info, const std::vector<EngineFigures>& engines);
void print_agreement(std::ostream& out, const RunInfo& info, const std::vector<EngineFigures>& engines);
void write_json(const std::string& path, const RunInfo& info, const std::vector<EngineFigures>& engines);

}  // namespace bench

#endif  // TROVE_BENCH_SPEED_REPORT_H_
