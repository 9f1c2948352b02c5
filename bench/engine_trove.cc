// trove through its public API only (include/trove/), in two ways of
// building the index:
//  * "trove": an in-place IndexWriter (options.rebuild = false) opened on a
//    fresh directory, fed record by record with add() from read_file(): the
//    incremental path, single-threaded like the peers' adapters.
//  * "trove-rebuild": trove::ingest() into an IndexWriter with
//    options.rebuild = true, trove's way of building a complete index
//    (written on both cores, then compacted). Its CPU time counts every
//    thread; its wall time shows what the second core buys.
// Both query through a Searcher. Query text uses trove's syntax: words (any
// may match, BM25) or one quoted phrase; filters and facets go in the
// SearchRequest.
//
// trove does more per query than the peers' adapters: every hit carries the
// decoded record and a highlighted snippet (SearchRequest has no switch to
// turn snippets off), so its latencies include that work.
#include <iostream>
#include <memory>
#include <stdexcept>

#include "engine.h"
#include "trove/trove.h"

namespace bench {
namespace {

class TroveEngine : public Engine {
 public:
  explicit TroveEngine(bool rebuild) : rebuild_(rebuild) {}
  std::string version() const override { return std::string("trove ") + TROVE_VERSION_STRING; }
  std::size_t index(const std::string& jsonl_path, const std::string& dir) override;
  // "k1", "b", "common", "stopwords" (0/1), "thesaurus" (0/1), "fb_docs", "fb_terms",
  // "fb_weight", "rerank_min", "prox", "prox_window", "title", "abstract",
  // "author": the SearcherOptions of the same meaning (trove validates them
  // in open()); "snippets" and "suggest" (0/1): SearchRequest::snippets and
  // SearchRequest::suggest.
  void set_param(const std::string& name, const std::string& value) override;
  void open(const std::string& dir) override;
  QueryResult query(const BenchQuery& q) override;
  QueryResult similar(const std::string& id, std::size_t limit) override;

 private:
  std::size_t index_in_place(const std::string& jsonl_path, const std::string& dir);
  std::size_t index_rebuild(const std::string& jsonl_path, const std::string& dir);

  bool rebuild_;
  std::unique_ptr<trove::Searcher> searcher_;
  trove::SearcherOptions options_;
  bool snippets_ = true;  // the library default; --param trove.snippets=0 turns them off
  bool suggest_ = true;   // did you mean, the library default; trove.suggest=0 turns it off
};

void report_rejected(std::size_t rejected, const std::string& first_problem) {
  // Rejected records are not indexed; the caller sees it in the count (e.g.
  // Cranfield's two empty documents, which no engine could match anyway).
  if (rejected > 0) {
    std::cerr << "trove: rejected " << rejected << " records, first: " << first_problem << "\n";
  }
}

std::size_t TroveEngine::index(const std::string& jsonl_path, const std::string& dir) {
  return rebuild_ ? index_rebuild(jsonl_path, dir) : index_in_place(jsonl_path, dir);
}

std::size_t TroveEngine::index_in_place(const std::string& jsonl_path, const std::string& dir) {
  trove::WriterOptions options;
  options.rebuild = false;
  trove::IndexWriter writer = trove::IndexWriter::open(dir, options);
  std::size_t added = 0, rejected = 0;
  std::string first_problem;
  trove::read_file(
      jsonl_path, trove::Format::kJsonl,
      [&](trove::Record&& r) {
        writer.add(r);
        ++added;
      },
      [&](const trove::ReadError& e) {
        if (e.severity != trove::ReadError::Severity::kError) return;
        if (rejected++ == 0) first_problem = e.message();
      });
  writer.finish();
  report_rejected(rejected, first_problem);
  return added;
}

std::size_t TroveEngine::index_rebuild(const std::string& jsonl_path, const std::string& dir) {
  trove::WriterOptions options;
  options.rebuild = true;
  trove::IndexWriter writer = trove::IndexWriter::open(dir, options);
  std::string first_problem;
  const trove::IngestStats stats =
      trove::ingest(writer, {jsonl_path}, trove::Format::kJsonl, [&](const trove::ReadError& e) {
        if (e.severity == trove::ReadError::Severity::kError && first_problem.empty()) {
          first_problem = e.message();
        }
      });
  writer.finish();
  report_rejected(stats.rejected, first_problem);
  return stats.read;
}

void TroveEngine::set_param(const std::string& name, const std::string& value) {
  if (name == "k1") {
    options_.bm25_k1 = param_number("trove", name, value);
  } else if (name == "b") {
    options_.bm25_b = param_number("trove", name, value);
  } else if (name == "snippets") {
    if (value != "0" && value != "1") throw std::runtime_error("trove: snippets must be 0 or 1");
    snippets_ = value == "1";
  } else if (name == "suggest") {
    if (value != "0" && value != "1") throw std::runtime_error("trove: suggest must be 0 or 1");
    suggest_ = value == "1";
  } else if (name == "common") {
    options_.common_word_fraction = param_number("trove", name, value);
  } else if (name == "stopwords") {
    options_.stopwords = param_number("trove", name, value) != 0;
  } else if (name == "thesaurus") {
    options_.thesaurus = param_number("trove", name, value) != 0;
  } else if (name == "fb_docs") {
    options_.feedback_records = static_cast<std::size_t>(param_number("trove", name, value));
  } else if (name == "fb_terms") {
    options_.feedback_terms = static_cast<std::size_t>(param_number("trove", name, value));
  } else if (name == "fb_weight") {
    options_.feedback_weight = param_number("trove", name, value);
  } else if (name == "rerank_min") {
    options_.rerank_min_words = static_cast<std::size_t>(param_number("trove", name, value));
  } else if (name == "prox") {
    options_.proximity_weight = param_number("trove", name, value);
  } else if (name == "prox_window") {
    options_.proximity_window = static_cast<std::size_t>(param_number("trove", name, value));
  } else if (name == "title") {
    options_.field_weights.title = param_number("trove", name, value);
  } else if (name == "abstract") {
    options_.field_weights.abstract = param_number("trove", name, value);
  } else if (name == "author") {
    options_.field_weights.author = param_number("trove", name, value);
  } else {
    throw std::runtime_error("trove: no parameter '" + name +
                             "' (use k1, b, snippets, suggest, common, stopwords, thesaurus, fb_docs, fb_terms, "
                             "fb_weight, rerank_min, prox, prox_window, title, abstract or author)");
  }
}

void TroveEngine::open(const std::string& dir) {
  searcher_ = std::make_unique<trove::Searcher>(trove::Searcher::open(dir, options_));
}

QueryResult TroveEngine::query(const BenchQuery& q) {
  trove::SearchRequest request;
  for (const auto& w : query_words(q.text)) request.query += (request.query.empty() ? "" : " ") + w;
  if (q.kind == "phrase") request.query = "\"" + request.query + "\"";
  for (const auto& f : q.filters) request.filters.push_back({f.field, f.value});
  request.facets = q.facets;
  request.limit = q.limit;
  request.snippets = snippets_;
  request.suggest = suggest_;
  trove::SearchResult found = searcher_->search(request);
  QueryResult result;
  result.total = found.total;
  for (const auto& hit : found.hits) result.ids.push_back(hit.record.id);
  for (const auto& [field, counts] : found.facets) {
    auto& out = result.facets[field];
    for (const auto& c : counts) out[c.value] += c.count;
  }
  return result;
}

QueryResult TroveEngine::similar(const std::string& id, std::size_t limit) {
  trove::SearchRequest request;
  request.limit = limit;
  request.snippets = snippets_;
  trove::SearchResult found = searcher_->similar(id, request);
  QueryResult result;
  result.total = found.total;
  for (const auto& hit : found.hits) result.ids.push_back(hit.record.id);
  return result;
}

}  // namespace

std::unique_ptr<Engine> make_trove_engine() { return std::make_unique<TroveEngine>(false); }
std::unique_ptr<Engine> make_trove_rebuild_engine() { return std::make_unique<TroveEngine>(true); }

}  // namespace bench
