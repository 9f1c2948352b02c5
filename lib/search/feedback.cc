#include "search/feedback.h"

#include <string_view>
#include <vector>

#include "index/schema.h"
#include "search/common_words.h"
#include "search/fields.h"
#include "search/stopwords.h"

namespace trove {
namespace {

// Expansion terms for feedback: words of all text (kStemPrefix + stem, not
// a field's copy) that are not function words or too common.
class FeedbackDecider : public Xapian::ExpandDecider {
 public:
  FeedbackDecider(const Xapian::Database& db, const SearcherOptions& options,
                  const std::string& language)
      : db_(db), options_(options), language_(language) {}
  bool operator()(const std::string& term) const override {
    const std::size_t prefix = sizeof(schema::kStemPrefix) - 1;
    if (term.size() <= prefix || term.compare(0, prefix, schema::kStemPrefix) != 0) return false;
    if (is_field_copy(term)) return false;
    if (options_.stopwords && is_stopword(language_, std::string_view(term).substr(prefix))) {
      return false;
    }
    return !too_frequent(db_, options_, term);
  }

 private:
  const Xapian::Database& db_;
  const SearcherOptions& options_;
  const std::string& language_;
};

bool feedback_off(const SearcherOptions& options) {
  return options.feedback_records == 0 || options.feedback_terms == 0 ||
         options.feedback_weight == 0;
}

}  // namespace

Xapian::Query with_feedback(Xapian::Enquire& enquire, const Xapian::Query& query,
                            const Xapian::Database& db, const SearcherOptions& options,
                            const std::string& language) {
  if (feedback_off(options)) return query;
  const Xapian::MSet top = enquire.get_mset(0, options.feedback_records);
  if (top.empty()) return query;
  Xapian::RSet rset;
  for (Xapian::MSetIterator it = top.begin(); it != top.end(); ++it) rset.add_document(*it);
  const FeedbackDecider decider(db, options, language);
  const Xapian::ESet eset =
      enquire.get_eset(static_cast<Xapian::termcount>(options.feedback_terms), rset, &decider);
  if (eset.empty()) return query;
  const double best = eset.begin().get_weight();
  std::vector<Xapian::Query> terms;
  for (Xapian::ESetIterator it = eset.begin(); it != eset.end(); ++it) {
    terms.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(*it),
                       it.get_weight() / best);
  }
  const Xapian::Query added(Xapian::Query::OP_SCALE_WEIGHT,
                            Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end()),
                            options.feedback_weight);
  return Xapian::Query(Xapian::Query::OP_AND_MAYBE, query, added);
}

}  // namespace trove
