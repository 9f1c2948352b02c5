#include "search/explain.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <optional>
#include <utility>
#include <vector>

#include "index/schema.h"
#include "search/fields.h"
#include "search/ranking.h"
#include "search/rerank.h"

namespace trove {
namespace {

using Op = Xapian::Query::op;

// The factor of an OP_SCALE_WEIGHT query. Xapian 1.4 has no accessor for
// it, but its description starts with it, written with 20 significant
// digits ("Query(0.5 * Zword)"), which read back as the same double.
double scale_factor(const Xapian::Query& scaled) {
  const std::string text = scaled.get_description();
  return std::strtod(text.c_str() + text.find('(') + 1, nullptr);
}

// Operators that are not weighed as one part: their children's weights
// add up (only the first child's for AND_NOT and FILTER).
bool is_unit(Op op) {
  switch (op) {
    case Op::OP_AND:
    case Op::OP_OR:
    case Op::OP_AND_NOT:
    case Op::OP_AND_MAYBE:
    case Op::OP_FILTER:
    case Op::OP_XOR:
    case Op::OP_SCALE_WEIGHT:
      return false;
    default:
      return true;
  }
}

std::string leaf_term(const Xapian::Query& q) { return *q.get_terms_begin(); }

// (stem, field) of an index term: kStemPrefix + [a text field's prefix] +
// stem; any other term as it is.
std::pair<std::string, std::string> decode(const std::string& term) {
  const std::string stem_prefix = schema::kStemPrefix;
  if (term.compare(0, stem_prefix.size(), stem_prefix) != 0) return {term, ""};
  std::string rest = term.substr(stem_prefix.size());
  if (!is_field_copy(term)) return {rest, ""};
  for (const schema::TextField* field : schema::kTextFields) {
    const std::string prefix = field->prefix;
    if (rest.compare(0, prefix.size(), prefix) == 0) return {rest.substr(prefix.size()), field->name};
  }
  return {rest, ""};
}

// How a part is shown: see ScorePart::term.
std::string text_of(const Xapian::Query& q) {
  const Op op = q.get_type();
  if (op == Op::LEAF_TERM) return decode(leaf_term(q)).first;
  const char* sep = op == Op::OP_SYNONYM || op == Op::OP_OR ? "|" : " ";
  if (q.get_num_subqueries() == 0) return q.get_description();
  std::string out;
  for (std::size_t i = 0; i < q.get_num_subqueries(); ++i) {
    out += (i ? sep : "") + text_of(q.get_subquery(i));
  }
  return op == Op::OP_PHRASE ? "\"" + out + "\"" : out;
}

// BM25's inverse document frequency, as Xapian's BM25Weight::init().
double bm25_idf(double records, double having) {
  double ratio = (records - having + 0.5) / (having + 0.5);
  if (ratio < 2) ratio = ratio / 2 + 1;
  return std::log(ratio);
}

// Where a walk through the query is: what its parts are called, the
// product of the scale factors above it, and whether the record matches
// every node above it that its parts need (an AND, AND_NOT, FILTER...).
struct Context {
  ScoreSource source = ScoreSource::kQuery;
  std::string field;  // the field a bonus is for; "" to read it from the term
  double factor = 1;
  bool reached = true;
};

}  // namespace

namespace {

// Weighs parts of a query for one record, as a search with `options` does.
class Explainer {
 public:
  Explainer(const Xapian::Database& db, Xapian::docid did, const std::string& id,
            const SearcherOptions& options)
      : db_(db),
        did_(did),
        record_(schema::kIdPrefix + id),
        scheme_(weighting(options)),
        length_(db.get_doclength(did)) {}

  // Whether the record matches `q`.
  bool matches(const Xapian::Query& q) const { return !run(q, Xapian::BoolWeight(), 0).empty(); }

  // The record's weight for `q`: what a search for `q` gives it; 0 if it
  // does not match.
  double weight(const Xapian::Query& q) const {
    const Xapian::MSet m = run(q, scheme_, 0);
    return m.empty() ? 0 : m.begin().get_weight();
  }

  // A proximity bonus (proximity.h) as one part: `w` * (the pair's two
  // words, filtered to the records where they are close together).
  ScorePart pair_part(const Xapian::Query& bonus) const {
    const bool scaled = bonus.get_type() == Op::OP_SCALE_WEIGHT;
    const Xapian::Query filtered = scaled ? bonus.get_subquery(0) : bonus;
    ScorePart p;
    p.source = ScoreSource::kProximity;
    p.term = text_of(filtered.get_subquery(0));
    p.weight = scaled ? scale_factor(bonus) : 1;
    p.document_length = length_;
    p.contribution = weight(bonus);
    return p;
  }

  // Appends the parts of `q` to `out`.
  void walk(const Xapian::Query& q, Context c, std::vector<ScorePart>& out) const {
    const Op op = q.get_type();
    if (is_unit(op)) {
      out.push_back(part(q, c));
      return;
    }
    if (op == Op::OP_SCALE_WEIGHT) {
      c.factor *= scale_factor(q);
    } else if (op != Op::OP_OR && c.reached) {
      c.reached = matches(q);  // a child matching alone adds nothing
    }
    const bool first_only = op == Op::OP_AND_NOT || op == Op::OP_FILTER;
    const std::size_t n = first_only ? 1 : q.get_num_subqueries();
    for (std::size_t i = 0; i < n; ++i) walk(q.get_subquery(i), c, out);
  }

 private:
  Xapian::MSet run(const Xapian::Query& q, const Xapian::Weight& scheme,
                   Xapian::doccount check) const {
    Xapian::Enquire enquire(db_);
    enquire.set_weighting_scheme(scheme);
    enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, q, Xapian::Query(record_)));
    return enquire.get_mset(0, 1, check);
  }

  ScorePart part(const Xapian::Query& unit, const Context& c) const {
    ScorePart p;
    p.source = c.source;
    p.term = text_of(unit);
    p.field = c.field;
    if (p.field.empty() && unit.get_type() == Op::LEAF_TERM) p.field = decode(leaf_term(unit)).second;
    p.weight = c.factor;
    p.term_frequency = wdf(unit);
    p.document_length = length_;
    p.idf = idf(unit);
    if (c.reached && c.factor != 0) {
      p.contribution =
          weight(c.factor == 1 ? unit : Xapian::Query(Op::OP_SCALE_WEIGHT, unit, c.factor));
    }
    return p;
  }

  // The record's within-document frequency of a word, or of a thesaurus
  // group's words together; 0 for a phrase or a proximity pair.
  std::size_t wdf(const Xapian::Query& q) const {
    const Op op = q.get_type();
    if (op == Op::OP_SYNONYM || op == Op::OP_OR) {
      std::size_t sum = 0;
      for (std::size_t i = 0; i < q.get_num_subqueries(); ++i) sum += wdf(q.get_subquery(i));
      return sum;
    }
    if (op != Op::LEAF_TERM) return 0;
    const std::string term = leaf_term(q);
    Xapian::TermIterator t = db_.termlist_begin(did_);
    t.skip_to(term);
    return t != db_.termlist_end(did_) && *t == term ? t.get_wdf() : 0;
  }

  double idf(const Xapian::Query& q) const {
    const Op op = q.get_type();
    const double records = db_.get_doccount();
    if (op == Op::LEAF_TERM) return bm25_idf(records, db_.get_termfreq(leaf_term(q)));
    if (op != Op::OP_SYNONYM && op != Op::OP_OR) return 0;
    Xapian::Enquire enquire(db_);  // records having any of the words, exactly
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    enquire.set_query(q);
    return bm25_idf(records, enquire.get_mset(0, 0, db_.get_doccount()).get_matches_estimated());
  }

  const Xapian::Database& db_;
  const Xapian::docid did_;
  const std::string record_;  // its id term
  const Xapian::BM25Weight scheme_;
  const Xapian::termcount length_;
};

// Parts of one kind with the same term, field and weight, as one part:
// the abstract's field bonus looks for a word in two ways, and a word may
// be written twice.
std::vector<ScorePart> merged(const std::vector<ScorePart>& parts) {
  std::vector<ScorePart> out;
  for (const ScorePart& p : parts) {
    auto same = [&](const ScorePart& o) {
      return o.source == p.source && o.term == p.term && o.field == p.field && o.weight == p.weight;
    };
    auto it = std::find_if(out.begin(), out.end(), same);
    if (it == out.end()) {
      out.push_back(p);
    } else {
      it->contribution += p.contribution;
    }
  }
  return out;
}

bool in_mset(const Xapian::MSet& mset, Xapian::docid did) {
  for (Xapian::MSetIterator it = mset.begin(); it != mset.end(); ++it) {
    if (*it == did) return true;
  }
  return false;
}

// A search ranked by score: the ranked query, its field bonuses and, for
// a record in the rerank stage, the stage's bonuses (ranking.h, rerank.h).
void explain_ranked(const Explainer& ex, const Xapian::Database& db, const SearchPlan& plan,
                    Xapian::docid did, const Analyzer& analyzer, const SearcherOptions& options,
                    Explanation& out) {
  const RankedQuery q = ranked_query(plan, analyzer, options);
  Xapian::Enquire enquire(db);
  enquire.set_weighting_scheme(weighting(options));
  enquire.set_query(q.ranked);
  const std::optional<RerankStage> stage =
      rerank_stage(enquire, q, 0, db, options, analyzer.language());
  out.reranked = out.matches && stage && in_mset(stage->top, did);
  out.score = ex.weight(out.reranked ? stage->with_bonuses(q.ranked) : q.ranked);
  ex.walk(q.base, {ScoreSource::kQuery, "", 1, out.matches}, out.parts);
  for (const FieldBonus& bonus : q.fields) {
    ex.walk(bonus.query, {ScoreSource::kField, bonus.field, 1, out.matches}, out.parts);
  }
  if (!out.reranked) return;
  for (const Xapian::Query& pair : stage->proximity) out.parts.push_back(ex.pair_part(pair));
  if (!stage->feedback.empty()) {
    ex.walk(stage->feedback, {ScoreSource::kFeedback, "", 1, true}, out.parts);
  }
}

double sum_of(const std::vector<ScorePart>& parts, ScoreSource source) {
  double sum = 0;
  for (const ScorePart& p : parts) sum += p.source == source ? p.contribution : 0;
  return sum;
}

}  // namespace

Explanation explain_score(const Xapian::Database& db, const SearchPlan& plan, Xapian::docid did,
                          const std::string& id, const Analyzer& analyzer,
                          const SearcherOptions& options) {
  Explanation out;
  out.id = id;
  if (plan.parsed.matches_nothing) return out;
  const Explainer ex(db, did, id, options);
  out.matches = ex.matches(plan.query);
  if (plan.order == SearchPlan::Order::kNewest) return out;  // no word to rank by: score 0
  if (plan.by_score()) {
    explain_ranked(ex, db, plan, did, analyzer, options, out);
  } else {  // by year, then by the plan's query alone
    out.score = ex.weight(plan.query);
    ex.walk(plan.query, {ScoreSource::kQuery, "", 1, out.matches}, out.parts);
  }
  out.parts = merged(out.parts);
  out.proximity = sum_of(out.parts, ScoreSource::kProximity);
  out.feedback = sum_of(out.parts, ScoreSource::kFeedback);
  return out;
}

}  // namespace trove
