#include "search/snippets.h"

#include <algorithm>
#include <vector>

namespace trove {
namespace {

constexpr char kEllipsis[] = "\u2026";

struct Window {
  std::size_t first = 0;  // token index
  std::size_t last = 0;   // one past
};

// The window of at most `length` bytes that holds the most matches (the
// earliest such), re-anchored so that it opens a little before its first
// match rather than far before it, then filled up to `length` bytes.
Window best_window(const std::vector<Token>& tokens, const std::vector<bool>& matched,
                   std::size_t length) {
  std::size_t best_first = 0, best_matches = 0, matches = 0, first = 0;
  for (std::size_t last = 0; last < tokens.size(); ++last) {
    matches += matched[last];
    while (first < last && tokens[last].end - tokens[first].begin > length) {
      matches -= matched[first++];
    }
    if (matches > best_matches) {
      best_matches = matches;
      best_first = first;
    }
  }
  std::size_t start = best_first;
  if (best_matches > 0) {
    while (!matched[start]) ++start;
    const std::size_t anchor = tokens[start].begin;
    while (start > 0 && anchor - tokens[start - 1].begin <= length / 5) --start;
  }
  Window window{start, start + 1};
  while (window.last < tokens.size() &&
         tokens[window.last].end - tokens[start].begin <= length) {
    ++window.last;
  }
  return window;
}

// Bytes of the text shown: from the window's first word to its last.
struct Span {
  std::size_t begin = 0;
  std::size_t end = 0;  // one past
};

// Non-word text kept before the first word, when that opens the text, and
// after the last word: a quote, a bracket, "." or ", ". A longer run (a
// rule of 50,000 '-', a row of emoji) is cut off, with an ellipsis.
constexpr std::size_t kEdgeBytes = 8;
// A word is shown whole up to this size even when style.length is smaller;
// a longer one (only hostile input has one) is cut.
constexpr std::size_t kLongestWholeWord = 120;

bool is_space(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }

// `end`, moved back to the start of the UTF-8 character it falls in.
std::size_t char_boundary(const std::string& text, std::size_t end) {
  while (end > 0 && end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) {
    --end;
  }
  return end;
}

// The bytes to show for `window`. The window's words span at most `length`
// bytes (or one word); the non-word text at its edges is bounded here, so
// that the snippet stays about `length` bytes whatever lies between words.
Span span_of(const std::string& text, const std::vector<Token>& tokens, const Window& window,
             std::size_t length) {
  Span span{tokens[window.first].begin, tokens[window.last - 1].end};
  if (window.first == 0 && span.begin <= kEdgeBytes) span.begin = 0;
  std::size_t after = window.last < tokens.size() ? tokens[window.last].begin : text.size();
  while (after > span.end && is_space(text[after - 1])) --after;
  if (after - span.end <= kEdgeBytes) span.end = after;
  const std::size_t most = std::max(length, kLongestWholeWord) + kEdgeBytes;
  if (span.end - span.begin > most) span.end = char_boundary(text, span.begin + most);
  return span;
}

}  // namespace

void Highlight::add(const std::string& term, const std::string& stem) {
  terms_.insert(term);
  stems_.insert(stem);
  if (!term.empty()) first_bytes_[static_cast<unsigned char>(term[0])] = true;
  if (!stem.empty()) first_bytes_[static_cast<unsigned char>(stem[0])] = true;
}

bool Highlight::matches(const std::string& term, const Analyzer& analyzer) const {
  if (term.empty() || !first_bytes_[static_cast<unsigned char>(term[0])]) return false;
  if (terms_.count(term)) return true;
  return stems_.count(analyzer.stem(term)) > 0;
}

std::string make_snippet(const std::string& text, const Highlight& highlight,
                         const Analyzer& analyzer, const SnippetStyle& style) {
  const std::vector<Token> tokens = analyzer.tokenize(text);
  if (tokens.empty()) return {};
  std::vector<bool> matched(tokens.size());
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    matched[i] = !highlight.empty() && highlight.matches(tokens[i].term, analyzer);
  }
  const Window window = best_window(tokens, matched, style.length);
  const Span span = span_of(text, tokens, window, style.length);

  std::string out;
  if (span.begin > 0) out += kEllipsis;
  std::size_t pos = span.begin;
  for (std::size_t i = window.first; i < window.last && tokens[i].end <= span.end; ++i) {
    if (!matched[i]) continue;
    out.append(text, pos, tokens[i].begin - pos);
    out += style.begin;
    out.append(text, tokens[i].begin, tokens[i].end - tokens[i].begin);
    out += style.end;
    pos = tokens[i].end;
  }
  out.append(text, pos, span.end - pos);
  if (span.end < text.size()) out += kEllipsis;
  return out;
}

}  // namespace trove
