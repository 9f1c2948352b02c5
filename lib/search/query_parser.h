// trove's query syntax -> Xapian::Query. Term text always comes from the
// Analyzer, so queries and the index agree on what a word is.
#ifndef TROVE_LIB_SEARCH_QUERY_PARSER_H_
#define TROVE_LIB_SEARCH_QUERY_PARSER_H_

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "trove/analyzer.h"
#include "trove/error.h"
#include "trove/searcher.h"

namespace trove {

// The QueryError for text beyond a resource limit (kMaxTerms terms, kMaxDepth
// nested parentheses). Forgiving parsing (search/query_repair.h) repairs
// every other QueryError but never this one: it is an error in both modes.
// Internal: parse_query() rethrows it as a plain QueryError.
class QueryLimitError : public QueryError {
 public:
  QueryLimitError(const std::string& message, std::size_t at)
      : QueryError(message), offset(at) {}
  // The byte offset of the '(' nested too deep; npos for too many terms.
  std::size_t offset;
};

// QueryLimitError's message for the '(' at byte `offset` of `text`.
std::string too_deep_message(std::string_view text, std::size_t offset);

struct ParsedQuery {
  // The ranked part; Xapian::Query() (empty) when the text holds only
  // filters, is blank, or matches nothing. A query of only exclusions is
  // match_all() AND_NOT them.
  Xapian::Query query;
  // The text is not blank but has nothing that can match: no word and no
  // filter (punctuation only, "()", "\"\"", invalid UTF-8), or a word the
  // Analyzer drops where it cannot simply be left out (alone, +required, in
  // a phrase or under AND). The query matches no record; a blank query
  // (empty or white space only) matches every record.
  bool matches_nothing = false;
  // Facet filters written in the text (country:, region:, year:, topic:,
  // category:), to be combined with the request's filters.
  std::vector<Filter> filters;
  // Unstemmed terms of the positive (not excluded) parts, for snippets.
  std::vector<std::string> highlight_terms;
  // The positive words as typed, in order (a phrase gives each of its
  // words), each with its one-word thesaurus entries after it; no
  // truncation expansions. What the rerank stage counts and pairs.
  std::vector<std::vector<std::string>> ranked_words;
  // Remarks for the user (SearchResult::notes): a truncated word whose
  // expansions were capped.
  std::vector<std::string> notes;
};

// The index terms starting with a prefix, for truncated words (word*).
struct Expansion {
  std::vector<std::string> terms;  // the terms searched for, most records first
  std::size_t available = 0;       // terms starting with the prefix
  bool capped = false;             // available > terms.size()
};
// Looks up the terms starting with a term prefix (truncation.h).
using Truncator = std::function<Expansion(const std::string& term_prefix)>;
// The thesaurus entries (each its folded terms) equivalent to a word, given
// its stem (thesaurus.h).
using SynonymLookup = std::function<std::vector<std::vector<std::string>>(const std::string& stem)>;

// Whether a word of a query is too common to rank by, given its unstemmed
// term (as Analyzer::tokenize() gives it) and its stem.
using CommonWordTest = std::function<bool(const std::string& term, const std::string& stem)>;

class QueryParser {
 public:
  // `analyzer` must outlive the parser.
  explicit QueryParser(const Analyzer& analyzer);

  // Throws QueryError with a message a user can act on. `is_common`, if
  // set, picks the plain optional words (not +required, -excluded, field
  // words or phrases) of a sequence of juxtaposed items that still match
  // but add nothing to the score, provided the sequence has another positive
  // item that is not such a word; they are not highlighted either.
  ParsedQuery parse(const std::string& text, const CommonWordTest& is_common = nullptr) const;

  // The Analyzer given at construction.
  const Analyzer& analyzer() const { return analyzer_; }

  // Makes `word*` (unquoted) match the words `truncator` finds for the
  // prefix (truncation.h); without one, `word*` is `word`.
  void set_truncator(Truncator truncator) { truncator_ = std::move(truncator); }

  // Makes a plain word (not "quoted", not +required, not in a field) match
  // the entries `synonyms` gives for it too, as one term (OP_SYNONYM).
  void set_synonyms(SynonymLookup synonyms) { synonyms_ = std::move(synonyms); }

 private:
  const Analyzer& analyzer_;
  Truncator truncator_;
  SynonymLookup synonyms_;
};

// The lexer's rules, shared with the repair of malformed text: the bytes
// taken by the space character at text[i] (0 if none), and the 1-based
// column of byte `offset`, counting UTF-8 characters.
std::size_t query_space_length(std::string_view text, std::size_t i);
std::size_t query_column(std::string_view text, std::size_t offset);
// The bytes of the boost (^N) that ends `word`, as the lexer strips it
// before reading the rest as a word, operator or field; 0 if none.
std::size_t query_boost_length(std::string_view word);

// A word of the query text that is searched for: not -excluded, not right
// after NOT, not a facet filter's value, not truncated (word*). `begin` and
// `end` are its bytes in the text; `term` is as Analyzer::tokenize() gives it.
struct QueryWord {
  std::size_t begin = 0;
  std::size_t end = 0;
  std::string term;
};

// The words of `text` in order (for did-you-mean). Throws QueryError for
// text parse() rejects for its quotes or fields.
std::vector<QueryWord> query_words(const std::string& text, const Analyzer& analyzer);

// A query matching every document. Use this, never Xapian::Query::MatchAll:
// that is one shared static object whose reference count is not atomic, so
// copying it from several threads (one Searcher each) corrupts it.
Xapian::Query match_all();

// A year filter's value: one year ("2012": from == to) or a range with one
// or both ends ("2010..2015", "..2015", "2010..").
struct YearSpan {
  std::optional<int> from, to;
};

// Reads a year filter's value (surrounding white space ignored). Throws
// QueryError for anything but a year or a range of years, or a range
// whose first year is after its second.
YearSpan parse_year_filter(const std::string& value);

// The boolean query for `filters` (OR within a field, AND across fields),
// leaving out filters on `except_field` (for multi-select facet counts).
// Xapian::Query() when nothing is left. Throws QueryError for an unknown
// field or a malformed year or year range.
Xapian::Query filter_query(const std::vector<Filter>& filters, const Analyzer& analyzer,
                           const std::string& except_field = "");

}  // namespace trove

#endif  // TROVE_LIB_SEARCH_QUERY_PARSER_H_
