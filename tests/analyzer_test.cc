// Tests for lib/text/analyzer.cc: text -> exact terms, positions and byte
// offsets (as Xapian's api_termgen.cc does), folding, stemming, bad input.
#include "trove/analyzer.h"

#include <xapian.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <cstdint>
#include <random>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "trove/error.h"

namespace {

using trove::Analyzer;
using trove::AnalyzerOptions;
using trove::Token;
using Terms = std::vector<std::string>;

Terms terms_of(const std::vector<Token>& tokens) {
  Terms terms;
  for (const Token& token : tokens) terms.push_back(token.term);
  return terms;
}

Terms terms(const std::string& text, const std::string& language = "english") {
  return terms_of(Analyzer(AnalyzerOptions{language}).tokenize(text));
}

// Every token: positions count up from 0 and the offsets lie in the text.
void check_invariants(const std::string& text, const std::vector<Token>& tokens) {
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    CHECK(tokens[i].position == i);
    CHECK(tokens[i].begin < tokens[i].end);
    CHECK(tokens[i].end <= text.size());
    if (i > 0) CHECK(tokens[i - 1].end <= tokens[i].begin);
  }
}

struct Case {
  const char* name;
  std::string text;
  Terms expected;
};

}  // namespace

TEST_CASE("tokenize: sentences in several languages give exact terms", "[analyzer]") {
  const std::vector<Case> cases = {
      {"english",
       "Trafficking in persons: the Protocol (2000) entered into force.",
       {"trafficking", "in", "persons", "the", "protocol", "2000", "entered", "into", "force"}},
      {"english apostrophes",
       "The women's shelter didn't close; the women’s did.",
       {"the", "women's", "shelter", "didn't", "close", "the", "women's", "did"}},
      {"french",
       "Le Comité a été créé à Genève en 2013.",
       {"le", "comite", "a", "ete", "cree", "a", "geneve", "en", "2013"}},
      {"french elision and ligature",
       "L'Œuvre d’art, ça coûte cher!",
       {"l'œuvre", "d'art", "ca", "coute", "cher"}},
      {"spanish",
       "¿Dónde está el niño? ¡Año nuevo en Ñandú!",
       {"donde", "esta", "el", "nino", "ano", "nuevo", "en", "nandu"}},
      {"german",
       "Die Straße führt über die Brücke nach Köln. ÄRGER!",
       {"die", "strasse", "fuhrt", "uber", "die", "brucke", "nach", "koln", "arger"}},
      {"chinese (ICU dictionary)",
       "人口贩卖是一种严重的犯罪。",
       {"人口", "贩卖", "是", "一种", "严重", "的", "犯罪"}},
      {"japanese (ICU dictionary)",
       "人身売買は重大な犯罪です。",
       {"人身", "売買", "は", "重大", "な", "犯罪", "です"}},
      {"thai (ICU dictionary), marks kept",
       "การค้ามนุษย์เป็นอาชญากรรมร้ายแรง",
       {"การ", "ค้า", "มนุษย์", "เป็น", "อาชญากรรม", "ร้าย", "แรง"}},
      {"thai language name", "ภาษาไทย", {"ภาษา", "ไทย"}},
      {"arabic", "مكافحة الاتجار بالبشر في لبنان", {"مكافحة", "الاتجار", "بالبشر", "في", "لبنان"}},
      {"arabic with harakat",
       "مُكَافَحَةُ الاتِّجَارِ بِالبَشَرِ فِي لُبْنَانَ",
       {"مكافحة", "الاتجار", "بالبشر", "في", "لبنان"}},
      {"arabic with tatweel and arabic-indic digits", "مـكـافـحـة ٢٠١٣", {"مكافحة", "2013"}},
      {"korean", "한국어 텍스트", {"한국어", "텍스트"}},
      {"mixed scripts",
       "COVID-19 in 北京 and Москва",
       {"covid", "19", "in", "北京", "and", "москва"}},
  };
  for (const Case& c : cases) {
    INFO(c.name);
    CHECK(terms(c.text) == c.expected);
  }
}

TEST_CASE("tokenize: case and compatibility and diacritic folding", "[analyzer]") {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"Markéta", "marketa"}, {"MARKÉTA", "marketa"},        {"Straße", "strasse"},
      {"STRASSE", "strasse"}, {"ﬁnance", "finance"},         {"ＡＢＣ", "abc"},
      {"Ñandú", "nandu"},     {"Ελληνικά", "ελληνικα"},      {"ΕΛΛΗΝΙΚΆ", "ελληνικα"},
      {"οδός", "οδοσ"},  // final sigma folds
      {"ΟΔΟΣ", "οδοσ"},       {"İstanbul", "istanbul"},      {"Tiếng", "tieng"},
      {"Việt", "viet"},       {"Москва́", "москва"},          {"Ёлка", "елка"},
      {"שָׁלוֹם", "שלום"},    // Hebrew niqqud dropped
      {"हिन्दी", "हिन्दी"},  // Devanagari virama and vowel signs kept
      {"ภาษา", "ภาษา"},       {"e\xCC\x81t\xC3\xA9", "ete"},  // combining acute and precomposed é
      {"Ⅻ", "xii"},
  };
  Analyzer analyzer;
  for (const auto& [word, term] : cases) {
    INFO(word);
    const std::vector<Token> tokens = analyzer.tokenize(word);
    REQUIRE(tokens.size() == 1);
    CHECK(tokens[0].term == term);
    CHECK(tokens[0].begin == 0);
    CHECK(tokens[0].end == word.size());
  }
}

TEST_CASE("tokenize: positions count kept words only", "[analyzer]") {
  Analyzer analyzer;
  const std::string text = "  Hello, world -- (again) 2013... ok? ";
  const std::vector<Token> tokens = analyzer.tokenize(text);
  check_invariants(text, tokens);
  REQUIRE(terms_of(tokens) == Terms{"hello", "world", "again", "2013", "ok"});
  CHECK(tokens[4].position == 4);
}

TEST_CASE("tokenize: byte offsets point into the original UTF-8", "[analyzer]") {
  Analyzer analyzer;
  const std::string text = "«Markéta» visited 北京, Straße 5 — ＡＢＣ 😀 naïve!";
  const std::vector<Token> tokens = analyzer.tokenize(text);
  check_invariants(text, tokens);
  struct Expected {
    const char* term;
    const char* original;
    std::size_t begin, end;
  };
  const std::vector<Expected> expected = {
      {"marketa", "Markéta", 2, 10},
      {"visited", "visited", 13, 20},
      {"北京", "北京", 21, 27},
      {"strasse", "Straße", 29, 36},
      {"5", "5", 37, 38},
      {"abc", "ＡＢＣ", 43, 52},
      {"naive", "naïve", 58, 64},
  };
  REQUIRE(tokens.size() == expected.size());
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    INFO(expected[i].term);
    CHECK(tokens[i].term == expected[i].term);
    CHECK(tokens[i].begin == expected[i].begin);
    CHECK(tokens[i].end == expected[i].end);
    CHECK(text.substr(tokens[i].begin, tokens[i].end - tokens[i].begin) == expected[i].original);
  }
}

TEST_CASE("tokenize: offsets stay exact for astral and combining characters", "[analyzer]") {
  Analyzer analyzer;
  // U+20BB7 (4 bytes in UTF-8, a surrogate pair in UTF-16), a decomposed é.
  const std::string text = "\xF0\xA0\xAE\xB7 cafe\xCC\x81 \xF0\x9F\x98\x80x";
  const std::vector<Token> tokens = analyzer.tokenize(text);
  check_invariants(text, tokens);
  REQUIRE(terms_of(tokens) == Terms{"\xF0\xA0\xAE\xB7", "cafe", "x"});
  CHECK(text.substr(tokens[0].begin, tokens[0].end - tokens[0].begin) == "\xF0\xA0\xAE\xB7");
  CHECK(text.substr(tokens[1].begin, tokens[1].end - tokens[1].begin) == "cafe\xCC\x81");
  CHECK(tokens[2].begin == text.size() - 1);
}

TEST_CASE("tokenize: numbers are kept and punctuation and symbols dropped", "[analyzer]") {
  CHECK(terms("In 2013, 164 cases; 3.5% of 1,000,000 (12:30).") ==
        Terms{"in", "2013", "164", "cases", "3.5", "of", "1,000,000", "12", "30"});
  CHECK(terms("U.S.A. e-mail a@b.com x_1 __init__ don't") ==
        Terms{"u.s.a", "e", "mail", "a@b.com", "x_1", "__init__", "don't"});
  CHECK(
      terms("... !!! ??? -- () [] {} « » “ ” 😀 👍🏽 ½ ① € $ % & * + = / \\ | ~ ^")
          .empty());
  CHECK(terms("").empty());
  CHECK(terms("   \t\r\n ").empty());
}

TEST_CASE("tokenize: invalid UTF-8 never throws and separates words", "[analyzer]") {
  Analyzer analyzer;
  struct BadCase {
    const char* name;
    std::string text;
    Terms expected;
  };
  const std::vector<BadCase> cases = {
      {"invalid bytes", "abc\xff\xfe def", {"abc", "def"}},
      {"invalid bytes inside a word",
       "ab\xff"
       "cd",
       {"ab", "cd"}},
      {"lone continuation byte",
       "caf\x80"
       "e",
       {"caf", "e"}},
      {"truncated sequence at the end", "abc d\xC3", {"abc", "d"}},
      {"truncated 3-byte sequence at the end", "naïve \xE4\xB8", {"naive"}},
      {"truncated sequence before a word", "\xE4\xB8x y", {"x", "y"}},
      {"overlong encoding",
       "a\xC0\xAF"
       "b",
       {"a", "b"}},
      {"encoded surrogate",
       "a\xED\xA0\x80"
       "b",
       {"a", "b"}},
      {"beyond U+10FFFF",
       "a\xF4\x90\x80\x80"
       "b",
       {"a", "b"}},
      {"embedded NUL", std::string("abc\0def", 7), {"abc", "def"}},
      {"only garbage", "\xff\xfe\xfd\x80\x80", {}},
      {"invalid bytes among non-ASCII words", "Genève\xff\xfeZürich", {"geneve", "zurich"}},
  };
  for (const BadCase& c : cases) {
    INFO(c.name);
    std::vector<Token> tokens;
    REQUIRE_NOTHROW(tokens = analyzer.tokenize(c.text));
    check_invariants(c.text, tokens);
    CHECK(terms_of(tokens) == c.expected);
    for (const Token& token : tokens) {
      // Offsets never include the bad bytes: each word is valid on its own.
      CHECK(analyzer.normalize(c.text.substr(token.begin, token.end - token.begin)) == token.term);
    }
  }
  const std::string text = "abc\xff\xfe def";
  const std::vector<Token> tokens = analyzer.tokenize(text);
  REQUIRE(tokens.size() == 2);
  CHECK(tokens[1].begin == 6);
  CHECK(tokens[1].end == 9);
}

TEST_CASE("tokenize: words over 120 bytes are dropped", "[analyzer]") {
  Analyzer analyzer;
  const std::string ascii120(120, 'a');
  CHECK(terms_of(analyzer.tokenize(ascii120)) == Terms{ascii120});
  const std::vector<Token> tokens = analyzer.tokenize("x " + std::string(121, 'B') + " y");
  REQUIRE(terms_of(tokens) == Terms{"x", "y"});
  CHECK(tokens[1].position == 1);
  CHECK(tokens[1].begin == 2 + 121 + 1);

  // The limit applies to the folded term: 60 two-byte letters fit, 61 do not;
  // 61 "é" fold to 61 bytes and fit.
  std::string cyrillic60, cyrillic61, accented61;
  for (int i = 0; i < 60; ++i) cyrillic60 += "ж";
  cyrillic61 = cyrillic60 + "ж";
  for (int i = 0; i < 61; ++i) accented61 += "é";
  CHECK(terms_of(analyzer.tokenize(cyrillic60)) == Terms{cyrillic60});
  CHECK(analyzer.tokenize(cyrillic61).empty());
  CHECK(terms_of(analyzer.tokenize(accented61)) == Terms{std::string(61, 'e')});
}

TEST_CASE("word_spans: the offsets of tokenize's words and no others", "[analyzer]") {
  Analyzer analyzer;
  std::string cyrillic61;
  for (int i = 0; i < 61; ++i) cyrillic61 += "\u0436";
  const std::vector<std::string> texts = {
      "Trafficking in persons: the Protocol (2000) entered into force.",
      "The women's shelter didn't close; e.g. 3.5 and __init__ a@b.com _",
      "Genève\xff\xfeZürich \xE4\xB8x \u4EBA\u53E3\u8D29\u5356",
      "\u0E04\u0E19\u0E44\u0E17\u0E22 \U0001F600 caf\u00E9\u0301",
      "x " + std::string(121, 'B') + " y " + std::string(120, 'c'),
      "\u00E9t\u00E9 " + cyrillic61 + " z\u00A0" + cyrillic61 + "\u0436 \uFB01n",
      "",
      " \t\n ",
  };
  for (const std::string& text : texts) {
    INFO(text);
    std::vector<std::pair<std::size_t, std::size_t>> expected, spans;
    for (const Token& token : analyzer.tokenize(text)) {
      expected.emplace_back(token.begin, token.end);
    }
    for (const trove::WordSpan& word : analyzer.word_spans(text)) {
      spans.emplace_back(word.begin, word.end);
    }
    CHECK(spans == expected);
  }
  // The words too long to be terms are left out, ASCII or not.
  const std::string text = "x " + std::string(121, 'B') + " " + cyrillic61 + " y";
  const std::vector<trove::WordSpan> spans = analyzer.word_spans(text);
  REQUIRE(spans.size() == 2);
  CHECK(spans[1].begin == text.size() - 1);
  CHECK(spans[1].end == text.size());
}

TEST_CASE("tokenize: the ASCII fast path segments exactly as ICU", "[analyzer]") {
  // A no-break space before a field sends it through ICU (the field is no
  // longer pure ASCII) without changing its words: compare both routes on
  // every string of up to 5 characters over the characters that matter to
  // UAX #29, then on longer random strings.
  Analyzer analyzer;
  const std::string alphabet = "aZ7_.',;:@-";
  const std::string nbsp = "\xC2\xA0";
  auto same_both_ways = [&](const std::string& s) {
    const std::vector<Token> fast = analyzer.tokenize(s);
    const std::vector<Token> slow = analyzer.tokenize(nbsp + s);
    bool same = fast.size() == slow.size();
    for (std::size_t i = 0; same && i < fast.size(); ++i) {
      same = fast[i].term == slow[i].term && fast[i].begin + 2 == slow[i].begin &&
             fast[i].end + 2 == slow[i].end;
    }
    return same;
  };
  std::size_t checked = 0, failed = 0;
  std::vector<std::size_t> digits;
  for (std::size_t length = 1; length <= 5; ++length) {
    digits.assign(length, 0);
    for (;;) {
      std::string s;
      for (std::size_t d : digits) s += alphabet[d];
      ++checked;
      if (!same_both_ways(s)) {
        if (++failed <= 5) FAIL_CHECK("fast path differs from ICU on '" << s << "'");
      }
      std::size_t k = 0;
      while (k < length && ++digits[k] == alphabet.size()) digits[k++] = 0;
      if (k == length) break;
    }
  }
  std::mt19937 random(20240601);
  for (int i = 0; i < 20000; ++i) {
    std::string s(6 + random() % 30, ' ');
    for (char& c : s) c = alphabet[random() % alphabet.size()];
    ++checked;
    if (!same_both_ways(s)) {
      if (++failed <= 10) FAIL_CHECK("fast path differs from ICU on '" << s << "'");
    }
  }
  CHECK(failed == 0);
  CHECK(checked == 11 + 121 + 1331 + 14641 + 161051 + 20000);
}

TEST_CASE("tokenize: long input is analysed in pieces without losing words", "[analyzer]") {
  // Text that needs ICU goes through it in pieces of at most 1 MiB, each
  // ending where no word can continue.
  Analyzer analyzer;
  SECTION("cut at whitespace") {
    const std::size_t words = 500'000;  // 1.5 MB
    std::string text;
    for (std::size_t i = 0; i < words; ++i) text += "é ";
    const std::string normalized = analyzer.normalize(text);
    CHECK(normalized.size() == words * 2 - 1);
    CHECK(normalized.find("  ") == std::string::npos);
    CHECK(normalized.find_first_not_of("e ") == std::string::npos);
    const std::vector<Token> tokens = analyzer.tokenize(text);
    REQUIRE(tokens.size() == words);
    CHECK(tokens.back().position == words - 1);
    CHECK(tokens.back().begin == text.size() - 3);
  }
  SECTION("cut after Chinese punctuation") {
    const std::string sentence = "人口贩卖是一种严重的犯罪。";  // 39 bytes
    const std::size_t sentences = 60'000;                       // 2.3 MB
    std::string text;
    for (std::size_t i = 0; i < sentences; ++i) text += sentence;
    const std::vector<Token> tokens = analyzer.tokenize(text);
    REQUIRE(tokens.size() == 7 * sentences);
    const Terms expected = {"人口", "贩卖", "是", "一种", "严重", "的", "犯罪"};
    std::size_t wrong = 0;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
      if (tokens[i].term != expected[i % 7]) ++wrong;
    }
    CHECK(wrong == 0);
    CHECK(tokens.back().end == text.size() - 3);
  }
  SECTION("cut inside a 3 MB word") {
    std::string word;
    for (int i = 0; i < 1'500'000; ++i) word += "é";
    CHECK(analyzer.tokenize(word).empty());
    CHECK(analyzer.tokenize(word + " ok").size() == 1);
  }
  // The Analyzer still works after freeing its grown scratch buffers.
  CHECK(analyzer.normalize("Après tout") == "apres tout");
}

TEST_CASE("normalize: terms joined by single spaces", "[analyzer]") {
  Analyzer analyzer;
  CHECK(analyzer.normalize("  Middle-East ") == "middle east");
  CHECK(analyzer.normalize("Côte d’Ivoire") == "cote d'ivoire");
  CHECK(analyzer.normalize("LATIN AMERICA & the Caribbean") == "latin america the caribbean");
  CHECK(analyzer.normalize("人口贩卖") == "人口 贩卖");
  CHECK(analyzer.normalize("") == "");
  CHECK(analyzer.normalize(" -- ") == "");
  CHECK(analyzer.normalize("a\xff"
                           "b") == "a b");
  CHECK(analyzer.normalize("x " + std::string(200, 'y') + " z") == "x z");
}

TEST_CASE("stem: Snowball stemming by language", "[analyzer]") {
  const Analyzer english;
  CHECK(english.language() == "english");
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"trafficking", "traffick"},
      {"referral", "referr"},
      {"mechanisms", "mechan"},
      {"running", "run"},
      {"women's", "women"},
      {"rights", "right"},
      {"2013", "2013"},
      {"3.5", "3.5"},
      {"1,000", "1,000"},
      {"犯罪", "犯罪"},
      {"", ""},
  };
  for (const auto& [term, stem] : cases) {
    INFO(term);
    CHECK(english.stem(term) == stem);
  }
  const Analyzer french(AnalyzerOptions{"french"});
  CHECK(french.stem("nationales") == "national");
  CHECK(french.stem("internationale") == "international");
  const Analyzer german(AnalyzerOptions{"german"});
  CHECK(german.stem("strassen") == "strass");
  const Analyzer spanish(AnalyzerOptions{"spanish"});
  CHECK(spanish.stem("ninos") == "nin");
}

TEST_CASE("stem: language none disables stemming", "[analyzer]") {
  const Analyzer none(AnalyzerOptions{"none"});
  CHECK(none.language() == "none");
  CHECK(none.stem("trafficking") == "trafficking");
  CHECK(none.stem("mechanisms") == "mechanisms");
  CHECK(terms_of(none.tokenize("Trafficking mechanisms")) == Terms{"trafficking", "mechanisms"});
}

TEST_CASE("Analyzer: unknown language is an Error naming the choices", "[analyzer]") {
  const std::string expected =
      "unknown stemming language 'xx'; use one of: " + Xapian::Stem::get_available_languages();
  CHECK_THROWS_AS(Analyzer(AnalyzerOptions{"xx"}), trove::Error);
  CHECK_THROWS_WITH(Analyzer(AnalyzerOptions{"xx"}), expected);
  CHECK_THROWS_WITH(Analyzer(AnalyzerOptions{""}),
                    Catch::Matchers::StartsWith("unknown stemming language ''; use one of: "));
  CHECK_THAT(expected,
             Catch::Matchers::Contains(" english ") && Catch::Matchers::Contains(" french "));
}

TEST_CASE("Analyzer: moves keep it working", "[analyzer]") {
  Analyzer a(AnalyzerOptions{"french"});
  Analyzer b(std::move(a));
  CHECK(b.language() == "french");
  CHECK(b.normalize("Comité") == "comite");
  Analyzer c;
  c = std::move(b);
  CHECK(c.language() == "french");
  CHECK(c.stem("nationales") == "national");
}

namespace {

// Everything the three calls give for `text`, as one comparable string.
std::string analysis(const Analyzer& analyzer, const std::string& text) {
  std::string out = analyzer.normalize(text) + "\n";
  for (const Token& token : analyzer.tokenize(text)) {
    out += token.term + "/" + analyzer.stem(token.term) + "@" + std::to_string(token.position) +
           ":" + std::to_string(token.begin) + "-" + std::to_string(token.end) + " ";
  }
  return out;
}

}  // namespace

TEST_CASE("Analyzer: threads sharing one Analyzer get what one thread alone gets", "[analyzer]") {
  // ASCII (fast path), text through ICU (folding, Thai and Chinese
  // dictionaries), invalid UTF-8, and a text long enough that the call frees
  // its grown scratch buffers afterwards: every kind of per-call state.
  const std::vector<std::string> texts = {
      "Trafficking of persons in the Middle East: a survey of nationalities",
      "Markéta Nováková, Straße, Ελληνικά κείμενα, Москва и регионы",
      "การค้ามนุษย์ในประเทศไทย และ 中华人民共和国的人口贩卖问题研究",
      "broken \xC3 UTF-8 \xFF\xFE and “quoted” text – dashes…",
      std::string(20000, 'x') + " " + std::string(30000, 'e') + "\xC3\xA9 " +
          std::string(30000, 'z') + " résumé",
  };
  const Analyzer alone;
  std::vector<std::string> expected;
  for (const std::string& text : texts) expected.push_back(analysis(alone, text));

  const Analyzer shared;
  constexpr int kThreads = 4;
  constexpr int kRounds = 40;
  std::atomic<int> calls{0}, mismatches{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < kRounds; ++round) {
        // Each thread walks the texts from a different start, so that
        // different inputs overlap in time.
        for (std::size_t k = 0; k < texts.size(); ++k) {
          const std::size_t i = (k + static_cast<std::size_t>(t)) % texts.size();
          if (analysis(shared, texts[i]) != expected[i]) ++mismatches;
          ++calls;
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  CHECK(calls == kThreads * kRounds * static_cast<int>(texts.size()));
  CHECK(mismatches == 0);
}
