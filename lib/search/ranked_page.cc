#include "search/ranked_page.h"

#include <algorithm>

#include "index/schema.h"

namespace trove {
namespace {

// Makes items first .. first + limit - 1 of page.mset (those it has) the
// page's hits.
void add_items(Page& page, std::size_t first, std::size_t limit) {
  for (std::size_t i = first; i < first + limit && i < page.mset.size(); ++i) {
    page.items.push_back(page.mset[static_cast<Xapian::doccount>(i)]);
  }
}

}  // namespace

// Ordering equal scores by id within the page is enough unless two records
// of equal score straddle an edge of the page, so a page ranked by score is
// fetched with one record more on either side to see that. In that (rare)
// case the match is rerun with Xapian breaking ties by the id value, which
// reads a value for every candidate and is why it is not done always.
Page ranked_page(Xapian::Enquire& enquire, std::size_t offset, std::size_t limit, bool by_score,
                 Xapian::doccount check) {
  Page page;
  page.offset = offset;
  if (!by_score || limit == 0) {
    page.mset = enquire.get_mset(offset, limit, check);
    add_items(page, 0, limit);
    return page;
  }
  const std::size_t first = offset > 0 ? 1 : 0;
  page.mset = enquire.get_mset(offset - first, limit + first + 1, check);
  const Xapian::MSet& m = page.mset;
  auto tie = [&](std::size_t i) {  // items i and i + 1 have equal scores
    return i + 1 < m.size() && m[static_cast<Xapian::doccount>(i)].get_weight() ==
                                   m[static_cast<Xapian::doccount>(i + 1)].get_weight();
  };
  if ((first && tie(0)) || tie(first + limit - 1)) {
    enquire.set_sort_by_relevance_then_value(schema::kIdSlot, false);
    page.mset = enquire.get_mset(offset, limit, check);
    page.ids_break_ties = true;
    add_items(page, 0, limit);
    return page;
  }
  add_items(page, first, limit);
  return page;
}

void order_ties_by_id(const Page& page, std::vector<Hit>& hits) {
  if (page.ids_break_ties) return;
  std::stable_sort(hits.begin(), hits.end(), [](const Hit& a, const Hit& b) {
    return a.score != b.score ? a.score > b.score : a.record.id < b.record.id;
  });
}

}  // namespace trove
