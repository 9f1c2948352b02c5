// Pseudo-relevance feedback (SearcherOptions::feedback_*): the words that
// best characterise a query's top hits, added to the query so that they can
// raise a match's score but match nothing new. The second run only
// reranks the first run's first matches, which keeps it cheap, and is only
// done for queries of several words, whose first hits can be trusted.
#ifndef TROVE_LIB_SEARCH_FEEDBACK_H_
#define TROVE_LIB_SEARCH_FEEDBACK_H_

#include <cstddef>
#include <optional>
#include <string>

#include <xapian.h>

#include "search/ranked_page.h"
#include "trove/searcher.h"

namespace trove {

// Records a feedback run reorders: the first kFeedbackDepth matches of the
// query. Records after them keep their order, so pages deeper than this
// read the same single run as without feedback, and every page of one
// query agrees with the others.
inline constexpr std::size_t kFeedbackDepth = 50;

// What a page is asked for: hits offset .. offset + limit - 1 of a match
// that visits at least `check` matches (Xapian's checkatleast).
struct PageSpan {
  std::size_t offset = 0;
  std::size_t limit = 0;
  Xapian::doccount check = 0;
};

// The page `span` of `enquire`'s match (whose query is `ranked`, ranked by
// score), with feedback: the words that best characterise the first
// options.feedback_records hits are added to `ranked` and the first
// kFeedbackDepth matches reranked by it. The added words share a total
// weight of options.feedback_weight times `query_words` (the query's
// ranked words, each of weight 1), in proportion to their expansion
// weights. nullopt when feedback is off, the query has fewer than
// options.feedback_min_words words, or feedback finds no word; the caller
// then takes the page of `ranked` alone. `language` is the index's, for
// its function words. Leaves `enquire` with another query.
std::optional<Page> feedback_page(Xapian::Enquire& enquire, const Xapian::Query& ranked,
                                  std::size_t query_words, const PageSpan& span,
                                  const Xapian::Database& db, const SearcherOptions& options,
                                  const std::string& language);

}  // namespace trove

#endif  // TROVE_LIB_SEARCH_FEEDBACK_H_
