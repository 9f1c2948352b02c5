#include "search/similar.h"

#include <string_view>
#include <vector>

#include "index/schema.h"
#include "search/common_words.h"
#include "search/fields.h"
#include "search/stopwords.h"

namespace trove {
namespace {

// The words a similar() query may use: words of all text (kStemPrefix +
// stem), not a field's copy, a function word or too common a word, and in
// at least one other record. The expansion weight ranks a word of this
// record alone highest, yet such a word can find no other record: on the
// sample listing the 20 best words found one record of 9 before.
class WordDecider : public Xapian::ExpandDecider {
 public:
  WordDecider(const Xapian::Database& db, const SearcherOptions& options,
              const std::string& language)
      : db_(db), options_(options), language_(language) {}
  bool operator()(const std::string& term) const override {
    const std::size_t prefix = sizeof(schema::kStemPrefix) - 1;
    if (term.size() <= prefix || term.compare(0, prefix, schema::kStemPrefix) != 0) return false;
    if (is_field_copy(term)) return false;
    if (options_.stopwords && is_stopword(language_, std::string_view(term).substr(prefix))) {
      return false;
    }
    return db_.get_termfreq(term) >= 2 && !too_frequent(db_, options_, term);
  }

 private:
  const Xapian::Database& db_;
  const SearcherOptions& options_;
  const std::string& language_;
};

}  // namespace

Xapian::Query similar_query(const Xapian::Database& db, Xapian::docid did, const std::string& id,
                            const SearcherOptions& options, const std::string& language) {
  Xapian::Enquire enquire(db);
  Xapian::RSet rset;
  rset.add_document(did);
  const WordDecider decider(db, options, language);
  const Xapian::ESet eset = enquire.get_eset(kSimilarWords, rset, &decider);
  std::vector<Xapian::Query> words;
  for (Xapian::ESetIterator it = eset.begin(); it != eset.end(); ++it) words.emplace_back(*it);
  if (words.empty()) return Xapian::Query();
  const Xapian::Query any(Xapian::Query::OP_OR, words.begin(), words.end());
  return Xapian::Query(Xapian::Query::OP_AND_NOT, any, Xapian::Query(schema::kIdPrefix + id));
}

void rank_by(SearchPlan& plan, const Xapian::Query& query, SortOrder sort,
             const Analyzer& analyzer) {
  plan.base = query;
  plan.query = filtered(query, filter_query(plan.filters, analyzer));
  plan.order = query.empty()                      ? SearchPlan::Order::kNewest
               : sort == SortOrder::kRelevance ? SearchPlan::Order::kScore
                                               : SearchPlan::Order::kYearThenScore;
  plan.parsed.matches_nothing = query.empty();
  plan.total = total_of(plan);
}

}  // namespace trove
