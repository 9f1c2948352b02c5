// Tests for read_stream() (lib/ingest/reader.cc, lib/ingest/stream_source.cc)
// on streams that are not plain and healthy: an exceptions() mask, a buffer
// that throws part way, a stream already failed. Every format must behave
// the same: the records before a failure, then one InputError.
#include <catch2/catch.hpp>
#include <fstream>
#include <ios>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>
#include <streambuf>
#include <string>
#include <system_error>
#include <vector>

#include "trove/error.h"
#include "trove/reader.h"

namespace {

using trove::Format;
using trove::ReadError;
using trove::Record;

const std::string kSample = std::string(TROVE_SOURCE_DIR) + "/corpus/trafficking.txt";

std::string file_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// The sample's records as JSON Lines, one object per record.
std::string sample_as_jsonl() {
  std::string out;
  trove::read_file(kSample, Format::kCtic, [&](Record&& r) {
    out += nlohmann::json{{"title", r.title}, {"abstract", r.abstract}, {"country", r.country},
                          {"region", r.region}, {"authors", r.authors}, {"year", *r.year},
                          {"category", r.category}, {"topic", r.topic}}.dump() + "\n";
  }, nullptr);
  return out;
}

// What read_stream delivered: titles, then "! reason" for each problem, then
// "error: message" if it threw a trove::Error.
struct Outcome {
  std::vector<std::string> log;
  std::size_t records = 0;
};

Outcome read(std::istream& in, Format format) {
  Outcome out;
  try {
    trove::read_stream(
        in, "t", format,
        [&](Record&& r) {
          out.log.push_back(r.title);
          ++out.records;
        },
        [&](const ReadError& e) { out.log.push_back("! " + e.message()); });
  } catch (const trove::Error& e) {
    out.log.push_back(std::string("error: ") + e.what());
  }
  return out;
}

// Serves `data` a few bytes at a time and throws `failure` once `fail_at`
// bytes have been read, as a buffer over a failing disk or socket would.
class FailingBuf : public std::streambuf {
 public:
  FailingBuf(std::string data, std::size_t fail_at, std::exception_ptr failure)
      : data_(std::move(data)), fail_at_(fail_at), failure_(std::move(failure)) {}

 protected:
  int_type underflow() override {
    if (pos_ >= fail_at_) std::rethrow_exception(failure_);
    if (pos_ >= data_.size()) return traits_type::eof();
    const std::size_t n = std::min({std::size_t{7}, fail_at_ - pos_, data_.size() - pos_});
    setg(&data_[pos_], &data_[pos_], &data_[pos_] + n);
    pos_ += n;
    return traits_type::to_int_type(*gptr());
  }

 private:
  std::string data_;
  std::size_t fail_at_, pos_ = 0;
  std::exception_ptr failure_;
};

std::exception_ptr disk_on_fire() {
  return std::make_exception_ptr(std::runtime_error("disk on fire"));
}

}  // namespace

// Issue 14.15: with failbit in the mask, the explicit formats threw
// std::ios_base::failure at the end of the input, before the last record.
TEST_CASE("read_stream: an exceptions() mask neither escapes nor loses the last record",
          "[reader][read_stream]") {
  const std::string jsonl = sample_as_jsonl();
  for (Format format : {Format::kAuto, Format::kCtic, Format::kJsonl}) {
    for (std::ios::iostate mask : {std::ios::failbit | std::ios::badbit,
                                   std::ios::failbit | std::ios::badbit | std::ios::eofbit}) {
      INFO("format " << static_cast<int>(format) << " mask " << mask);
      std::ifstream ctic_file(kSample, std::ios::binary);
      ctic_file.exceptions(mask);
      std::istringstream jsonl_stream(jsonl);
      jsonl_stream.exceptions(mask);
      std::istream& in = format == Format::kJsonl ? static_cast<std::istream&>(jsonl_stream)
                                                  : static_cast<std::istream&>(ctic_file);
      Outcome out;
      CHECK_NOTHROW(out = read(in, format));
      CHECK(out.records == 10);
      CHECK(out.log.size() == 10);  // no problems, no error
      CHECK(in.eof());
    }
  }
}

// Issue 14.16: a buffer that threw part way ended the input without a word
// (JSON Lines: 2 records, no problem; kAuto: a false "invalid JSON").
TEST_CASE("read_stream: a buffer that throws part way is an InputError for every format",
          "[reader][read_stream]") {
  const std::string jsonl = "{\"title\":\"One\",\"abstract\":\"A\"}\n"
                            "{\"title\":\"Two\",\"abstract\":\"B\"}\n"
                            "{\"title\":\"Three\",\"abstract\":\"C\"}\n";
  const std::size_t mid_third = jsonl.find("Three");
  const std::string ctic = "One\n\nA\n\nTwo\n\nB\nYear\n2013\n\nThree\n\nC\nCountry\nX\n";
  const std::size_t mid_third_ctic = ctic.find("Country");
  struct Case {
    const char* name;
    std::string data;
    std::size_t fail_at;
    Format format;
    std::vector<std::string> expected;
  };
  const std::string error = "error: cannot read 't': disk on fire";
  const std::vector<Case> cases = {
      {"JSONL", jsonl, mid_third, Format::kJsonl, {"One", "Two", error}},
      {"JSONL sniffed", jsonl, mid_third, Format::kAuto, {"One", "Two", error}},
      {"CTIC", ctic, mid_third_ctic, Format::kCtic, {"One", "Two", error}},
      {"CTIC sniffed", ctic, mid_third_ctic, Format::kAuto, {"One", "Two", error}},
      {"while sniffing", "\n\n  " + jsonl, 3, Format::kAuto, {error}},
      {"at the first byte: JSONL", jsonl, 0, Format::kJsonl, {error}},
      {"at the first byte: CTIC", ctic, 0, Format::kCtic, {error}},
      {"at the first byte: sniffed", ctic, 0, Format::kAuto, {error}},
  };
  for (const Case& c : cases) {
    SECTION(c.name) {
      FailingBuf buf(c.data, c.fail_at, disk_on_fire());
      std::istream in(&buf);
      CHECK(read(in, c.format).log == c.expected);
      CHECK(in.bad());
    }
  }
}

TEST_CASE("read_stream: a failure the caller's mask would throw is still an InputError",
          "[reader][read_stream]") {
  for (Format format : {Format::kAuto, Format::kCtic, Format::kJsonl}) {
    INFO(static_cast<int>(format));
    FailingBuf buf("One\n\nA\n", 2, disk_on_fire());  // mid first line
    std::istream in(&buf);
    in.exceptions(std::ios::badbit | std::ios::failbit);
    CHECK(read(in, format).log == std::vector<std::string>{"error: cannot read 't': disk on fire"});
    CHECK(in.bad());
  }
}

TEST_CASE("read_stream: a buffer failing with an errno names the system's reason",
          "[reader][read_stream]") {
  for (Format format : {Format::kAuto, Format::kCtic, Format::kJsonl}) {
    INFO(static_cast<int>(format));
    FailingBuf buf("One\n\nA\n", 2, std::make_exception_ptr(std::ios_base::failure(
                                        "basic_filebuf::underflow error reading the file",
                                        std::error_code(EIO, std::generic_category()))));
    std::istream in(&buf);
    CHECK(read(in, format).log ==
          std::vector<std::string>{"error: cannot read 't': Input/output error"});
  }
}

// Issue 14.16: a failed stream read nothing under kAuto, everything under an
// explicit format.
TEST_CASE("read_stream: a stream already failed is an InputError for every format",
          "[reader][read_stream]") {
  const std::string jsonl = "{\"title\":\"One\",\"abstract\":\"A\"}\n";
  const std::string ctic = "One\n\nA\n";
  for (Format format : {Format::kAuto, Format::kCtic, Format::kJsonl}) {
    for (std::ios::iostate state : {std::ios::failbit, std::ios::badbit}) {
      INFO("format " << static_cast<int>(format) << " state " << state);
      std::istringstream in(format == Format::kCtic ? ctic : jsonl);
      in.setstate(state);
      CHECK(read(in, format).log ==
            std::vector<std::string>{
                "error: cannot read 't': the stream is already in a failed state"});
    }
    // A stream at its end holds no records, for every format alike.
    std::istringstream at_end(format == Format::kCtic ? ctic : jsonl);
    at_end.setstate(std::ios::eofbit);
    CHECK(read(at_end, format).log.empty());
  }
  std::istream no_buffer(nullptr);
  no_buffer.clear();  // a null buffer sets badbit; clear() keeps it, so check the message
  CHECK(read(no_buffer, Format::kCtic).log ==
        std::vector<std::string>{"error: cannot read 't': the stream has no buffer"});
}

TEST_CASE("read_stream: a healthy stream reads to its end and is left at eof",
          "[reader][read_stream]") {
  for (Format format : {Format::kAuto, Format::kCtic}) {
    std::istringstream in(file_text(kSample));
    const Outcome out = read(in, format);
    CHECK(out.records == 10);
    CHECK(out.log.size() == 10);
    CHECK(in.eof());
    CHECK_FALSE(in.bad());
  }
}
