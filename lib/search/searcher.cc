#include "trove/searcher.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string_view>

#include "index/document_builder.h"
#include "index/generations.h"
#include "index/schema.h"
#include "search/facet_columns.h"
#include "search/facets.h"
#include "search/query_parser.h"
#include "search/query_repair.h"
#include "search/snippets.h"
#include "search/stopwords.h"
#include "trove/analyzer.h"
#include "trove/error.h"
#include "xapian_errors.h"

namespace trove {
namespace {

// Tries at opening, or at searching, before a Xapian error is reported.
constexpr int kAttempts = 3;

struct StubStamp {
  ino_t inode = 0;
  long long mtime_ns = 0;
  bool operator==(const StubStamp& o) const { return inode == o.inode && mtime_ns == o.mtime_ns; }
};

StubStamp stamp_of(const std::string& stub) {
  struct stat st;
  if (::stat(stub.c_str(), &st) != 0) return {};
  return {st.st_ino, static_cast<long long>(st.st_mtim.tv_sec) * 1000000000LL + st.st_mtim.tv_nsec};
}

bool has_filter_on(const std::vector<Filter>& filters, const std::string& field) {
  return std::any_of(filters.begin(), filters.end(),
                     [&](const Filter& f) { return f.field == field; });
}

void check_facets(const std::vector<std::string>& facets) {
  for (const std::string& name : facets) {
    if (!schema::find_facet(name)) {
      throw QueryError("unknown facet '" + name +
                       "'; use country, region, year, topic or category");
    }
  }
}

// Whether every database the stub names is a local directory. Xapian's stub
// lines are "auto PATH" (or a backend name and PATH) for local databases and
// "remote ..." for remote ones; an "auto" line naming a file may be a further
// stub, which is not looked into and counts as not local.
bool all_local(const std::string& stub) {
  namespace fs = std::filesystem;
  std::ifstream in(stub);
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream words(line);
    std::string kind, target;
    words >> kind;
    if (kind.empty() || kind[0] == '#') continue;
    if (kind != "auto" && kind != "glass" && kind != "chert" && kind != "honey") return false;
    std::getline(words >> std::ws, target);
    const fs::path path = fs::path(stub).parent_path() / target;
    std::error_code ec;
    if (!fs::is_directory(path, ec)) return false;
  }
  return true;
}

// Whether `query` checks positions (a phrase), which makes matching a
// record costly enough not to do it twice.
bool has_positional(const Xapian::Query& query) {
  const Xapian::Query::op op = query.get_type();
  if (op == Xapian::Query::OP_PHRASE || op == Xapian::Query::OP_NEAR) return true;
  for (std::size_t i = 0; i < query.get_num_subqueries(); ++i) {
    if (has_positional(query.get_subquery(i))) return true;
  }
  return false;
}

// One page of a match, as mset items first .. first + limit - 1.
struct Page {
  Xapian::MSet mset;
  std::size_t first = 0;
  bool ids_break_ties = false;  // Xapian itself ordered equal scores by id
};

// The page at `offset`. Xapian orders equal scores by document number, which
// differs between a sharded and an unsharded index; ordering them by id
// within the page is enough unless two records of equal score straddle an
// edge of the page, so a page ranked by score is fetched with one record
// more on either side to see that. In that (rare) case the match is rerun
// with Xapian breaking ties by the id value, which reads a value for every
// candidate and is why it is not done always.
Page ranked_page(Xapian::Enquire& enquire, std::size_t offset, std::size_t limit, bool by_score,
                 Xapian::doccount check) {
  Page page;
  if (!by_score || limit == 0) {
    page.mset = enquire.get_mset(offset, limit, check);
    return page;
  }
  page.first = offset > 0 ? 1 : 0;
  page.mset = enquire.get_mset(offset - page.first, limit + page.first + 1, check);
  const Xapian::MSet& m = page.mset;
  auto tie = [&](std::size_t i) {  // items i and i + 1 have equal scores
    return i + 1 < m.size() && m[static_cast<Xapian::doccount>(i)].get_weight() ==
                                   m[static_cast<Xapian::doccount>(i + 1)].get_weight();
  };
  if ((page.first && tie(0)) || tie(page.first + limit - 1)) {
    enquire.set_sort_by_relevance_then_value(schema::kIdSlot, false);
    page.mset = enquire.get_mset(offset, limit, check);
    page.first = 0;
    page.ids_break_ties = true;
  }
  return page;
}

// Whether `term` (kStemPrefix + stem) is in more than
// SearcherOptions::common_word_fraction of the records.
bool too_frequent(const Xapian::Database& db, const SearcherOptions& options,
                  const std::string& term) {
  return options.common_word_fraction < 1 &&
         db.get_termfreq(term) > options.common_word_fraction * db.get_doccount();
}

Xapian::Query filtered(const Xapian::Query& base, const Xapian::Query& filter) {
  return filter.empty() ? base : Xapian::Query(Xapian::Query::OP_FILTER, base, filter);
}

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
  // Facets are counted from in-memory columns for a single local database,
  // else by Xapian's ValueCountMatchSpy (which remote shards run themselves).
  bool local = false;
  FacetColumns columns;

  void open_database();
  void refresh();
  SearchResult run(const SearchRequest& request);
  // SearcherOptions::common_word_fraction and stopwords as a test for the
  // parser; nullptr when both are off.
  CommonWordTest common_word_test() const;
  // `query` AND_MAYBE the words SearcherOptions::feedback_* picks from its
  // top hits; `query` itself when feedback is off or finds nothing.
  Xapian::Query with_feedback(Xapian::Enquire& enquire, const Xapian::Query& query) const;
  // Runs `query` over every match, without ranking: returns the exact
  // number of matches and sets out[f] to the counts of each facet f.
  std::size_t count(const Xapian::Query& query, const std::vector<std::string>& facets,
                    std::map<std::string, std::vector<FacetCount>>& out);
};

// Opens the generation the stub names now. Throws IndexError for a path
// that holds no index; lets Xapian::Error through for refresh() to retry.
void Searcher::Impl::open_database() {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) {
    throw IndexError("cannot open index '" + path + "': no such directory; create it with trove-index");
  }
  // A directory is a trove index with its stub inside; a file is a stub
  // (perhaps hand-written, listing local and remote shards).
  stub = S_ISDIR(st.st_mode) ? generations::stub_path(path) : path;
  if (::access(stub.c_str(), F_OK) != 0) {
    throw IndexError("cannot open index '" + path +
                     "': not a trove index (no " + stub + "); create it with trove-index");
  }
  opened = false;
  columns.clear();
  stub_stamp = stamp_of(stub);
  db = Xapian::Database(path);
  // A spy sees shard-local document numbers, not which shard a match came
  // from: columns serve one shard; several shards count with Xapian's spy.
  local = db.size() == 1 && all_local(stub);
  std::string language = db.get_metadata(schema::kLanguageKey);
  if (language.empty()) language = "english";
  if (!analyzer || analyzer->language() != language) {
    parser.reset();
    analyzer.emplace(AnalyzerOptions{language});
    parser.emplace(*analyzer);
  }
  opened = true;
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
        if (db.reopen()) columns.clear();  // picks up commits to the same generation
      }
      return;
    } catch (const Xapian::Error& e) {
      if (attempt == kAttempts) throw index_error(opened ? "reopen" : "open", path, e);
      opened = false;
    }
  }
}

std::size_t Searcher::Impl::count(const Xapian::Query& query,
                                  const std::vector<std::string>& facets,
                                  std::map<std::string, std::vector<FacetCount>>& out) {
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  if (local) {
    std::vector<std::unique_ptr<ColumnCountSpy>> spies;
    for (const std::string& facet : facets) {
      const FacetColumn& column = columns.get(db, schema::find_facet(facet)->slot);
      spies.push_back(std::make_unique<ColumnCountSpy>(column));
      enquire.add_matchspy(spies.back().get());
    }
    const Xapian::MSet mset = enquire.get_mset(0, 0, db.get_doccount());
    if (std::none_of(spies.begin(), spies.end(), [](const auto& spy) { return spy->stale(); })) {
      for (std::size_t i = 0; i < facets.size(); ++i) {
        out[facets[i]] = facet_counts(spies[i]->combination_counts());
      }
      return mset.get_matches_estimated();
    }
    // The index changed under the columns: count the slow way below.
    columns.clear();
    enquire.clear_matchspies();
  }
  std::vector<std::unique_ptr<Xapian::ValueCountMatchSpy>> spies;
  for (const std::string& facet : facets) {
    spies.push_back(std::make_unique<Xapian::ValueCountMatchSpy>(schema::find_facet(facet)->slot));
    enquire.add_matchspy(spies.back().get());
  }
  // No hits: only then do spies count each document exactly once when local
  // and remote shards are mixed (Xapian 1.4 also shows the remote shards'
  // top hits to the local spies).
  const Xapian::MSet mset = enquire.get_mset(0, 0, db.get_doccount());
  for (std::size_t i = 0; i < facets.size(); ++i) {
    out[facets[i]] = facet_counts(combination_counts(*spies[i]));
  }
  return mset.get_matches_estimated();
}

CommonWordTest Searcher::Impl::common_word_test() const {
  if (options.common_word_fraction >= 1 && !options.stopwords) return nullptr;
  return [this](const std::string& term, const std::string& stem) {
    if (options.stopwords && is_stopword(analyzer->language(), term)) return true;
    return too_frequent(db, options, schema::kStemPrefix + stem);
  };
}

namespace {

// Expansion terms for feedback: words of all text (kStemPrefix + stem, not
// a field's copy) that are not function words or too common.
class FeedbackDecider : public Xapian::ExpandDecider {
 public:
  FeedbackDecider(const Xapian::Database& db, const SearcherOptions& options,
                  const std::string& language)
      : db_(db), options_(options), language_(language) {}
  bool operator()(const std::string& term) const override {
    const std::size_t prefix = sizeof(schema::kStemPrefix) - 1;
    if (term.size() <= prefix || term.compare(0, prefix, schema::kStemPrefix) != 0) return false;
    const char first = term[prefix];
    if (first >= 'A' && first <= 'Z') return false;  // a field's copy
    if (options_.stopwords && is_stopword(language_, std::string_view(term).substr(prefix))) {
      return false;
    }
    return !too_frequent(db_, options_, term);
  }

 private:
  const Xapian::Database& db_;
  const SearcherOptions& options_;
  const std::string& language_;
};

}  // namespace

Xapian::Query Searcher::Impl::with_feedback(Xapian::Enquire& enquire,
                                            const Xapian::Query& query) const {
  if (options.feedback_records == 0 || options.feedback_terms == 0 ||
      options.feedback_weight == 0) {
    return query;
  }
  const Xapian::MSet top = enquire.get_mset(0, options.feedback_records);
  if (top.empty()) return query;
  Xapian::RSet rset;
  for (Xapian::MSetIterator it = top.begin(); it != top.end(); ++it) rset.add_document(*it);
  const FeedbackDecider decider(db, options, analyzer->language());
  const Xapian::ESet eset =
      enquire.get_eset(static_cast<Xapian::termcount>(options.feedback_terms), rset, &decider);
  if (eset.empty()) return query;
  // Each word weighted by its share of the best word's expansion weight.
  const double best = eset.begin().get_weight();
  std::vector<Xapian::Query> terms;
  for (Xapian::ESetIterator it = eset.begin(); it != eset.end(); ++it) {
    terms.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(*it),
                       it.get_weight() / best);
  }
  const Xapian::Query added(Xapian::Query::OP_SCALE_WEIGHT,
                            Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end()),
                            options.feedback_weight);
  return Xapian::Query(Xapian::Query::OP_AND_MAYBE, query, added);
}

SearchResult Searcher::Impl::run(const SearchRequest& request) {
  check_facets(request.facets);
  std::vector<std::string> notes;
  ParsedQuery parsed =
      parse_query(*parser, request.query, request.strict, common_word_test(), &notes);
  std::vector<Filter> filters = request.filters;
  filters.insert(filters.end(), parsed.filters.begin(), parsed.filters.end());

  const bool ranked = !parsed.query.empty();
  const Xapian::Query base = ranked ? parsed.query : match_all();
  const Xapian::Query query = filtered(base, filter_query(filters, *analyzer));

  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  enquire.set_weighting_scheme(Xapian::BM25Weight(options.bm25_k1, 0, 1, options.bm25_b, 0.5));
  // Equal scores are ordered by id, so hits come in the same order however
  // the index is sharded (Xapian alone would order them by document number).
  // Only ranked results sorted by year, whose year and score both tie, keep
  // Xapian's order.
  const bool by_score = ranked && request.sort == SortOrder::kRelevance;
  if (!ranked) {
    enquire.set_sort_by_value(schema::kYearOrderSlot, false);
  } else if (!by_score) {
    enquire.set_sort_by_value_then_relevance(schema::kYearSortSlot, true);
  } else {
    // Feedback only reorders the same matches, so the total and the facets
    // below are counted with `query` alone.
    enquire.set_query(with_feedback(enquire, query));
  }
  // The exact total and the facets. Ranking by score can stop early, once
  // Xapian knows no other record can enter the page; a second, unranked
  // match over every matching record (no document lengths read) then counts
  // them, and the facets, for less than ranking them all would cost. Xapian
  // knows some totals exactly without it (one word, no filters). Phrase
  // queries, whose position checks would be paid twice, and orders that
  // visit every match anyway, rank and count all matches in one pass.
  // Facets are counted by the unranked match; a facet with a selected value
  // is counted without that selection (multi-select).
  SearchResult result;
  result.notes = std::move(notes);
  std::vector<std::string> unselected;
  for (const std::string& facet : request.facets) {
    if (!has_filter_on(filters, facet)) unselected.push_back(facet);
  }
  const bool one_pass = !by_score || has_positional(base);
  const Xapian::doccount check = one_pass && unselected.empty() ? db.get_doccount() : 0;
  // Xapian counts in 32 bits; no page holds more than every record anyway.
  const std::size_t records = db.get_doccount();
  const std::size_t offset = std::min(request.offset, records);
  const std::size_t limit = std::min(request.limit, records);
  const Page page = ranked_page(enquire, offset, limit, by_score, check);
  const Xapian::MSet& mset = page.mset;
  if (!unselected.empty()) {
    result.total = count(query, unselected, result.facets);
  } else if (check || mset.get_matches_lower_bound() == mset.get_matches_upper_bound()) {
    result.total = mset.get_matches_estimated();
  } else {
    result.total = count(query, {}, result.facets);
  }
  for (const std::string& facet : request.facets) {
    if (!has_filter_on(filters, facet)) continue;
    count(filtered(base, filter_query(filters, *analyzer, facet)), {facet}, result.facets);
  }
  Highlight highlight;
  for (const std::string& term : parsed.highlight_terms) {
    highlight.add(term, analyzer->stem(term));
  }
  for (std::size_t i = page.first; i < page.first + limit && i < mset.size(); ++i) {
    const Xapian::MSetIterator item = mset[static_cast<Xapian::doccount>(i)];
    Hit hit;
    hit.score = item.get_weight();
    hit.record = deserialize_record(item.get_document().get_data());
    result.hits.push_back(std::move(hit));
  }
  if (by_score && !page.ids_break_ties) {
    std::stable_sort(result.hits.begin(), result.hits.end(), [](const Hit& a, const Hit& b) {
      return a.score != b.score ? a.score > b.score : a.record.id < b.record.id;
    });
  }
  std::size_t rank = offset;
  for (Hit& hit : result.hits) {
    hit.rank = ++rank;
    if (!request.snippets) continue;
    hit.snippet = make_snippet(hit.record.abstract, highlight, *analyzer,
                               {request.highlight_begin, request.highlight_end,
                                request.snippet_length});
  }
  return result;
}

Searcher Searcher::open(const std::string& path, const SearcherOptions& options) {
  if (!(options.bm25_k1 >= 0) || !(options.bm25_b >= 0 && options.bm25_b <= 1)) {
    throw Error("BM25 parameters out of range: k1 must be >= 0 and b within 0..1");
  }
  if (!(options.common_word_fraction >= 0 && options.common_word_fraction <= 1)) {
    throw Error("common_word_fraction out of range: it must be within 0..1");
  }
  if (!(options.feedback_weight >= 0 && options.feedback_weight <= 1)) {
    throw Error("feedback_weight out of range: it must be within 0..1");
  }
  auto impl = std::make_unique<Impl>();
  impl->path = path;
  impl->options = options;
  impl->refresh();
  return Searcher(std::move(impl));
}

Searcher::Searcher(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Searcher::Searcher(Searcher&&) noexcept = default;
Searcher& Searcher::operator=(Searcher&&) noexcept = default;
Searcher::~Searcher() = default;

SearchResult Searcher::search(const SearchRequest& request) {
  impl_->refresh();
  for (int attempt = 1;; ++attempt) {
    try {
      return impl_->run(request);
    } catch (const Xapian::Error& e) {
      // DatabaseModifiedError: a writer moved on while we read; Xapian's
      // answer is to reopen and retry. Any other error may come from a
      // generation a rebuild just removed: open the live one and retry.
      if (attempt == kAttempts) throw index_error("search", impl_->path, e);
      impl_->opened = e.get_type() == std::string("DatabaseModifiedError");
      impl_->refresh();
    }
  }
}

void Searcher::reopen() { impl_->refresh(); }

std::size_t Searcher::document_count() const {
  return with_index_errors("read", impl_->path, [&] { return impl_->db.get_doccount(); });
}

std::string Searcher::describe_query(const std::string& query, bool strict) const {
  ParsedQuery parsed =
      parse_query(*impl_->parser, query, strict, impl_->common_word_test(), nullptr);
  std::string out = parsed.query.empty() ? std::string("(all records)")
                                         : parsed.query.get_description();
  const Xapian::Query filter = filter_query(parsed.filters, *impl_->analyzer);
  if (!filter.empty()) out += " FILTER " + filter.get_description();
  return out;
}

}  // namespace trove
