// trove-forgiving: how many messy, real-world-style queries get an answer in
// strict and in forgiving mode (SearchRequest::strict), and what forgiving
// parsing costs on the well-formed ones (it takes the same path as strict:
// the repair runs only after the strict parse has thrown).
//
//   trove-forgiving --queries FILE[,FILE...] [--db DIR] [--rounds 30]
//                   [--allow-debug]
//
// FILE holds one query a line. Without --db the sample listing is indexed
// into a temporary directory. Query text is parsed through
// Searcher::describe_query() (parsing, filters, the description) and run
// through Searcher::search() (limit 10, no facets); the two modes take turns
// within each round, each round in the opposite order to the one before; the
// fastest round's CPU time is reported (and the median). Exits 1 if forgiving mode rejects a query.
#include <trove/trove.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "environment.h"
#include "options.h"

#ifndef TROVE_BENCH_DEFAULT_SAMPLE
#define TROVE_BENCH_DEFAULT_SAMPLE "corpus/trafficking.txt"
#endif

namespace {

const char kUsage[] =
    "usage: trove-forgiving --queries FILE[,FILE...] [--db DIR] [--rounds 30] [--allow-debug]\n";

std::vector<std::string> read_lines(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// Whether `query` parses in the given mode; a resource-limit error counts as
// an answer in neither.
bool answers(const trove::Searcher& searcher, const std::string& query, bool strict) {
  try {
    searcher.describe_query(query, strict);
    return true;
  } catch (const trove::QueryError&) {
    return false;
  }
}

std::string share(std::size_t n, std::size_t of) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%4zu (%5.1f%%)", n, of ? 100.0 * n / of : 0.0);
  return buf;
}

// Prints the answered shares of one query file; adds its queries to
// `well_formed` and `malformed` (by the strict parse). False if forgiving
// mode rejected one.
bool report_shares(const trove::Searcher& searcher, const std::string& path,
                   std::vector<std::string>& well_formed, std::vector<std::string>& malformed) {
  const std::vector<std::string> queries = read_lines(path);
  std::size_t strict = 0, forgiving = 0;
  for (const std::string& q : queries) {
    const bool ok = answers(searcher, q, true);
    strict += ok;
    forgiving += answers(searcher, q, false);
    (ok ? well_formed : malformed).push_back(q);
  }
  std::printf("  %-40s %5zu   %s   %s\n", std::filesystem::path(path).filename().c_str(),
              queries.size(), share(strict, queries.size()).c_str(),
              share(forgiving, queries.size()).c_str());
  return forgiving == queries.size();
}

// This thread's CPU time in nanoseconds: time the thread spends descheduled
// on a busy machine does not count.
double cpu_ns() {
  timespec t;
  ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) * 1e9 + static_cast<double>(t.tv_nsec);
}

// CPU nanoseconds per query of one pass over `queries`.
template <typename Run>
double pass(const std::vector<std::string>& queries, const Run& run) {
  const double start = cpu_ns();
  for (const std::string& q : queries) run(q);
  return queries.empty() ? 0 : (cpu_ns() - start) / static_cast<double>(queries.size());
}

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values.empty() ? 0 : values[values.size() / 2];
}

// Times `run(query, strict)` in both modes over `rounds` rounds; prints each
// mode's fastest and median round (CPU time per query) and the ratio of the
// fastest rounds: on a shared machine other work only ever adds time (cache
// misses, frequency), so the fastest round is the best estimate of the cost.
template <typename Run>
void compare(const char* what, const std::vector<std::string>& queries, int rounds,
             const Run& run) {
  std::vector<double> strict, forgiving;
  for (int r = 0; r < rounds; ++r) {
    auto strict_pass = [&] {
      strict.push_back(pass(queries, [&](const std::string& q) { run(q, true); }));
    };
    auto forgiving_pass = [&] {
      forgiving.push_back(pass(queries, [&](const std::string& q) { run(q, false); }));
    };
    if (r % 2 == 0) {
      strict_pass();
      forgiving_pass();
    } else {
      forgiving_pass();
      strict_pass();
    }
  }
  const double s = *std::min_element(strict.begin(), strict.end());
  const double f = *std::min_element(forgiving.begin(), forgiving.end());
  std::printf(
      "  %-20s strict %8.1f us (median %8.1f)   forgiving %8.1f us (median %8.1f)   "
      "forgiving/strict %.3f\n",
      what, s / 1000, median(strict) / 1000, f / 1000, median(forgiving) / 1000, s > 0 ? f / s : 0);
}

void time_modes(trove::Searcher& searcher, const std::vector<std::string>& well_formed,
                const std::vector<std::string>& malformed, int rounds) {
  auto describe = [&](const std::string& q, bool strict) {
    try {
      return searcher.describe_query(q, strict).size();
    } catch (const trove::QueryError& e) {
      return std::string(e.what()).size();
    }
  };
  auto search = [&](const std::string& q, bool strict) {
    trove::SearchRequest request;
    request.query = q;
    request.strict = strict;
    request.snippets = false;
    try {
      return searcher.search(request).total;
    } catch (const trove::QueryError&) {
      return std::size_t{0};
    }
  };
  std::printf("\nPer query, fastest of %d rounds (%zu well-formed, %zu malformed queries):\n",
              rounds, well_formed.size(), malformed.size());
  compare("parse, well-formed", well_formed, rounds, describe);
  compare("search, well-formed", well_formed, rounds, search);
  compare("parse, malformed", malformed, rounds, describe);
  std::printf(
      "  (malformed: strict is the time to the QueryError; forgiving adds the repair and\n"
      "   a second parse)\n");
}

// The index to query: --db, or the sample listing indexed into `temp`.
std::string index_path(const bench::Options& opts, std::filesystem::path& temp) {
  if (opts.has("db")) return opts.required("db");
  char pattern[] = "/tmp/trove-forgiving-XXXXXX";
  if (::mkdtemp(pattern) == nullptr)
    throw std::runtime_error("cannot create a temporary directory");
  temp = pattern;
  const std::string db = (temp / "index").string();
  trove::IndexWriter writer = trove::IndexWriter::open(db);
  trove::ingest(writer, {TROVE_BENCH_DEFAULT_SAMPLE}, trove::Format::kAuto, {});
  writer.finish();
  return db;
}

int run(const bench::Options& opts) {
  const bench::Environment env = bench::probe_environment();
  for (const auto& [label, value] : bench::describe(env))
    std::printf("%s: %s\n", label.c_str(), value.c_str());
  const bool timing = env.optimised || opts.has("allow-debug");
  if (!timing)
    std::printf("(not optimised: shares only, no timings; --allow-debug times anyway)\n");
  const int rounds = static_cast<int>(opts.number("rounds", 30));
  if (rounds < 1) throw bench::UsageError("--rounds must be at least 1");
  std::filesystem::path temp;
  const std::string db = index_path(opts, temp);
  trove::Searcher searcher = trove::Searcher::open(db);
  std::printf("index: %s (%zu records)\n\nAnswered without error:\n  %-40s %5s   %-14s   %s\n",
              db.c_str(), searcher.document_count(), "queries", "total", "strict", "forgiving");
  std::vector<std::string> well_formed, malformed;
  bool all = true;
  for (const std::string& path : bench::split_list(opts.required("queries"))) {
    all = report_shares(searcher, path, well_formed, malformed) && all;
  }
  if (timing) time_modes(searcher, well_formed, malformed, rounds);
  if (!temp.empty()) std::filesystem::remove_all(temp);
  if (!all) std::fprintf(stderr, "trove-forgiving: forgiving mode rejected a query\n");
  return all ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    bench::Options opts(argc, argv, {"queries", "db", "rounds"}, {"allow-debug", "help"});
    if (opts.has("help")) {
      std::cout << kUsage;
      return 0;
    }
    return run(opts);
  } catch (const bench::UsageError& e) {
    std::cerr << "trove-forgiving: " << e.what() << "\n" << kUsage;
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "trove-forgiving: " << e.what() << "\n";
    return 1;
  }
}
