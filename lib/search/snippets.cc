// A snippet needs every matching word of the text (to find the densest
// window) but the other words only around that window. Analysing every word
// of every hit's abstract cost a sixth of a plain query (bench/README), so
// the text is cut into the stretches the Analyzer segments independently of
// one another ("units", below), and only two sets of them are analysed:
// those where a matching word can start, and those around the window.
#include "search/snippets.h"

#include <algorithm>
#include <array>
#include <string_view>
#include <vector>

namespace trove {
namespace {

constexpr char kEllipsis[] = "\u2026";

// Non-word text kept before the first word, when that opens the text, and
// after the last word: a quote, a bracket, "." or ", ". A longer run (a
// rule of 50,000 '-', a row of emoji) is cut off, with an ellipsis.
constexpr std::size_t kEdgeBytes = 8;
// A word is shown whole up to this size even when style.length is smaller;
// a longer one (only hostile input has one) is cut.
constexpr std::size_t kLongestWholeWord = 120;

// The Analyzer splits text at ASCII whitespace, segments each field of pure
// ASCII alone, and hands each run of fields with other bytes to ICU in one
// piece, running up to the next ASCII field (see for_each_word() in
// analyzer.cc). So each ASCII field and each such run with its trailing
// whitespace, a "unit", or a sequence of neighbouring units, has the same
// words alone as within the whole text.

// Byte classes: the Analyzer's field separators, the ASCII bytes that join
// into a word (ALetter, Numeric, ExtendNumLet), and bytes of other characters.
enum : unsigned char { kSpaceByte = 1, kWordByte = 2, kOtherCharByte = 4 };

constexpr std::array<unsigned char, 256> make_byte_classes() {
  std::array<unsigned char, 256> classes{};
  for (char c : {' ', '\t', '\n', '\v', '\f', '\r'}) classes[static_cast<unsigned char>(c)] = kSpaceByte;
  for (int c = 'a'; c <= 'z'; ++c) classes[c] = classes[c - 'a' + 'A'] = kWordByte;
  for (int c = '0'; c <= '9'; ++c) classes[c] = kWordByte;
  classes['_'] = classes['@'] = kWordByte;
  for (int c = 0x80; c < 0x100; ++c) classes[c] = kOtherCharByte;
  return classes;
}
constexpr std::array<unsigned char, 256> kByteClass = make_byte_classes();

// 1 for the bytes that do not join into an ASCII word, 0 for those that do.
constexpr std::array<unsigned char, 256> make_not_word_bytes() {
  std::array<unsigned char, 256> out{};
  for (int c = 0; c < 256; ++c) out[c] = kByteClass[c] != kWordByte;
  return out;
}
constexpr std::array<unsigned char, 256> kNotWordByte = make_not_word_bytes();

unsigned char byte_class(const std::string& text, std::size_t i) {
  return kByteClass[static_cast<unsigned char>(text[i])];
}

unsigned char lower(unsigned char c) { return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c; }

std::size_t skip_space(const std::string& text, std::size_t i) {
  while (i < text.size() && byte_class(text, i) == kSpaceByte) ++i;
  return i;
}

// The end of the field starting at `i`; `ascii` tells whether it is pure ASCII.
std::size_t field_end(const std::string& text, std::size_t i, bool& ascii) {
  unsigned char seen = 0;
  for (; i < text.size() && byte_class(text, i) != kSpaceByte; ++i) seen |= byte_class(text, i);
  ascii = !(seen & kOtherCharByte);
  return i;
}

// Whether the ASCII word starting at text[i] may be one that `highlight`
// marks: its term is its bytes in lower case, whose start
// Highlight::may_start() must accept. Its second byte is the next one when
// that is a word byte.
bool may_match(const std::string& text, std::size_t i, const Highlight& highlight, bool two_bytes) {
  const unsigned char next =
      i + 1 < text.size() && byte_class(text, i + 1) == kWordByte ? text[i + 1] : 0;
  return highlight.may_start(lower(text[i]), lower(next), two_bytes);
}

// A marked word's bytes in the text.
struct Mark {
  std::size_t begin = 0;
  std::size_t end = 0;  // one past
};

// The units that may hold a marked word, copied one after another: an ASCII
// unit followed by a space, an ICU unit as it is (it ends in whitespace
// unless it ends the text, and then it is the last); two ICU units apart by
// ". ", a field with no word that keeps the Analyzer from joining them into
// one ICU piece.
struct Joined {
  std::string text;
  std::vector<std::size_t> at;    // each copied unit's offset in `text`
  std::vector<std::size_t> from;  // and in the original text
  bool after_icu = false;

  void add(const std::string& original, std::size_t begin, std::size_t end, bool ascii) {
    if (!ascii && after_icu) text += ". ";
    at.push_back(text.size());
    from.push_back(begin);
    text.append(original, begin, end - begin);
    if (ascii) text += ' ';
    after_icu = !ascii;
  }
};

// Whether the ASCII field text[begin, end) may hold a word that
// `highlight` marks. An ASCII word starts with a word byte after a byte that
// is not one.
bool field_may_match(const std::string& text, std::size_t begin, std::size_t end,
                     const Highlight& highlight, bool two_bytes) {
  for (std::size_t i = begin; i < end; ++i) {
    const bool starts = byte_class(text, i) == kWordByte &&
                        (i == begin || byte_class(text, i - 1) != kWordByte);
    if (starts && may_match(text, i, highlight, two_bytes)) return true;
  }
  return false;
}

// The units of `text` that may hold a word `highlight` marks: an ASCII field
// where a word may (an ASCII word starts with a word byte after a byte that
// is not one), and every ICU unit, as folding can change any byte of its
// words ("Ürün", "ﬁnance").
// The scan is the one pass over all of the text, so its loop only notes
// whether a field has other than ASCII bytes and whether a word starts with
// a byte that starts a term; field_may_match() looks closer at those.
Joined join_candidates(const std::string& text, const Highlight& highlight, bool two_bytes) {
  Joined joined;
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size(), none = n;
  std::size_t pending = none;  // start of a run of non-ASCII fields
  for (std::size_t i = skip_space(text, 0); i < n; i = skip_space(text, i)) {
    const std::size_t field = i;
    unsigned char seen = 0, previous = 0;
    unsigned starts = 0;
    for (; i < n; ++i) {
      const unsigned char c = kByteClass[s[i]];
      if (c == kSpaceByte) break;
      starts |= unsigned{highlight.may_start_ascii_word(s[i])} & (previous != kWordByte);
      seen |= previous = c;
    }
    if (seen & kOtherCharByte) {
      if (pending == none) pending = field;
      continue;
    }
    if (pending != none) joined.add(text, pending, field, false);
    pending = none;
    if (starts && field_may_match(text, field, i, highlight, two_bytes)) {
      joined.add(text, field, i, true);
    }
  }
  if (pending != none) joined.add(text, pending, n, false);
  return joined;
}

// The first byte from `i` on that starts a word `highlight` may mark: a
// byte that may start one, after a byte that joins no word. The loop
// branches once a byte, on both tests together, which hold a few bytes in
// a hundred: a branch on the first test alone, true for every 't' or 'e'
// when a query word starts so, was mispredicted often enough to cost a
// sixth of a snippet's time (bench/README, "The snippet's scan").
std::size_t next_start(const unsigned char* s, std::size_t i, std::size_t n,
                       const Highlight& highlight) {
  if (i == 0) {
    if (n > 0 && highlight.may_start_ascii_word(s[0])) return 0;
    i = 1;
  }
  for (; i < n; ++i) {
    if (unsigned{highlight.may_start_ascii_word(s[i])} & kNotWordByte[s[i - 1]]) return i;
  }
  return n;
}

// join_candidates() for text of ASCII only, where each field is a unit: it
// looks only for the first bytes of words that may match, and copies the
// fields holding them.
Joined join_ascii_candidates(const std::string& text, const Highlight& highlight,
                             bool two_bytes) {
  Joined joined;
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  for (std::size_t i = next_start(s, 0, n, highlight); i < n;
       i = next_start(s, i + 1, n, highlight)) {
    if (!may_match(text, i, highlight, two_bytes)) continue;
    std::size_t begin = i;
    while (begin > 0 && kByteClass[s[begin - 1]] != kSpaceByte) --begin;
    while (i < n && kByteClass[s[i]] != kSpaceByte) ++i;
    joined.add(text, begin, i, true);
  }
  return joined;
}

bool is_ascii(const std::string& text) {
  unsigned char all = 0;
  for (const char c : text) all |= static_cast<unsigned char>(c);
  return all < 0x80;
}

// The words of `joined` that `highlight` marks, in order. A word of ASCII
// text has its bytes in lower case as its term, so there only the words
// whose first bytes may match have their term made.
std::vector<Mark> marks_in(const std::string& joined, bool ascii, const Highlight& highlight,
                           const Analyzer& analyzer, bool two_bytes) {
  std::vector<Mark> marks;
  if (!ascii) {
    for (const Token& token : analyzer.tokenize(joined)) {
      if (highlight.matches(token.term, analyzer)) marks.push_back({token.begin, token.end});
    }
    return marks;
  }
  std::string term;
  for (const WordSpan& word : analyzer.word_spans(joined)) {
    const unsigned char first = lower(joined[word.begin]);
    const unsigned char second = word.end - word.begin > 1 ? lower(joined[word.begin + 1]) : 0;
    if (!highlight.may_start(first, second, two_bytes)) continue;
    term.assign(joined, word.begin, word.end - word.begin);
    for (char& c : term) c = static_cast<char>(lower(static_cast<unsigned char>(c)));
    if (highlight.matches(term, analyzer)) marks.push_back({word.begin, word.end});
  }
  return marks;
}

// Every word of `text` that `highlight` marks, in order.
std::vector<Mark> marked_words(const std::string& text, const Highlight& highlight,
                               const Analyzer& analyzer) {
  if (highlight.empty()) return {};
  const bool two_bytes = Highlight::keeps_two_bytes(analyzer);
  const bool ascii = is_ascii(text);
  const Joined joined = ascii ? join_ascii_candidates(text, highlight, two_bytes)
                              : join_candidates(text, highlight, two_bytes);
  std::vector<Mark> marks = marks_in(joined.text, ascii, highlight, analyzer, two_bytes);
  std::size_t unit = 0;
  for (Mark& mark : marks) {
    while (unit + 1 < joined.at.size() && joined.at[unit + 1] <= mark.begin) ++unit;
    const std::size_t shift = joined.from[unit] - joined.at[unit];
    mark.begin += shift;
    mark.end += shift;
  }
  return marks;
}

// Where the window opens: at the first mark of the window of at most
// `length` bytes that holds the most marks (the earliest such). Sliding over
// marks alone finds the window that sliding over all words would: a
// window's count rises only at a marked word.
std::size_t best_anchor(const std::vector<Mark>& marks, std::size_t length) {
  std::size_t best = 0, best_first = 0, first = 0;
  for (std::size_t last = 0; last < marks.size(); ++last) {
    while (first < last && marks[last].end - marks[first].begin > length) ++first;
    if (last - first + 1 > best) {
      best = last - first + 1;
      best_first = first;
    }
  }
  return marks[best_first].begin;
}

// The start of a unit at or before byte `at`, or of the whitespace before
// it: the field holding `at` (or the next one), or where the ICU run that
// field belongs to starts.
std::size_t unit_start(const std::string& text, std::size_t at) {
  std::size_t start = at;
  while (start > 0 && byte_class(text, start - 1) != kSpaceByte) --start;
  for (bool ascii = true;;) {
    const std::size_t field = skip_space(text, start);
    if (field < text.size()) field_end(text, field, ascii);
    if (ascii) return start;
    std::size_t previous = start;  // the end of the field before, if any
    while (previous > 0 && byte_class(text, previous - 1) == kSpaceByte) --previous;
    if (previous == 0) return 0;
    while (previous > 0 && byte_class(text, previous - 1) != kSpaceByte) --previous;
    field_end(text, previous, ascii);
    if (ascii) return start;
    start = previous;
  }
}

// The end of the units from `begin` (a unit start) on that reach byte
// `target`, or the end of the text.
std::size_t units_end(const std::string& text, std::size_t begin, std::size_t target) {
  bool in_run = false;  // the last field was not ASCII
  for (std::size_t i = begin;;) {
    const std::size_t field = skip_space(text, i);
    if (field == text.size()) return field;
    bool ascii = true;
    i = field_end(text, field, ascii);
    if (ascii && in_run && field >= target) return field;
    if (ascii && i >= target) return i;
    in_run = !ascii;
  }
}

// Words around the window, from those of the unit holding byte `from`
// onwards, at their offsets in the text; `first` is the first word beginning
// at or after `from`. `first` is the first word of the whole text when
// `opens_text`.
struct Words {
  std::vector<WordSpan> tokens;
  std::size_t first = 0;
  bool opens_text = false;
};

// Bytes analysed at a time around the window, at most.
constexpr std::size_t kMaxStep = std::size_t{1} << 16;

// Appends the words of text[begin, end) to `out`.
void append_words(const std::string& text, std::size_t begin, std::size_t end,
                  const Analyzer& analyzer, std::vector<WordSpan>& out) {
  const std::string_view part(text.data() + begin, end - begin);
  for (const WordSpan& word : analyzer.word_spans(part)) {
    out.push_back({word.begin + begin, word.end + begin});
  }
}

// The words from byte `from` to one past the window (a word ending more than
// `length` bytes after the window's first word begins), or to the end of the
// text, analysed a window's length at a time. From the start of the text
// when `from` is so close to it that span_of() asks whether the window opens
// the text.
Words words_around(const std::string& text, std::size_t from, std::size_t length,
                   const Analyzer& analyzer) {
  Words words;
  std::size_t begin = from <= kEdgeBytes ? 0 : unit_start(text, from);
  words.opens_text = begin == 0;
  // The window's first word most often begins a few bytes after `from`, and
  // the word after the window a few bytes after `length` more: analysing
  // more than that to save a second call would cost more than it saves.
  const std::size_t step = std::min(std::max(length, kLongestWholeWord), kMaxStep);
  std::size_t target = from + step + 32;
  bool found = false;  // words.first is set
  for (; begin < text.size(); target = begin + step) {
    const std::size_t end = units_end(text, begin, target);
    append_words(text, begin, end, analyzer, words.tokens);
    begin = end;
    const std::vector<WordSpan>& t = words.tokens;
    for (; !found && words.first < t.size(); ++words.first) {
      if (t[words.first].begin >= from) found = true;
    }
    if (!found) continue;
    if (t.back().end - t[words.first - 1].begin > length) break;
  }
  if (found) --words.first;
  words.opens_text &= words.first == 0;
  return words;
}

// Bytes of the text shown: from the window's first word to its last.
struct Span {
  std::size_t begin = 0;
  std::size_t end = 0;  // one past
};


bool is_space(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }

// `end`, moved back to the start of the UTF-8 character it falls in.
std::size_t char_boundary(const std::string& text, std::size_t end) {
  while (end > 0 && end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) {
    --end;
  }
  return end;
}

// The bytes to show for the window: words.tokens[words.first] up to the
// words ending at most `length` bytes after it begins (at least one word).
// The non-word text at its edges is bounded here, so that the snippet stays
// about `length` bytes whatever lies between words. `last` is set one past
// the window's last word.
Span span_of(const std::string& text, const Words& words, std::size_t length, std::size_t& last) {
  const std::vector<WordSpan>& tokens = words.tokens;
  const std::size_t begin = tokens[words.first].begin;
  last = words.first + 1;
  while (last < tokens.size() && tokens[last].end - begin <= length) ++last;
  Span span{begin, tokens[last - 1].end};
  if (words.opens_text && span.begin <= kEdgeBytes) span.begin = 0;
  std::size_t after = last < tokens.size() ? tokens[last].begin : text.size();
  while (after > span.end && is_space(text[after - 1])) --after;
  if (after - span.end <= kEdgeBytes) span.end = after;
  const std::size_t most = std::max(length, kLongestWholeWord) + kEdgeBytes;
  if (span.end - span.begin > most) span.end = char_boundary(text, span.begin + most);
  return span;
}

// The window's text with its marked words wrapped in the style's markers.
std::string render(const std::string& text, const Words& words, std::size_t last,
                   const Span& span, const std::vector<Mark>& marks, const SnippetStyle& style) {
  std::string out;
  if (span.begin > 0) out += kEllipsis;
  std::size_t pos = span.begin;
  auto mark = std::lower_bound(marks.begin(), marks.end(), span.begin,
                               [](const Mark& m, std::size_t at) { return m.begin < at; });
  for (std::size_t i = words.first; i < last && words.tokens[i].end <= span.end; ++i) {
    const WordSpan& word = words.tokens[i];
    while (mark != marks.end() && mark->begin < word.begin) ++mark;
    if (mark == marks.end() || mark->begin != word.begin) continue;
    out.append(text, pos, word.begin - pos);
    out += style.begin;
    out.append(text, word.begin, word.end - word.begin);
    out += style.end;
    pos = word.end;
  }
  out.append(text, pos, span.end - pos);
  if (span.end < text.size()) out += kEllipsis;
  return out;
}

}  // namespace

// Snowball's English stemmer rewrites a word's ending only, after its first
// two letters (R1 starts after a vowel and a consonant; step 1c turns 'y'
// into 'i' only after its second letter), except for a leading apostrophe,
// which it drops, and three irregular forms that rewrite the second letter
// (dying -> die, lying -> lie, tying -> tie). So where it or no stemmer
// stems, a term's stem keeps its first two bytes (all of them when it has
// fewer), and a word whose first two bytes start no term, no stem and none
// of the irregular forms is not stemmed at all. snippets_test.cc checks this
// over a vocabulary, as Xapian's stemmer may change.
constexpr const char* kIrregularStarts[][2] = {{"die", "dy"}, {"lie", "ly"}, {"tie", "ty"}};

bool Highlight::keeps_two_bytes(const Analyzer& analyzer) {
  const std::string& language = analyzer.language();
  return language == "english" || language == "en" || language == "none";
}

void Highlight::add_start(const std::string& word) {
  if (word.size() >= 2) {
    first_pairs_.set(static_cast<unsigned char>(word[0]) << 8 | static_cast<unsigned char>(word[1]));
  } else if (word.size() == 1) {
    short_[static_cast<unsigned char>(word[0])] = true;
  } else {
    has_empty_ = true;
  }
  for (const auto& irregular : kIrregularStarts) {
    if (word == irregular[0]) add_start(irregular[1]);
  }
}

void Highlight::add(const std::string& term, const std::string& stem) {
  terms_.insert(term);
  stems_.insert(stem);
  if (!term.empty()) first_bytes_[static_cast<unsigned char>(term[0])] = true;
  if (!stem.empty()) first_bytes_[static_cast<unsigned char>(stem[0])] = true;
  for (int c = 0; c < 128; ++c) {
    ascii_word_starts_[c] = kByteClass[c] == kWordByte && first_bytes_[lower(c)];
  }
  add_start(term);
  add_start(stem);
}

bool Highlight::matches(const std::string& term, const Analyzer& analyzer) const {
  if (term.empty()) return false;
  const auto second = static_cast<unsigned char>(term.size() > 1 ? term[1] : 0);
  if (!may_start(static_cast<unsigned char>(term[0]), second, keeps_two_bytes(analyzer))) {
    return false;
  }
  if (terms_.count(term)) return true;
  return stems_.count(analyzer.stem(term)) > 0;
}

// The window opens a little before its first mark rather than far before
// it: at the first word at most length / 5 bytes before that mark.
std::string make_snippet(const std::string& text, const Highlight& highlight,
                         const Analyzer& analyzer, const SnippetStyle& style) {
  const std::vector<Mark> marks = marked_words(text, highlight, analyzer);
  std::size_t from = 0;
  if (!marks.empty()) {
    const std::size_t anchor = best_anchor(marks, style.length);
    from = anchor - std::min(anchor, style.length / 5);
  }
  const Words words = words_around(text, from, style.length, analyzer);
  if (words.tokens.size() <= words.first) return {};
  std::size_t last = 0;
  const Span span = span_of(text, words, style.length, last);
  return render(text, words, last, span, marks, style);
}

}  // namespace trove
