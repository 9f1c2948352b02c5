// Term proximity (SearcherOptions::proximity_weight): records where the
// query's words occur close together rank higher. Each pair of consecutive
// query words found within proximity_window positions of each other adds
// a bonus (Xapian's OP_NEAR, which weighs a match as the sum of its words'
// weights), scaled by proximity_weight. The bonus matches nothing new.
#ifndef TROVE_LIB_SEARCH_PROXIMITY_H_
#define TROVE_LIB_SEARCH_PROXIMITY_H_

#include <string>
#include <vector>

#include <xapian.h>

#include "trove/searcher.h"

namespace trove {

// The bonus queries for `stems` (the query's ranked words, stemmed, in
// order), one per pair; none when it has fewer than two words or proximity
// is off. Each is to be joined to the query by its own AND_MAYBE: Xapian
// 1.4.22 adds wrong weights for an OR of OP_NEAR queries on the right of
// an AND_MAYBE (a record gets the weight of pairs it does not have).
std::vector<Xapian::Query> proximity_bonuses(const std::vector<std::string>& stems,
                                             const SearcherOptions& options);

}  // namespace trove

#endif  // TROVE_LIB_SEARCH_PROXIMITY_H_
