// Explain (Searcher::explain): how a record's score for a request is made.
// The score is what Xapian sums over the leaves of the query a search ranks
// by; each weighted part of that query (a word, a thesaurus group, a
// phrase, a proximity pair, a feedback word) is weighed again on its own,
// by Xapian itself with the same weighting scheme and the same factor,
// restricted to the record. So the parts add up to the score search()
// reports, whatever BM25's details, and no formula is written twice.
#ifndef TROVE_LIB_SEARCH_EXPLAIN_H_
#define TROVE_LIB_SEARCH_EXPLAIN_H_

#include <string>

#include <xapian.h>

#include "search/search_plan.h"
#include "trove/analyzer.h"
#include "trove/searcher.h"

namespace trove {

// Explains the score of record `id` (document `did` of `db`) under `plan`,
// ranked as Searcher::search() ranks it with `options`.
Explanation explain_score(const Xapian::Database& db, const SearchPlan& plan, Xapian::docid did,
                          const std::string& id, const Analyzer& analyzer,
                          const SearcherOptions& options);

}  // namespace trove

#endif  // TROVE_LIB_SEARCH_EXPLAIN_H_
