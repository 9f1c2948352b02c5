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

// `a` then `b`: the page's hits from two runs.
Page joined(Page a, const Page& b) {
  a.items.insert(a.items.end(), b.items.begin(), b.items.end());
  a.ids_break_ties = false;  // order_ties_by_id() orders the whole page
  return a;
}

}  // namespace

Xapian::Query RerankStage::with_bonuses(const Xapian::Query& ranked) const {
  Xapian::Query out = ranked;
  for (const Xapian::Query& pair : proximity) {
    out = Xapian::Query(Xapian::Query::OP_AND_MAYBE, out, pair);
  }
  if (!feedback.empty()) out = Xapian::Query(Xapian::Query::OP_AND_MAYBE, out, feedback);
  return out;
}

std::optional<RerankStage> rerank_stage(Xapian::Enquire& enquire, const RankedQuery& q,
                                        Xapian::doccount check, const Xapian::Database& db,
                                        const SearcherOptions& options,
                                        const std::string& language) {
  if (q.words.empty() || q.words.size() < options.rerank_min_words) return std::nullopt;
  RerankStage stage;
  stage.top = enquire.get_mset(0, kRerankDepth, check);
  if (stage.top.empty()) return std::nullopt;
  stage.records = records_of(stage.top);
  if (!q.positional) {
    stage.proximity = proximity_bonuses(db, stage.records, kRerankDepth, q.words, options);
  }
  stage.feedback = feedback_words(enquire, stage.top, q.words.size(), db, options, language);
  if (stage.proximity.empty() && stage.feedback.empty()) return std::nullopt;
  return stage;
}

std::optional<Page> reranked_page(Xapian::Enquire& enquire, const RankedQuery& q,
                                  const PageSpan& span, const Xapian::Database& db,
                                  const SearcherOptions& options, const std::string& language) {
  if (span.limit == 0) return std::nullopt;
  const std::optional<RerankStage> stage =
      rerank_stage(enquire, q, span.check, db, options, language);
  if (!stage) return std::nullopt;
  const Xapian::MSet& top = stage->top;
  const std::size_t depth = top.size(), end = span.offset + span.limit;
  Page page;
  page.mset = top;  // the first run's counts are the total's, as without the stage
  page.offset = span.offset;
  if (span.offset < depth) {
    const Xapian::Query again = stage->with_bonuses(q.ranked);
    enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, again, stage->records));
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
