// Exact facet counts over every matching record, for multi-valued fields.
#ifndef TROVE_LIB_SEARCH_FACETS_H_
#define TROVE_LIB_SEARCH_FACETS_H_

#include <map>
#include <string>
#include <vector>

#include <xapian.h>

#include "trove/searcher.h"

namespace trove {

// Counts, for every document the match visits, each value stored in one
// facet slot (schema::encode_values), so a record in two regions counts once
// in each. Exact only when the match visits every matching document
// (checkatleast >= the database size).
class FacetSpy : public Xapian::MatchSpy {
 public:
  explicit FacetSpy(Xapian::valueno slot) : slot_(slot) {}
  void operator()(const Xapian::Document& doc, double weight) override;

  // Values by descending count, then ascending value.
  std::vector<FacetCount> counts() const;

 private:
  Xapian::valueno slot_;
  std::map<std::string, std::size_t> counts_;
};

}  // namespace trove

#endif  // TROVE_LIB_SEARCH_FACETS_H_
