// Field weights at query time (SearcherOptions::field_weights): a query
// word found in a record's title, abstract or authors adds its weight as a
// word of that field, times the field's weight, to the record's score, on
// top of its weight over all text. The bonus matches nothing new.
#ifndef TROVE_LIB_SEARCH_FIELD_WEIGHTS_H_
#define TROVE_LIB_SEARCH_FIELD_WEIGHTS_H_

#include <string>
#include <vector>

#include <xapian.h>

#include "trove/searcher.h"

namespace trove {

// The bonus query for `stems` (the query's ranked words, stemmed), or
// Xapian::Query() when every weight is 0.
Xapian::Query field_bonus(const std::vector<std::string>& stems, const FieldWeights& weights);

}  // namespace trove

#endif  // TROVE_LIB_SEARCH_FIELD_WEIGHTS_H_
