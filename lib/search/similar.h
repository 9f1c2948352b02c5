// More like this (Searcher::similar): the records most like a given one,
// found by its most characteristic words. Xapian's query expansion, given
// the record alone as the relevant set, weighs each word of the record by
// how much more often it is in the record than in the collection; the
// best of them, ORed, rank the other records by BM25 like any query.
#ifndef TROVE_LIB_SEARCH_SIMILAR_H_
#define TROVE_LIB_SEARCH_SIMILAR_H_

#include <cstddef>
#include <string>

#include <xapian.h>

#include "search/search_plan.h"
#include "trove/analyzer.h"
#include "trove/searcher.h"

namespace trove {

// Words of the record a similar() query ranks by, at most.
inline constexpr std::size_t kSimilarWords = 20;

// The query for records like record `id` (document `did` of `db`): its
// kSimilarWords best words of all text (not a field's copy, not a stopword
// when options.stopwords, not in more than options.common_word_fraction of
// the records, in at least one other record), the record itself excluded. Query() (nothing) for a record
// with no such word.
Xapian::Query similar_query(const Xapian::Database& db, Xapian::docid did, const std::string& id,
                            const SearcherOptions& options, const std::string& language);

// Makes `plan` (planned from a request without query text, so holding its
// filters and facets) rank by `query` in the order `sort` asks for.
void rank_by(SearchPlan& plan, const Xapian::Query& query, SortOrder sort,
             const Analyzer& analyzer);

}  // namespace trove

#endif  // TROVE_LIB_SEARCH_SIMILAR_H_
