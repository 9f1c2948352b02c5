// Making text safe to print: what a record holds is not trusted, so before
// it reaches a terminal or a JSON document it is made valid UTF-8 and, for a
// terminal, stripped of its power to send control sequences.
#ifndef TROVE_TOOLS_COMMON_TEXT_H_
#define TROVE_TOOLS_COMMON_TEXT_H_

#include <string>
#include <string_view>

namespace trove::tools {

// The length of the valid UTF-8 sequence at the start of `s` (not empty),
// or 0 if it does not start with one; `invalid` is then the length of the
// maximal invalid subpart that valid_utf8() replaces (at least 1).
std::size_t utf8_sequence_length(std::string_view s, std::size_t& invalid);

// `text` with every invalid UTF-8 sequence (stray or truncated bytes,
// overlong forms, surrogates, code points over U+10FFFF) replaced by U+FFFD,
// one U+FFFD per maximal invalid subsequence (Unicode's recommended
// practice). Valid text comes back unchanged.
std::string valid_utf8(std::string_view text);

// valid_utf8(text) made harmless for a terminal: C0 control characters and
// DEL are shown in caret notation, as `cat -v` and `less` show them (ESC as
// "^[", BEL as "^G", DEL as "^?"), and C1 controls (U+0080..U+009F, which
// some terminals obey like ESC sequences) as U+FFFD. Tab and newline are
// kept: they move the cursor but command nothing.
std::string printable(std::string_view text);

}  // namespace trove::tools

#endif  // TROVE_TOOLS_COMMON_TEXT_H_
