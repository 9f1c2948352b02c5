// Byte-level text helpers shared by the readers and the query parser: ASCII
// blanks, trimming, and UTF-8 validity. Plain bytes, no ICU: the Analyzer is
// the place for anything that needs Unicode properties.
#ifndef TROVE_LIB_TEXT_TEXT_UTIL_H_
#define TROVE_LIB_TEXT_TEXT_UTIL_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace trove::text {

// ' ', '\t', '\n', '\v', '\f' or '\r'.
bool is_ascii_space(char c);

// `s` without surrounding ASCII whitespace and no-break spaces (U+00A0), the
// blanks that surround values copied from web pages and spreadsheets.
std::string_view trim(std::string_view s);

// Length of the valid UTF-8 sequence starting at s[i], or 0 if the bytes
// there are not one (RFC 3629: no overlong forms, no surrogates, nothing
// above U+10FFFF). The one UTF-8 validator of lib/.
std::size_t utf8_sequence_length(std::string_view s, std::size_t i);

// The reason a line cannot be read as text: "NUL byte at byte N" or "invalid
// UTF-8 at byte N" (N the 1-based byte column of the first bad byte), or
// nothing when the line is valid UTF-8 without NUL bytes.
std::optional<std::string> check_bytes(std::string_view line);

// The first `n` code points of `s` (an invalid byte counts as one).
std::string utf8_prefix(std::string_view s, std::size_t n);

// `s` with each invalid UTF-8 byte replaced by U+FFFD, for messages that
// quote raw input (a parser's excerpt may cut a character in two).
std::string valid_utf8(std::string_view s);

}  // namespace trove::text

#endif  // TROVE_LIB_TEXT_TEXT_UTIL_H_
