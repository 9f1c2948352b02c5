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

// make_snippet analyses only the units of text where a marked word can start
// and those around the window. These tests compare it with the plain
// algorithm it replaced (every word analysed, every word matched), written
// out here as the reference.
#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include "test_util.h"

namespace trove {
namespace {

// The words to mark as before: a term whose first byte starts a term or a
// stem, and that is a term or whose stem is a stem.
struct ReferenceHighlight {
  std::set<std::string> terms, stems;
  void add(const std::string& term, const std::string& stem) {
    terms.insert(term);
    stems.insert(stem);
  }
  bool matches(const std::string& term, const Analyzer& analyzer) const {
    if (term.empty()) return false;
    bool starts = false;
    for (const std::set<std::string>* set : {&terms, &stems}) {
      for (const std::string& s : *set) starts |= !s.empty() && s[0] == term[0];
    }
    return starts && (terms.count(term) || stems.count(analyzer.stem(term)));
  }
};

std::string reference_snippet(const std::string& text, const ReferenceHighlight& highlight,
                              const Analyzer& analyzer, std::size_t length) {
  const std::vector<Token> tokens = analyzer.tokenize(text);
  if (tokens.empty()) return {};
  std::vector<bool> matched(tokens.size());
  for (std::size_t i = 0; i < tokens.size(); ++i) matched[i] = highlight.matches(tokens[i].term, analyzer);
  std::size_t best_first = 0, best = 0, count = 0, first = 0;
  for (std::size_t last = 0; last < tokens.size(); ++last) {
    count += matched[last];
    while (first < last && tokens[last].end - tokens[first].begin > length) count -= matched[first++];
    if (count > best) best = count, best_first = first;
  }
  std::size_t start = best_first;
  if (best > 0) {
    while (!matched[start]) ++start;
    const std::size_t anchor = tokens[start].begin;
    while (start > 0 && anchor - tokens[start - 1].begin <= length / 5) --start;
  }
  std::size_t end = start + 1;
  while (end < tokens.size() && tokens[end].end - tokens[start].begin <= length) ++end;
  std::size_t begin = tokens[start].begin, stop = tokens[end - 1].end;
  if (start == 0 && begin <= 8) begin = 0;
  std::size_t after = end < tokens.size() ? tokens[end].begin : text.size();
  while (after > stop && std::string(" \n\r\t").find(text[after - 1]) != std::string::npos) --after;
  if (after - stop <= 8) stop = after;
  if (stop - begin > std::max<std::size_t>(length, 120) + 8) {
    stop = begin + std::max<std::size_t>(length, 120) + 8;
    while (stop < text.size() && (static_cast<unsigned char>(text[stop]) & 0xC0) == 0x80) --stop;
  }
  std::string out = begin > 0 ? "\u2026" : "";
  std::size_t pos = begin;
  for (std::size_t i = start; i < end && tokens[i].end <= stop; ++i) {
    if (!matched[i]) continue;
    out += text.substr(pos, tokens[i].begin - pos) + "[" +
           text.substr(tokens[i].begin, tokens[i].end - tokens[i].begin) + "]";
    pos = tokens[i].end;
  }
  out += text.substr(pos, stop - pos);
  if (stop < text.size()) out += "\u2026";
  return out;
}

// Both snippets of `text` for the query words `words`, at several lengths.
void check_same(const std::string& text, const std::vector<std::string>& words,
                const Analyzer& analyzer) {
  Highlight highlight;
  ReferenceHighlight reference;
  for (const std::string& word : words) {
    highlight.add(word, analyzer.stem(word));
    reference.add(word, analyzer.stem(word));
  }
  for (std::size_t length : {0, 40, 240}) {
    INFO("words " << ::Catch::Detail::stringify(words) << ", length " << length << ", text: " << text);
    REQUIRE(make_snippet(text, highlight, analyzer, {"[", "]", length}) ==
            reference_snippet(text, reference, analyzer, length));
  }
}

// The sample listing's lines of text, and its distinct terms.
std::vector<std::string> sample_lines() {
  std::ifstream in(test::sample_path());
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) {
    if (line.size() > 20) lines.push_back(line);
  }
  return lines;
}

}  // namespace

TEST_CASE("snippets mark words whose case or diacritics or ligatures differ", "[snippets]") {
  const Analyzer analyzer;
  CHECK(snippet("Trafficking, TRAFFICKING and traf\uFB01cking.", {"trafficking"}, 240) ==
        "[Trafficking], [TRAFFICKING] and [traf\uFB01cking].");
  CHECK(snippet("\uFB01nance and FINANCE", {"finance"}, 240) == "[\uFB01nance] and [FINANCE]");
  CHECK(snippet("\u00DCr\u00FCn and URUN, \u00FCr\u00FCn.", {"urun"}, 240) ==
        "[\u00DCr\u00FCn] and [URUN], [\u00FCr\u00FCn].");
  CHECK(snippet("Stra\u00DFe and STRASSE", {"strasse"}, 240) == "[Stra\u00DFe] and [STRASSE]");
  CHECK(snippet("\uFF34\uFF52\uFF41\uFF46\uFF46\uFF49\uFF43 (fullwidth)", {"traffic"}, 240) ==
        "[\uFF34\uFF52\uFF41\uFF46\uFF46\uFF49\uFF43] (fullwidth)");
  // Two runs of non-ASCII words apart by ASCII text that cannot match.
  CHECK(snippet("\u00DCr\u00FCn x \u00FCr\u00FCn", {"urun"}, 240) == "[\u00DCr\u00FCn] x [\u00FCr\u00FCn]");
  // Words joined by '.' or '\'' and other ASCII words.
  CHECK(snippet("See e.g. don't and dont, a@b.com, 3.5 and __init__", {"e.g", "don't", "3.5"}, 240) ==
        "See [e.g]. [don't] and dont, a@b.com, [3.5] and __init__");
  // Irregular English stems that change a word's second letter.
  CHECK(snippet("Lying, dying and tying.", {"lie", "die", "tie"}, 240) == "[Lying], [dying] and [tying].");
  CHECK(snippet("Lies and lying.", {"lying"}, 240) == "[Lies] and [lying].");
}

TEST_CASE("snippets equal those of analysing every word", "[snippets]") {
  const Analyzer analyzer;
  const std::vector<std::string> lines = sample_lines();
  std::set<std::string> vocabulary;
  for (const std::string& line : lines) {
    for (const Token& token : analyzer.tokenize(line)) vocabulary.insert(token.term);
  }
  std::vector<std::vector<std::string>> queries;
  std::size_t n = 0;
  for (const std::string& term : vocabulary) {
    if (n++ % 7 == 0) queries.push_back({term});
    if (n % 23 == 0) queries.push_back({term, queries.front().front(), analyzer.stem(term)});
  }
  REQUIRE(queries.size() > 100);
  for (const std::vector<std::string>& words : queries) {
    for (std::size_t i = 0; i < lines.size(); i += 3) check_same(lines[i], words, analyzer);
  }
  const std::vector<std::string> texts = {
      "\u00DCr\u00FCn x \u00FCr\u00FCn y", "x\u00A0y \u00FCr\u00FCn\tthe\u000Bthe\u000Cthe\rend",
      "\u65E5\u672C\u8A9E the \u30C6\u30AD\u30B9\u30C8 the", "   \u2014 lead", "\u00FCber", "the",
      "  the  ", "\u00FCber the", repeat("word ", 100) + "\u00FCr\u00FCn the" + repeat(" word", 100),
      "'s and 'tis the 'twas"};
  for (const std::string& text : texts) {
    for (const std::vector<std::string>& words :
         std::vector<std::vector<std::string>>{{"the"}, {"urun"}, {"word"}, {"tis", "s"}, {"x"}}) {
      check_same(text, words, analyzer);
    }
  }
}

// make_snippet skips a word whose first two bytes start no highlight term or
// stem, which holds only while the English stemmer keeps those bytes
// (snippets.cc): checked here for the sample's words and made-up ones.
TEST_CASE("english stems keep the first two bytes their filter relies on", "[snippets]") {
  const Analyzer analyzer;
  std::set<std::string> words;
  for (const std::string& line : sample_lines()) {
    for (const Token& token : analyzer.tokenize(line)) words.insert(token.term);
  }
  const std::string letters = "aeiouybdlnst";
  for (const char* suffix : {"", "s", "ies", "ied", "ed", "ing", "ingly", "ly", "y", "'s", "eed",
                             "ational", "ness", "ful"}) {
    for (char a : letters) {
      for (char b : letters) words.insert(std::string{a, b} + suffix);
      words.insert(std::string{a} + suffix);
    }
  }
  for (const char* w : {"dying", "lying", "tying", "skies", "skis", "idly", "gently", "ugly",
                        "early", "only", "singly", "news", "andes", "generously"}) {
    words.insert(w);
  }
  std::size_t checked = 0;
  for (const std::string& word : words) {
    const std::string stem = analyzer.stem(word);
    Highlight highlight;  // a query for the stem itself: `word` matches by its stem
    highlight.add(stem, stem);
    ReferenceHighlight reference;
    reference.add(stem, stem);
    INFO(word << " -> " << stem);
    CHECK(highlight.matches(word, analyzer) == reference.matches(word, analyzer));
    ++checked;
  }
  CHECK(checked > 2500);
}

}  // namespace trove
