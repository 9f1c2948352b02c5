#include "speed_report.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <ostream>
#include <set>
#include <stdexcept>

namespace bench {
namespace {

struct Figure {
  std::string label;
  std::function<double(const EngineFigures&)> value;
  bool higher_is_better;
};

constexpr double kMB = 1024.0 * 1024.0;

std::vector<Figure> figures(const CorpusSize& corpus) {
  std::vector<Figure> f = {
      {"indexing time (s)", [](const EngineFigures& e) { return e.index_seconds_median; }, false},
      {"indexing CPU time (s)", [](const EngineFigures& e) { return e.index_cpu_seconds_median; },
       false},
      {"indexing docs/s",
       [](const EngineFigures& e) { return static_cast<double>(e.docs) / e.index_seconds_median; }, true},
      {"indexing MB/s of text",
       [corpus](const EngineFigures& e) {
         return static_cast<double>(corpus.text_bytes) / kMB / e.index_seconds_median;
       }, true},
      {"index size on disk (MB)",
       [](const EngineFigures& e) { return static_cast<double>(e.index_bytes) / kMB; }, false},
      {"peak RSS indexing (MB)", [](const EngineFigures& e) { return e.index_rss_mb_median; }, false},
      {"open index (ms)", [](const EngineFigures& e) { return e.open_ms; }, false},
      {"peak RSS querying (MB)", [](const EngineFigures& e) { return e.query_rss_mb; }, false},
  };
  for (const char* group : kKindGroups) {
    const std::string g = group;
    auto of = [g](double LatencyFigures::*member) {
      return [g, member](const EngineFigures& e) {
        auto it = e.groups.find(g);
        return it == e.groups.end() ? 0.0 : it->second.*member;
      };
    };
    f.push_back({g + " p50 (ms)", of(&LatencyFigures::p50_ms), false});
    f.push_back({g + " p95 (ms)", of(&LatencyFigures::p95_ms), false});
    f.push_back({g + " p99 (ms)", of(&LatencyFigures::p99_ms), false});
    f.push_back({g + " QPS", of(&LatencyFigures::qps), true});
    f.push_back({g + " CPU ms/query", of(&LatencyFigures::cpu_ms), false});
  }
  return f;
}

std::string number(double v) {
  if (!std::isfinite(v) || v == 0) return "-";  // e.g. no indexing runs
  char buffer[64];
  const char* format = v >= 1000 ? "%.0f" : v >= 100 ? "%.1f" : v >= 1 ? "%.2f" : "%.3f";
  std::snprintf(buffer, sizeof buffer, format, v);
  return buffer;
}

std::string pad(const std::string& s, std::size_t width, bool right = true) {
  // Width in bytes is fine: labels and numbers are ASCII.
  if (s.size() >= width) return s;
  return right ? std::string(width - s.size(), ' ') + s : s + std::string(width - s.size(), ' ');
}

constexpr std::size_t kLabel = 26, kColumn = 14;

std::size_t overlap(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  std::set<std::string> in_a(a.begin(), a.end());
  std::size_t n = 0;
  for (const auto& id : b) n += in_a.count(id);
  return n;
}

}  // namespace

void print_figures(std::ostream& out, const RunInfo& info, const std::vector<EngineFigures>& engines) {
  out << "\nfigures (medians over repetitions; latencies per query, hot cache)\n";
  out << pad("figure", kLabel, false);
  for (const auto& e : engines) out << pad(e.engine, kColumn);
  out << '\n';
  out << pad("docs indexed", kLabel, false);
  for (const auto& e : engines) out << pad(e.docs ? std::to_string(e.docs) : "-", kColumn);
  out << '\n';
  for (const auto& f : figures(info.corpus)) {
    out << pad(f.label, kLabel, false);
    for (const auto& e : engines) out << pad(number(f.value(e)), kColumn);
    out << '\n';
  }
}

void print_ratios(std::ostream& out, const RunInfo& info, const std::vector<EngineFigures>& engines) {
  if (engines.size() < 2) return;
  const EngineFigures& base = engines.front();
  out << "\nratios (" << base.engine << " / other; time, size, RSS, latency: < 1 means "
      << base.engine << " is better; docs/s, MB/s, QPS: > 1 means " << base.engine
      << " is better)\n";
  std::size_t width = kColumn + 4;
  for (const auto& e : engines) width = std::max(width, base.engine.size() + e.engine.size() + 3);
  out << pad("figure", kLabel, false);
  for (std::size_t i = 1; i < engines.size(); ++i) {
    out << pad(base.engine + "/" + engines[i].engine, width);
  }
  out << '\n';
  for (const auto& f : figures(info.corpus)) {
    if (f.label.find("open index") == 0) continue;
    out << pad(f.label, kLabel, false);
    for (std::size_t i = 1; i < engines.size(); ++i) {
      double other = f.value(engines[i]);
      out << pad(other > 0 ? number(f.value(base) / other) : "n/a", width);
    }
    out << '\n';
  }
}

void print_agreement(std::ostream& out, const RunInfo& info, const std::vector<EngineFigures>& engines) {
  if (engines.size() < 2) return;
  const EngineFigures& base = engines.front();
  out << "\nagreement with " << base.engine
      << " (same exact total; mean top-10 overlap; identical facet counts)\n";
  std::size_t width = 0;
  for (const auto& e : engines) width = std::max(width, e.engine.size() + 2);
  for (std::size_t i = 1; i < engines.size(); ++i) {
    for (const char* group : kKindGroups) {
      std::size_t n = 0, same_total = 0, facet_queries = 0, same_facets = 0;
      double overlap_sum = 0;
      for (std::size_t q = 0; q < info.queries.size(); ++q) {
        if (kind_group(info.queries[q].kind) != group) continue;
        const QueryResult& a = base.results[q];
        const QueryResult& b = engines[i].results[q];
        ++n;
        same_total += a.total == b.total;
        std::size_t denominator = std::max(a.ids.size(), b.ids.size());
        overlap_sum += denominator ? static_cast<double>(overlap(a.ids, b.ids)) / denominator : 1.0;
        if (!info.queries[q].facets.empty()) {
          ++facet_queries;
          same_facets += a.facets == b.facets;
        }
      }
      if (n == 0) continue;
      out << "  " << pad(engines[i].engine, width, false) << pad(group, 10, false)
          << " totals " << same_total << "/" << n << ", top-10 overlap "
          << number(overlap_sum / static_cast<double>(n));
      if (facet_queries) out << ", facets " << same_facets << "/" << facet_queries;
      out << '\n';
    }
  }
}

void write_json(const std::string& path, const RunInfo& info, const std::vector<EngineFigures>& engines) {
  using nlohmann::ordered_json;
  ordered_json j;
  for (const auto& [label, value] : info.environment) j["environment"][label] = value;
  j["corpus"] = {{"records", info.corpus.records},
                 {"text_bytes", info.corpus.text_bytes},
                 {"file_bytes", info.corpus.file_bytes}};
  j["queries"] = info.queries.size();
  auto latency = [](const std::map<std::string, LatencyFigures>& m) {
    ordered_json o;
    for (const auto& [k, v] : m) {
      o[k] = {{"queries", v.queries}, {"p50_ms", v.p50_ms}, {"p95_ms", v.p95_ms},
              {"p99_ms", v.p99_ms},   {"qps", v.qps},       {"cpu_ms", v.cpu_ms}};
    }
    return o;
  };
  for (const auto& e : engines) {
    ordered_json o;
    o["version"] = e.version;
    for (const auto& f : figures(info.corpus)) o["figures"][f.label] = f.value(e);
    o["index_seconds"] = e.index_seconds;
    o["index_peak_rss_mb"] = e.index_rss_mb;
    o["index_cpu_seconds"] = e.index_cpu_seconds;
    o["index_bytes"] = e.index_bytes;
    o["groups"] = latency(e.groups);
    o["kinds"] = latency(e.kinds);
    j["engines"][e.engine] = o;
  }
  std::ofstream out(path);
  if (!out) throw std::runtime_error("cannot write " + path);
  out << j.dump(2) << '\n';
}

}  // namespace bench
