// trove-relevance: ranking quality of trove and its peers on judged test
// collections (../shared/datasets: cranfield, med, cacm), side by side.
//
//   trove-relevance --collections DIR[,DIR...] | --docs F --queries F --qrels F
//                   [--engines trove,xapian,fts5] [--per-query]
//                   [--split first-half|second-half|all] [--depth 1000]
//                   [--workdir DIR] [--param engine.name=value,...]
//                   [--variants FILE] [--similar]
//
// A collection folder holds docs.jsonl, queries.jsonl ({"qid", "text"}) and
// qrels.trec ("qid 0 docid grade"); --docs/--queries/--qrels name the three
// files of one collection instead. Collections are read in place.
//
// --param sets ranking parameters per engine (see bench/README.md): e.g.
// trove.k1, trove.b, xapian.k1, xapian.b. FTS5's bm25() has k1 = 1.2 and
// b = 0.75 built in. --variants FILE evaluates more configurations on the
// same indexes: each line "label engine.name=value,..." adds a row
// "engine[label]" with those parameters on top of --param (blank lines and
// lines starting with # are skipped). The split and the variants are there
// to tune on one half of the queries and check on the other.
//
// Every engine indexes each collection's docs, then answers each query's
// words (punctuation dropped, any word may match, BM25) with its top `depth`
// documents. Prints nDCG@10, MAP, P@10 and Recall@100, means over the
// queries of the split that have at least one relevant judgment, then
// nDCG@10 per collection against the better of the peers (xapian, fts5).
// --per-query adds one line per query and engine. The split halves each
// collection's queries in file order (first half: the first n/2 of the
// file), so parameters tuned on one half can be checked on the other.
//
// --similar evaluates more like this instead of the query text, for
// engines that have it (trove): each query's best-judged record (highest
// grade, then the first id in string order) seeds Searcher::similar(), and
// the ranking is judged against the query's other judgments (the seed,
// which similar() leaves out, is not counted; queries with no other
// relevant record are skipped).
#include <stdlib.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "collection.h"
#include "engine.h"
#include "environment.h"
#include "ir_metrics.h"
#include "options.h"

namespace {

const char kUsage[] =
    "usage: trove-relevance --collections DIR[,DIR...] | --docs D.jsonl --queries Q.jsonl\n"
    "                       --qrels qrels.trec\n"
    "                       [--engines trove,xapian,fts5] [--per-query]\n"
    "                       [--split first-half|second-half|all] [--depth 1000]\n"
    "                       [--workdir DIR] [--param trove.k1=1.2,trove.b=0.75,xapian.k1=...]\n"
    "                       [--variants FILE] [--similar]\n";

std::string fixed(double v, int digits = 4) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.*f", digits, v);
  return buffer;
}

// `text` in a column of `width`: left-aligned and followed by a space, or
// right-aligned after one.
std::string padded(std::string text, std::size_t width, bool right = false) {
  const std::string pad(text.size() < width ? width - text.size() : 0, ' ');
  return right ? " " + pad + text : text + pad + " ";
}

// One configuration to evaluate: an engine and its parameters.
struct Config {
  std::string engine;  // "trove", "xapian", ...
  std::string label;   // "trove" or "trove[variant]"
  std::vector<bench::Param> params;
};

std::vector<Config> read_variants(const std::string& path, const std::vector<Config>& base) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot open " + path);
  std::vector<Config> out;
  std::string line;
  while (std::getline(in, line)) {
    if (line.find_first_not_of(" \t\r") == std::string::npos || line[0] == '#') continue;
    const auto words = bench::split_list(line, ' ');
    const auto params = bench::parse_params(words.size() > 1 ? words[1] : "");
    if (params.empty()) throw bench::UsageError("--variants: '" + line + "' names no parameter");
    auto it = std::find_if(base.begin(), base.end(),
                           [&](const Config& c) { return c.engine == params[0].engine; });
    if (it == base.end()) throw bench::UsageError("--variants: engine not in --engines: " + line);
    Config variant = *it;
    variant.label = it->engine + "[" + words[0] + "]";
    variant.params.insert(variant.params.end(), params.begin(), params.end());
    out.push_back(variant);
  }
  return out;
}

std::vector<Config> configs(const bench::Options& opts) {
  std::string engine_list;
  for (const auto& e : bench::available_engines()) {
    engine_list += (engine_list.empty() ? "" : ",") + e;
  }
  const auto params = bench::parse_params(opts.get("param", ""));
  std::vector<Config> out;
  for (const auto& name : bench::split_list(opts.get("engines", engine_list))) {
    bench::make_engine(name);  // rejects an unknown name
    Config c{name, name, {}};
    for (const auto& p : params) {
      if (p.engine == name) c.params.push_back(p);
    }
    out.push_back(c);
  }
  for (const auto& p : params) {
    if (std::none_of(out.begin(), out.end(), [&](const Config& c) { return c.engine == p.engine; })) {
      throw bench::UsageError("--param " + p.engine + "." + p.name + ": engine not in --engines");
    }
  }
  if (opts.has("variants")) {
    const auto more = read_variants(opts.required("variants"), out);
    out.insert(out.end(), more.begin(), more.end());
  }
  return out;
}

std::vector<bench::Collection> collections(const bench::Options& opts) {
  std::vector<bench::Collection> out;
  for (const auto& dir : bench::split_list(opts.get("collections", ""))) {
    out.push_back(bench::load_collection(dir));
  }
  if (opts.has("docs") || opts.has("queries") || opts.has("qrels")) {
    out.push_back(bench::load_collection(opts.required("docs"), opts.required("queries"),
                                         opts.required("qrels")));
  }
  if (out.empty()) throw bench::UsageError("give --collections or --docs, --queries and --qrels");
  return out;
}

std::string make_workdir(const bench::Options& opts) {
  if (opts.has("workdir")) return opts.required("workdir");
  const char* tmp = std::getenv("TMPDIR");
  std::string pattern = std::string(tmp && *tmp ? tmp : "/tmp") + "/trove-relevance-XXXXXX";
  if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("cannot create " + pattern);
  return pattern;
}

struct Row {
  std::string collection, label, version;
  std::size_t docs = 0;
  bench::Metrics mean;
};

// The record a --similar run seeds a query's search with: the highest
// grade, then the first id in string order.
std::string best_judged(const std::map<std::string, int>& judgments) {
  auto best = judgments.begin();
  for (auto it = judgments.begin(); it != judgments.end(); ++it) {
    if (it->second > best->second) best = it;
  }
  return best->first;
}

// Runs every query of `judged` on an open engine (or, `similar`, more like
// its best-judged record); the mean of the measures.
bench::Metrics evaluate(bench::Engine& engine, const bench::Collection& c,
                        const std::vector<bench::JudgedQuery>& judged, std::size_t depth,
                        const std::string& label, bool per_query, bool similar) {
  std::vector<bench::Metrics> all;
  for (const auto& q : judged) {
    if (similar) {
      std::map<std::string, int> others = c.qrels.at(q.qid);
      const std::string seed = best_judged(others);
      others.erase(seed);
      if (std::none_of(others.begin(), others.end(), [](const auto& j) { return j.second > 0; })) {
        continue;
      }
      all.push_back(bench::evaluate(engine.similar(seed, depth).ids, others));
    } else {
      bench::BenchQuery bq;
      bq.kind = "plain";
      bq.text = q.text;
      bq.limit = depth;
      all.push_back(bench::evaluate(engine.query(bq).ids, c.qrels.at(q.qid)));
    }
    if (per_query) {
      const auto& m = all.back();
      std::cout << "query " << c.name << "/" << q.qid << " " << label << " nDCG@10 "
                << fixed(m.ndcg10) << " AP " << fixed(m.ap) << " P@10 " << fixed(m.p10)
                << " R@100 " << fixed(m.recall100) << "\n";
    }
  }
  return bench::mean(all);
}

std::unique_ptr<bench::Engine> configured(const Config& config) {
  auto engine = bench::make_engine(config.engine);
  for (const auto& p : config.params) engine->set_param(p.name, p.value);
  return engine;
}

// Indexes `c` once per engine and evaluates every configuration on it.
std::vector<Row> run_collection(const bench::Collection& c, const std::vector<Config>& all,
                                const bench::Options& opts, const std::string& workdir) {
  const auto judged = bench::judged_queries(c, opts.get("split", "all"));
  const auto depth = static_cast<std::size_t>(opts.number("depth", 1000));
  std::cout << "collection " << c.name << ": " << c.docs << ", " << c.queries.size()
            << " queries, " << judged.size() << " in split " << opts.get("split", "all")
            << " with relevant judgments\n";
  std::vector<Row> rows;
  std::map<std::string, std::size_t> indexed;  // engine -> records
  for (const Config& config : all) {
    const std::string dir = workdir + "/" + c.name + "-" + config.engine;
    if (!indexed.count(config.engine)) {
      std::filesystem::remove_all(dir);
      indexed[config.engine] = configured(config)->index(c.docs, dir);
    }
    auto engine = configured(config);
    engine->open(dir);
    const bench::Metrics m =
        evaluate(*engine, c, judged, depth, config.label, opts.has("per-query"), opts.has("similar"));
    rows.push_back({c.name, config.label, engine->version(), indexed[config.engine], m});
  }
  for (const auto& entry : indexed) {
    std::filesystem::remove_all(workdir + "/" + c.name + "-" + entry.first);
  }
  return rows;
}

void print_rows(const std::vector<Row>& rows) {
  std::cout << "\n" << padded("collection", 12) << padded("engine", 40) << padded("docs", 6, true)
            << "  nDCG@10     MAP    P@10  Recall@100\n";
  for (const auto& r : rows) {
    const bench::Metrics& m = r.mean;
    std::cout << padded(r.collection, 12) << padded(r.label + " (" + r.version + ")", 40)
              << padded(std::to_string(r.docs), 6, true) << "  " << fixed(m.ndcg10) << "  "
              << fixed(m.ap) << "  " << fixed(m.p10) << "      " << fixed(m.recall100) << "\n";
  }
}

bool is_peer(const std::string& label) { return label == "xapian" || label == "fts5"; }

// nDCG@10 per collection and each configuration's ratio to the better peer
// (xapian or fts5 at their defaults, in this run), with the means.
void print_against_peers(const std::vector<Row>& rows, const std::vector<std::string>& names,
                         const std::vector<Config>& all) {
  std::map<std::string, double> best;  // collection -> best peer nDCG@10
  std::map<std::pair<std::string, std::string>, double> ndcg;
  for (const auto& r : rows) {
    ndcg[{r.label, r.collection}] = r.mean.ndcg10;
    if (is_peer(r.label)) best[r.collection] = std::max(best[r.collection], r.mean.ndcg10);
  }
  std::cout << "\nnDCG@10 (ratio to the better peer)\n" << padded("engine", 40);
  for (const auto& name : names) std::cout << padded(name, 16, true);
  std::cout << padded("mean", 16, true) << padded("mean ratio", 10, true) << "\n";
  for (const Config& config : all) {
    std::cout << padded(config.label, 40);
    double sum = 0, ratios = 0;
    for (const auto& name : names) {
      const double v = ndcg[{config.label, name}];
      const double ratio = best[name] > 0 ? v / best[name] : 0;
      sum += v;
      ratios += ratio;
      std::cout << padded(fixed(v) + " (" + fixed(ratio, 3) + ")", 16, true);
    }
    const double n = static_cast<double>(names.size());
    std::cout << padded(fixed(sum / n), 16, true) << padded(fixed(ratios / n, 3), 10, true)
              << "\n";
  }
}

int run(const bench::Options& opts) {
  const std::vector<Config> all = configs(opts);
  const std::vector<bench::Collection> cols = collections(opts);
  bench::judged_queries(cols.front(), opts.get("split", "all"));  // rejects a bad split early
  bench::Environment env = bench::probe_environment();
  std::cout << "trove-relevance: split " << opts.get("split", "all") << ", depth "
            << opts.number("depth", 1000) << ", build " << env.build_type;
  if (opts.has("param")) std::cout << ", params " << opts.get("param", "");
  if (opts.has("similar")) std::cout << ", more like each query's best-judged record";
  std::cout << "\n";
  const std::string workdir = make_workdir(opts);
  std::vector<Row> rows;
  std::vector<std::string> names;
  for (const auto& c : cols) {
    const auto more = run_collection(c, all, opts, workdir);
    rows.insert(rows.end(), more.begin(), more.end());
    names.push_back(c.name);
  }
  if (!opts.has("workdir")) std::filesystem::remove_all(workdir);
  print_rows(rows);
  print_against_peers(rows, names, all);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    bench::Options opts(argc, argv,
                        {"collections", "docs", "queries", "qrels", "engines", "split", "depth",
                         "workdir", "param", "variants"},
                        {"per-query", "similar", "help"});
    if (opts.has("help")) {
      std::cout << kUsage;
      return 0;
    }
    return run(opts);
  } catch (const bench::UsageError& e) {
    std::cerr << "trove-relevance: " << e.what() << "\n" << kUsage;
    return 2;
  } catch (const std::invalid_argument& e) {
    std::cerr << "trove-relevance: " << e.what() << "\n" << kUsage;
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "trove-relevance: " << e.what() << "\n";
    return 1;
  }
}
