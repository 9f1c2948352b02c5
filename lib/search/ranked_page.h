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

// The page: mset items first .. first + limit - 1.
struct Page {
  Xapian::MSet mset;
  std::size_t offset = 0;  // hits before the page in the full result list
  std::size_t first = 0;
  std::size_t limit = 0;
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
