// Snippets: the part of a text where the query's words are densest, with
// those words marked.
#ifndef TROVE_LIB_SEARCH_SNIPPETS_H_
#define TROVE_LIB_SEARCH_SNIPPETS_H_

#include <bitset>
#include <string>
#include <unordered_set>

#include "trove/analyzer.h"

namespace trove {

struct SnippetStyle {
  std::string begin = "[";
  std::string end = "]";
  std::size_t length = 240;  // bytes of text, roughly; cut at word boundaries
};

// Words to mark: a word of the text matches if its term is in `terms` or its
// stem is in `stems`.
class Highlight {
 public:
  void add(const std::string& term, const std::string& stem);
  bool matches(const std::string& term, const Analyzer& analyzer) const;
  bool empty() const { return terms_.empty(); }
  // Whether a term starting with bytes `first` and `second` (0 when the term
  // may have one byte only) can match. matches() is false for any other
  // term. `second` counts only when `two_bytes` (see keeps_two_bytes()).
  bool may_start(unsigned char first, unsigned char second, bool two_bytes) const {
    if (!first_bytes_[first]) return false;
    if (!two_bytes || second == 0 || first == '\'' || has_empty_ || short_[first]) return true;
    return first_pairs_.test(first << 8 | second);
  }
  // Whether an ASCII word starting with byte `c` can match (its term starts
  // with `c` in lower case).
  bool may_start_ascii_word(unsigned char c) const { return ascii_word_starts_[c]; }
  // Whether the analyzer's stems keep the first two bytes of their terms
  // (snippets.cc says which do).
  static bool keeps_two_bytes(const Analyzer& analyzer);

 private:
  void add_start(const std::string& word);

  std::unordered_set<std::string> terms_;
  std::unordered_set<std::string> stems_;
  // First bytes of the terms and stems: a word starting otherwise is not
  // looked up or stemmed at all (stemmers rewrite endings), which spares
  // most words of a snippet.
  bool first_bytes_[256] = {};
  bool ascii_word_starts_[256] = {};  // the ASCII word bytes whose lower case is one of those
  // Their first two bytes, and the first bytes of those of one byte or none
  // (which any word starting so may stem to), where keeps_two_bytes().
  std::bitset<1 << 16> first_pairs_;
  bool short_[256] = {};
  bool has_empty_ = false;
};

// A window of about style.length bytes of `text` holding the most matching
// words, each wrapped in style.begin/style.end, with "…" where text was cut
// off. The start of the text when nothing matches. At most
// max(style.length, 120) + 8 bytes of the text, whatever lies between its
// words (at least one word is shown), plus the markers and the ellipses.
// Only the words that can match and those around the window are analysed
// (snippets.cc says why that gives the same snippet as analysing all).
std::string make_snippet(const std::string& text, const Highlight& highlight,
                         const Analyzer& analyzer, const SnippetStyle& style);

}  // namespace trove

#endif  // TROVE_LIB_SEARCH_SNIPPETS_H_
