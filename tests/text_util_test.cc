// Tests for lib/text/text_util.cc: the byte-level helpers shared by the
// readers and the query parser.
#include "text/text_util.h"

#include <catch2/catch.hpp>
#include <optional>
#include <string>
#include <vector>

TEST_CASE("byte checks: UTF-8 validation and NUL bytes", "[text_util]") {
  struct Case {
    std::string line;
    std::optional<std::string> problem;
  };
  const std::vector<Case> cases = {
      {"", std::nullopt},
      {"plain ASCII", std::nullopt},
      {"Mark\xC3\xA9ta \xE4\xBA\xBA \xF0\x9F\x98\x80 \xF4\x8F\xBF\xBF", std::nullopt},
      {"\xEF\xBB\xBF and \xEF\xBF\xBF", std::nullopt},
      {"a\x80", "invalid UTF-8 at byte 2"},             // lone continuation byte
      {"ab\xC0\xAF", "invalid UTF-8 at byte 3"},        // overlong '/'
      {"\xE0\x80\xAF", "invalid UTF-8 at byte 1"},      // overlong, three bytes
      {"\xF0\x80\x80\xAF", "invalid UTF-8 at byte 1"},  // overlong, four bytes
      {"x\xED\xA0\x80", "invalid UTF-8 at byte 2"},     // surrogate U+D800
      {"\xF4\x90\x80\x80", "invalid UTF-8 at byte 1"},  // above U+10FFFF
      {"xy\xE2\x82", "invalid UTF-8 at byte 3"},        // truncated at end
      {"xy\xE2\x82z", "invalid UTF-8 at byte 3"},       // truncated inside
      {"\xFE\xFF", "invalid UTF-8 at byte 1"},
      {std::string("a\0b", 3), "NUL byte at byte 2"},
      {std::string("\xC3\xA9\0\xFF", 4), "NUL byte at byte 3"},  // the first problem wins
  };
  for (const auto& c : cases) {
    INFO(c.line);
    CHECK(trove::text::check_bytes(c.line) == c.problem);
  }
}

TEST_CASE("text helpers: trim and utf8_prefix", "[text_util]") {
  using trove::text::trim;
  using trove::text::utf8_prefix;
  CHECK(trim(" \t\r x y \v\f") == "x y");
  CHECK(trim("\xC2\xA0 x \xC2\xA0") == "x");
  CHECK(trim("\xC3\xA9") == "\xC3\xA9");
  CHECK(trim("   ").empty());
  CHECK(utf8_prefix("abc", 2) == "ab");
  CHECK(utf8_prefix("abc", 5) == "abc");
  CHECK(utf8_prefix("\xC3\xA9\xE4\xBA\xBAz", 2) == "\xC3\xA9\xE4\xBA\xBA");
}

TEST_CASE("text helpers: is_ascii_space and valid_utf8", "[text_util]") {
  using trove::text::is_ascii_space;
  using trove::text::valid_utf8;
  for (char c : {' ', '\t', '\n', '\v', '\f', '\r'}) CHECK(is_ascii_space(c));
  for (char c : {'x', '\0', '\x1c', '\xA0', '\x85'}) CHECK_FALSE(is_ascii_space(c));
  CHECK(valid_utf8("Mark\xC3\xA9ta") == "Mark\xC3\xA9ta");
  CHECK(valid_utf8("a\xC3") == "a\xEF\xBF\xBD");
  CHECK(valid_utf8("\xC0\xAF!") == "\xEF\xBF\xBD\xEF\xBF\xBD!");  // one U+FFFD per bad byte
  CHECK(valid_utf8("\xED\xA0\x80") == "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
  CHECK(valid_utf8(std::string("a\0b", 3)) == std::string("a\0b", 3));  // NUL is valid UTF-8
}
