// The schema's field and facet names as the search side uses them: lists
// of valid names for error messages, and whether an index term is a text
// field's copy. Built from the schema's tables (index/schema.h), so no
// name is spelled here or anywhere else on the search side.
#ifndef TROVE_LIB_SEARCH_FIELDS_H_
#define TROVE_LIB_SEARCH_FIELDS_H_

#include <string>
#include <string_view>

#include "index/schema.h"

namespace trove {

// The facet field called `name`, ignoring ASCII case ("Country" is
// "country"), or nullptr. Facet and filter names follow this one rule.
const schema::FacetField* facet_named(std::string_view name);

// The facet names, "country, region, ... or topic", for messages.
std::string facet_name_list();

// Every field name a query may write before a colon, text fields first:
// "title, abstract, ..., topic", for messages.
std::string field_name_list();

// Whether `term` is a text field's copy of a word (kStemPrefix + the
// field's prefix + stem) rather than the word in all text (kStemPrefix +
// stem).
bool is_field_copy(std::string_view term);

}  // namespace trove

#endif  // TROVE_LIB_SEARCH_FIELDS_H_
