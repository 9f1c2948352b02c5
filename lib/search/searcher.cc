// Searcher: opens the index named by its stub, keeps up with commits and
// generation switches, and runs a SearchRequest in four steps: plan (parse
// and decide, search_plan.h), match (the page of hits, ranked_page.h),
// count (the exact total and facets, match_count.h) and materialise (hits
// with snippets). Each feature lives in its own file; this one composes them.
#include "trove/searcher.h"

#include <algorithm>
#include <cmath>
#include <optional>

#include "index/record_codec.h"
#include "index/schema.h"
#include "search/common_words.h"
#include "search/completion.h"
#include "search/facet_columns.h"
#include "search/explain.h"
#include "search/facet_search.h"
#include "search/index_stub.h"
#include "search/match_count.h"
#include "search/query_parser.h"
#include "search/query_repair.h"
#include "search/ranked_page.h"
#include "search/ranking.h"
#include "search/search_plan.h"
#include "search/similar.h"
#include "search/searcher_shared.h"
#include "search/snippets.h"
#include "search/spelling.h"
#include "search/thesaurus.h"
#include "search/truncation.h"
#include "trove/analyzer.h"
#include "trove/error.h"
#include "xapian_errors.h"

namespace trove {
namespace {

// Tries at opening, or at searching, before a Xapian error is reported.
constexpr int kAttempts = 3;

}  // namespace

struct Searcher::Impl {
  std::string path;
  Xapian::Database db;
  std::optional<Analyzer> analyzer;
  std::optional<QueryParser> parser;
  SearcherOptions options;
  std::string stub;  // the stub file naming the shards
  StubStamp stub_stamp;
  bool opened = false;  // db is open on a generation
  // When every database of the index is local: each, opened on its own and
  // added to db (sharing its state: a reopen of db reopens them), so that
  // facets are counted shard by shard from in-memory columns. Else empty,
  // and Xapian's ValueCountMatchSpy counts (which remote shards run).
  std::vector<Xapian::Database> shards;
  std::shared_ptr<Shared> shared;  // the pool's (SearcherPool), or this Searcher's own
  // The columns of the state the shards are on, shared through `shared`;
  // held only while a call runs (guarded()), so an idle Searcher keeps no
  // state alive.
  std::shared_ptr<ShardColumns> columns;
  ThesaurusCache thesaurus;  // the index's, kept current by refresh()

  void open_database();
  void open_shards();
  void refresh();
  // Runs f() on the index as it is now, for a public entry point: refreshes
  // first; on a Xapian error reopens and retries, and reports the last one
  // as an IndexError saying the index could not be `what`-ed.
  template <typename F>
  auto guarded(const char* what, F&& f) -> decltype(f());

  // The steps of a search.
  SearchPlan plan(const SearchRequest& request) const;
  Page match(const SearchPlan& plan, const SearchRequest& request);
  void count(const SearchPlan& plan, const Page& page, SearchResult& result);
  std::vector<Hit> materialise(const SearchPlan& plan, const Page& page,
                               const SearchRequest& request) const;
  SearchResult run(const SearchRequest& request);
  SearchResult run_plan(const SearchPlan& plan, const SearchRequest& request);
  SearchResult similar(const std::string& id, const SearchRequest& request);
  Explanation explain(const std::string& id, const SearchRequest& request) const;
  Xapian::docid docid_of(const std::string& id) const;
  std::optional<Suggestion> suggestion_for(const SearchRequest& request) const;
  std::string describe(const std::string& query, bool strict) const;

  std::size_t count_matches(const Xapian::Query& query, const std::vector<std::string>& facets,
                            std::map<std::string, std::vector<FacetCount>>& out) {
    return trove::count_matches(db, shards, columns.get(), query, facets, out);
  }
};

// Opens the generation the stub names now. Throws IndexError for a path
// that holds no index; lets Xapian::Error through for refresh() to retry.
void Searcher::Impl::open_database() {
  stub = find_stub(path);
  opened = false;
  columns.reset();
  stub_stamp = stamp_of(stub);
  open_shards();
  std::string language = db.get_metadata(schema::kLanguageKey);
  if (language.empty()) language = "english";
  if (!analyzer || analyzer->language() != language) {
    parser.reset();
    analyzer.emplace(AnalyzerOptions{language});
    parser.emplace(*analyzer);
    parser->set_truncator(truncator_for(db));
    if (options.thesaurus) {
      parser->set_synonyms([this](const std::string& stem) { return thesaurus.get().synonyms(stem); });
    }
  }
  opened = true;
}

// Opens db on the stub's databases: through the stub when one is remote,
// else shard by shard (see shards).
void Searcher::Impl::open_shards() {
  shards.clear();
  const std::vector<std::string> paths = local_databases(stub);
  if (paths.empty()) {
    db = Xapian::Database(path);
    return;
  }
  Xapian::Database all;
  std::vector<Xapian::Database> opened_shards;
  for (const std::string& shard : paths) {
    opened_shards.emplace_back(shard);
    all.add_database(opened_shards.back());
  }
  db = all;
  shards = std::move(opened_shards);
}

// A rebuild may switch generations and delete the old one at any moment, so
// an open or reopen that fails is retried against the generation the stub
// names by then.
void Searcher::Impl::refresh() {
  for (int attempt = 1;; ++attempt) {
    try {
      if (!opened || !(stamp_of(stub) == stub_stamp)) {
        open_database();
      } else {
        db.reopen();  // picks up commits to the same generation, in every shard
      }
      if (options.thesaurus) thesaurus.update(db, *analyzer);
      return;
    } catch (const Xapian::Error& e) {
      if (attempt == kAttempts) throw_index_error(opened ? "reopen" : "open", path, e);
      opened = false;
    }
  }
}

SearchPlan Searcher::Impl::plan(const SearchRequest& request) const {
  return plan_search(request, *parser, *analyzer, common_word_test(db, options, *analyzer));
}

// The page of hits, in the plan's order. Equal scores are ordered by id, so
// hits come in the same order however the index is sharded; only ranked
// results sorted by year, whose year and score both tie, keep Xapian's order.
Page Searcher::Impl::match(const SearchPlan& plan, const SearchRequest& request) {
  Xapian::Enquire enquire(db);
  enquire.set_query(plan.query);
  enquire.set_weighting_scheme(weighting(options));
  switch (plan.order) {
    case SearchPlan::Order::kNewest:
      enquire.set_sort_by_value(schema::kYearOrderSlot, false);
      break;
    case SearchPlan::Order::kYearThenScore:
      enquire.set_sort_by_value_then_relevance(schema::kYearSortSlot, true);
      break;
    case SearchPlan::Order::kScore:
      break;
  }
  // Xapian counts in 32 bits; no page holds more than every record anyway.
  const std::size_t records = db.get_doccount();
  const Xapian::doccount check = checked_matches(plan, db, *analyzer);
  const PageSpan span{std::min(request.offset, records), std::min(request.limit, records), check};
  if (plan.by_score()) return score_page(enquire, plan, span, db, *analyzer, options);
  return ranked_page(enquire, span.offset, span.limit, false, span.check);
}

// The exact total and the facets. Feedback only reorders the same matches,
// so what the page's match counted holds for plan.query alone.
void Searcher::Impl::count(const SearchPlan& plan, const Page& page, SearchResult& result) {
  const Xapian::MSet& mset = page.mset;
  switch (plan.total) {
    case SearchPlan::Total::kCountingPass:
      result.total = count_matches(plan.query, plan.unselected, result.facets);
      break;
    case SearchPlan::Total::kPage:
      result.total = mset.get_matches_estimated();
      break;
    case SearchPlan::Total::kPageIfExact:
      result.total = mset.get_matches_lower_bound() == mset.get_matches_upper_bound()
                         ? mset.get_matches_estimated()
                         : count_matches(plan.query, {}, result.facets);
      break;
  }
  for (const std::string& facet : plan.selected) {
    const Xapian::Query others = filter_query(plan.filters, *analyzer, facet);
    count_matches(filtered(plan.base, others), {facet}, result.facets);
  }
}

// The page's records, ranked from offset + 1, with snippets if asked for.
std::vector<Hit> Searcher::Impl::materialise(const SearchPlan& plan, const Page& page,
                                             const SearchRequest& request) const {
  std::vector<Hit> hits;
  for (const Xapian::MSetIterator& item : page.items) {
    Hit hit;
    hit.score = item.get_weight();
    hit.record = deserialize_record(item.get_document().get_data());
    hits.push_back(std::move(hit));
  }
  if (plan.by_score()) order_ties_by_id(page, hits);
  Highlight highlight;
  for (const std::string& term : plan.parsed.highlight_terms) {
    highlight.add(term, analyzer->stem(term));
  }
  const SnippetStyle style{request.highlight_begin, request.highlight_end,
                           request.snippet_length};
  std::size_t rank = page.offset;
  for (Hit& hit : hits) {
    hit.rank = ++rank;
    if (request.snippets) {
      hit.snippet = make_snippet(hit.record.abstract, highlight, *analyzer, style);
    }
  }
  return hits;
}

template <typename F>
auto Searcher::Impl::guarded(const char* what, F&& f) -> decltype(f()) {
  refresh();
  // This call's hold on the columns of the state it searches (see columns).
  struct Release {
    std::shared_ptr<ShardColumns>& columns;
    ~Release() { columns.reset(); }
  } release{columns};
  for (int attempt = 1;; ++attempt) {
    try {
      columns = shards.empty() ? nullptr : shared->columns_for(shards);
      return f();
    } catch (const Xapian::Error& e) {
      // DatabaseModifiedError: a writer moved on while we read; Xapian's
      // answer is to reopen and retry. Any other error may come from a
      // generation a rebuild just removed: open the live one and retry.
      if (attempt == kAttempts) throw_index_error(what, path, e);
      opened = e.get_type() == std::string("DatabaseModifiedError");
      refresh();
    }
  }
}

SearchResult Searcher::Impl::run(const SearchRequest& request) {
  check_facet_prefixes(request.facet_prefix);
  SearchResult result = run_plan(plan(request), request);
  if (request.suggest) result.suggestion = suggestion_for(request);
  return result;
}

SearchResult Searcher::Impl::run_plan(const SearchPlan& searched, const SearchRequest& request) {
  const Page page = match(searched, request);
  SearchResult result;
  result.notes = searched.notes;
  count(searched, page, result);
  keep_matching_values(result.facets, request.facet_prefix, *analyzer);
  result.hits = materialise(searched, page, request);
  result.notes.insert(result.notes.end(), searched.parsed.notes.begin(),
                      searched.parsed.notes.end());
  return result;
}

// The request's filters and facets, planned as for a search without query
// text, then ranked by the record's words (similar.h).
SearchResult Searcher::Impl::similar(const std::string& id, const SearchRequest& request) {
  check_facet_prefixes(request.facet_prefix);
  const Xapian::docid did = docid_of(id);
  SearchRequest unworded = request;
  unworded.query.clear();
  SearchPlan searched = plan(unworded);
  rank_by(searched, similar_query(db, did, id, options, analyzer->language()), request.sort,
          *analyzer);
  return run_plan(searched, unworded);
}

Explanation Searcher::Impl::explain(const std::string& id, const SearchRequest& request) const {
  const Xapian::docid did = docid_of(id);
  return explain_score(db, plan(request), did, id, *analyzer, options);
}

Xapian::docid Searcher::Impl::docid_of(const std::string& id) const {
  const std::string term = schema::kIdPrefix + id;
  const Xapian::PostingIterator it = db.postlist_begin(term);
  if (it == db.postlist_end(term)) throw RecordNotFoundError("no record with id '" + id + "'");
  return *it;
}

// Did you mean (spelling.h): a correction counts only if, with the
// request's filters, it finds a record.
std::optional<Suggestion> Searcher::Impl::suggestion_for(const SearchRequest& request) const {
  auto finds_records = [&](const std::string& text) {
    SearchRequest corrected = request;
    corrected.query = text;
    Xapian::Enquire enquire(db);
    enquire.set_query(plan(corrected).query);
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    return !enquire.get_mset(0, 1).empty();
  };
  std::vector<QueryWord> words;
  try {
    words = query_words(request.query, *analyzer);
  } catch (const QueryError&) {
    return std::nullopt;  // malformed text (forgiven by the parser) is not corrected
  }
  return suggest(db, *analyzer, request.query, words, finds_records);
}

std::string Searcher::Impl::describe(const std::string& query, bool strict) const {
  const ParsedQuery parsed =
      parse_query(*parser, query, strict, common_word_test(db, options, *analyzer), nullptr);
  std::string out = parsed.matches_nothing ? std::string("(no records)")
                     : parsed.query.empty() ? std::string("(all records)")
                                            : parsed.query.get_description();
  const Xapian::Query filter = filter_query(parsed.filters, *analyzer);
  if (!filter.empty()) out += " FILTER " + filter.get_description();
  return out;
}

namespace {

bool finite_weight(double w) { return w >= 0 && std::isfinite(w); }  // false for NaN

void check_options(const SearcherOptions& options) {
  // NaN fails every comparison, so each test is written to pass only for
  // a number in range; an infinite k1 would make every score NaN.
  if (!finite_weight(options.bm25_k1) || !(options.bm25_b >= 0 && options.bm25_b <= 1)) {
    throw Error("BM25 parameters out of range: k1 must be finite and >= 0, b within 0..1");
  }
  if (!(options.common_word_fraction >= 0 && options.common_word_fraction <= 1)) {
    throw Error("common_word_fraction out of range: it must be within 0..1");
  }
  if (!(options.feedback_weight >= 0 && options.feedback_weight <= 1)) {
    throw Error("feedback_weight out of range: it must be within 0..1");
  }
  if (!finite_weight(options.proximity_weight) || options.proximity_window < 2) {
    throw Error("proximity out of range: proximity_weight must be a finite number >= 0 and "
                "proximity_window at least 2");
  }
  const FieldWeights& fields = options.field_weights;
  if (!finite_weight(fields.title) || !finite_weight(fields.abstract) ||
      !finite_weight(fields.author)) {
    throw Error("field_weights out of range: each must be a finite number >= 0");
  }
}

}  // namespace

Searcher Searcher::open(const std::string& path, const SearcherOptions& options) {
  return open_shared(path, options, std::make_shared<Shared>());
}

Searcher Searcher::open_shared(const std::string& path, const SearcherOptions& options,
                               std::shared_ptr<Shared> shared) {
  check_options(options);
  auto impl = std::make_unique<Impl>();
  impl->path = path;
  impl->options = options;
  impl->shared = std::move(shared);
  impl->refresh();
  return Searcher(std::move(impl));
}

Searcher::Searcher(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Searcher::Searcher(Searcher&&) noexcept = default;
Searcher& Searcher::operator=(Searcher&&) noexcept = default;
Searcher::~Searcher() = default;

SearchResult Searcher::search(const SearchRequest& request) {
  return impl_->guarded("search", [&] { return impl_->run(request); });
}

Explanation Searcher::explain(const std::string& id, const SearchRequest& request) {
  return impl_->guarded("search", [&] { return impl_->explain(id, request); });
}

SearchResult Searcher::similar(const std::string& id, const SearchRequest& request) {
  return impl_->guarded("search", [&] { return impl_->similar(id, request); });
}

std::optional<Record> Searcher::record(const std::string& id) {
  impl_->refresh();
  return with_index_errors("read", impl_->path, [&]() -> std::optional<Record> {
    const std::string term = schema::kIdPrefix + id;
    const Xapian::PostingIterator it = impl_->db.postlist_begin(term);
    if (it == impl_->db.postlist_end(term)) return std::nullopt;
    return deserialize_record(impl_->db.get_document(*it).get_data());
  });
}

void Searcher::reopen() { impl_->refresh(); }

std::size_t Searcher::document_count() const {
  return impl_->guarded("read", [&]() -> std::size_t { return impl_->db.get_doccount(); });
}

std::string Searcher::describe_query(const std::string& query, bool strict) const {
  return impl_->guarded("read", [&] { return impl_->describe(query, strict); });
}

std::vector<Completion> Searcher::complete(const std::string& prefix, const std::string& field,
                                          std::size_t limit) const {
  return impl_->guarded("read", [&] {
    // The cache names a state by UUID and revision: a single local database.
    CompletionCache* cache = impl_->shards.size() == 1 ? &impl_->shared->completions() : nullptr;
    return trove::complete(impl_->db, *impl_->analyzer, prefix, field, limit, cache);
  });
}

}  // namespace trove
