#include <catch2/catch.hpp>

#include "search/snippets.h"

namespace trove {

TEST_CASE("snippets mark matched words and cut around the densest part", "[snippets]") {
  Analyzer analyzer;
  const SnippetStyle style{"[", "]", 60};
  struct Case {
    std::string text;
    std::vector<std::string> words;  // query terms: each marks itself and its stem
    std::string expected;
  };
  const std::string long_text =
      "The report opens with a long introduction about methods. Later it turns to "
      "trafficking for labour exploitation in Europe and ends with recommendations "
      "for national authorities.";
  const std::vector<Case> cases = {
      {"Human trafficking occurs in almost every country.", {"trafficking"},
       "Human [trafficking] occurs in almost every country."},
      {"Trafficked persons and trafficking victims.", {"trafficking"},
       "[Trafficked] persons and [trafficking] victims."},
      {"Authored by Markéta Von Hagen.", {"marketa"}, "Authored by [Markéta] Von Hagen."},
      {long_text, {"labour", "exploitation"}, "…for [labour] [exploitation] in Europe and ends with…"},
      {long_text, {"nothing"}, "The report opens with a long introduction about methods.…"},
      {"", {"x"}, ""},
  };
  for (const Case& c : cases) {
    INFO(c.text);
    Highlight highlight;
    for (const std::string& word : c.words) highlight.add(word, analyzer.stem(word));
    CHECK(make_snippet(c.text, highlight, analyzer, style) == c.expected);
  }
}

}  // namespace trove

namespace trove {
namespace {

std::string repeat(const std::string& piece, std::size_t n) {
  std::string out;
  for (std::size_t i = 0; i < n; ++i) out += piece;
  return out;
}

std::string snippet(const std::string& text, const std::vector<std::string>& words,
                    std::size_t length) {
  static const Analyzer analyzer;
  Highlight highlight;
  for (const std::string& word : words) highlight.add(word, analyzer.stem(word));
  return make_snippet(text, highlight, analyzer, {"[", "]", length});
}

}  // namespace

TEST_CASE("snippet_length bounds the snippet around long runs of non-word text", "[snippets]") {
  const std::string rules = "Intro " + repeat("-", 50000) + " referral " + repeat("=", 50000);
  CHECK(snippet(rules, {"referral"}, 240) == "…[referral]…");
  CHECK(snippet(rules, {"nothing"}, 240) == "Intro…");
  CHECK(snippet(rules, {"referral"}, 0) == "…[referral]…");
  const std::string emoji = repeat("😀", 5000) + " referral " + repeat("🎉 ", 5000) + "end";
  CHECK(snippet(emoji, {"referral"}, 0) == "…[referral]…");
  CHECK(snippet(emoji, {"referral"}, 240) == "…[referral]…");
  CHECK(snippet(emoji, {}, 240) == "…referral…");
  // Emoji between words within the length are shown as they are.
  CHECK(snippet("Shelter 😀😀 refuge 🎉 sanctuary.", {"refuge"}, 240) ==
        "Shelter 😀😀 [refuge] 🎉 sanctuary.");
  CHECK(snippet("Shelter 😀😀 refuge 🎉 sanctuary.", {"refuge"}, 0) == "…[refuge] 🎉…");
  // Short punctuation at the edges stays: a quote, a full stop.
  CHECK(snippet("“Referral” mechanisms.", {"referral"}, 240) == "“[Referral]” mechanisms.");
  CHECK(snippet("(1) Referral.", {"referral"}, 240) == "(1) [Referral].");
  // One word longer than any term (soft hyphens fold away) is cut at 240 +
  // 8 bytes, back to the start of the character there: 'a' and 123 soft
  // hyphens of 2 bytes.
  const std::string word = "a" + repeat("\u00AD", 10000) + "b";
  CHECK(snippet(word, {}, 240) == word.substr(0, 247) + "…");
}

TEST_CASE("a snippet is at most about snippet_length bytes whatever the text", "[snippets]") {
  const std::vector<std::string> texts = {
      "Intro " + repeat("-", 50000) + " referral " + repeat("=", 50000),
      repeat("referral 😀😀😀😀 ", 2000),
      repeat("😀", 3000) + " referral " + repeat("=", 3000),
      repeat("word ", 5000) + "referral" + repeat(" word", 5000),
      repeat("referral", 1) + repeat(", ", 20000) + "referral",
      "a" + repeat("\u00AD", 10000) + "b referral",
      repeat("日本語のテキスト。", 1000) + " referral",
  };
  for (const std::string& text : texts) {
    for (std::size_t length : {0, 10, 60, 240, 1000}) {
      INFO("text of " << text.size() << " bytes, length " << length);
      const std::string s = snippet(text, {"referral"}, length);
      std::size_t marks = 0;
      for (std::size_t at = s.find('['); at != std::string::npos; at = s.find('[', at + 1)) ++marks;
      // The words' span, the edges' punctuation, two ellipses, the markers.
      CHECK(s.size() <= std::max<std::size_t>(length, 120) + 8 + 2 * 3 + 2 * marks);
      CHECK_FALSE(s.empty());
    }
  }
}

}  // namespace trove
