// The counting pass: a match over every matching record, without ranking
// (no document lengths read), for the exact total and exact facet counts.
#ifndef TROVE_LIB_SEARCH_MATCH_COUNT_H_
#define TROVE_LIB_SEARCH_MATCH_COUNT_H_

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include <xapian.h>

#include "search/facet_columns.h"
#include "trove/searcher.h"

namespace trove {

// Runs `query` over every match of `db`: returns the exact number of
// matches and sets out[f] to the counts of each facet f of `facets` (names
// the schema knows). `columns` is the database's facet columns when it is
// a single local database, else nullptr (Xapian's spy counts then).
std::size_t count_matches(const Xapian::Database& db, FacetColumns* columns,
                          const Xapian::Query& query, const std::vector<std::string>& facets,
                          std::map<std::string, std::vector<FacetCount>>& out);

}  // namespace trove

#endif  // TROVE_LIB_SEARCH_MATCH_COUNT_H_
