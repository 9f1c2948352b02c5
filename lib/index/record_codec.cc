#include "index/record_codec.h"

#include <cstdint>

#include <nlohmann/json.hpp>

#include "trove/error.h"

namespace trove {
namespace {

constexpr char kFormat = '\x01';  // JSON data starts with '{'

const char kUnreadable[] = "stored record is unreadable (";
const char kRebuild[] = "); rebuild the index with trove-index --rebuild";

void put_varint(std::string& out, std::uint64_t v) {
  while (v >= 0x80) {
    out += static_cast<char>((v & 0x7F) | 0x80);
    v >>= 7;
  }
  out += static_cast<char>(v);
}

void put_string(std::string& out, const std::string& s) {
  put_varint(out, s.size());
  out += s;
}

void put_list(std::string& out, const std::vector<std::string>& list) {
  put_varint(out, list.size());
  for (const std::string& s : list) put_string(out, s);
}

class Decoder {
 public:
  explicit Decoder(const std::string& data) : p_(data.data()), end_(data.data() + data.size()) {}

  std::uint64_t varint() {
    std::uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (p_ == end_) fail("truncated");
      const auto byte = static_cast<unsigned char>(*p_++);
      v |= static_cast<std::uint64_t>(byte & 0x7F) << shift;
      if (!(byte & 0x80)) return v;
    }
    fail("bad number");
  }
  void string(std::string& out) {
    const std::uint64_t n = varint();
    if (n > static_cast<std::uint64_t>(end_ - p_)) fail("truncated");
    out.assign(p_, static_cast<std::size_t>(n));
    p_ += n;
  }
  void list(std::vector<std::string>& out) {
    const std::uint64_t n = varint();
    // Each string takes at least one byte: a bound before reserving.
    if (n > static_cast<std::uint64_t>(end_ - p_)) fail("truncated");
    out.resize(static_cast<std::size_t>(n));
    for (std::string& s : out) string(s);
  }
  bool done() const { return p_ == end_; }
  [[noreturn]] static void fail(const std::string& why) {
    throw IndexError(kUnreadable + why + kRebuild);
  }

 private:
  const char* p_;
  const char* end_;
};

Record from_json(const std::string& data) {
  try {
    const nlohmann::json j = nlohmann::json::parse(data);
    Record r;
    r.id = j.at("id").get<std::string>();
    r.title = j.at("title").get<std::string>();
    r.abstract = j.at("abstract").get<std::string>();
    r.authors = j.at("authors").get<std::vector<std::string>>();
    r.country = j.at("country").get<std::vector<std::string>>();
    r.region = j.at("region").get<std::vector<std::string>>();
    r.category = j.at("category").get<std::vector<std::string>>();
    r.topic = j.at("topic").get<std::vector<std::string>>();
    r.source_file = j.value("source_file", "");
    r.source_line = j.value("source_line", std::size_t{0});
    if (j.contains("year")) r.year = j.at("year").get<int>();
    return r;
  } catch (const nlohmann::json::exception& e) {
    throw IndexError(kUnreadable + std::string(e.what()) + kRebuild);
  }
}

}  // namespace

std::string serialize_record(const Record& record) {
  std::string out;
  out.reserve(64 + record.title.size() + record.abstract.size());
  out += kFormat;
  put_string(out, record.id);
  put_string(out, record.title);
  put_string(out, record.abstract);
  put_list(out, record.authors);
  put_list(out, record.country);
  put_list(out, record.region);
  put_list(out, record.category);
  put_list(out, record.topic);
  put_string(out, record.source_file);
  put_varint(out, record.source_line);
  // The year as 0 for none, else 1 + its zigzag encoding.
  if (record.year) {
    const auto y = static_cast<std::int64_t>(*record.year);
    const auto zigzag = (static_cast<std::uint64_t>(y) << 1) ^ static_cast<std::uint64_t>(y >> 63);
    put_varint(out, 1 + zigzag);
  } else {
    put_varint(out, 0);
  }
  return out;
}

Record deserialize_record(const std::string& data) {
  if (!data.empty() && data[0] == '{') return from_json(data);
  if (data.empty() || data[0] != kFormat) Decoder::fail("unknown format");
  Decoder in(data);
  in.varint();  // the format byte, < 0x80
  Record r;
  in.string(r.id);
  in.string(r.title);
  in.string(r.abstract);
  in.list(r.authors);
  in.list(r.country);
  in.list(r.region);
  in.list(r.category);
  in.list(r.topic);
  in.string(r.source_file);
  r.source_line = static_cast<std::size_t>(in.varint());
  if (const std::uint64_t year = in.varint()) {
    const std::uint64_t z = year - 1;
    const auto value = static_cast<std::int64_t>((z >> 1) ^ (~(z & 1) + 1));
    if (value < INT32_MIN || value > INT32_MAX) Decoder::fail("bad year");
    r.year = static_cast<int>(value);
  }
  if (!in.done()) Decoder::fail("trailing bytes");
  return r;
}

}  // namespace trove
