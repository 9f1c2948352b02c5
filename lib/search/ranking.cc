#include "search/ranking.h"

#include <optional>
#include <utility>

#include "search/field_weights.h"
#include "search/proximity.h"
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

// Each bonus is joined by an AND_MAYBE of its own: see proximity.h for why
// they are not OR'ed under one.
Xapian::Query ranked_query(const SearchPlan& plan, const Analyzer& analyzer,
                           const SearcherOptions& options) {
  const std::vector<std::string> stems = ranked_stems(plan, analyzer, options);
  std::vector<Xapian::Query> bonuses;
  // A phrase checks positions already; a proximity bonus would check them
  // again for little gain.
  if (!has_positional(plan.base)) bonuses = proximity_bonuses(stems, options);
  Xapian::Query fields = field_bonus(stems, options.field_weights);
  if (!fields.empty()) bonuses.push_back(fields);
  Xapian::Query ranked = plan.query;
  for (const Xapian::Query& bonus : bonuses) {
    ranked = Xapian::Query(Xapian::Query::OP_AND_MAYBE, ranked, bonus);
  }
  return ranked;
}

Page score_page(Xapian::Enquire& enquire, const SearchPlan& plan, const PageSpan& span,
                const Xapian::Database& db, const Analyzer& analyzer,
                const SearcherOptions& options) {
  const Xapian::Query ranked = ranked_query(plan, analyzer, options);
  enquire.set_query(ranked);
  const std::size_t words = ranked_stems(plan, analyzer, options).size();
  if (std::optional<Page> page =
          feedback_page(enquire, ranked, words, span, db, options, analyzer.language())) {
    return std::move(*page);
  }
  enquire.set_query(ranked);
  return ranked_page(enquire, span.offset, span.limit, true, span.check);
}

}  // namespace trove
