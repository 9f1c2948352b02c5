#include "search/dropped_words.h"

namespace trove {
namespace {

bool ascii_alnum(unsigned char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool continuation(unsigned char c) { return (c & 0xC0) == 0x80; }

// Whether `gap`, text between tokens, holds part of a word. An ASCII letter
// or digit there can only belong to a dropped word. Other characters are
// analysed one at a time: a lone character folds to a term far shorter
// than the limit, so any that is part of a word (a letter, a digit, a
// kana, an ideograph) yields a token on its own.
bool holds_word(const Analyzer& analyzer, std::string_view gap) {
  for (std::size_t i = 0; i < gap.size();) {
    const auto c = static_cast<unsigned char>(gap[i]);
    if (c < 0x80) {
      if (ascii_alnum(c)) return true;
      ++i;
      continue;
    }
    std::size_t end = i + 1;
    while (end < gap.size() && continuation(static_cast<unsigned char>(gap[end]))) ++end;
    if (!analyzer.tokenize(gap.substr(i, end - i)).empty()) return true;
    i = end;
  }
  return false;
}

}  // namespace

bool drops_a_word(const Analyzer& analyzer, std::string_view text,
                  const std::vector<Token>& tokens) {
  std::size_t pos = 0;
  for (const Token& token : tokens) {
    if (holds_word(analyzer, text.substr(pos, token.begin - pos))) return true;
    pos = token.end;
  }
  return holds_word(analyzer, text.substr(pos));
}

}  // namespace trove
