#include "search/proximity.h"

#include "index/schema.h"

namespace trove {
namespace {

// Pairs looked at, at most: a long query pasted from a paragraph would
// otherwise check positions for dozens of pairs per candidate.
constexpr std::size_t kMaxPairs = 16;

}  // namespace

std::vector<Xapian::Query> proximity_bonuses(const std::vector<std::string>& stems,
                                             const SearcherOptions& options) {
  std::vector<Xapian::Query> pairs;
  if (options.proximity_weight <= 0 || options.proximity_window < 2) return pairs;
  for (std::size_t i = 1; i < stems.size() && pairs.size() < kMaxPairs; ++i) {
    if (stems[i] == stems[i - 1]) continue;
    const Xapian::Query words[] = {Xapian::Query(schema::kStemPrefix + stems[i - 1]),
                                   Xapian::Query(schema::kStemPrefix + stems[i])};
    const Xapian::Query near(Xapian::Query::OP_NEAR, words, words + 2,
                             static_cast<Xapian::termcount>(options.proximity_window));
    pairs.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, near, options.proximity_weight);
  }
  return pairs;
}

}  // namespace trove
