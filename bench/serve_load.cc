// trove-serve-load: the two halves of trove-serve's load benchmark
// (bench/serve_load.sh drives them):
//  * --urls: the /api/search path of each query of a trove-gen-corpus query
//    set, for wrk to replay (bench/serve_load.lua);
//  * --baseline: the same requests straight through the library, from N
//    threads with a Searcher each, for as long: what HTTP is measured
//    against; also the process's CPU time per search.
// A query becomes the SearchRequest engine_trove.cc makes of it (words, or
// one phrase; its filters and facets; 10 hits with snippets), and its URL
// says exactly that, so both halves do the same searches.
#include <sys/resource.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <thread>
#include <vector>

#include "bench_record.h"
#include "environment.h"
#include "options.h"
#include "trove/trove.h"

namespace bench {
namespace {

constexpr char kUsage[] =
    "Usage: trove-serve-load --queries Q.jsonl --urls\n"
    "       trove-serve-load --queries Q.jsonl --baseline --db DIR [--threads 2] [--seconds 20]\n"
    "                        [--allow-debug]\n";

trove::SearchRequest request_for(const BenchQuery& q) {
  trove::SearchRequest request;
  for (const auto& w : query_words(q.text)) request.query += (request.query.empty() ? "" : " ") + w;
  if (q.kind == "phrase") request.query = "\"" + request.query + "\"";
  for (const auto& f : q.filters) request.filters.push_back({f.field, f.value});
  request.facets = q.facets;
  request.limit = q.limit;
  return request;
}

std::string encode(const std::string& text) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += {'%', hex[c >> 4], hex[c & 15]};
    }
  }
  return out;
}

std::string url_for(const trove::SearchRequest& r) {
  std::string url = "/api/search?q=" + encode(r.query) + "&limit=" + std::to_string(r.limit);
  for (const auto& f : r.filters) url += "&filter=" + encode(f.field + ":" + f.value);
  std::string facets;
  for (const auto& f : r.facets) facets += (facets.empty() ? "" : ",") + f;
  if (!facets.empty()) url += "&facets=" + encode(facets);
  return url;
}

struct ThreadRun {
  std::vector<double> latencies_ms;
};

// One thread's loop: a pass to warm up, then searches from `start` on,
// round the list, until `stop`.
void search_until(const std::string& db, const std::vector<trove::SearchRequest>& requests,
                  std::size_t start, std::atomic<std::size_t>& ready, const std::atomic<bool>& go,
                  const std::atomic<bool>& stop, ThreadRun& run) {
  trove::Searcher searcher = trove::Searcher::open(db);
  for (const auto& r : requests) searcher.search(r);
  ++ready;
  while (!go) std::this_thread::yield();
  for (std::size_t i = start; !stop; ++i) {
    const auto t0 = std::chrono::steady_clock::now();
    searcher.search(requests[i % requests.size()]);
    const std::chrono::duration<double, std::milli> took = std::chrono::steady_clock::now() - t0;
    run.latencies_ms.push_back(took.count());
  }
}

// User and system CPU time of the whole process so far.
double cpu_seconds() {
  rusage usage{};
  ::getrusage(RUSAGE_SELF, &usage);
  auto seconds = [](const timeval& t) { return t.tv_sec + t.tv_usec / 1e6; };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

double percentile(std::vector<double>& sorted, double p) {
  const std::size_t rank = static_cast<std::size_t>(std::ceil(p / 100 * sorted.size()));
  return sorted[std::max<std::size_t>(rank, 1) - 1];
}

int baseline(const std::string& db, const std::vector<trove::SearchRequest>& requests,
             std::size_t threads, double seconds) {
  std::vector<ThreadRun> runs(threads);
  std::vector<std::thread> workers;
  std::atomic<std::size_t> ready{0};
  std::atomic<bool> go{false}, stop{false};
  for (std::size_t t = 0; t < threads; ++t) {
    workers.emplace_back(search_until, std::cref(db), std::cref(requests),
                         t * requests.size() / threads, std::ref(ready), std::cref(go),
                         std::cref(stop), std::ref(runs[t]));
  }
  // The clock starts once every thread has opened its Searcher and warmed
  // up, as wrk's timed run starts after a warm-up.
  while (ready < threads) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  const double cpu0 = cpu_seconds();
  const auto t0 = std::chrono::steady_clock::now();
  go = true;
  std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
  stop = true;
  for (auto& w : workers) w.join();
  const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - t0;
  const double cpu = cpu_seconds() - cpu0;
  std::vector<double> all;
  for (const auto& r : runs) all.insert(all.end(), r.latencies_ms.begin(), r.latencies_ms.end());
  std::sort(all.begin(), all.end());
  std::printf("library, %zu threads, %.1f s: %zu searches, %.1f QPS, p50 %.3f ms, p99 %.3f ms\n",
              threads, elapsed.count(), all.size(), all.size() / elapsed.count(),
              percentile(all, 50), percentile(all, 99));
  std::printf("library CPU: %.3f ms per search\n", 1000 * cpu / all.size());
  return 0;
}

// Prints the machine, build and load average; false if the build is not
// optimised (its figures are not to be quoted).
bool print_environment() {
  const Environment env = probe_environment();
  for (const auto& [label, value] : describe(env)) std::printf("%s: %s\n", label.c_str(), value.c_str());
  return env.optimised;
}

int run(int argc, char** argv) {
  const Options options(argc, argv, {"queries", "db", "threads", "seconds"},
                        {"urls", "baseline", "allow-debug"});
  std::vector<trove::SearchRequest> requests;
  for (const BenchQuery& q : read_queries(options.required("queries"))) {
    requests.push_back(request_for(q));
  }
  if (requests.empty()) throw UsageError("no queries in " + options.required("queries"));
  if (options.has("urls")) {
    for (const auto& r : requests) std::cout << url_for(r) << "\n";
    return 0;
  }
  if (!options.has("baseline")) throw UsageError("give --urls or --baseline");
  if (!print_environment() && !options.has("allow-debug")) {
    std::cerr << "trove-serve-load: not an optimised build; its figures are not to be quoted "
                 "(--allow-debug runs anyway)\n";
    return 2;
  }
  const long long threads = options.number("threads", 2);
  if (threads < 1) throw UsageError("--threads must be at least 1");
  return baseline(options.required("db"), requests, static_cast<std::size_t>(threads),
                  static_cast<double>(options.number("seconds", 20)));
}

}  // namespace
}  // namespace bench

int main(int argc, char** argv) {
  try {
    return bench::run(argc, argv);
  } catch (const bench::UsageError& e) {
    std::cerr << "trove-serve-load: " << e.what() << "\n" << bench::kUsage;
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "trove-serve-load: " << e.what() << "\n";
    return 1;
  }
}
