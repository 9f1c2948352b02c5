#include "search/truncation.h"

#include <algorithm>
#include <utility>
#include <vector>

namespace trove {

Expansion expand_prefix(const Xapian::Database& db, const std::string& term_prefix,
                        std::size_t cap) {
  std::vector<std::pair<Xapian::doccount, std::string>> found;
  for (Xapian::TermIterator it = db.allterms_begin(term_prefix);
       it != db.allterms_end(term_prefix); ++it) {
    found.emplace_back(it.get_termfreq(), *it);
  }
  // Most records first; the sort is stable, so ties stay alphabetical.
  std::stable_sort(found.begin(), found.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  Expansion out;
  out.capped = found.size() > cap;
  out.available = found.size();
  for (std::size_t i = 0; i < found.size() && i < cap; ++i) out.terms.push_back(found[i].second);
  return out;
}

Truncator truncator_for(const Xapian::Database& db) {
  return [&db](const std::string& term_prefix) { return expand_prefix(db, term_prefix); };
}

}  // namespace trove
