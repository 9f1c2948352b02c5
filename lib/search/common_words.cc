#include "search/common_words.h"

#include "index/schema.h"
#include "search/stopwords.h"

namespace trove {

bool too_frequent(const Xapian::Database& db, const SearcherOptions& options,
                  const std::string& term) {
  return options.common_word_fraction < 1 &&
         db.get_termfreq(term) > options.common_word_fraction * db.get_doccount();
}

CommonWordTest common_word_test(const Xapian::Database& db, const SearcherOptions& options,
                                const Analyzer& analyzer) {
  if (options.common_word_fraction >= 1 && !options.stopwords) return nullptr;
  return [&db, &options, &analyzer](const std::string& term, const std::string& stem) {
    if (options.stopwords && is_stopword(analyzer.language(), term)) return true;
    return too_frequent(db, options, schema::kStemPrefix + stem);
  };
}

}  // namespace trove
