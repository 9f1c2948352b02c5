#include "search/snippets.h"

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

  // Text from the window's first word to its last, including the
  // punctuation that follows the last word up to the next word.
  const std::size_t begin = window.first == 0 ? 0 : tokens[window.first].begin;
  std::size_t end = window.last < tokens.size() ? tokens[window.last].begin : text.size();
  while (end > begin && (text[end - 1] == ' ' || text[end - 1] == '\n')) --end;

  std::string out;
  if (begin > 0) out += kEllipsis;
  std::size_t pos = begin;
  for (std::size_t i = window.first; i < window.last; ++i) {
    if (!matched[i]) continue;
    out.append(text, pos, tokens[i].begin - pos);
    out += style.begin;
    out.append(text, tokens[i].begin, tokens[i].end - tokens[i].begin);
    out += style.end;
    pos = tokens[i].end;
  }
  out.append(text, pos, end - pos);
  if (end < text.size()) out += kEllipsis;
  return out;
}

}  // namespace trove
