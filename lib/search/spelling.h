// Did you mean: a corrected query for words the index does not hold.
//
// Words come from the index itself, from its all-text stem terms
// (schema::kStemPrefix + stem) and their document frequencies, so the
// vocabulary needs no table of its own: it is current after every add,
// replace and delete, and a sharded index offers what all its shards hold
// (Xapian merges their term lists). A remote shard works too but sends its
// term list over the network for each word to correct.
//
// A query word is corrected when its stem is in no record, or when it is in
// at most kRareRecords records and a stem one edit away is in
// kRarerFactor times as many. The candidate is the closest stem (at most 1
// edit for stems of up to 4 letters, else 2; ties: most records), shown as
// the closest word that stems to it in a record that has it.
#ifndef TROVE_LIB_SEARCH_SPELLING_H_
#define TROVE_LIB_SEARCH_SPELLING_H_

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <xapian.h>

#include "search/query_parser.h"
#include "trove/analyzer.h"
#include "trove/searcher.h"

namespace trove {

inline constexpr unsigned kRareRecords = 2;
inline constexpr unsigned kRarerFactor = 100;

// Edits (insert, delete, substitute, swap two neighbours) between two UTF-8
// strings, counted in code points; any value above `limit` is limit + 1.
std::size_t edit_distance(const std::string& a, const std::string& b, std::size_t limit);

// Whether the corrected query text finds records (with the request's filters).
using FindsRecords = std::function<bool(const std::string& query)>;

// The corrected `query`, or nullopt when no word needs correcting or the
// correction finds nothing. `words` are the query's words (query_words()).
std::optional<Suggestion> suggest(const Xapian::Database& db, const Analyzer& analyzer,
                                  const std::string& query, const std::vector<QueryWord>& words,
                                  const FindsRecords& finds_records);

}  // namespace trove

#endif  // TROVE_LIB_SEARCH_SPELLING_H_
