// The rerank stage of a search ranked by score. A query of several words
// (SearcherOptions::rerank_min_words) has its first kRerankDepth matches
// reordered by what costs too much to compute for every match: the words
// pseudo-relevance feedback adds (feedback.h) and term proximity
// (proximity.h). A second run, restricted to those records, scores them
// with the bonuses; as bonuses only add, they stay ahead of the records
// after them, which keep the first run's order. So pages deeper than the
// stage read the first run as they would without it, and every page of
// one query agrees with the others.
#ifndef TROVE_LIB_SEARCH_RERANK_H_
#define TROVE_LIB_SEARCH_RERANK_H_

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include <xapian.h>

#include "search/field_weights.h"
#include "search/ranked_page.h"
#include "trove/searcher.h"

namespace trove {

// Records the stage reorders, at most.
inline constexpr std::size_t kRerankDepth = 50;

// What a page is asked for: hits offset .. offset + limit - 1 of a match
// that visits at least `check` matches (Xapian's checkatleast).
struct PageSpan {
  std::size_t offset = 0;
  std::size_t limit = 0;
  Xapian::doccount check = 0;
};

// The query being ranked: `ranked` (enquire's query: the plan's query
// `base` with the field weights' bonuses `fields`, see ranking.h), the
// stems of every term it ranks by (thesaurus entries and truncation
// expansions too: each has its field bonuses), the words as typed, each
// the stems of itself and its one-word thesaurus entries (what the stage
// counts against rerank_min_words and pairs for proximity), and whether it
// holds a phrase (which checks positions already, so proximity is not
// added).
struct RankedQuery {
  Xapian::Query ranked;
  std::vector<std::string> stems;
  std::vector<std::vector<std::string>> words;
  bool positional = false;
  Xapian::Query base;
  std::vector<FieldBonus> fields;
};

// What the stage does for one query: the records it reorders and the
// bonuses it adds to q.ranked for them.
struct RerankStage {
  Xapian::MSet top;                      // the first run's first kRerankDepth matches
  Xapian::Query records;                 // those records, as a boolean query of their ids
  std::vector<Xapian::Query> proximity;  // one bonus per pair of words (proximity.h)
  Xapian::Query feedback;                // the words feedback adds, or Query()

  // `ranked` with every bonus, each joined by an AND_MAYBE of its own.
  Xapian::Query with_bonuses(const Xapian::Query& ranked) const;
};

// The stage for `enquire`'s match of q.ranked (which it runs once, for the
// first kRerankDepth matches), or nullopt when the query has fewer than
// options.rerank_min_words words or neither feedback nor proximity adds
// anything. Leaves `enquire`'s query as it was.
std::optional<RerankStage> rerank_stage(Xapian::Enquire& enquire, const RankedQuery& q,
                                        Xapian::doccount check, const Xapian::Database& db,
                                        const SearcherOptions& options,
                                        const std::string& language);

// The page `span` of `enquire`'s match of q.ranked, reranked. nullopt when
// the query has fewer than options.rerank_min_words words, or feedback and
// proximity add nothing; the caller then takes the page of q.ranked alone.
// `language` is the index's. Leaves `enquire` with another query.
std::optional<Page> reranked_page(Xapian::Enquire& enquire, const RankedQuery& q,
                                  const PageSpan& span, const Xapian::Database& db,
                                  const SearcherOptions& options, const std::string& language);

}  // namespace trove

#endif  // TROVE_LIB_SEARCH_RERANK_H_
