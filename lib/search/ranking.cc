#include "search/ranking.h"

#include <optional>
#include <utility>

#include "search/field_weights.h"
#include "search/stopwords.h"

namespace trove {

std::vector<std::string> ranked_stems(const SearchPlan& plan, const Analyzer& analyzer,
                                      const SearcherOptions& options) {
  std::vector<std::string> stems;
  for (const std::string& term : plan.parsed.highlight_terms) {
    if (options.stopwords && is_stopword(analyzer.language(), term)) continue;
    stems.push_back(analyzer.stem(term));
  }
  return stems;
}

Xapian::Query ranked_query(const SearchPlan& plan, const Analyzer& analyzer,
                           const SearcherOptions& options) {
  const Xapian::Query fields =
      field_bonus(ranked_stems(plan, analyzer, options), options.field_weights);
  if (fields.empty()) return plan.query;
  return Xapian::Query(Xapian::Query::OP_AND_MAYBE, plan.query, fields);
}

Page score_page(Xapian::Enquire& enquire, const SearchPlan& plan, const PageSpan& span,
                const Xapian::Database& db, const Analyzer& analyzer,
                const SearcherOptions& options) {
  const RankedQuery q{ranked_query(plan, analyzer, options), ranked_stems(plan, analyzer, options),
                      has_positional(plan.base)};
  enquire.set_query(q.ranked);
  if (std::optional<Page> page = reranked_page(enquire, q, span, db, options, analyzer.language())) {
    return std::move(*page);
  }
  enquire.set_query(q.ranked);
  return ranked_page(enquire, span.offset, span.limit, true, span.check);
}

}  // namespace trove
