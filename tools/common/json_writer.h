// JSON text written straight into a string, for answers on hot paths: a
// search answer serialised through an nlohmann::json DOM cost a node and a
// malloc per value, about a tenth of trove-serve's CPU per request
// (bench/README.md, "trove-serve under load").
//
// The text is byte for byte what nlohmann::json::dump(indent) writes for the
// same document, so the two stay interchangeable: the same layout and
// separators, strings escaped as nlohmann escapes them (\" \\ \b \f \n \r \t,
// other control characters as \u00xx, everything else as UTF-8), floating
// point numbers through nlohmann's own shortest round-trip formatting.
// nlohmann orders an object's keys by byte value; a caller writes keys in
// that order to get the same text.
//
// Thread safety: a writer is used from one thread at a time.
#ifndef TROVE_TOOLS_COMMON_JSON_WRITER_H_
#define TROVE_TOOLS_COMMON_JSON_WRITER_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace trove::tools {

class JsonWriter {
 public:
  // Appends to `out`, which must outlive the writer. `indent` as in
  // nlohmann::json::dump: -1 all on one line, N >= 0 one value a line,
  // nested N more spaces.
  explicit JsonWriter(std::string& out, int indent = -1) : out_(out), indent_(indent) {}

  JsonWriter& begin_object() { return open('{'); }
  JsonWriter& end_object() { return close('}'); }
  JsonWriter& begin_array() { return open('['); }
  JsonWriter& end_array() { return close(']'); }
  // The next member's key, inside an object.
  JsonWriter& key(std::string_view name);

  // A string; invalid UTF-8 becomes U+FFFD as valid_utf8() (text.h) makes it.
  JsonWriter& value(std::string_view text);
  JsonWriter& value(const char* text) { return value(std::string_view(text)); }
  JsonWriter& value(std::uint64_t number);
  JsonWriter& value(std::int64_t number);
  JsonWriter& value(int number) { return value(static_cast<std::int64_t>(number)); }
  // Shortest round-trip form ("1.5", "10.0", "1e-05"); null if not finite.
  JsonWriter& value(double number);
  JsonWriter& value(bool truth);
  JsonWriter& null();

 private:
  static constexpr int kMaxDepth = 32;

  JsonWriter& open(char bracket);
  JsonWriter& close(char bracket);
  // Separates and indents a new array element or member (not a member's value).
  void next_item();
  void newline_indent(int depth);
  // What goes before a value: nothing after a key, next_item() in an array.
  void before_value();
  void string(std::string_view text);

  std::string& out_;
  int indent_;
  int depth_ = 0;
  bool after_key_ = false;
  bool has_items_[kMaxDepth] = {};  // per open container: written an item yet
};

}  // namespace trove::tools

#endif  // TROVE_TOOLS_COMMON_JSON_WRITER_H_
