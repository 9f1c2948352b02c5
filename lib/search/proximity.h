// Term proximity (SearcherOptions::proximity_weight), in the rerank stage
// (rerank.h): of the records the stage reorders, those where two
// consecutive query words occur within proximity_window positions of each
// other rank higher. Each such pair adds the weight of its two words (as
// Xapian weighs an OP_NEAR match) times proximity_weight. The bonus matches
// nothing new.
//
// Which records have a pair close together is found first, by an OP_NEAR
// match over the stage's records alone; the bonus is then the pair's two
// words (OP_AND) filtered to those records. Xapian 1.4.22 gives an OP_NEAR
// on the right of an OP_AND_MAYBE the weight of records that have both
// words but not close together (seen on the sample listing: "exploitation
// ... migrant" counted for a record where they are far apart), so the
// positions are never checked there.
#ifndef TROVE_LIB_SEARCH_PROXIMITY_H_
#define TROVE_LIB_SEARCH_PROXIMITY_H_

#include <string>
#include <vector>

#include <xapian.h>

#include "trove/searcher.h"

namespace trove {

// The bonus queries for `words` (the query's ranked words in order, each
// the stems of itself and its thesaurus entries, any of which counts) over
// `records` (a boolean query for the stage's records, at most `depth` of
// them): one per pair of consecutive words that is close
// together in at least one of them; none when proximity is off. Each is to
// be joined to the query by an AND_MAYBE of its own.
std::vector<Xapian::Query> proximity_bonuses(const Xapian::Database& db,
                                             const Xapian::Query& records, std::size_t depth,
                                             const std::vector<std::vector<std::string>>& words,
                                             const SearcherOptions& options);

}  // namespace trove

#endif  // TROVE_LIB_SEARCH_PROXIMITY_H_
