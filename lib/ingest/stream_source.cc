#include "ingest/stream_source.h"

#include <algorithm>
#include <exception>
#include <string_view>
#include <system_error>

#include "text/text_util.h"

namespace trove {
namespace {

// How far sniffing looks for the first non-blank byte before calling the
// input CTIC; bounds the bytes held back from the stream.
constexpr std::size_t kSniffLimit = 64 * 1024;

// The exception being handled, as a StreamFailure. A file buffer's
// std::ios_base::failure carries errno: its message ("Is a directory") is
// what a person needs, not the library's wording around it.
StreamFailure current_failure() {
  try {
    throw;
  } catch (const std::system_error& e) {
    const std::error_category& category = e.code().category();
    if (category == std::generic_category() || category == std::system_category()) {
      return StreamFailure{e.code().message()};
    }
    return StreamFailure{e.what()};
  } catch (const std::exception& e) {
    return StreamFailure{e.what()};
  } catch (...) {
    return StreamFailure{"unknown error"};
  }
}

}  // namespace

SourceBuf::SourceBuf(std::streambuf& source) : source_(source) {
  setg(prefix_.data(), prefix_.data(), prefix_.data());
}

Format SourceBuf::sniff() {
  static constexpr std::string_view kBom = "\xEF\xBB\xBF";
  Format format = Format::kCtic;
  while (prefix_.size() < kSniffLimit) {
    int_type c;
    try {
      c = source_.sbumpc();
    } catch (...) {
      throw current_failure();
    }
    if (traits_type::eq_int_type(c, traits_type::eof())) break;
    const char ch = traits_type::to_char_type(c);
    prefix_.push_back(ch);
    if (prefix_.size() <= kBom.size() && kBom.substr(0, prefix_.size()) == prefix_) continue;
    if (text::is_ascii_space(ch)) continue;
    format = ch == '{' ? Format::kJsonl : Format::kCtic;
    break;
  }
  setg(prefix_.data(), prefix_.data(), prefix_.data() + prefix_.size());
  return format;
}

SourceBuf::int_type SourceBuf::underflow() {
  if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
  std::streamsize n = 0;
  try {
    n = fill();
  } catch (...) {
    throw current_failure();
  }
  if (n <= 0) return traits_type::eof();
  setg(buffer_, buffer_, buffer_ + n);
  return traits_type::to_int_type(*gptr());
}

std::streamsize SourceBuf::fill() {
  // One refill of the source at most: when a refill throws, sgetn() would
  // lose the bytes it had gathered before, and the readers would miss
  // records that were read whole. So take what the source's buffer holds
  // after a single underflow (sgetc), never more.
  if (traits_type::eq_int_type(source_.sgetc(), traits_type::eof())) return 0;
  const std::streamsize held = source_.in_avail();
  if (held <= 0) {  // an unbuffered source: one byte at a time
    buffer_[0] = traits_type::to_char_type(source_.sbumpc());
    return 1;
  }
  return source_.sgetn(buffer_, std::min<std::streamsize>(held, sizeof buffer_));
}

}  // namespace trove
