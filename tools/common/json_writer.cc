#include "json_writer.h"

#include <array>
#include <charconv>
#include <cmath>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "text.h"

namespace trove::tools {
namespace {

constexpr char kReplacement[] = "\xEF\xBF\xBD";  // U+FFFD

// nlohmann's escape for a byte under 0x20 ("\n", "\u001f"), or nullptr for
// a byte that is written as it is.
const char* escape_of(unsigned char c, std::array<char, 7>& buffer) {
  switch (c) {
    case '"': return "\\\"";
    case '\\': return "\\\\";
    case '\b': return "\\b";
    case '\f': return "\\f";
    case '\n': return "\\n";
    case '\r': return "\\r";
    case '\t': return "\\t";
    default: break;
  }
  if (c >= 0x20) return nullptr;
  static constexpr char kHex[] = "0123456789abcdef";
  buffer = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 0xF], '\0'};
  return buffer.data();
}

// `text` escaped into `out`: runs of plain bytes copied at once, valid UTF-8
// sequences as they are, each maximal invalid subsequence as one U+FFFD.
void append_escaped(std::string& out, std::string_view text) {
  std::array<char, 7> buffer;
  std::size_t plain = 0;  // start of the run not yet copied
  std::size_t pos = 0;
  while (pos < text.size()) {
    const unsigned char c = static_cast<unsigned char>(text[pos]);
    std::size_t invalid = 0;
    const char* escape = c < 0x80 ? escape_of(c, buffer) : nullptr;
    const std::size_t length = c < 0x80 ? 1 : utf8_sequence_length(text.substr(pos), invalid);
    if (!escape && length != 0) {
      pos += length;
      continue;
    }
    out.append(text, plain, pos - plain);
    out += escape ? escape : kReplacement;
    pos += escape ? 1 : invalid;
    plain = pos;
  }
  out.append(text, plain, pos - plain);
}

}  // namespace

JsonWriter& JsonWriter::key(std::string_view name) {
  next_item();
  string(name);
  out_ += indent_ >= 0 ? ": " : ":";
  after_key_ = true;
  return *this;
}

JsonWriter& JsonWriter::value(std::string_view text) {
  before_value();
  string(text);
  return *this;
}

JsonWriter& JsonWriter::value(std::uint64_t number) {
  before_value();
  char digits[24];
  out_.append(digits, std::to_chars(digits, digits + sizeof digits, number).ptr);
  return *this;
}

JsonWriter& JsonWriter::value(std::int64_t number) {
  before_value();
  char digits[24];
  out_.append(digits, std::to_chars(digits, digits + sizeof digits, number).ptr);
  return *this;
}

// nlohmann's serializer writes a double through detail::to_chars (Grisu2,
// then its own layout: "10.0", "1e-05", "-0.0"), which is not always what
// std::to_chars writes; calling the same function keeps the bytes the same.
JsonWriter& JsonWriter::value(double number) {
  before_value();
  if (!std::isfinite(number)) {
    out_ += "null";
    return *this;
  }
  std::array<char, 64> digits;
  char* end = nlohmann::detail::to_chars(digits.data(), digits.data() + digits.size(), number);
  out_.append(digits.data(), end);
  return *this;
}

JsonWriter& JsonWriter::value(bool truth) {
  before_value();
  out_ += truth ? "true" : "false";
  return *this;
}

JsonWriter& JsonWriter::null() {
  before_value();
  out_ += "null";
  return *this;
}

JsonWriter& JsonWriter::open(char bracket) {
  before_value();
  if (depth_ == kMaxDepth) throw std::logic_error("JsonWriter: nested too deep");
  out_ += bracket;
  has_items_[depth_++] = false;
  return *this;
}

// An empty container stays "{}" / "[]" on one line, as nlohmann writes it.
JsonWriter& JsonWriter::close(char bracket) {
  if (has_items_[--depth_]) newline_indent(depth_);
  out_ += bracket;
  return *this;
}

void JsonWriter::next_item() {
  if (depth_ == 0) return;
  if (has_items_[depth_ - 1]) out_ += ',';
  has_items_[depth_ - 1] = true;
  newline_indent(depth_);
}

void JsonWriter::newline_indent(int depth) {
  if (indent_ < 0) return;
  out_ += '\n';
  out_.append(static_cast<std::size_t>(depth) * static_cast<std::size_t>(indent_), ' ');
}

void JsonWriter::before_value() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  next_item();
}

void JsonWriter::string(std::string_view text) {
  out_ += '"';
  append_escaped(out_, text);
  out_ += '"';
}

}  // namespace trove::tools
