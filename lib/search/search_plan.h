// The decisions a search makes before it touches the index: what the query
// is, how the hits are ordered, and how the exact total and the facet
// counts are found. Each is a documented field, so that the steps that run
// the plan (Searcher: match, count, materialise) only follow it.
#ifndef TROVE_LIB_SEARCH_SEARCH_PLAN_H_
#define TROVE_LIB_SEARCH_SEARCH_PLAN_H_

#include <string>
#include <vector>

#include <xapian.h>

#include "search/query_parser.h"
#include "trove/analyzer.h"
#include "trove/searcher.h"

namespace trove {

struct SearchPlan {
  // The query text as parsed: ranked part, filters, words to highlight.
  ParsedQuery parsed;
  // What forgiving parsing reinterpreted (SearchResult::notes).
  std::vector<std::string> notes;
  // The request's filters, then those the query text wrote.
  std::vector<Filter> filters;
  // The ranked query; match_all() for a blank query or one of only
  // filters; Xapian::Query(), which matches nothing, when
  // parsed.matches_nothing.
  Xapian::Query base;
  // `base` restricted by every filter: what the hits and the total match.
  Xapian::Query query;

  // The order of the hits.
  enum class Order {
    kNewest,         // no word to rank by: newest first, then by id
    kYearThenScore,  // SortOrder::kYear with words: newest first, then score
    kScore,          // by score, equal scores by id; feedback applies only here
  };
  Order order = Order::kNewest;

  // Requested facets without a filter on their field: counted over `query`.
  std::vector<std::string> unselected;
  // Requested facets with a filter on their field (multi-select): each is
  // counted over `base` with every filter but its own, in a pass of its own.
  std::vector<std::string> selected;

  // Where the exact total comes from. Ranking by score can stop early, once
  // Xapian knows no other record can enter the page; a second, unranked
  // pass over every match (no document lengths read) then counts them for
  // less than ranking them all would cost. Phrase queries, whose position
  // checks would be paid twice, and orders that visit every match anyway
  // rank and count in one pass.
  enum class Total {
    kCountingPass,  // the pass counting `unselected`, which there is anyway
    kPage,          // the page's match, made to visit every match
    kPageIfExact,   // the page's match, which counts a query that
                    // counts_exactly() however early it stops, and is
                    // made to visit every match when few are expected
                    // (kOnePassMatches, kOnePassFilteredMatches); else a
                    // counting pass
  };
  Total total = Total::kPage;

  bool by_score() const { return order == Order::kScore; }
};

// Plans `request`, parsing its query text with `parser` and `is_common`.
// Throws QueryError for an unknown facet, malformed query text or filters.
SearchPlan plan_search(const SearchRequest& request, const QueryParser& parser,
                       const Analyzer& analyzer, const CommonWordTest& is_common);

// The most matches a kPageIfExact query may be expected to have for its
// page's match to rank them all, and so count them, instead of stopping
// early and counting in a pass of its own. That pass costs a fixed ~0.2 ms
// and a second walk over the query's postings, its filters' included;
// ranking costs more per match than counting (BM25 reads each document's
// length). So one ranked pass pays up to a few hundred matches for a query
// of words alone, and up to about a thousand for one with filters, whose
// second walk is the dearer. Both chosen interleaved at 100k and checked
// at 1M: bench/README, "Counting in the page's match".
inline constexpr Xapian::doccount kOnePassMatches = 300;
inline constexpr Xapian::doccount kOnePassFilteredMatches = 1000;

// Xapian's checkatleast for the page's match of `plan` in `db`, whose
// filters `analyzer` reads.
Xapian::doccount checked_matches(const SearchPlan& plan, const Xapian::Database& db,
                                 const Analyzer& analyzer);

// The share of `db`'s records `query` is expected to match, from its
// terms' frequencies, taken as independent of one another (1 for what
// has none: value ranges, wildcards).
double expected_share(const Xapian::Query& query, const Xapian::Database& db);

// Whether Xapian knows how many records `query` matches without visiting
// them: one term (its frequency), every record or none, or such a query
// with optional terms (OP_AND_MAYBE) or a weight.
bool counts_exactly(const Xapian::Query& query);

// Where `plan`'s exact total comes from, given its order, query and
// facets (see SearchPlan::Total).
SearchPlan::Total total_of(const SearchPlan& plan);

// Whether `query` checks positions (a phrase).
bool has_positional(const Xapian::Query& query);

// Restricts `base` by `filter` (nothing when `filter` is empty).
Xapian::Query filtered(const Xapian::Query& base, const Xapian::Query& filter);

}  // namespace trove

#endif  // TROVE_LIB_SEARCH_SEARCH_PLAN_H_
