// LineReader: the readers' view of a stream, one bounded line at a time.
#ifndef TROVE_LIB_INGEST_LINE_READER_H_
#define TROVE_LIB_INGEST_LINE_READER_H_

#include <cstddef>
#include <istream>
#include <string>
#include <string_view>
#include <vector>

namespace trove {

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

}  // namespace trove

#endif  // TROVE_LIB_INGEST_LINE_READER_H_
