// Facet value search: of a facet's counts, only the values matching what a
// user typed ("le" -> "Lebanon (4)"), for facets with too many values to
// list. A value matches when one of its words starts with the typed text,
// both folded like any word (case, diacritics, punctuation): "le" matches
// "Lebanon" and "Sierra Leone", "middle ea" matches "Middle East".
#ifndef TROVE_LIB_SEARCH_FACET_SEARCH_H_
#define TROVE_LIB_SEARCH_FACET_SEARCH_H_

#include <map>
#include <string>
#include <vector>

#include "trove/analyzer.h"
#include "trove/searcher.h"

namespace trove {

// Whether a word of `value` starts with `typed` (folded; see above). Typed
// text with no word matches every value.
bool value_matches(const std::string& value, const std::string& typed, const Analyzer& analyzer);

// Throws QueryError for a key of `prefixes` that is not a facet.
void check_facet_prefixes(const std::map<std::string, std::string>& prefixes);

// Drops from each facet of `facets` named in `prefixes` the values that do
// not match its typed text; counts and order of the rest are unchanged.
void keep_matching_values(std::map<std::string, std::vector<FacetCount>>& facets,
                          const std::map<std::string, std::string>& prefixes,
                          const Analyzer& analyzer);

}  // namespace trove

#endif  // TROVE_LIB_SEARCH_FACET_SEARCH_H_
