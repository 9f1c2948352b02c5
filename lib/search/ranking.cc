#include "search/ranking.h"

#include <optional>
#include <utility>

#include "search/field_weights.h"
#include "search/stopwords.h"

namespace trove {

Xapian::BM25Weight weighting(const SearcherOptions& options) {
  return Xapian::BM25Weight(options.bm25_k1, 0, 1, options.bm25_b, 0.5);
}

std::vector<std::string> ranked_stems(const std::vector<std::string>& terms,
                                      const Analyzer& analyzer, const SearcherOptions& options) {
  std::vector<std::string> stems;
  for (const std::string& term : terms) {
    if (options.stopwords && is_stopword(analyzer.language(), term)) continue;
    stems.push_back(analyzer.stem(term));
  }
  return stems;
}

RankedQuery ranked_query(const SearchPlan& plan, const Analyzer& analyzer,
                         const SearcherOptions& options) {
  RankedQuery q;
  q.base = plan.query;
  q.stems = ranked_stems(plan.parsed.highlight_terms, analyzer, options);
  for (const std::vector<std::string>& word : plan.parsed.ranked_words) {
    if (options.stopwords && is_stopword(analyzer.language(), word.front())) continue;
    std::vector<std::string> stems;
    for (const std::string& term : word) stems.push_back(analyzer.stem(term));
    q.words.push_back(std::move(stems));
  }
  q.positional = has_positional(plan.base);
  q.fields = field_bonuses(q.stems, options.field_weights);
  const Xapian::Query fields = field_bonus(q.fields);
  q.ranked = fields.empty() ? plan.query
                            : Xapian::Query(Xapian::Query::OP_AND_MAYBE, plan.query, fields);
  return q;
}

Page score_page(Xapian::Enquire& enquire, const SearchPlan& plan, const PageSpan& span,
                const Xapian::Database& db, const Analyzer& analyzer,
                const SearcherOptions& options) {
  const RankedQuery q = ranked_query(plan, analyzer, options);
  enquire.set_query(q.ranked);
  if (std::optional<Page> page = reranked_page(enquire, q, span, db, options, analyzer.language())) {
    return std::move(*page);
  }
  enquire.set_query(q.ranked);
  return ranked_page(enquire, span.offset, span.limit, true, span.check);
}

}  // namespace trove
