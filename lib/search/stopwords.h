// Function words of a language, for SearcherOptions::stopwords.
#ifndef TROVE_LIB_SEARCH_STOPWORDS_H_
#define TROVE_LIB_SEARCH_STOPWORDS_H_

#include <string_view>

namespace trove {

// Whether `term` (folded, unstemmed, as Analyzer::tokenize() gives it) is a
// function word of `language` (a Snowball stemmer name). Only "english" has
// a list (Snowball's English stop word list); any other language has none.
bool is_stopword(std::string_view language, std::string_view term);

}  // namespace trove

#endif  // TROVE_LIB_SEARCH_STOPWORDS_H_
