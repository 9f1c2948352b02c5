// Pseudo-relevance feedback (SearcherOptions::feedback_*): the words that
// best characterise a query's top hits, added to the query so that they can
// raise a match's score but match nothing new.
#ifndef TROVE_LIB_SEARCH_FEEDBACK_H_
#define TROVE_LIB_SEARCH_FEEDBACK_H_

#include <string>

#include <xapian.h>

#include "trove/searcher.h"

namespace trove {

// `query` AND_MAYBE the words feedback picks from the top
// options.feedback_records hits of `enquire` (whose query is `query`), each
// weighted by its share of the best word's expansion weight, all scaled by
// options.feedback_weight. `query` itself when feedback is off or finds
// nothing. `language` is the index's, for its function words.
Xapian::Query with_feedback(Xapian::Enquire& enquire, const Xapian::Query& query,
                            const Xapian::Database& db, const SearcherOptions& options,
                            const std::string& language);

}  // namespace trove

#endif  // TROVE_LIB_SEARCH_FEEDBACK_H_
