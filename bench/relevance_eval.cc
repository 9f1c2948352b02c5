// trove-relevance: ranking quality of trove and its peers on a judged test
// collection (Cranfield: 1,400 abstracts, 225 queries, graded judgments).
//
//   trove-relevance --docs D.jsonl --queries cran.qry --qrels qrels.trec
//                   [--engines trove,xapian,fts5] [--per-query]
//                   [--split first-half|second-half|all] [--depth 1000]
//                   [--workdir DIR] [--param engine.name=value,...]
//
// --param sets ranking parameters per engine: trove.k1, trove.b (trove's
// SearcherOptions BM25 k1 and b), xapian.k1, xapian.b (BM25Weight). FTS5's
// bm25() has k1 = 1.2 and b = 0.75 built in. The split and the parameters
// are there to tune on one half of the queries and check on the other.
//
// Every engine indexes D.jsonl, then answers each query's words (punctuation
// dropped, any word may match, BM25) with its top `depth` documents. Prints
// nDCG@10, MAP, P@10 and Recall@100, means over the queries of the split
// that have at least one relevant judgment; --per-query adds one line per
// query and engine. The split halves the queries in file order (first half:
// qid 1..n/2) so parameters tuned on one half can be checked on the other.
#include <stdlib.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <iostream>

#include "cranfield.h"
#include "engine.h"
#include "environment.h"
#include "ir_metrics.h"
#include "options.h"

namespace {

const char kUsage[] =
    "usage: trove-relevance --docs D.jsonl --queries cran.qry --qrels qrels.trec\n"
    "                       [--engines trove,xapian,fts5] [--per-query]\n"
    "                       [--split first-half|second-half|all] [--depth 1000]\n"
    "                       [--workdir DIR] [--param trove.k1=1.2,trove.b=0.75,xapian.k1=...]\n";

std::string fixed(double v) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.4f", v);
  return buffer;
}

std::vector<bench::JudgedQuery> select_split(std::vector<bench::JudgedQuery> all,
                                             const std::string& split) {
  const std::size_t half = all.size() / 2;
  if (split == "first-half") return {all.begin(), all.begin() + static_cast<long>(half)};
  if (split == "second-half") return {all.begin() + static_cast<long>(half), all.end()};
  if (split == "all") return all;
  throw bench::UsageError("--split must be first-half, second-half or all");
}

std::string make_workdir(const bench::Options& opts) {
  if (opts.has("workdir")) return opts.required("workdir");
  const char* tmp = std::getenv("TMPDIR");
  std::string pattern = std::string(tmp && *tmp ? tmp : "/tmp") + "/trove-relevance-XXXXXX";
  if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("cannot create " + pattern);
  return pattern;
}

int run(const bench::Options& opts) {
  const auto params = bench::parse_params(opts.get("param", ""));
  std::string engine_list;
  for (const auto& e : bench::available_engines()) engine_list += (engine_list.empty() ? "" : ",") + e;
  const auto engines = bench::split_list(opts.get("engines", engine_list));
  const auto depth = static_cast<std::size_t>(opts.number("depth", 1000));
  const std::string docs = opts.required("docs");
  const auto queries = select_split(bench::read_smart_queries(opts.required("queries")),
                                    opts.get("split", "all"));
  const bench::Qrels qrels = bench::read_qrels(opts.required("qrels"));
  for (const auto& e : engines) bench::make_engine(e);
  for (const auto& p : params) {
    if (std::find(engines.begin(), engines.end(), p.engine) == engines.end()) {
      throw bench::UsageError("--param " + p.engine + "." + p.name + ": engine not in --engines");
    }
  }

  std::vector<bench::JudgedQuery> judged;
  for (const auto& q : queries) {
    auto it = qrels.find(q.qid);
    if (it == qrels.end()) continue;
    for (const auto& entry : it->second) {
      if (entry.second > 0) {
        judged.push_back(q);
        break;
      }
    }
  }
  bench::Environment env = bench::probe_environment();
  std::cout << "trove-relevance: " << docs << ", " << queries.size() << " queries in split "
            << opts.get("split", "all") << ", " << judged.size()
            << " with relevant judgments, depth " << depth << ", build " << env.build_type;
  if (!params.empty()) std::cout << ", params " << opts.get("param", "");
  std::cout << "\n";

  const std::string workdir = make_workdir(opts);
  struct Row {
    std::string engine;
    std::size_t docs;
    bench::Metrics mean;
  };
  std::vector<Row> summary;
  for (const auto& name : engines) {
    auto engine = bench::make_engine(name);
    for (const auto& p : params) {
      if (p.engine == name) engine->set_param(p.name, p.value);
    }
    const std::string dir = workdir + "/" + name;
    std::filesystem::remove_all(dir);
    const std::size_t indexed = engine->index(docs, dir);
    engine->open(dir);
    std::vector<bench::Metrics> per_query;
    for (const auto& q : judged) {
      bench::BenchQuery bq;
      bq.kind = "plain";
      bq.text = q.text;
      bq.limit = depth;
      per_query.push_back(bench::evaluate(engine->query(bq).ids, qrels.at(q.qid)));
      if (opts.has("per-query")) {
        const auto& m = per_query.back();
        std::cout << "query " << q.qid << " " << name << " nDCG@10 " << fixed(m.ndcg10) << " AP "
                  << fixed(m.ap) << " P@10 " << fixed(m.p10) << " R@100 " << fixed(m.recall100)
                  << "\n";
      }
    }
    summary.push_back({name + " (" + engine->version() + ")", indexed, bench::mean(per_query)});
    engine.reset();
    std::filesystem::remove_all(dir);
  }
  if (!opts.has("workdir")) std::filesystem::remove_all(workdir);

  std::cout << "\nengine                             docs  nDCG@10     MAP    P@10  Recall@100\n";
  for (const auto& row : summary) {
    std::string label = row.engine, docs_column = std::to_string(row.docs);
    label.resize(std::max<std::size_t>(label.size(), 30), ' ');
    docs_column.insert(0, docs_column.size() < 7 ? 7 - docs_column.size() : 1, ' ');
    const bench::Metrics& m = row.mean;
    std::cout << label << docs_column << "   " << fixed(m.ndcg10) << "  " << fixed(m.ap) << "  "
              << fixed(m.p10) << "      " << fixed(m.recall100) << "\n";
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    bench::Options opts(argc, argv,
                        {"docs", "queries", "qrels", "engines", "split", "depth", "workdir",
                         "param"},
                        {"per-query", "help"});
    if (opts.has("help")) {
      std::cout << kUsage;
      return 0;
    }
    return run(opts);
  } catch (const bench::UsageError& e) {
    std::cerr << "trove-relevance: " << e.what() << "\n" << kUsage;
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "trove-relevance: " << e.what() << "\n";
    return 1;
  }
}
