// Function words and words of request of a language, for
// SearcherOptions::stopwords.
#ifndef TROVE_LIB_SEARCH_STOPWORDS_H_
#define TROVE_LIB_SEARCH_STOPWORDS_H_

#include <string_view>

namespace trove {

// Whether `term` (folded, unstemmed, as Analyzer::tokenize() gives it) is a
// function word or a word of request ("find", "articles", "interested") of
// `language` (a Snowball stemmer name). Only "english" has lists
// (Snowball's English stop word list and trove's words of request); any
// other language has none.
bool is_stopword(std::string_view language, std::string_view term);

}  // namespace trove

#endif  // TROVE_LIB_SEARCH_STOPWORDS_H_
