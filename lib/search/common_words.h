// Words too common to rank by (SearcherOptions::common_word_fraction and
// stopwords): the query parser leaves them unweighted and feedback does not
// add them.
#ifndef TROVE_LIB_SEARCH_COMMON_WORDS_H_
#define TROVE_LIB_SEARCH_COMMON_WORDS_H_

#include <string>

#include <xapian.h>

#include "search/query_parser.h"
#include "trove/analyzer.h"
#include "trove/searcher.h"

namespace trove {

// Whether `term` (a term of the index, e.g. kStemPrefix + stem) is in more
// than options.common_word_fraction of the records of `db`.
bool too_frequent(const Xapian::Database& db, const SearcherOptions& options,
                  const std::string& term);

// common_word_fraction and stopwords as a test for the parser; nullptr when
// both are off. The test refers to its arguments, which must outlive it.
CommonWordTest common_word_test(const Xapian::Database& db, const SearcherOptions& options,
                                const Analyzer& analyzer);

}  // namespace trove

#endif  // TROVE_LIB_SEARCH_COMMON_WORDS_H_
