// Completion: what a user may be typing, from the index. Sources, each a
// range of index terms walked by prefix (allterms_begin):
//  * whole titles and authors: their completion terms (schema.h);
//  * facet values: their filter terms;
//  * words: the all-text stems, shown as a word of a record starting with
//    what was typed (a stem is not always a word: "migrat").
// The typed text is folded like any word, and matched against the start of
// the folded title, name, value or word: "mar" -> "Markéta Von Hagen".
// Completions are ranked by how many records have them (the terms' document
// frequencies); the text shown is read from one record that has it.
#ifndef TROVE_LIB_SEARCH_COMPLETION_H_
#define TROVE_LIB_SEARCH_COMPLETION_H_

#include <cstddef>
#include <string>
#include <vector>

#include <xapian.h>

#include "search/completion_cache.h"
#include "trove/analyzer.h"
#include "trove/searcher.h"

namespace trove {

// Completions of `prefix` from `field` ("" for every source; "title",
// "author", "word" or a facet name), at most `limit`, most records first
// (ties: by text). With a `cache` (only for a single local database: it
// names states by UUID and revision), short prefixes' answers are taken
// from it or kept in it (completion_cache.h); the answer is the same.
// Throws QueryError for an unknown field.
std::vector<Completion> complete(const Xapian::Database& db, const Analyzer& analyzer,
                                 const std::string& prefix, const std::string& field,
                                 std::size_t limit, CompletionCache* cache = nullptr);

}  // namespace trove

#endif  // TROVE_LIB_SEARCH_COMPLETION_H_
