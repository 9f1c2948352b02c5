// Exact facet counts over every matching record, for multi-valued fields.
//
// Each facet slot holds all of a record's values in one string
// (schema::encode_values). Xapian's built-in ValueCountMatchSpy counts those
// strings (value combinations); splitting each combination and adding its
// count to each of its values gives exact per-value counts, since a record
// contributes its one combination once. Being Xapian's own spy, it also
// runs inside remote shards (xapian-tcpsrv) and merges across shards.
#ifndef TROVE_LIB_SEARCH_FACETS_H_
#define TROVE_LIB_SEARCH_FACETS_H_

#include <map>
#include <string>
#include <vector>

#include <xapian.h>

#include "trove/searcher.h"

namespace trove {

// Per-value counts from counts of encoded value combinations: values by
// descending count, then ascending value. Exact only when the match visited
// every matching document (checkatleast >= database size).
std::vector<FacetCount> facet_counts(const std::map<std::string, std::size_t>& combinations);

// The combination counts of Xapian's spy.
std::map<std::string, std::size_t> combination_counts(const Xapian::ValueCountMatchSpy& spy);

}  // namespace trove

#endif  // TROVE_LIB_SEARCH_FACETS_H_
