// trove-query-ab: compares query speed of several engine configurations on
// indexes a `trove-bench --keep-indexes` run left, interleaved so that a
// shared machine's slow minutes fall on every configuration alike.
//
//   trove-query-ab --workdir DIR --queries Q.jsonl [--repetitions 7]
//                  CONFIG [CONFIG...]
//
// CONFIG is an engine name, optionally with parameters as for
// trove-bench's --param: `xapian`, `trove-rebuild`,
// `trove-rebuild:snippets=0,k1=1.0`. Each configuration queries
// DIR/<engine>-1. Every query runs once per configuration to warm up, then
// --repetitions times, the configurations taking turns (their order
// rotating from query to query, forwards and backwards in turn, so that
// each runs after each other equally often); each query's time is its
// fastest run.
// Printed per kind of query (plain, filtered, phrase, faceted) and
// configuration: the median and the mean over the queries of those
// fastest times, and each as a ratio to the first configuration's.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "bench_record.h"
#include "engine.h"

namespace {

struct Config {
  std::string label;
  std::unique_ptr<bench::Engine> engine;
};

// "engine:name=value,name=value" -> an opened engine with those parameters.
Config open_config(const std::string& spec, const std::string& workdir) {
  const std::size_t colon = spec.find(':');
  const std::string name = spec.substr(0, colon);
  Config config{spec, bench::make_engine(name)};
  if (colon != std::string::npos) {
    std::string params = spec.substr(colon + 1);
    for (std::size_t start = 0; start <= params.size();) {
      const std::size_t comma = std::min(params.find(',', start), params.size());
      const std::string param = params.substr(start, comma - start);
      const std::size_t eq = param.find('=');
      if (eq == std::string::npos) throw std::runtime_error("not name=value: " + param);
      config.engine->set_param(param.substr(0, eq), param.substr(eq + 1));
      start = comma + 1;
    }
  }
  config.engine->open(workdir + "/" + name + "-1");
  return config;
}

double elapsed_ms(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - since)
      .count();
}

// best[c][q]: configuration c's fastest time for query q.
std::vector<std::vector<double>> fastest(std::vector<Config>& configs,
                                         const std::vector<bench::BenchQuery>& queries,
                                         int repetitions) {
  std::vector<std::vector<double>> best(configs.size(),
                                        std::vector<double>(queries.size(), 1e300));
  for (int rep = 0; rep <= repetitions; ++rep) {
    for (std::size_t q = 0; q < queries.size(); ++q) {
      // A cyclic order alone would always run each configuration right
      // after the same other one, which leaves it that one's warm caches
      // (two configurations of one engine share an index): the second of
      // two identical trove configurations ran 5-9% faster than the first.
      // Every other turn runs the cycle backwards, so each follows each.
      const std::size_t turn = q + static_cast<std::size_t>(rep), n = configs.size();
      for (std::size_t k = 0; k < n; ++k) {
        const std::size_t forward = (k + turn) % n;
        const std::size_t c = turn % 2 == 0 ? forward : n - 1 - forward;
        const auto start = std::chrono::steady_clock::now();
        configs[c].engine->query(queries[q]);
        if (rep > 0) best[c][q] = std::min(best[c][q], elapsed_ms(start));
      }
    }
  }
  return best;
}

void report(const std::string& group, const std::vector<Config>& configs,
            const std::vector<std::vector<double>>& best, const std::vector<std::size_t>& in) {
  double base_median = 0, base_mean = 0;
  for (std::size_t c = 0; c < configs.size(); ++c) {
    std::vector<double> times;
    for (std::size_t q : in) times.push_back(best[c][q]);
    std::sort(times.begin(), times.end());
    double sum = 0;
    for (double t : times) sum += t;
    const double median = times[times.size() / 2], mean = sum / static_cast<double>(times.size());
    if (c == 0) base_median = median, base_mean = mean;
    std::printf("%-9s %-36s %4zu  median %8.3f ms (%.3f)  mean %8.3f ms (%.3f)\n", group.c_str(),
                configs[c].label.c_str(), times.size(), median, median / base_median, mean,
                mean / base_mean);
  }
}

int run(int argc, char** argv) {
  std::string workdir, queries_path;
  int repetitions = 7;
  std::vector<std::string> specs;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if ((arg == "--workdir" || arg == "--queries" || arg == "--repetitions") && i + 1 < argc) {
      const std::string value = argv[++i];
      if (arg == "--workdir") workdir = value;
      if (arg == "--queries") queries_path = value;
      if (arg == "--repetitions") repetitions = std::stoi(value);
    } else if (arg.rfind("--", 0) == 0) {
      throw std::runtime_error("unknown option " + arg);
    } else {
      specs.push_back(arg);
    }
  }
  if (workdir.empty() || queries_path.empty() || specs.empty() || repetitions < 1) {
    std::cerr << "usage: trove-query-ab --workdir DIR --queries Q.jsonl [--repetitions 7] "
                 "CONFIG [CONFIG...]\n";
    return 2;
  }
  const std::vector<bench::BenchQuery> queries = bench::read_queries(queries_path);
  std::vector<Config> configs;
  for (const std::string& spec : specs) configs.push_back(open_config(spec, workdir));
  const std::vector<std::vector<double>> best = fastest(configs, queries, repetitions);
  std::map<std::string, std::vector<std::size_t>> groups;
  for (std::size_t q = 0; q < queries.size(); ++q) {
    groups[bench::kind_group(queries[q].kind)].push_back(q);
  }
  for (const char* group : bench::kKindGroups) {
    if (groups.count(group)) report(group, configs, best, groups[group]);
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const std::exception& e) {
    std::cerr << "trove-query-ab: " << e.what() << "\n";
    return 1;
  }
}
