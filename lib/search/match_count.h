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
// the schema knows). When every database of `db` is local, `shards` is
// them, each open on its own and added to `db` in the stub's order, and
// `columns` their facet columns: each shard's matches are then counted by a
// match of its own from its own columns (a spy over `db` sees shard-local
// document numbers without the shard), and the counts summed. Else
// `columns` is nullptr and Xapian's spy counts, over `db`.
std::size_t count_matches(const Xapian::Database& db, const std::vector<Xapian::Database>& shards,
                          const ShardColumns* columns, const Xapian::Query& query,
                          const std::vector<std::string>& facets,
                          std::map<std::string, std::vector<FacetCount>>& out);

}  // namespace trove

#endif  // TROVE_LIB_SEARCH_MATCH_COUNT_H_
