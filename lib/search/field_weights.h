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

// One word's bonus in one field: the records having `stem` in `field`
// ("title", "abstract" or "author"), weighted as a word of that field,
// times the field's weight.
struct FieldBonus {
  std::string field;
  std::string stem;
  Xapian::Query query;
};

// The bonuses for `stems` (the query's ranked words, stemmed), field by
// field; none when every weight is 0.
std::vector<FieldBonus> field_bonuses(const std::vector<std::string>& stems,
                                      const FieldWeights& weights);

// The bonuses as one query, or Xapian::Query() when there is none.
Xapian::Query field_bonus(const std::vector<FieldBonus>& bonuses);

}  // namespace trove

#endif  // TROVE_LIB_SEARCH_FIELD_WEIGHTS_H_
