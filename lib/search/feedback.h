// Pseudo-relevance feedback (SearcherOptions::feedback_*): the words that
// best characterise a query's top hits, added to the query so that they can
// raise a match's score but match nothing new (see rerank.h, which uses
// them).
#ifndef TROVE_LIB_SEARCH_FEEDBACK_H_
#define TROVE_LIB_SEARCH_FEEDBACK_H_

#include <cstddef>
#include <string>

#include <xapian.h>

#include "trove/searcher.h"

namespace trove {

// The words feedback adds to a query of `query_words` ranked words (each
// of weight 1) whose first run is `top` (a match of `enquire`): the words
// that best characterise its first options.feedback_records records, found
// in at least two of them, that are not function words, sharing a total
// weight of options.feedback_weight times `query_words` in proportion to
// their expansion weights. Query() when feedback is off or finds no word.
// `language` is the index's, for its function words.
Xapian::Query feedback_words(Xapian::Enquire& enquire, const Xapian::MSet& top,
                             std::size_t query_words, const Xapian::Database& db,
                             const SearcherOptions& options, const std::string& language);

}  // namespace trove

#endif  // TROVE_LIB_SEARCH_FEEDBACK_H_
