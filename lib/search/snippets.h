// Snippets: the part of a text where the query's words are densest, with
// those words marked.
#ifndef TROVE_LIB_SEARCH_SNIPPETS_H_
#define TROVE_LIB_SEARCH_SNIPPETS_H_

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
struct Highlight {
  std::unordered_set<std::string> terms;
  std::unordered_set<std::string> stems;
};

// A window of about style.length bytes of `text` holding the most matching
// words, each wrapped in style.begin/style.end, with "…" where text was cut
// off. The start of the text when nothing matches.
std::string make_snippet(const std::string& text, const Highlight& highlight,
                         const Analyzer& analyzer, const SnippetStyle& style);

}  // namespace trove

#endif  // TROVE_LIB_SEARCH_SNIPPETS_H_
