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
