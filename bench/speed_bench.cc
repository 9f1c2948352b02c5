// trove-bench: indexing and query speed of trove and its peers (raw Xapian,
// SQLite FTS5) on the same corpus and query set.
//
//   trove-bench --corpus F.jsonl --queries Q.jsonl [--engines trove,xapian,fts5]
//               [--repetitions 3] [--index-repetitions N] [--workdir DIR]
//               [--json F] [--keep-indexes] [--allow-debug]
//
// Prints the environment first and refuses (exit 2) to run from a build
// without optimisation unless --allow-debug is given.
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <map>

#include "engine.h"
#include "environment.h"
#include "options.h"
#include "speed_report.h"
#include "speed_runs.h"

namespace {

const char kUsage[] =
    "usage: trove-bench --corpus F.jsonl --queries Q.jsonl [--engines trove,xapian,fts5]\n"
    "                   [--repetitions 3] [--index-repetitions N] [--workdir DIR]\n"
    "                   [--json F] [--keep-indexes] [--allow-debug]\n"
    "                   [--param engine.name=value,...]\n"
    "--param sets query parameters per engine (trove.snippets=0, trove.k1=...).\n"
    "--index-repetitions 0 skips indexing and queries the indexes an earlier\n"
    "--keep-indexes run left in --workdir (DIR/<engine>-1).\n";

std::string default_engines() {
  std::string list;
  for (const auto& e : bench::available_engines()) list += (list.empty() ? "" : ",") + e;
  return list;
}

std::string make_workdir(const bench::Options& opts, bool& temporary) {
  temporary = !opts.has("workdir");
  if (!temporary) {
    std::filesystem::create_directories(opts.required("workdir"));
    return opts.required("workdir");
  }
  const char* tmp = std::getenv("TMPDIR");
  std::string pattern = std::string(tmp && *tmp ? tmp : "/tmp") + "/trove-bench-XXXXXX";
  if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("cannot create " + pattern);
  return pattern;
}

std::string mb(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f", value);
  return buffer;
}

void print_environment(const bench::RunInfo& info, const bench::SpeedConfig& config,
                       const std::vector<std::string>& engines) {
  std::cout << "trove-bench: environment\n";
  for (const auto& [label, value] : info.environment) {
    std::cout << "  " << label << std::string(label.size() < 14 ? 14 - label.size() : 1, ' ')
              << value << '\n';
  }
  std::map<std::string, int> groups;
  for (const auto& q : info.queries) ++groups[bench::kind_group(q.kind)];
  std::cout << "  corpus        " << config.corpus << ": " << info.corpus.records << " records, "
            << mb(static_cast<double>(info.corpus.text_bytes) / (1024 * 1024)) << " MB of text, "
            << mb(static_cast<double>(info.corpus.file_bytes) / (1024 * 1024)) << " MB file\n"
            << "  queries       " << info.queries.size() << " (";
  std::string sep;
  for (const char* g : bench::kKindGroups) {
    std::cout << sep << g << " " << groups[g];
    sep = ", ";
  }
  std::cout << ")\n  repetitions   " << config.repetitions << " query passes after one warm-up, "
            << config.index_repetitions << " indexing runs\n"
            << "  engines       ";
  for (const auto& e : engines) std::cout << e << " (" << bench::make_engine(e)->version() << ") ";
  std::cout << "\n  workdir       " << config.workdir << '\n';
  if (!config.params.empty()) {
    std::cout << "  params       ";
    for (const auto& p : config.params) std::cout << ' ' << p.engine << '.' << p.name << '=' << p.value;
    std::cout << '\n';
  }
  std::cout << "  child RSS     " << mb(bench::baseline_child_rss_mb())
            << " MB for a forked child doing nothing (included in RSS figures)\n";
}

int run(const bench::Options& opts) {
  bench::Environment env = bench::probe_environment();
  bench::RunInfo info;
  info.environment = bench::describe(env);
  if (!env.optimised && !opts.has("allow-debug")) {
    for (const auto& [label, value] : info.environment) std::cout << label << ": " << value << '\n';
    std::cerr << "trove-bench: refusing to run: built without optimisation (" << env.build_type
              << "); rebuild with -DCMAKE_BUILD_TYPE=Release or pass --allow-debug\n";
    return 2;
  }
  bench::SpeedConfig config;
  config.corpus = opts.required("corpus");
  config.repetitions = static_cast<int>(opts.number("repetitions", 3));
  config.index_repetitions = static_cast<int>(opts.number("index-repetitions", config.repetitions));
  if (config.repetitions < 1 || config.index_repetitions < 0) {
    throw bench::UsageError("--repetitions must be at least 1, --index-repetitions at least 0");
  }
  config.keep_indexes = opts.has("keep-indexes");
  config.params = bench::parse_params(opts.get("param", ""));
  if (config.index_repetitions == 0 && !opts.has("workdir")) {
    throw bench::UsageError("--index-repetitions 0 queries the indexes kept in --workdir; give it");
  }
  std::vector<std::string> engines = bench::split_list(opts.get("engines", default_engines()));
  if (engines.empty()) throw bench::UsageError("--engines lists no engine");
  for (const auto& e : engines) bench::make_engine(e);  // fail early on unknown names
  for (const auto& p : config.params) {
    if (std::find(engines.begin(), engines.end(), p.engine) == engines.end()) {
      throw bench::UsageError("--param " + p.engine + "." + p.name + ": engine not in --engines");
    }
    bench::make_engine(p.engine)->set_param(p.name, p.value);  // fail early on bad ones
  }
  info.queries = bench::read_queries(opts.required("queries"));
  if (info.queries.empty()) throw std::runtime_error(opts.required("queries") + ": no queries");
  info.corpus = bench::measure_corpus(config.corpus);
  bool temporary = false;
  config.workdir = make_workdir(opts, temporary);
  print_environment(info, config, engines);

  std::vector<bench::EngineFigures> figures;
  for (const auto& e : engines) {
    std::cout << "  measuring " << e << " ..." << std::endl;
    figures.push_back(bench::measure_engine(e, config, info.queries));
  }
  std::cout << "  load average  " << bench::load_average() << " at end\n";
  bench::print_figures(std::cout, info, figures);
  bench::print_ratios(std::cout, info, figures);
  bench::print_agreement(std::cout, info, figures);
  if (opts.has("json")) bench::write_json(opts.required("json"), info, figures);
  if (temporary && !config.keep_indexes) std::filesystem::remove_all(config.workdir);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    bench::Options opts(argc, argv,
                        {"corpus", "queries", "engines", "repetitions", "index-repetitions", "param",
                         "workdir", "json"},
                        {"allow-debug", "keep-indexes", "help"});
    if (opts.has("help")) {
      std::cout << kUsage;
      return 0;
    }
    return run(opts);
  } catch (const bench::UsageError& e) {
    std::cerr << "trove-bench: " << e.what() << "\n" << kUsage;
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "trove-bench: " << e.what() << "\n";
    return 1;
  }
}
