// SourceBuf: a caller's stream buffer as the readers read it. It replays the
// bytes format sniffing looked at, and turns an exception thrown by the
// caller's buffer (a failed read) into a StreamFailure that the readers
// cannot mistake for the end of the input.
#ifndef TROVE_LIB_INGEST_STREAM_SOURCE_H_
#define TROVE_LIB_INGEST_STREAM_SOURCE_H_

#include <streambuf>
#include <string>

#include "trove/reader.h"

namespace trove {

// The caller's stream buffer failed; `reason` says how ("Is a directory").
// read_stream() reports it as an InputError.
struct StreamFailure {
  std::string reason;
};

// Reads `source` (which must outlive it) through its own buffer. Every read
// from `source` that throws throws StreamFailure instead; an istream reading
// a SourceBuf with badbit in its exceptions() passes that on to its caller.
class SourceBuf : public std::streambuf {
 public:
  explicit SourceBuf(std::streambuf& source);
  SourceBuf(const SourceBuf&) = delete;
  SourceBuf& operator=(const SourceBuf&) = delete;

  // Reads up to the first non-blank byte (after an optional BOM; at most
  // 64 KiB) and keeps what it read to be read again: '{' means kJsonl,
  // anything else kCtic. Call it once, before reading. Throws StreamFailure.
  Format sniff();

 protected:
  int_type underflow() override;

 private:
  // Reads into buffer_ what the source holds after at most one refill;
  // returns the byte count, 0 at the end. Throws what the source throws.
  std::streamsize fill();

  std::string prefix_;  // the bytes sniff() read, read again first
  std::streambuf& source_;
  char buffer_[16 * 1024];
};

}  // namespace trove

#endif  // TROVE_LIB_INGEST_STREAM_SOURCE_H_
