#include "search/proximity.h"

#include "index/schema.h"

namespace trove {
namespace {

// Pairs looked at, at most: a long query pasted from a paragraph would
// otherwise check positions for dozens of pairs per record.
constexpr std::size_t kMaxPairs = 16;

// The id terms of the records of `records` where `words` are close
// together, as one boolean query; Query() for none.
Xapian::Query close_together(const Xapian::Database& db, const Xapian::Query& records,
                             std::size_t depth, const Xapian::Query (&words)[2],
                             Xapian::termcount window) {
  const Xapian::Query near(Xapian::Query::OP_NEAR, words, words + 2, window);
  Xapian::Enquire enquire(db);
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, near, records));
  const Xapian::MSet found = enquire.get_mset(0, static_cast<Xapian::doccount>(depth));
  std::vector<Xapian::Query> ids;
  for (Xapian::MSetIterator it = found.begin(); it != found.end(); ++it) {
    ids.emplace_back(schema::kIdPrefix + it.get_document().get_value(schema::kIdSlot));
  }
  if (ids.empty()) return Xapian::Query();
  return Xapian::Query(Xapian::Query::OP_OR, ids.begin(), ids.end());
}

// A word's stems as one query: the term, or an OR of them (OP_NEAR takes
// no other kind of group).
Xapian::Query word_query(const std::vector<std::string>& stems) {
  std::vector<Xapian::Query> terms;
  for (const std::string& stem : stems) terms.emplace_back(schema::kStemPrefix + stem);
  if (terms.size() == 1) return terms.front();
  return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
}

}  // namespace

std::vector<Xapian::Query> proximity_bonuses(const Xapian::Database& db,
                                             const Xapian::Query& records, std::size_t depth,
                                             const std::vector<std::vector<std::string>>& words,
                                             const SearcherOptions& options) {
  std::vector<Xapian::Query> pairs;
  if (options.proximity_weight <= 0 || options.proximity_window < 2) return pairs;
  const auto window = static_cast<Xapian::termcount>(options.proximity_window);
  std::size_t tried = 0;
  for (std::size_t i = 1; i < words.size() && tried < kMaxPairs; ++i) {
    if (words[i] == words[i - 1]) continue;
    ++tried;
    const Xapian::Query pair[] = {word_query(words[i - 1]), word_query(words[i])};
    const Xapian::Query where = close_together(db, records, depth, pair, window);
    if (where.empty()) continue;
    const Xapian::Query both(Xapian::Query::OP_AND, pair, pair + 2);
    pairs.emplace_back(Xapian::Query::OP_SCALE_WEIGHT,
                       Xapian::Query(Xapian::Query::OP_FILTER, both, where),
                       options.proximity_weight);
  }
  return pairs;
}

}  // namespace trove
