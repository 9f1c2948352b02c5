#include "search/rerank.h"

#include <algorithm>

#include "index/schema.h"
#include "search/feedback.h"
#include "search/proximity.h"

namespace trove {
namespace {

// The first run's records as a boolean query: their id terms.
Xapian::Query records_of(const Xapian::MSet& top) {
  std::vector<Xapian::Query> ids;
  for (Xapian::MSetIterator it = top.begin(); it != top.end(); ++it) {
    ids.emplace_back(schema::kIdPrefix + it.get_document().get_value(schema::kIdSlot));
  }
  return Xapian::Query(Xapian::Query::OP_OR, ids.begin(), ids.end());
}

// q.ranked with the bonuses for the first run `top`, each joined by an
// AND_MAYBE of its own (see proximity.h for why they are not OR'ed);
// nullopt when there is none.
std::optional<Xapian::Query> with_bonuses(Xapian::Enquire& enquire, const RankedQuery& q,
                           const Xapian::MSet& top, const Xapian::Database& db,
                           const SearcherOptions& options, const std::string& language) {
  std::vector<Xapian::Query> bonuses;
  if (!q.positional) bonuses = proximity_bonuses(q.stems, options);
  Xapian::Query added = feedback_words(enquire, top, q.stems.size(), db, options, language);
  if (!added.empty()) bonuses.push_back(added);
  if (bonuses.empty()) return std::nullopt;
  Xapian::Query out = q.ranked;
  for (const Xapian::Query& bonus : bonuses) {
    out = Xapian::Query(Xapian::Query::OP_AND_MAYBE, out, bonus);
  }
  return out;
}

// `a` then `b`: the page's hits from two runs.
Page joined(Page a, const Page& b) {
  a.items.insert(a.items.end(), b.items.begin(), b.items.end());
  a.ids_break_ties = false;  // order_ties_by_id() orders the whole page
  return a;
}

}  // namespace

std::optional<Page> reranked_page(Xapian::Enquire& enquire, const RankedQuery& q,
                                  const PageSpan& span, const Xapian::Database& db,
                                  const SearcherOptions& options, const std::string& language) {
  if (q.stems.empty() || q.stems.size() < options.rerank_min_words || span.limit == 0) {
    return std::nullopt;
  }
  const Xapian::MSet top = enquire.get_mset(0, kRerankDepth, span.check);
  if (top.empty()) return std::nullopt;
  const std::optional<Xapian::Query> again = with_bonuses(enquire, q, top, db, options, language);
  if (!again) return std::nullopt;
  const std::size_t depth = top.size(), end = span.offset + span.limit;
  Page page;
  page.mset = top;  // the first run's counts are the total's, as without the stage
  page.offset = span.offset;
  if (span.offset < depth) {
    enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, *again, records_of(top)));
    page = joined(page, ranked_page(enquire, span.offset, std::min(end, depth) - span.offset,
                                    true, 0));
  }
  if (end > depth && depth == kRerankDepth) {  // records after the stage's
    enquire.set_query(q.ranked);
    const std::size_t from = std::max(span.offset, depth);
    page = joined(page, ranked_page(enquire, from, end - from, true, 0));
  }
  return page;
}

}  // namespace trove
