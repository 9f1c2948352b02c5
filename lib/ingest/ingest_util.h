// Helpers shared by the readers (header-only): line splitting, byte checks, trimming, list
// fields without duplicates, year parsing.
#ifndef TROVE_LIB_INGEST_INGEST_UTIL_H_
#define TROVE_LIB_INGEST_INGEST_UTIL_H_

#include <cstddef>
#include <istream>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "trove/reader.h"

namespace trove::ingest {

// The longest line a reader holds in memory. A record's longest line is its
// abstract (CTIC) or the whole record (JSON Lines); real ones stay under
// 100 KiB, so 8 MiB admits any plausible record while a file with no line
// breaks (a binary or a minified dump) cannot make the reader buffer it all.
inline constexpr std::size_t kMaxLineBytes = std::size_t{8} << 20;

// The reason given for a line over kMaxLineBytes.
inline constexpr std::string_view kLineTooLongReason = "line is longer than 8 MiB";

// Reads a stream one line at a time, counting lines from 1. Strips a UTF-8
// byte order mark from the start of a line and one trailing '\r' from it,
// so LF and CRLF files read the same. Holds one line in memory at a time, of
// at most kMaxLineBytes: a longer line is consumed without being stored and
// read as empty, with too_long() true.
class LineReader {
 public:
  explicit LineReader(std::istream& in) : in_(in) {}

  // Loads the next line; false at the end of the input.
  bool next();
  const std::string& line() const { return line_; }
  std::size_t number() const { return number_; }
  // The current line was longer than kMaxLineBytes; line() is empty.
  bool too_long() const { return too_long_; }

 private:
  std::istream& in_;
  std::string line_;
  std::vector<char> chunk_;
  std::size_t number_ = 0;
  bool too_long_ = false;
};

// `s` without surrounding ASCII whitespace and no-break spaces (U+00A0).
std::string_view trim(std::string_view s);

// The reason a line cannot be read as text: "NUL byte at byte N" or "invalid
// UTF-8 at byte N" (N the 1-based byte column of the first bad byte), or
// nothing when the line is valid UTF-8 without NUL bytes. Overlong forms,
// surrogates and code points above U+10FFFF are invalid.
std::optional<std::string> check_bytes(std::string_view line);

// The first `n` code points of valid UTF-8 `s`.
std::string utf8_prefix(std::string_view s, std::size_t n);

// `s` with each invalid UTF-8 sequence replaced by U+FFFD, for messages that
// quote raw input (a parser's excerpt may cut a character in two).
std::string valid_utf8(std::string_view s);

// The year of a value that is exactly four ASCII digits.
std::optional<int> parse_year(std::string_view value);

// "year 'value' is not a four-digit year; the record keeps no year".
std::string bad_year_reason(std::string_view value);

// "more than one year; keeping Y".
std::string many_years_reason(int kept);

// Builds one list field: values are trimmed, empty ones ignored, and a value
// already present is dropped, keeping first-seen order in linear time.
class UniqueList {
 public:
  explicit UniqueList(std::vector<std::string>& out) : out_(out) {}
  // Returns true if the value was added.
  bool add(std::string_view value);

 private:
  std::vector<std::string>& out_;
  std::unordered_set<std::string> seen_;
};

// Calls a callback that may be empty.
inline void emit(const RecordCallback& cb, Record&& record) {
  if (cb) cb(std::move(record));
}
inline void emit(const ProblemCallback& cb, const ReadError& error) {
  if (cb) cb(error);
}

// Implementation.

inline bool LineReader::next() {
  // std::getline would buffer a line of any length; read it in chunks
  // instead, keeping at most kMaxLineBytes.
  constexpr std::size_t kChunk = 64 * 1024;
  chunk_.resize(kChunk);
  line_.clear();
  too_long_ = false;
  bool any = false;
  for (;;) {
    in_.getline(chunk_.data(), static_cast<std::streamsize>(kChunk));
    const auto got = static_cast<std::size_t>(in_.gcount());
    if (got > 0) any = true;
    // Not failed and not at EOF: the '\n' was found, and counted in gcount.
    const bool complete = !in_.fail() && !in_.eof();
    const std::size_t stored = complete ? got - 1 : got;
    if (!too_long_ && line_.size() + stored > kMaxLineBytes) {
      too_long_ = true;
      std::string().swap(line_);
    }
    if (!too_long_) line_.append(chunk_.data(), stored);
    if (complete || in_.eof() || in_.bad()) break;
    in_.clear(in_.rdstate() & ~std::ios::failbit);  // the chunk filled: read on
  }
  if (!any) return false;
  ++number_;
  // A BOM may also open a later line when files were joined with `cat`; as
  // U+FEFF never starts meaningful text, it is dropped from any line.
  if (line_.compare(0, 3, "\xEF\xBB\xBF") == 0) line_.erase(0, 3);
  if (!line_.empty() && line_.back() == '\r') line_.pop_back();
  return true;
}

namespace detail {

inline bool is_ascii_space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}

inline constexpr std::string_view kNoBreakSpace = "\xC2\xA0";

// Length of the valid UTF-8 sequence starting at s[i], or 0 if it is invalid
// (RFC 3629 table: no overlong forms, no surrogates, nothing above U+10FFFF).
inline std::size_t utf8_sequence_length(std::string_view s, std::size_t i) {
  auto byte = [&](std::size_t k) -> unsigned {
    return i + k < s.size() ? static_cast<unsigned char>(s[i + k]) : 0x100;
  };
  auto cont = [&](std::size_t k, unsigned lo = 0x80, unsigned hi = 0xBF) {
    unsigned b = byte(k);
    return b >= lo && b <= hi;
  };
  unsigned b0 = byte(0);
  if (b0 < 0x80) return 1;
  if (b0 >= 0xC2 && b0 <= 0xDF) return cont(1) ? 2 : 0;
  if (b0 == 0xE0) return cont(1, 0xA0) && cont(2) ? 3 : 0;
  if (b0 == 0xED) return cont(1, 0x80, 0x9F) && cont(2) ? 3 : 0;
  if (b0 >= 0xE1 && b0 <= 0xEF) return cont(1) && cont(2) ? 3 : 0;
  if (b0 == 0xF0) return cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0;
  if (b0 >= 0xF1 && b0 <= 0xF3) return cont(1) && cont(2) && cont(3) ? 4 : 0;
  if (b0 == 0xF4) return cont(1, 0x80, 0x8F) && cont(2) && cont(3) ? 4 : 0;
  return 0;
}

}  // namespace detail

inline std::string_view trim(std::string_view s) {
  for (;;) {
    if (!s.empty() && detail::is_ascii_space(s.front())) {
      s.remove_prefix(1);
    } else if (s.substr(0, 2) == detail::kNoBreakSpace) {
      s.remove_prefix(2);
    } else {
      break;
    }
  }
  for (;;) {
    if (!s.empty() && detail::is_ascii_space(s.back())) {
      s.remove_suffix(1);
    } else if (s.size() >= 2 && s.substr(s.size() - 2) == detail::kNoBreakSpace) {
      s.remove_suffix(2);
    } else {
      break;
    }
  }
  return s;
}

inline std::optional<std::string> check_bytes(std::string_view line) {
  for (std::size_t i = 0; i < line.size();) {
    if (line[i] == '\0') return "NUL byte at byte " + std::to_string(i + 1);
    std::size_t len = detail::utf8_sequence_length(line, i);
    if (len == 0) return "invalid UTF-8 at byte " + std::to_string(i + 1);
    i += len;
  }
  return std::nullopt;
}

inline std::string utf8_prefix(std::string_view s, std::size_t n) {
  std::size_t i = 0;
  for (std::size_t count = 0; i < s.size() && count < n; ++count) {
    std::size_t len = detail::utf8_sequence_length(s, i);
    i += len == 0 ? 1 : len;
  }
  return std::string(s.substr(0, i));
}

inline std::string valid_utf8(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    std::size_t len = detail::utf8_sequence_length(s, i);
    if (len == 0) {
      out += "\xEF\xBF\xBD";
      ++i;
    } else {
      out.append(s, i, len);
      i += len;
    }
  }
  return out;
}

inline std::optional<int> parse_year(std::string_view value) {
  if (value.size() != 4) return std::nullopt;
  int year = 0;
  for (char c : value) {
    if (c < '0' || c > '9') return std::nullopt;
    year = year * 10 + (c - '0');
  }
  return year;
}

inline std::string bad_year_reason(std::string_view value) {
  return "year '" + std::string(value) + "' is not a four-digit year; the record keeps no year";
}

inline std::string many_years_reason(int kept) {
  return "more than one year; keeping " + std::to_string(kept);
}

inline bool UniqueList::add(std::string_view value) {
  value = trim(value);
  if (value.empty()) return false;
  auto [it, inserted] = seen_.emplace(value);
  if (!inserted) return false;
  out_.push_back(*it);
  return true;
}

}  // namespace trove::ingest

#endif  // TROVE_LIB_INGEST_INGEST_UTIL_H_
