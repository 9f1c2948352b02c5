#include "speed_runs.h"

#include <time.h>

#include <chrono>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "child_process.h"
#include "engine.h"
#include "stats.h"

namespace bench {
namespace {

using Clock = std::chrono::steady_clock;
using nlohmann::json;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

double thread_cpu_ms() {
  struct timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

ChildResult checked(const std::string& engine, const std::string& what, ChildResult r) {
  if (!r.ok) throw std::runtime_error(engine + " " + what + " failed: " + r.output);
  return r;
}

json result_json(const QueryResult& r) {
  return {{"total", r.total}, {"ids", r.ids}, {"facets", r.facets}};
}

QueryResult result_from_json(const json& j) {
  QueryResult r;
  r.total = j.at("total").get<std::size_t>();
  r.ids = j.at("ids").get<std::vector<std::string>>();
  r.facets = j.at("facets").get<FacetCounts>();
  return r;
}

// In the query child: open, warm up, time `repetitions` passes.
std::string query_child(const std::string& name, const std::string& dir, int repetitions,
                        const std::vector<Param>& params, const std::vector<BenchQuery>& queries) {
  auto engine = make_engine(name);
  for (const auto& p : params) {
    if (p.engine == name) engine->set_param(p.name, p.value);
  }
  auto start = Clock::now();
  engine->open(dir);
  json out;
  out["open_ms"] = seconds_since(start) * 1000;
  json results = json::array();
  for (const auto& q : queries) results.push_back(result_json(engine->query(q)));
  out["results"] = std::move(results);
  json passes = json::array(), cpu_passes = json::array();
  for (int rep = 0; rep < repetitions; ++rep) {
    std::vector<double> ms, cpu;
    ms.reserve(queries.size());
    cpu.reserve(queries.size());
    for (const auto& q : queries) {
      double c = thread_cpu_ms();
      auto t = Clock::now();
      QueryResult r = engine->query(q);
      ms.push_back(seconds_since(t) * 1000);
      cpu.push_back(thread_cpu_ms() - c);
      if (r.ids.size() > q.limit) throw std::runtime_error("too many hits");
    }
    passes.push_back(std::move(ms));
    cpu_passes.push_back(std::move(cpu));
  }
  out["latencies_ms"] = std::move(passes);
  out["cpu_ms"] = std::move(cpu_passes);
  return out.dump();
}

// Median over passes of each pass's figures for the queries selected by key.
template <typename KeyOf>
std::map<std::string, LatencyFigures> latency_figures(const std::vector<BenchQuery>& queries,
                                                      const json& passes, const json& cpu_passes,
                                                      KeyOf key_of) {
  std::map<std::string, std::vector<std::size_t>> members;
  for (std::size_t i = 0; i < queries.size(); ++i) members[key_of(queries[i])].push_back(i);
  std::map<std::string, LatencyFigures> figures;
  for (const auto& [key, indices] : members) {
    std::vector<double> p50, p95, p99, qps, cpu;
    for (std::size_t p = 0; p < passes.size(); ++p) {
      std::vector<double> ms;
      double sum = 0, cpu_sum = 0;
      for (std::size_t i : indices) {
        ms.push_back(passes[p].at(i).get<double>());
        sum += ms.back();
        cpu_sum += cpu_passes[p].at(i).get<double>();
      }
      cpu.push_back(cpu_sum / static_cast<double>(indices.size()));
      p50.push_back(percentile(ms, 50));
      p95.push_back(percentile(ms, 95));
      p99.push_back(percentile(ms, 99));
      qps.push_back(sum > 0 ? static_cast<double>(ms.size()) * 1000 / sum : 0);
    }
    figures[key] = {indices.size(), median(p50), median(p95), median(p99), median(qps), median(cpu)};
  }
  return figures;
}

}  // namespace

double baseline_child_rss_mb() {
  return static_cast<double>(run_in_child([] { return std::string(); }).max_rss_kb) / 1024;
}

EngineFigures measure_engine(const std::string& name, const SpeedConfig& config,
                             const std::vector<BenchQuery>& queries) {
  namespace fs = std::filesystem;
  EngineFigures f;
  f.engine = name;
  f.version = make_engine(name)->version();
  // No indexing runs: query the index a --keep-indexes run left behind.
  std::string dir = config.index_repetitions == 0 ? config.workdir + "/" + name + "-1" : "";
  if (!dir.empty() && !fs::is_directory(dir)) {
    throw std::runtime_error(name + ": no index to reuse at " + dir +
                             " (make one with --keep-indexes --workdir)");
  }
  for (int rep = 0; rep < config.index_repetitions; ++rep) {
    if (!dir.empty() && !config.keep_indexes) fs::remove_all(dir);
    dir = config.workdir + "/" + name + "-" + std::to_string(rep + 1);
    fs::remove_all(dir);
    ChildResult r = checked(name, "indexing", run_in_child([&] {
      auto engine = make_engine(name);
      auto start = Clock::now();
      std::size_t docs = engine->index(config.corpus, dir);
      return json{{"docs", docs}, {"seconds", seconds_since(start)}}.dump();
    }));
    json out = json::parse(r.output);
    f.docs = out.at("docs").get<std::size_t>();
    f.index_seconds.push_back(out.at("seconds").get<double>());
    f.index_rss_mb.push_back(static_cast<double>(r.max_rss_kb) / 1024);
    f.index_cpu_seconds.push_back(r.cpu_seconds);
  }
  f.index_cpu_seconds_median = median(f.index_cpu_seconds);
  f.index_seconds_median = median(f.index_seconds);
  f.index_rss_mb_median = median(f.index_rss_mb);
  f.index_bytes = disk_usage(dir);

  ChildResult r = checked(name, "querying", run_in_child([&] {
    return query_child(name, dir, config.repetitions, config.params, queries);
  }));
  f.query_rss_mb = static_cast<double>(r.max_rss_kb) / 1024;
  json out = json::parse(r.output);
  f.open_ms = out.at("open_ms").get<double>();
  for (const auto& j : out.at("results")) f.results.push_back(result_from_json(j));
  const json& passes = out.at("latencies_ms");
  const json& cpu = out.at("cpu_ms");
  f.groups = latency_figures(queries, passes, cpu,
                             [](const BenchQuery& q) { return kind_group(q.kind); });
  f.kinds = latency_figures(queries, passes, cpu, [](const BenchQuery& q) { return q.kind; });
  if (!config.keep_indexes && config.index_repetitions > 0) fs::remove_all(dir);
  return f;
}

}  // namespace bench
