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

// The words `plan` ranks by: its positive terms that are not function
// words (when options.stopwords is on), stemmed, in query order.
std::vector<std::string> ranked_stems(const SearchPlan& plan, const Analyzer& analyzer,
                                      const SearcherOptions& options);

// plan.query with the field weights' bonus; plan.query itself when every
// field weight is 0.
Xapian::Query ranked_query(const SearchPlan& plan, const Analyzer& analyzer,
                           const SearcherOptions& options);

// The page `span` of a search ranked by score: `enquire`'s match of
// ranked_query(), through the rerank stage (rerank.h).
Page score_page(Xapian::Enquire& enquire, const SearchPlan& plan, const PageSpan& span,
                const Xapian::Database& db, const Analyzer& analyzer,
                const SearcherOptions& options);

}  // namespace trove

#endif  // TROVE_LIB_SEARCH_RANKING_H_
