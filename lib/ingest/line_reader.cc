#include "ingest/line_reader.h"

namespace trove {

bool LineReader::next() {
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

}  // namespace trove
