// Truncation: `word*` matches every indexed word starting with `word`.
//
// The index holds stems, so a truncated word is looked up among the stems:
// `traffick*` expands to the stems starting with "traffick" ("traffick",
// "trafficker", ...), and the truncated word's own stem is added, so that
// `trafficking*` (whose stem "traffick" is shorter than it) matches at least
// what `trafficking` does. The prefix is folded like every word (case,
// diacritics, width) but not stemmed. At most kMaxExpansions stems are
// searched for, the ones in most records first; a note says when more
// started with the prefix. The stems score as one word (OP_SYNONYM).
#ifndef TROVE_LIB_SEARCH_TRUNCATION_H_
#define TROVE_LIB_SEARCH_TRUNCATION_H_

#include <cstddef>
#include <string>

#include <xapian.h>

#include "search/query_parser.h"

namespace trove {

inline constexpr std::size_t kMaxExpansions = 100;

// The index terms starting with `term_prefix`, at most `cap`, those in most
// records first (equal counts: alphabetical).
Expansion expand_prefix(const Xapian::Database& db, const std::string& term_prefix,
                        std::size_t cap = kMaxExpansions);

// A Truncator (query_parser.h) over `db`, which must outlive it.
Truncator truncator_for(const Xapian::Database& db);

}  // namespace trove

#endif  // TROVE_LIB_SEARCH_TRUNCATION_H_
