#include "search/field_weights.h"

#include "index/schema.h"

namespace trove {
namespace {

std::string field_term(const schema::TextField& field, const std::string& stem) {
  return std::string(schema::kStemPrefix) + field.prefix + stem;
}

// The records having `stem` in `field`, weighted as a word of that field.
// A FieldTerms::kEvery field has a term of its own, weighed by its
// frequency in the field. A kShared field (the abstract) has one only for
// stems also found in another field, so there the all-text term carries
// the weight, for the records whose field holds the stem: those with the
// field's term, and those with the stem in no other field.
Xapian::Query in_field(const std::string& stem, const schema::TextField& field) {
  const Xapian::Query own(field_term(field, stem));
  if (field.terms == schema::FieldTerms::kEvery) return own;
  const Xapian::Query all(schema::kStemPrefix + stem);
  std::vector<Xapian::Query> others;
  for (const schema::TextField* other : schema::kTextFields) {
    if (other != &field) others.emplace_back(field_term(*other, stem));
  }
  const Xapian::Query elsewhere(Xapian::Query::OP_OR, others.begin(), others.end());
  return Xapian::Query(Xapian::Query::OP_OR,
                       Xapian::Query(Xapian::Query::OP_AND_NOT, all, elsewhere),
                       Xapian::Query(Xapian::Query::OP_FILTER, all, own));
}

double weight_of(const FieldWeights& weights, const schema::TextField& field) {
  if (&field == &schema::kTitle) return weights.title;
  if (&field == &schema::kAbstract) return weights.abstract;
  return weights.author;
}

}  // namespace

std::vector<FieldBonus> field_bonuses(const std::vector<std::string>& stems,
                                      const FieldWeights& weights) {
  std::vector<FieldBonus> bonuses;
  for (const schema::TextField* field : schema::kTextFields) {
    const double weight = weight_of(weights, *field);
    if (weight <= 0) continue;
    for (const std::string& stem : stems) {
      bonuses.push_back({field->name, stem,
                         Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, in_field(stem, *field),
                                       weight)});
    }
  }
  return bonuses;
}

Xapian::Query field_bonus(const std::vector<FieldBonus>& bonuses) {
  std::vector<Xapian::Query> terms;
  for (const FieldBonus& bonus : bonuses) terms.push_back(bonus.query);
  if (terms.empty()) return Xapian::Query();
  return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
}

}  // namespace trove
