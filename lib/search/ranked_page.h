// One page of a match, with equal scores in id order however the index is
// sharded (Xapian alone orders them by document number, which differs
// between a sharded and an unsharded index of the same records).
#ifndef TROVE_LIB_SEARCH_RANKED_PAGE_H_
#define TROVE_LIB_SEARCH_RANKED_PAGE_H_

#include <cstddef>
#include <vector>

#include <xapian.h>

#include "trove/searcher.h"

namespace trove {

// One page of hits.
struct Page {
  // The match the page was taken from: its counts are the total's (see
  // SearchPlan::Total).
  Xapian::MSet mset;
  std::size_t offset = 0;  // hits before the page in the full result list
  // The page's hits in rank order: items of `mset`, or of other matches of
  // the same records (reranked_page() in rerank.h).
  std::vector<Xapian::MSetIterator> items;
  bool ids_break_ties = false;  // Xapian itself ordered equal scores by id
};

// Items offset .. offset + limit - 1 of `enquire`'s match, which visits at
// least `check` matches (Xapian's checkatleast). When `by_score`, records
// of equal score straddling an edge of the page are dealt with as described
// in ranked_page.cc; order_ties_by_id() does the rest.
Page ranked_page(Xapian::Enquire& enquire, std::size_t offset, std::size_t limit, bool by_score,
                 Xapian::doccount check);

// Orders `hits` of equal score by record id, unless the page says Xapian
// already did. For hits ranked by score only.
void order_ties_by_id(const Page& page, std::vector<Hit>& hits);

}  // namespace trove

#endif  // TROVE_LIB_SEARCH_RANKED_PAGE_H_
