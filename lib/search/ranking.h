// How a search ranked by score is scored: the plan's query decides what
// matches; the bonuses the SearcherOptions ask for (field weights, and in
// the rerank stage term proximity and pseudo-relevance feedback) only
// reorder those matches, so the total and the facet counts never depend
// on them.
#ifndef TROVE_LIB_SEARCH_RANKING_H_
#define TROVE_LIB_SEARCH_RANKING_H_

#include <string>
#include <vector>

#include <xapian.h>

#include "search/ranked_page.h"
#include "search/rerank.h"
#include "search/search_plan.h"
#include "trove/analyzer.h"
#include "trove/searcher.h"

namespace trove {

// The weighting scheme of a search with `options`: BM25 with its k1 and b.
Xapian::BM25Weight weighting(const SearcherOptions& options);

// The stems of `terms` (a plan's highlight terms) that are not function
// words (when options.stopwords is on), in query order.
std::vector<std::string> ranked_stems(const std::vector<std::string>& terms,
                                      const Analyzer& analyzer, const SearcherOptions& options);

// What a search ranked by score ranks by: plan.query with the field
// weights' bonuses (plan.query itself when every field weight is 0), its
// ranked stems and whether it holds a phrase.
RankedQuery ranked_query(const SearchPlan& plan, const Analyzer& analyzer,
                         const SearcherOptions& options);

// The page `span` of a search ranked by score: `enquire`'s match of
// ranked_query(), through the rerank stage (rerank.h).
Page score_page(Xapian::Enquire& enquire, const SearchPlan& plan, const PageSpan& span,
                const Xapian::Database& db, const Analyzer& analyzer,
                const SearcherOptions& options);

}  // namespace trove

#endif  // TROVE_LIB_SEARCH_RANKING_H_
