// Words the Analyzer drops. A word longer than a term may be (over 120
// bytes once folded: a hash, a URL, garbage) yields no token, so without
// this check the query `"border <hash> data"` would silently become the
// phrase "border data", and `+<hash>` no requirement at all.
#ifndef TROVE_LIB_SEARCH_DROPPED_WORDS_H_
#define TROVE_LIB_SEARCH_DROPPED_WORDS_H_

#include <cstddef>
#include <string_view>
#include <vector>

#include "trove/analyzer.h"

namespace trove {

// The longest term the Analyzer makes, in bytes (kMaxTermBytes in
// lib/text/analyzer.cc), for messages.
inline constexpr std::size_t kLongestWordBytes = 120;

// Whether `text` holds a word that `tokens` (analyzer.tokenize(text)) left
// out. Punctuation, symbols, emoji, spaces and invalid UTF-8 are not words.
bool drops_a_word(const Analyzer& analyzer, std::string_view text,
                  const std::vector<Token>& tokens);

}  // namespace trove

#endif  // TROVE_LIB_SEARCH_DROPPED_WORDS_H_
