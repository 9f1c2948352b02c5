// trove's query syntax, parsed by hand: a lexer cuts the text into lexemes
// (words, "phrases", field:values, parentheses, AND/OR/NOT), then a
// recursive-descent parser builds the Xapian::Query. Precedence, loosest
// first: OR, AND, NOT, juxtaposition (a sequence of +required, -excluded and
// optional items). Term text always comes from the Analyzer.
//
// Facet filters (country:, region:, year:, topic:, category:) are not part of
// the ranked query. Wherever they appear -- inside parentheses, on either side
// of OR -- they are lifted into ParsedQuery::filters and restrict the whole
// query, OR within a field and AND across fields, exactly like
// SearchRequest::filters: "(poverty country:Chad) OR famine" means
// "poverty OR famine, in Chad". Only under a negation (-country:X,
// NOT country:X, -(... country:X)) does a filter stay in the query, as the
// boolean terms filter_query() builds, so that it excludes what it names.
#include "search/query_parser.h"

#include <cstdlib>
#include <optional>
#include <set>
#include <string_view>
#include <utility>

#include "index/document_builder.h"  // facet_term: the index's filter terms
#include "index/schema.h"
#include "ingest/year.h"
#include "search/dropped_words.h"
#include "search/fields.h"
#include "text/text_util.h"  // check_bytes: the one UTF-8 check
#include "trove/error.h"

namespace trove {
namespace {

constexpr std::size_t kMaxTerms = 1000;
constexpr int kMaxDepth = 64;

std::string ascii_lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// 1-based column of byte `offset` in `text`, counting UTF-8 characters.
std::size_t column(std::string_view text, std::size_t offset) {
  std::size_t col = 1;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++col;
  }
  return col;
}

std::string at_column(std::string_view text, std::size_t offset) {
  return "at column " + std::to_string(column(text, offset));
}

// Bytes taken by the space character starting at text[i], or 0. ASCII white
// space, NUL, and the Unicode spaces people paste (no-break, ideographic, ...)
// all separate words.
std::size_t space_length(std::string_view text, std::size_t i) {
  auto byte = [&](std::size_t k) {
    return k < text.size() ? static_cast<unsigned char>(text[k]) : 0u;
  };
  unsigned c = byte(i);
  if (c == ' ' || (c >= '\t' && c <= '\r') || c == '\0') return 1;
  if (c == 0xC2 && byte(i + 1) == 0xA0) return 2;                          // U+00A0
  if (c == 0xE1 && byte(i + 1) == 0x9A && byte(i + 2) == 0x80) return 3;  // U+1680
  if (c == 0xE3 && byte(i + 1) == 0x80 && byte(i + 2) == 0x80) return 3;  // U+3000
  if (c == 0xE2 && byte(i + 1) == 0x81 && byte(i + 2) == 0x9F) return 3;  // U+205F
  if (c == 0xE2 && byte(i + 1) == 0x80) {
    unsigned d = byte(i + 2);  // U+2000..U+200A, U+2028, U+2029, U+202F
    if ((d >= 0x80 && d <= 0x8A) || d == 0xA8 || d == 0xA9 || d == 0xAF) return 3;
  }
  return 0;
}

// Whether `text` is empty or only white space (ASCII or Unicode spaces; a
// NUL byte separates words but is not white space).
bool blank(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t n = space_length(text, i);
    if (n == 0 || text[i] == '\0') return false;
    i += n;
  }
  return true;
}

// ---------------------------------------------------------------------------
// Lexer

enum class Kind { kWord, kPhrase, kField, kOpen, kClose, kAnd, kOr, kNot, kEnd };

struct Lexeme {
  Kind kind = Kind::kEnd;
  char sign = 0;           // '+' or '-' written directly before it, else 0
  std::string text;        // word, phrase contents, or field value
  std::string field;       // kField: the field name, lower-cased
  bool quoted = false;     // kField: the value was a "quoted phrase"
  std::size_t offset = 0;  // byte offset of the lexeme (after its sign)
  double boost = 1;        // a word, phrase or field:value followed by ^N
};

// A boost: "^" then a number (2, 0.5) ending the item, as in
// `title:migration^2` or `"border control"^1.5`; it multiplies the item's
// score. Anything else after a "^" is left as text.
std::optional<double> boost_of(std::string_view suffix) {
  if (suffix.size() < 2 || suffix.size() > 12 || suffix[0] != '^') return std::nullopt;
  std::size_t digits = 0, dots = 0;
  for (char c : suffix.substr(1)) {
    digits += c >= '0' && c <= '9';
    dots += c == '.';
  }
  if (digits == 0 || dots > 1 || digits + dots + 1 != suffix.size()) return std::nullopt;
  return std::strtod(std::string(suffix.substr(1)).c_str(), nullptr);
}

// The bytes of the boost ending the word `w`; a word that is only a boost
// ("^2") has none.
std::size_t boost_length(std::string_view w) {
  const std::size_t caret = w.rfind('^');
  if (caret == std::string_view::npos || caret == 0) return 0;
  return boost_of(w.substr(caret)) ? w.size() - caret : 0;
}

class Lexer {
 public:
  explicit Lexer(std::string_view text) : text_(text) {}

  std::vector<Lexeme> run() {
    std::vector<Lexeme> out;
    do {
      out.push_back(next());
    } while (out.back().kind != Kind::kEnd);
    return out;
  }

 private:
  bool ends_word(std::size_t i) const {
    if (i >= text_.size() || space_length(text_, i) > 0) return true;
    char c = text_[i];
    return c == '(' || c == ')' || c == '"';
  }

  void skip_spaces() {
    while (pos_ < text_.size()) {
      std::size_t n = space_length(text_, pos_);
      if (n == 0) return;
      pos_ += n;
    }
  }

  Lexeme next() {
    skip_spaces();
    Lexeme lex;
    lex.offset = pos_;
    if (pos_ >= text_.size()) return lex;
    char c = text_[pos_];
    // A sign counts only when attached to what follows: "a - b" has none.
    if ((c == '+' || c == '-') && pos_ + 1 < text_.size() && space_length(text_, pos_ + 1) == 0 &&
        text_[pos_ + 1] != ')') {
      lex.sign = c;
      lex.offset = ++pos_;
      c = text_[pos_];
    }
    if (c == ')') {
      lex.kind = Kind::kClose;
      ++pos_;
    } else if (c == '(') {
      lex.kind = Kind::kOpen;
      ++pos_;
    } else if (c == '"') {
      lex.kind = Kind::kPhrase;
      lex.text = quoted();
      boost_after_quote(lex);
    } else {
      word(lex);
    }
    return lex;
  }

  // The contents of the "quoted phrase" starting at pos_.
  std::string quoted() {
    std::size_t open = pos_;
    std::size_t close = text_.find('"', open + 1);
    if (close == std::string_view::npos) {
      throw QueryError("unclosed quote: the \" " + at_column(text_, open) + " has no closing \"");
    }
    pos_ = close + 1;
    return std::string(text_.substr(open + 1, close - open - 1));
  }

  static bool all_letters(std::string_view s) {
    for (char c : s) {
      if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) return false;
    }
    return true;
  }

  // A boost right after a closing quote.
  void boost_after_quote(Lexeme& lex) {
    std::size_t end = pos_;
    while (!ends_word(end)) ++end;
    if (auto boost = boost_of(text_.substr(pos_, end - pos_))) {
      lex.boost = *boost;
      pos_ = end;
    }
  }

  void word(Lexeme& lex) {
    std::size_t start = pos_;
    while (!ends_word(pos_)) ++pos_;
    std::string_view w = text_.substr(start, pos_ - start);
    if (const std::size_t n = boost_length(w)) {
      lex.boost = *boost_of(w.substr(w.size() - n));
      w.remove_suffix(n);
    }
    lex.kind = Kind::kWord;
    lex.text = std::string(w);
    if (lex.sign == 0 && w == "AND") lex.kind = Kind::kAnd;
    if (lex.sign == 0 && w == "OR") lex.kind = Kind::kOr;
    if (lex.sign == 0 && w == "NOT") lex.kind = Kind::kNot;
    // Only a name of letters can be a field: "10:30" and "3:1" stay words.
    std::size_t colon = w.find(':');
    if (colon != std::string_view::npos && colon > 0 && all_letters(w.substr(0, colon))) {
      field(lex, w, colon);
    }
  }

  // `w` is name:value or ends in "name:"; decides whether it is a field.
  void field(Lexeme& lex, std::string_view w, std::size_t colon) {
    std::string_view name = w.substr(0, colon);
    lex.field = ascii_lower(name);
    bool known = schema::find_text_field(lex.field) || schema::find_facet(lex.field);
    bool value_follows = colon + 1 < w.size();
    bool quote_follows = !value_follows && pos_ < text_.size() && text_[pos_] == '"';
    if (quote_follows) {
      lex.text = quoted();
      lex.quoted = true;
      boost_after_quote(lex);
    } else if (value_follows) {
      lex.text = std::string(w.substr(colon + 1));
    }
    bool group_follows = !value_follows && !quote_follows && pos_ < text_.size() &&
                         text_[pos_] == '(';
    std::size_t end = group_follows ? pos_ + 1 : pos_;  // quote "name:(" for name:(...)
    if (!known && (value_follows || quote_follows || group_follows)) {
      throw QueryError("unknown field '" + std::string(name) + "' in '" +
                       std::string(text_.substr(lex.offset, end - lex.offset)) +
                       "'; fields are " + field_name_list());
    }
    if (!known) return;  // "Note: ..." -- a word that happens to end in a colon
    if (!value_follows && !quote_follows) {
      throw QueryError("'" + std::string(name) +
                       ":' needs a word or a \"quoted phrase\" right after the colon");
    }
    lex.kind = Kind::kField;
  }

  std::string_view text_;
  std::size_t pos_ = 0;
};

// ---------------------------------------------------------------------------
// Filters

const schema::FacetField& filter_field(const std::string& field) {
  const schema::FacetField* facet = facet_named(field);
  if (facet == nullptr) {
    throw QueryError("unknown filter field '" + field + "'; use " + facet_name_list());
  }
  return *facet;
}

// A closed range of at most this many years is the OR of its years' facet
// terms: Xapian skips through their postings, where a value range reads
// the year of every candidate. Merging many years' postings costs more than
// reading values: at 1M records, the benchmark's ranges of 2 to 9 years
// took 0.4x the value range's time, 10 years 0.87x, 12 years 1.07x, 16
// years 1.4x (bench/README, "Year ranges as terms"). A wider or open range
// compares the year value.
constexpr int kYearTermsSpan = 8;

Xapian::Query year_query(const std::string& value, const Analyzer& analyzer) {
  const YearSpan span = parse_year_filter(value);
  const Xapian::valueno slot = schema::kYearSortSlot;
  // value_or: parse_year_filter() guarantees the years used are present
  // (and keeps GCC's -Wmaybe-uninitialized quiet about std::optional).
  const int lo = span.from.value_or(0), hi = span.to.value_or(0);
  using Op = Xapian::Query::op;
  if (span.from && span.to && hi - lo < kYearTermsSpan) {
    std::vector<Xapian::Query> years;
    for (int year = lo; year <= hi; ++year) {
      years.emplace_back(facet_term(schema::kYear.term_prefix, std::to_string(year), analyzer));
    }
    return years.size() == 1 ? years.front() : Xapian::Query(Op::OP_OR, years.begin(), years.end());
  }
  if (!span.from) return Xapian::Query(Op::OP_VALUE_LE, slot, Xapian::sortable_serialise(hi));
  if (!span.to) return Xapian::Query(Op::OP_VALUE_GE, slot, Xapian::sortable_serialise(lo));
  return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, slot, Xapian::sortable_serialise(lo),
                       Xapian::sortable_serialise(hi));
}

// Why a filter value gives no term to filter by, as the end of a message.
std::string why_no_term(const std::string& value, const Analyzer& analyzer) {
  if (std::optional<std::string> bad = text::check_bytes(value)) return *bad + " of the value";
  if (drops_a_word(analyzer, value, analyzer.tokenize(value))) {
    return "a word over " + std::to_string(kLongestWordBytes) +
           " bytes is too long to filter by";
  }
  return "has no value";
}

// The boolean query matching records whose `facet` has `value`. Shared by
// filter_query() and negated filters in query text; facet_term() makes the
// same terms as the index (normalised, capped to Xapian's term length).
Xapian::Query facet_value_query(const schema::FacetField& facet, const std::string& value,
                                const Analyzer& analyzer) {
  if (&facet == &schema::kYear) return year_query(value, analyzer);
  std::string term = facet_term(facet.term_prefix, value, analyzer);
  if (term.empty()) {
    throw QueryError("filter " + std::string(facet.name) + ": " + why_no_term(value, analyzer));
  }
  return Xapian::Query(term);
}

// `op` over `queries`: Query() for none, the query itself for one.
Xapian::Query join(Xapian::Query::op op, const std::vector<Xapian::Query>& queries) {
  if (queries.empty()) return Xapian::Query();
  if (queries.size() == 1) return queries.front();
  return Xapian::Query(op, queries.begin(), queries.end());
}

void add_if_any(std::vector<Xapian::Query>& queries, Xapian::Query query) {
  if (!query.empty()) queries.push_back(std::move(query));
}

// `positive` AND_NOT any of `excluded`; with nothing positive, everything
// but `excluded`.
Xapian::Query exclude(Xapian::Query positive, const std::vector<Xapian::Query>& excluded) {
  if (excluded.empty()) return positive;
  if (positive.empty()) positive = match_all();
  return Xapian::Query(Xapian::Query::OP_AND_NOT, positive, join(Xapian::Query::OP_OR, excluded));
}

template <typename T>
void append(std::vector<T>& to, std::vector<T>& from) {
  for (T& item : from) to.push_back(std::move(item));
}

// ---------------------------------------------------------------------------
// Parser

// What a piece of the query contributes.
struct Part {
  Xapian::Query query;                  // ranked part; empty if none
  std::vector<Filter> filters;          // lifted facet filters
  std::vector<std::string> highlights;  // positive unstemmed terms
  // The positive words as typed, each with its one-word thesaurus entries
  // (ParsedQuery::ranked_words): highlights grouped by word, without
  // truncation expansions.
  std::vector<std::vector<std::string>> words;
  // Matches no record: a word the Analyzer drops (dropped_words.h), or a
  // phrase, AND or +required item holding one. Unlike an item with no word
  // at all (punctuation), which drops out, it does not widen what is
  // around it. `query` is then empty.
  bool nothing = false;
};

// The items of one sequence, by role.
struct Sequence {
  std::vector<Xapian::Query> required, optional, excluded;
  std::vector<Part> common;        // plain optional words that is_common_ picks
  bool other = false;              // a positive item that is not one of those
  bool required_nothing = false;   // a +required item matches nothing
  bool optional_nothing = false;   // an optional item matches nothing
};

enum class Level { kOr, kAnd, kNot, kSequence };

class Parser {
 public:
  Parser(const std::string& text, const Analyzer& analyzer, const CommonWordTest& is_common,
         const Truncator& truncator, const SynonymLookup& synonyms)
      : text_(text), analyzer_(analyzer), is_common_(is_common), truncator_(truncator),
        synonyms_(synonyms), lexemes_(Lexer(text).run()) {}

  ParsedQuery run() {
    std::optional<Part> top = parse(Level::kOr);
    if (peek().kind == Kind::kClose) {
      throw QueryError("unexpected ')' " + at_column(text_, peek().offset));
    }
    ParsedQuery out;
    out.notes = std::move(notes_);
    // Text with no word or filter to match (punctuation, "()", a dropped
    // word) matches nothing; only a blank query lists every record.
    out.matches_nothing = top ? top->nothing || (top->query.empty() && top->filters.empty())
                              : !blank(text_);
    if (!top) return out;
    out.query = std::move(top->query);
    out.filters = std::move(top->filters);
    std::set<std::string> seen;
    for (std::string& term : top->highlights) {
      if (seen.insert(term).second) out.highlight_terms.push_back(std::move(term));
    }
    seen.clear();
    for (std::vector<std::string>& word : top->words) {
      if (seen.insert(word.front()).second) out.ranked_words.push_back(std::move(word));
    }
    return out;
  }

 private:
  const Lexeme& peek() const { return lexemes_[next_]; }
  // The last lexeme is kEnd, which is never taken.
  const Lexeme& take() { return lexemes_[next_++]; }

  static bool starts_item(Kind kind) {
    return kind == Kind::kWord || kind == Kind::kPhrase || kind == Kind::kField ||
           kind == Kind::kOpen;
  }

  // An operator level: its operands separated by its operator; nullopt when
  // there is no operand at all.
  std::optional<Part> parse(Level level) {
    if (level == Level::kSequence) return parse_sequence();
    Level inner = static_cast<Level>(static_cast<int>(level) + 1);
    Kind op = level == Level::kOr ? Kind::kOr : level == Level::kAnd ? Kind::kAnd : Kind::kNot;
    std::optional<Part> left = parse(inner);
    std::vector<Part> rights;
    while (peek().kind == op) {
      const Lexeme& token = take();
      if (!left) fail_operator(token, "left");
      std::optional<Part> right = parse(inner);
      if (!right) fail_operator(token, "right");
      rights.push_back(std::move(*right));
    }
    if (rights.empty()) return left;
    return level == Level::kNot ? combine_not(std::move(*left), rights)
                                : combine(level, std::move(*left), rights);
  }

  [[noreturn]] void fail_operator(const Lexeme& token, const char* side) const {
    const char* name = token.kind == Kind::kOr ? "OR" : token.kind == Kind::kAnd ? "AND" : "NOT";
    throw QueryError(std::string("'") + name + "' " + at_column(text_, token.offset) +
                     " needs a term on its " + side);
  }

  // a OR b, a AND b. An operand with nothing ranked (only filters, or only
  // punctuation) drops out rather than matching nothing. An operand that
  // matches nothing makes an AND match nothing, and an OR only if no other
  // operand has a query.
  static Part combine(Level level, Part left, std::vector<Part>& rights) {
    std::vector<Xapian::Query> queries;
    add_if_any(queries, left.query);
    bool nothing = left.nothing;
    for (Part& right : rights) {
      add_if_any(queries, right.query);
      append(left.filters, right.filters);
      append_words(left, right);
      nothing = nothing || right.nothing;
    }
    left.query = join(level == Level::kOr ? Xapian::Query::OP_OR : Xapian::Query::OP_AND, queries);
    left.nothing = nothing && (level == Level::kAnd || left.query.empty());
    if (left.nothing) return matches_nothing(std::move(left));
    return left;
  }

  // a NOT b NOT c => a AND_NOT (b OR c). Excluding what matches nothing
  // excludes nothing.
  Part combine_not(Part left, std::vector<Part>& rights) const {
    if (left.nothing) return left;
    std::vector<Xapian::Query> excluded;
    for (Part& right : rights) {
      if (!right.nothing) add_if_any(excluded, exclusion(std::move(right)));
    }
    left.query = exclude(std::move(left.query), excluded);
    return left;
  }

  // `part`, made to match nothing; its filters still apply to the query.
  static Part matches_nothing(Part part) {
    part.nothing = true;
    part.query = Xapian::Query();
    part.highlights.clear();
    part.words.clear();
    return part;
  }

  // The query to exclude for a negated part: its filters, which under a
  // negation cannot be lifted, become boolean terms restricting it.
  Xapian::Query exclusion(Part part) const {
    if (part.filters.empty()) return part.query;
    Xapian::Query filters = filter_query(part.filters, analyzer_);
    if (part.query.empty()) return filters;
    return Xapian::Query(Xapian::Query::OP_FILTER, part.query, filters);
  }

  // Juxtaposed items: required AND'ed, optional OR'ed (ranking higher the
  // more match), required AND_MAYBE optional, then AND_NOT the excluded.
  std::optional<Part> parse_sequence() {
    if (!starts_item(peek().kind)) return std::nullopt;
    Sequence sequence;
    Part out;
    while (starts_item(peek().kind)) add_item(sequence, out);
    return finish(sequence, std::move(out));
  }

  // Parses the next item of a sequence and files it by role; `out` gathers
  // the filters and highlights.
  void add_item(Sequence& sequence, Part& out) {
    const char sign = peek().sign;
    const bool plain_word = sign == 0 && peek().kind == Kind::kWord && peek().boost == 1;
    Part part = parse_item();
    if (sign == '-') {
      if (!part.nothing) add_if_any(sequence.excluded, exclusion(std::move(part)));
      return;
    }
    append(out.filters, part.filters);
    if (part.nothing) {
      (sign == '+' ? sequence.required_nothing : sequence.optional_nothing) = true;
    } else if (plain_word && is_common_ && part.highlights.size() == 1 &&
               is_common_(part.highlights[0], analyzer_.stem(part.highlights[0]))) {
      sequence.common.push_back(std::move(part));
    } else {
      sequence.other = sequence.other || !part.query.empty();
      add_if_any(sign == '+' ? sequence.required : sequence.optional, std::move(part.query));
      append_words(out, part);
    }
  }

  // Adds `from`'s highlights and words to `to`'s.
  static void append_words(Part& to, Part& from) {
    append(to.highlights, from.highlights);
    append(to.words, from.words);
  }

  // The sequence's query. A +required item that matches nothing, or
  // optional ones that match nothing with no other to rank by, make it
  // match nothing (not everything but the excluded).
  static Part finish(Sequence& sequence, Part out) {
    // Common words still match (the total does not change), but with
    // another word to rank by they score nothing.
    for (Part& part : sequence.common) {
      if (sequence.other) {
        sequence.optional.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, part.query, 0.0);
      } else {
        sequence.optional.push_back(std::move(part.query));
        append_words(out, part);
      }
    }
    Xapian::Query positive = join(Xapian::Query::OP_OR, sequence.optional);
    if (!sequence.required.empty()) {
      Xapian::Query all = join(Xapian::Query::OP_AND, sequence.required);
      positive = positive.empty() ? all : Xapian::Query(Xapian::Query::OP_AND_MAYBE, all, positive);
    }
    if (sequence.required_nothing || (positive.empty() && sequence.optional_nothing)) {
      return matches_nothing(std::move(out));
    }
    out.query = exclude(std::move(positive), sequence.excluded);
    return out;
  }

  Part parse_item() {
    const Lexeme& lex = take();
    Part part;
    switch (lex.kind) {
      case Kind::kOpen:
        return parse_group(lex);
      case Kind::kPhrase:
        part = phrase_part(lex.text, nullptr);
        break;
      case Kind::kField:
        part = field_part(lex);
        break;
      default:
        if (truncated(lex)) {
          part = truncated_part(lex.text, nullptr);
        } else {
          part = lex.sign == '+' ? word_part(lex.text) : expanded_part(lex.text);
        }
    }
    if (lex.boost != 1 && !part.query.empty()) {
      part.query = Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, part.query, lex.boost);
    }
    return part;
  }

  Part parse_group(const Lexeme& open) {
    if (++depth_ > kMaxDepth) {
      throw QueryLimitError(too_deep_message(text_, open.offset), open.offset);
    }
    std::optional<Part> inner = parse(Level::kOr);
    if (peek().kind != Kind::kClose) {
      throw QueryError("missing ')' for the '(' " + at_column(text_, open.offset));
    }
    take();
    --depth_;
    return inner ? std::move(*inner) : Part{};
  }

  Part field_part(const Lexeme& lex) {
    if (const schema::TextField* field = schema::find_text_field(lex.field)) {
      if (lex.quoted) return phrase_part(lex.text, field);
      return truncated(lex) ? truncated_part(lex.text, field) : word_part(lex.text, field);
    }
    const schema::FacetField& facet = *schema::find_facet(lex.field);
    facet_value_query(facet, lex.text, analyzer_);  // reject bad values here, not at search
    count_terms(1);
    Part part;
    part.filters.push_back(Filter{facet.name, lex.text});
    return part;
  }

  // One word: its stem, or if the Analyzer splits it ("COVID-19", a run of
  // Chinese), the phrase of its terms. `field` null: all text.
  Part word_part(const std::string& text, const schema::TextField* field = nullptr) {
    Part part = analyse(text);
    if (!part.nothing) part.query = phrase(part.highlights, field);
    return part;
  }

  // A word and its thesaurus entries as one term (thesaurus.h); several-word
  // entries as phrases. Only one-word entries are highlighted.
  Part expanded_part(const std::string& text) {
    Part part = word_part(text);
    if (!synonyms_ || part.nothing || part.highlights.size() != 1) return part;
    const std::vector<std::vector<std::string>> entries = synonyms_(analyzer_.stem(part.highlights[0]));
    if (entries.empty()) return part;
    std::vector<Xapian::Query> queries{part.query};
    std::set<std::string> seen{part.query.get_description()};  // "organised" and "organisation"
    // Not counted against kMaxTerms: what a word adds is bounded by the
    // thesaurus, not by the query.
    for (const std::vector<std::string>& terms : entries) {
      Xapian::Query query = phrase(terms, nullptr);
      if (!seen.insert(query.get_description()).second) continue;  // stem to the same term
      queries.push_back(std::move(query));
      if (terms.size() == 1) part.highlights.push_back(terms[0]);
    }
    part.words.front() = part.highlights;
    part.query = Xapian::Query(Xapian::Query::OP_SYNONYM, queries.begin(), queries.end());
    return part;
  }

  static bool truncated(const Lexeme& lex) {
    return !lex.quoted && lex.text.size() > 1 && lex.text.back() == '*';
  }

  // word*: the stems starting with the folded word, and its own stem, as
  // one term (truncation.h). Without a truncator, or for a word the
  // Analyzer splits ("covid-19*"), the word itself. A field with a term for
  // every word is expanded among its own terms.
  Part truncated_part(const std::string& text, const schema::TextField* field) {
    const std::string word = text.substr(0, text.size() - 1);
    const std::vector<Token> tokens = analyzer_.tokenize(word);
    if (!truncator_ || tokens.size() != 1) return word_part(word, field);
    count_terms(1);
    const bool own = field && field->terms == schema::FieldTerms::kEvery;
    const std::string prefix = std::string(schema::kStemPrefix) + (own ? field->prefix : "");
    const Expansion expansion = truncator_(prefix + tokens[0].term);
    std::vector<std::string> stems{analyzer_.stem(tokens[0].term)};
    for (const std::string& term : expansion.terms) {
      if (term.substr(prefix.size()) != stems[0]) stems.push_back(term.substr(prefix.size()));
    }
    Part part;
    std::vector<Xapian::Query> queries;
    for (const std::string& stem : stems) {
      queries.push_back(field ? in_field(stem, *field) : Xapian::Query(schema::kStemPrefix + stem));
      part.highlights.push_back(stem);
    }
    part.words.push_back({tokens[0].term});
    part.query = Xapian::Query(Xapian::Query::OP_SYNONYM, queries.begin(), queries.end());
    if (expansion.capped) {
      notes_.push_back(text + " matches " + std::to_string(expansion.available) +
                       " words; searched for the " + std::to_string(expansion.terms.size()) +
                       " in most records");
    }
    return part;
  }

  // "a phrase": its terms' stems in order.
  Part phrase_part(const std::string& text, const schema::TextField* field) {
    return word_part(text, field);
  }

  // A Part whose highlights are the terms of `text`, counted; one that
  // matches nothing if the Analyzer dropped a word of it.
  Part analyse(const std::string& text) {
    std::vector<Token> tokens = analyzer_.tokenize(text);
    count_terms(tokens.size());
    Part part;
    if (drops_a_word(analyzer_, text, tokens)) return matches_nothing(std::move(part));
    for (Token& token : tokens) part.highlights.push_back(std::move(token.term));
    for (const std::string& term : part.highlights) part.words.push_back({term});
    return part;
  }

  // The stems of `terms` as one term or a phrase, in all text or in
  // `field`. Field terms carry no positions: a phrase in a field is the
  // phrase over all text, filtered by the field's words.
  Xapian::Query phrase(const std::vector<std::string>& terms,
                       const schema::TextField* field) const {
    if (terms.empty()) return Xapian::Query();
    std::vector<Xapian::Query> all, scoped;
    for (const std::string& term : terms) {
      const std::string stem = analyzer_.stem(term);
      all.emplace_back(schema::kStemPrefix + stem);
      if (field) scoped.push_back(in_field(stem, *field));
    }
    if (terms.size() == 1) return field ? scoped[0] : all[0];
    const Xapian::Query phrase(Xapian::Query::OP_PHRASE, all.begin(), all.end(),
                               static_cast<Xapian::termcount>(all.size()));
    if (!field) return phrase;
    return Xapian::Query(Xapian::Query::OP_FILTER, phrase,
                         Xapian::Query(Xapian::Query::OP_AND, scoped.begin(), scoped.end()));
  }

  // The records having `stem` in `field`. A FieldTerms::kShared field has
  // its own term only for stems that also occur in another field: a stem is
  // in it if it is in no other field, or if it has that term. Either way the
  // all-text term carries the weight.
  static Xapian::Query in_field(const std::string& stem, const schema::TextField& field) {
    const std::string own = std::string(schema::kStemPrefix) + field.prefix + stem;
    if (field.terms == schema::FieldTerms::kEvery) return Xapian::Query(own);
    const Xapian::Query all(schema::kStemPrefix + stem);
    std::vector<Xapian::Query> others;
    for (const schema::TextField* other : schema::kTextFields) {
      if (other == &field) continue;
      others.emplace_back(std::string(schema::kStemPrefix) + other->prefix + stem);
    }
    return Xapian::Query(
        Xapian::Query::OP_OR,
        Xapian::Query(Xapian::Query::OP_AND_NOT, all,
                      Xapian::Query(Xapian::Query::OP_OR, others.begin(), others.end())),
        Xapian::Query(Xapian::Query::OP_FILTER, all, Xapian::Query(own)));
  }

  void count_terms(std::size_t n) {
    terms_ += n;
    if (terms_ > kMaxTerms) {
      throw QueryLimitError("query has more than " + std::to_string(kMaxTerms) + " terms",
                            std::string::npos);
    }
  }

  const std::string& text_;
  const Analyzer& analyzer_;
  const CommonWordTest& is_common_;
  const Truncator& truncator_;
  const SynonymLookup& synonyms_;
  std::vector<Lexeme> lexemes_;
  std::vector<std::string> notes_;
  std::size_t next_ = 0;
  int depth_ = 0;
  std::size_t terms_ = 0;
};

}  // namespace

QueryParser::QueryParser(const Analyzer& analyzer) : analyzer_(analyzer) {}

std::string too_deep_message(std::string_view text, std::size_t offset) {
  return "parentheses nested more than " + std::to_string(kMaxDepth) + " deep: the '(' " +
         at_column(text, offset);
}

std::size_t query_space_length(std::string_view text, std::size_t i) {
  return space_length(text, i);
}

std::size_t query_column(std::string_view text, std::size_t offset) { return column(text, offset); }

std::size_t query_boost_length(std::string_view word) { return boost_length(word); }

ParsedQuery QueryParser::parse(const std::string& text, const CommonWordTest& is_common) const {
  return Parser(text, analyzer_, is_common, truncator_, synonyms_).run();
}

namespace {

// Where the searched text of a lexeme starts in the query, or nullopt.
std::optional<std::size_t> text_start(const Lexeme& lex) {
  switch (lex.kind) {
    case Kind::kWord:
      return lex.offset;
    case Kind::kPhrase:
      return lex.offset + 1;
    case Kind::kField:
      if (!schema::find_text_field(lex.field)) return std::nullopt;
      return lex.offset + lex.field.size() + (lex.quoted ? 2 : 1);
    default:
      return std::nullopt;
  }
}

}  // namespace

std::vector<QueryWord> query_words(const std::string& text, const Analyzer& analyzer) {
  std::vector<QueryWord> out;
  const std::vector<Lexeme> lexemes = Lexer(text).run();
  for (std::size_t i = 0; i < lexemes.size(); ++i) {
    const Lexeme& lex = lexemes[i];
    const bool negated = lex.sign == '-' || (i > 0 && lexemes[i - 1].kind == Kind::kNot);
    const std::optional<std::size_t> start = text_start(lex);
    const bool truncated = lex.kind != Kind::kPhrase && !lex.quoted && !lex.text.empty() &&
                           lex.text.back() == '*';
    if (negated || !start || truncated) continue;
    for (const Token& token : analyzer.tokenize(lex.text)) {
      out.push_back({*start + token.begin, *start + token.end, token.term});
    }
  }
  return out;
}

// The empty term matches all documents, as Xapian::Query::MatchAll does.
Xapian::Query match_all() { return Xapian::Query(std::string()); }

YearSpan parse_year_filter(const std::string& value) {
  // One rule for years everywhere (ingest/year.h): four digits, 1000-9999.
  const std::string text(trove::text::trim(value));
  if (text.empty()) throw QueryError("filter year: has no value");
  const std::size_t dots = text.find("..");
  const std::string_view low = std::string_view(text).substr(0, dots);
  const std::string_view high =
      dots == std::string::npos ? std::string_view() : std::string_view(text).substr(dots + 2);
  YearSpan span;
  span.from = low.empty() ? std::nullopt : parse_year(low);
  span.to = dots == std::string::npos ? span.from
            : high.empty()            ? std::nullopt
                                      : parse_year(high);
  if ((!low.empty() && !span.from) || (!high.empty() && !span.to) || (!span.from && !span.to)) {
    throw QueryError("year '" + value + "' is not a year; write year:2012 or year:2010..2015");
  }
  if (span.from && span.to && *span.from > *span.to) {
    throw QueryError("year range " + std::string(low) + ".." + std::string(high) +
                     " is empty: the first year is after the second");
  }
  return span;
}

Xapian::Query filter_query(const std::vector<Filter>& filters, const Analyzer& analyzer,
                           const std::string& except_field) {
  // Per field, in the order fields first appear; identical values once.
  std::vector<const schema::FacetField*> fields;
  std::vector<std::vector<Xapian::Query>> values;
  std::set<std::string> seen;
  std::string except = ascii_lower(except_field);
  for (const Filter& filter : filters) {
    const schema::FacetField& facet = filter_field(filter.field);
    Xapian::Query query = facet_value_query(facet, filter.value, analyzer);  // validates all
    if (facet.name == except || !seen.insert(facet.name + query.get_description()).second) {
      continue;
    }
    std::size_t i = 0;
    while (i < fields.size() && fields[i] != &facet) ++i;
    if (i == fields.size()) {
      fields.push_back(&facet);
      values.emplace_back();
    }
    values[i].push_back(std::move(query));
  }
  std::vector<Xapian::Query> per_field;
  for (const auto& field_values : values) per_field.push_back(join(Xapian::Query::OP_OR, field_values));
  return join(Xapian::Query::OP_AND, per_field);
}

}  // namespace trove
