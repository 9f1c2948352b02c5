// Searcher: runs SearchRequests against a trove index.
//
// A Searcher sees the index as of its last (re)open. Before each search it
// checks whether a writer has committed or a rebuild has switched
// generations, and if so reopens, so an open Searcher keeps answering during
// commits and rebuilds and picks up the new state on its next query.
//
// Thread safety: a Searcher must not be used by two threads at once. Open one
// Searcher per thread (they share nothing but the files), or, for many
// threads, borrow them from a SearcherPool (searcher_pool.h), whose
// Searchers share the facet columns of each state of the index.
#ifndef TROVE_SEARCHER_H_
#define TROVE_SEARCHER_H_

#include <cstddef>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "trove/export.h"
#include "trove/record.h"

namespace trove {

/// A filter on one facet field. Filters on the same field combine with OR,
/// filters on different fields with AND.
struct Filter {
  std::string field;  ///< one of facet_fields(), in any ASCII case
  std::string value;  ///< matched case- and diacritic-insensitively; for
                      ///< "year" also a range "2010..2015" (either end may be
                      ///< omitted: "..2015", "2010.."). A value with no word
                      ///< to filter by (empty, punctuation, invalid UTF-8, a
                      ///< word over 120 bytes) is a QueryError saying which.
};

/// The order of a SearchResult's hits.
enum class SortOrder {
  kRelevance,  ///< BM25 score, best first (default); year, newest first, for an
               ///< empty query
  kYear,       ///< year, newest first, then relevance; records without a year last
};

/// What to search for: query text, filters, facets to count, order and page.
struct SearchRequest {
  /// Query text in trove's syntax (README, "Query syntax"). Empty or white
  /// space only: lists the records matching `filters`. Text with nothing to
  /// search for (punctuation only, invalid UTF-8, a word over 120 bytes,
  /// which no index holds) matches no record: total 0.
  std::string query;
  std::vector<Filter> filters;  ///< applied to the whole query; default none
  /// Facets to count: any of facet_fields(), in any ASCII case ("Country"
  /// is "country", as in Filter::field); SearchResult::facets names them as
  /// facet_fields() does. Counts are exact over all matches. Default: none.
  std::vector<std::string> facets;
  /// Facet value search: per facet of `facets` (the key), the text a user
  /// typed to find its values. That facet's counts then hold only the
  /// values with a word starting with the text, folded like any word
  /// ("le" -> "Lebanon", "Sierra Leone"; "middle ea" -> "Middle East"),
  /// counted over the query as usual. A key that is not a facet is a
  /// QueryError. Default: none.
  std::map<std::string, std::string> facet_prefix;
  SortOrder sort = SortOrder::kRelevance;  ///< order of the hits
  std::size_t offset = 0;   ///< hits to skip
  std::size_t limit = 10;   ///< hits to return at most
  /// Whether hits get a snippet. Snippets took about 45% of a plain query's
  /// time at 10k records and 20% at 100k (README, "Capacity"); a results
  /// page that shows none can turn them off.
  bool snippets = true;
  /// Markers put around matched words in snippets.
  std::string highlight_begin = "[";
  std::string highlight_end = "]";  ///< see highlight_begin
  /// Bytes of abstract per snippet, roughly: a snippet shows the words
  /// within this many bytes (at least one word), and at most 8 bytes of
  /// punctuation or symbols beyond them, plus markers and "…".
  std::size_t snippet_length = 240;
  /// How malformed query text is taken. false (default, forgiving): every
  /// text gets an answer; an unclosed quote, unbalanced parentheses, an
  /// unknown `field:`, a dangling operator or a bad filter value is
  /// reinterpreted (README, "Forgiving and strict parsing") and
  /// SearchResult::notes says how. true: such text is a QueryError saying
  /// what to fix, for applications that build queries. Well-formed text
  /// means the same in both modes. In both, text beyond the resource limits
  /// (1,000 terms, parentheses nested 64 deep) is a QueryError, and so are
  /// bad `filters` and `facets`, which are not typed text.
  bool strict = false;
  /// Whether to look for a "did you mean" correction (SearchResult::
  /// suggestion). Costs a lookup per query word, and a walk of the index's
  /// vocabulary for each word it holds in no record (about the cost of a
  /// typical query; see bench/README.md). Default true.
  bool suggest = true;
};

/// One matching record.
struct Hit {
  std::size_t rank = 0;  ///< 1-based position in the full result list
  double score = 0;      ///< relevance (BM25); 0 for an empty query
  Record record;         ///< the stored record (source_file/line as indexed)
  std::string snippet;   ///< part of the abstract, matched words marked
                         ///< (empty if SearchRequest::snippets is false)
};

/// How many matching records have one value of a facet.
struct FacetCount {
  std::string value;  ///< as written in the records
  std::size_t count;  ///< matching records having this value

  /// Equal value and count.
  bool operator==(const FacetCount& o) const { return value == o.value && count == o.count; }
};

/// A corrected query ("did you mean"), for query words the index does not
/// hold. Only the changed words differ from the query as typed: fields,
/// phrases, filters and operators are kept.
struct Suggestion {
  std::string query;  ///< the query text with the corrected words
  /// Each changed word: (as typed, as suggested), in query order.
  std::vector<std::pair<std::string, std::string>> changes;
};

/// The answer to a SearchRequest: the total, one page of hits, facet counts.
struct SearchResult {
  std::size_t total = 0;  ///< exact number of matching records
  std::vector<Hit> hits;  ///< the requested page, in SearchRequest::sort order
  /// Per requested facet, named as facet_fields() names it: values by
  /// descending count, then ascending value.
  /// A facet with a selected filter is counted as if that filter were not
  /// set (multi-select), while the other filters apply.
  std::map<std::string, std::vector<FacetCount>> facets;
  /// What forgiving parsing (SearchRequest::strict false) reinterpreted in
  /// malformed query text, one sentence each that a page can show, in order
  /// of the 1-based column (characters) they name; e.g. "the quote at
  /// column 13 has no closing quote: searched as a phrase to the end".
  /// Also remarks on how the query was understood: e.g. that a truncated
  /// word (word*) matched more words than were searched for. Empty for
  /// well-formed text without such remarks, and in strict mode.
  std::vector<std::string> notes;
  /// A corrected query, when a query word is in no record (or in at most 2
  /// while a word one letter away is in 100 times as many) and the
  /// corrected query finds records (SearchRequest::suggest). Words come
  /// from the index itself (titles, abstracts, authors), so they follow
  /// every add, replace and delete. Words of under 3 letters, words with
  /// digits, excluded words and truncated words are never corrected.
  std::optional<Suggestion> suggestion;
};

/// One completion of typed text (Searcher::complete).
struct Completion {
  std::string text;   ///< as written in a record: a title, an author, a value, a word
  std::string field;  ///< where it comes from: "title", "author", "word" or a facet name
  std::size_t count;  ///< records having it

  /// Equal text, field and count.
  bool operator==(const Completion& o) const {
    return text == o.text && field == o.field && count == o.count;
  }
};

/// The facet fields of a trove index, in the index schema's order:
/// "country", "region", "year", "topic", "category". These are the names
/// SearchRequest::facets, Filter::field and the query syntax's filters
/// accept, and the keys of SearchResult::facets. Applications list them
/// from here rather than spelling them. Never throws.
TROVE_EXPORT std::vector<std::string> facet_fields();

/// Extra weight for a query word found in one field of a record
/// (SearcherOptions::field_weights). A word's score is its BM25 weight over
/// all of the record's text, where a title word counts three times (as
/// the index is written); a field's weight adds the word's BM25 weight as
/// a word of that field, times this, on top. 0 adds nothing; 1 counts a
/// match in the field once more. The query syntax boosts one word or field
/// instead: `title:migration^2`.
struct FieldWeights {
  double title = 0;     ///< default 0
  double abstract = 0;  ///< default 0
  double author = 0;    ///< default 0
};

/// How a Searcher ranks. The analyzer language is read from the index.
/// The defaults were chosen on judged test collections (bench/README.md,
/// "Ranking quality"); every option only reorders the matches: totals and
/// facet counts never depend on them.
struct SearcherOptions {
  /// BM25 k1: how fast repeats of a word in a record stop raising its
  /// score. Finite and >= 0. Default 1.6; higher rewards repetition more.
  double bm25_k1 = 1.6;
  /// BM25 b: how much a long record's score is discounted for its length,
  /// from 0 (not at all) to 1 (fully). Default 0.4.
  double bm25_b = 0.4;
  /// Plain query words found in more than this fraction of the records
  /// ("the", "of", or a word nearly every record of a specialised catalogue
  /// has) add nothing to the score when the query has other words to rank
  /// by. They still match, so totals and facet counts do not change;
  /// phrases, field words (title:the), +required words and words joined by
  /// AND/OR are untouched. Within 0..1; default 1, which turns it off.
  double common_word_fraction = 1.0;
  /// Treat the language's function words ("the", "of", "what", ...) and
  /// words of request ("find", "articles", "papers", "interested", ...)
  /// like common words (see common_word_fraction) whatever their
  /// frequency. Only English has a list; for other index languages this
  /// does nothing. Default true.
  bool stopwords = true;
  /// Expand plain query words with the index's thesaurus (README, "Search
  /// aids"): `labor` also finds "labour", `THB` "trafficking in human
  /// beings", scored as one word. "Quoted" or +required words are never
  /// expanded. Default true.
  bool thesaurus = true;
  /// Queries of at least this many ranked words (words as typed that are
  /// not stopwords; a word's thesaurus entries and `word*` expansions are
  /// part of it, not words of their own) have their first 50 matches
  /// reordered by pseudo-relevance feedback and term proximity (each when
  /// on), in a second run over those 50 records only; later matches keep
  /// their order. Shorter queries say too little for their first hits to be
  /// trusted, and run once, at full speed. Default 5.
  std::size_t rerank_min_words = 5;
  /// Pseudo-relevance feedback, in the rerank stage (rerank_min_words): the
  /// words that best characterise the first `feedback_records` hits are
  /// added to the query, where they can raise a match's score but match
  /// nothing new, so totals and facet counts do not change. It finds
  /// records that use other words for the same thing. 0 turns it off.
  /// Default 5.
  std::size_t feedback_records = 5;
  /// Words added by feedback, at most: words of all text found in at
  /// least two of those records, by Xapian's expansion weight. Default 15.
  std::size_t feedback_terms = 15;
  /// Total weight of the added words relative to the query's own ranked
  /// words (each of which counts 1), within 0..1. Default 0.5.
  double feedback_weight = 0.5;
  /// Term proximity, in the rerank stage (rerank_min_words): each pair of
  /// consecutive ranked query words (either one by any of its thesaurus
  /// entries) found within proximity_window positions of each other in a
  /// record adds the pair's weight (its two words' BM25 weights) times
  /// this to the record's score. Not applied to queries with a phrase. 0
  /// turns it off. Default 0.2 (0.1 to 0.3 were within 0.004 of each other
  /// in nDCG@10 on the judged collections).
  double proximity_weight = 0.2;
  /// See proximity_weight; at least 2. Default 8.
  std::size_t proximity_window = 8;
  /// Extra weight for query words found in the title, abstract or authors
  /// (see FieldWeights). Default none.
  FieldWeights field_weights;
};

/// Where a part of a record's score comes from (ScorePart::source).
enum class ScoreSource {
  kQuery,      ///< a word, phrase or thesaurus group of the query
  kField,      ///< a query word again, as a word of one field (SearcherOptions::field_weights)
  kProximity,  ///< two consecutive query words close together (proximity_weight)
  kFeedback,   ///< a word pseudo-relevance feedback added (feedback_records)
};

/// One part of a record's score (Explanation::parts).
struct ScorePart {
  ScoreSource source = ScoreSource::kQuery;  ///< where it comes from
  /// The word as the index holds it, its stem ("migrat"); a phrase's
  /// stems in double quotes; a proximity pair's two stems ("boundari
  /// layer"); a thesaurus group's (or a truncated word's) stems joined by
  /// "|" ("labor|labour").
  std::string term;
  /// The field it is looked for in: "" (all of the record's text, where a
  /// title word counts three times), "title", "abstract" or "author".
  std::string field;
  /// What its BM25 weight is multiplied by: 1 for a plain query word, N for
  /// a word^N boost, the field's weight (kField), proximity_weight
  /// (kProximity), the word's share of the feedback weight (kFeedback); 0
  /// for a word that matches but adds nothing (stopwords, common words).
  double weight = 1;
  /// Occurrences in the record as indexed (a title word counts three
  /// times); for a thesaurus group the sum over its words; 0 for a phrase
  /// or a proximity pair (which weigh as the sum of their words).
  std::size_t term_frequency = 0;
  std::size_t document_length = 0;  ///< the record's length in indexed words
  /// BM25's inverse document frequency as Xapian computes it, from the
  /// records N and those n that have the word (for a thesaurus group: any
  /// of its words): log((N - n + 0.5) / (n + 0.5)), where a ratio under 2
  /// is taken as ratio / 2 + 1. 0 for a phrase or a proximity pair.
  double idf = 0;
  /// What it adds to the score; 0 when the record does not have it.
  double contribution = 0;
};

/// How a record's score for a request is made (Searcher::explain).
struct Explanation {
  std::string id;        ///< the record's id
  bool matches = false;  ///< whether the record matches the request at all
  /// The score search() gives the record for the request (Hit::score), on
  /// whatever page it is; 0 when it does not match or the query has no word
  /// to rank by. The parts' contributions add up to it (to rounding).
  double score = 0;
  /// Whether the record is in the rerank stage (one of the first 50
  /// matches of a query of SearcherOptions::rerank_min_words words), where
  /// proximity and feedback parts apply.
  bool reranked = false;
  double proximity = 0;  ///< the kProximity parts' contributions, summed
  double feedback = 0;   ///< the kFeedback parts' contributions, summed
  /// Every part of the ranked query, in query order (a part the record
  /// lacks contributes 0), then the field, proximity and feedback parts.
  std::vector<ScorePart> parts;
};

/// Runs SearchRequests against a trove index (see the top of searcher.h).
/// Not thread-safe: open one Searcher per thread, or borrow one from a
/// SearcherPool.
class TROVE_EXPORT Searcher {
 public:
  /// Opens the index at `path` (an index directory, or a stub file listing
  /// local and remote shards) for reading. Throws Error for options out of
  /// range; IndexNotFoundError if `path` does not exist or holds no index
  /// (no stub); IndexCorruptError if a database is damaged or unreadable or
  /// the stub names no shard; IndexIncompatibleError if Xapian cannot read
  /// the database's format; IndexError (naming the path) for other failures.
  static Searcher open(const std::string& path, const SearcherOptions& options = {});

  /// Move-only. A moved-from Searcher may only be destroyed or assigned to.
  Searcher(Searcher&&) noexcept;
  /// Move-only, as the move constructor.
  Searcher& operator=(Searcher&&) noexcept;
  Searcher(const Searcher&) = delete;
  Searcher& operator=(const Searcher&) = delete;
  ~Searcher();

  /// Runs `request` on the latest committed state (reopening first if a
  /// writer committed or a rebuild switched generations). Throws QueryError
  /// for query text beyond the resource limits, for malformed query text if
  /// SearchRequest::strict, and for bad filters or facets; IndexError (or a
  /// subclass, as for open()) if the index cannot be read.
  SearchResult search(const SearchRequest& request);

  /// How the record `id`'s score for `request` is made: each part of the
  /// ranked query with its contribution, term frequency, IDF and weight,
  /// and the proximity and feedback bonuses, adding up to the score
  /// search(request) gives the record. Paging, facets and snippets of the
  /// request do not matter. Throws RecordNotFoundError for an id the index
  /// does not hold, QueryError and IndexError like search().
  Explanation explain(const std::string& id, const SearchRequest& request);

  /// The records most like record `id`: ranked by its most characteristic
  /// words (up to 20 words of its text, by Xapian's expansion weight,
  /// leaving out stopwords), the record itself excluded. The request's
  /// filters, facets, facet_prefix, sort, paging and snippet settings apply
  /// as in search(); its query text is not used and no suggestion is made.
  /// Throws RecordNotFoundError for an id the index does not hold,
  /// QueryError for bad filters or facets, IndexError like search().
  SearchResult similar(const std::string& id, const SearchRequest& request);

  /// The record with this id in the latest committed state, or nullopt if
  /// there is none. Throws IndexError if the index cannot be read.
  std::optional<Record> record(const std::string& id);

  /// Brings the Searcher up to the latest committed state now. Throws
  /// IndexError if the index cannot be opened.
  void reopen();

  /// Records in the index, at its latest committed state (reopens like
  /// search()). Throws IndexError if the index cannot be read.
  std::size_t document_count() const;

  /// The query as trove understands it, for debugging and tests: e.g.
  /// `referral AND title:lebanon` -> "(Zreferr AND ZSlebanon)". Words that
  /// SearcherOptions::common_word_fraction or stopwords leave unweighted
  /// show as "0 * term"; words added by feedback are not shown (they depend
  /// on the hits). `strict` as SearchRequest::strict: forgiving by
  /// default, describing the query as repaired. Reads the latest committed
  /// state (reopens like search()). Throws QueryError like search(),
  /// IndexError if the index cannot be read.
  std::string describe_query(const std::string& query, bool strict = false) const;

  /// Completions of what a user is typing, drawn from the index: whole
  /// titles, authors, facet values and words whose folded text starts with
  /// the folded `prefix` (case and diacritics ignored: "mar" -> "Markéta
  /// Von Hagen"), most records first, then by text; at most `limit`.
  /// `field` narrows them to "title", "author", "word" or one facet; ""
  /// (default) mixes every kind. An index built before completion existed
  /// completes titles and authors only once rebuilt. The answer to a prefix
  /// of 1 or 2 folded characters (limit ≤ 50), and the text each completion
  /// shows, are kept for the state of the index they were computed on
  /// (shared by a SearcherPool's Searchers; the latest state's only, at
  /// most 8 MiB; README, "Completion"). Throws QueryError for an unknown
  /// field, IndexError if the index cannot be read.
  std::vector<Completion> complete(const std::string& prefix, const std::string& field = "",
                                   std::size_t limit = 10) const;

 private:
  friend class SearcherPool;
  struct TROVE_NO_EXPORT Impl;
  class TROVE_NO_EXPORT Shared;  // lib/search/searcher_shared.h
  explicit Searcher(std::unique_ptr<Impl> impl);
  // open(), sharing the facet columns of each state of the index with the
  // other Searchers opened with `shared` (those of one SearcherPool).
  static Searcher open_shared(const std::string& path, const SearcherOptions& options,
                              std::shared_ptr<Shared> shared);
  std::unique_ptr<Impl> impl_;
};

}  // namespace trove

#endif  // TROVE_SEARCHER_H_
