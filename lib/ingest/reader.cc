// The public reader entry points: format choice, file opening, directory
// expansion. The formats themselves live in ctic_reader.cc and jsonl_reader.cc.
#include "trove/reader.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <istream>
#include <streambuf>
#include <string_view>
#include <system_error>

#include "ingest/ctic_reader.h"
#include "ingest/jsonl_reader.h"
#include "text/text_util.h"
#include "trove/error.h"

namespace trove {
namespace {

namespace fs = std::filesystem;

// How far sniffing looks for the first non-blank byte before calling the
// input CTIC; bounds the bytes held back from the stream.
constexpr std::size_t kSniffLimit = 64 * 1024;

// Replays the bytes consumed while sniffing, then the rest of the source, so
// that readers see the stream from its first byte (and count lines right)
// even when the source cannot seek.
class PrefixedBuf : public std::streambuf {
 public:
  PrefixedBuf(std::string prefix, std::streambuf* rest) : prefix_(std::move(prefix)), rest_(rest) {
    setg(prefix_.data(), prefix_.data(), prefix_.data() + prefix_.size());
  }

 protected:
  int_type underflow() override {
    if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
    std::streamsize n = rest_->sgetn(buffer_, sizeof buffer_);
    if (n <= 0) return traits_type::eof();
    setg(buffer_, buffer_, buffer_ + n);
    return traits_type::to_int_type(*gptr());
  }

 private:
  std::string prefix_;
  std::streambuf* rest_;
  char buffer_[16 * 1024];
};

// Consumes bytes up to and including the first non-blank one (after an
// optional BOM) into `prefix`: '{' means JSON Lines, anything else CTIC.
Format sniff(std::streambuf& buf, std::string& prefix) {
  static constexpr std::string_view kBom = "\xEF\xBB\xBF";
  while (prefix.size() < kSniffLimit) {
    auto c = buf.sbumpc();
    if (c == std::streambuf::traits_type::eof()) break;
    char ch = std::streambuf::traits_type::to_char_type(c);
    prefix.push_back(ch);
    if (prefix.size() <= kBom.size() && kBom.substr(0, prefix.size()) == prefix) continue;
    if (text::is_ascii_space(ch)) continue;
    return ch == '{' ? Format::kJsonl : Format::kCtic;
  }
  return Format::kCtic;
}

bool ends_with_ci(std::string_view s, std::string_view suffix) {
  if (s.size() < suffix.size()) return false;
  return std::equal(suffix.begin(), suffix.end(), s.end() - suffix.size(), [](char a, char b) {
    return a == std::tolower(static_cast<unsigned char>(b));
  });
}

bool is_jsonl_name(std::string_view path) {
  return ends_with_ci(path, ".jsonl") || ends_with_ci(path, ".ndjson") ||
         ends_with_ci(path, ".json");
}

bool is_source_name(std::string_view path) {
  return ends_with_ci(path, ".txt") || is_jsonl_name(path);
}

std::string errno_text(int err) { return err ? std::strerror(err) : "unknown error"; }

void read_format(std::istream& in, const std::string& name, Format format,
                 const RecordCallback& on_record, const ProblemCallback& on_problem) {
  // The format readers call both callbacks unconditionally.
  if (!on_record || !on_problem) {
    read_format(in, name, format, on_record ? on_record : RecordCallback([](Record&&) {}),
                on_problem ? on_problem : ProblemCallback([](const ReadError&) {}));
    return;
  }
  if (format == Format::kJsonl) {
    read_jsonl(in, name, on_record, on_problem);
  } else {
    read_ctic(in, name, on_record, on_problem);
  }
}

// The regular files with a source extension under `dir`, sorted by path.
std::vector<fs::path> files_under(const std::string& dir) {
  std::vector<fs::path> found;
  std::error_code ec;
  fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec);
  for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    std::error_code type_ec;
    if (it->is_regular_file(type_ec) && is_source_name(it->path().filename().string())) {
      found.push_back(it->path());
    }
  }
  if (ec) throw InputError("cannot list '" + dir + "': " + ec.message());
  std::sort(found.begin(), found.end());
  return found;
}

}  // namespace

std::string ReadError::message() const {
  std::string out = file;
  if (line != 0) out += ":" + std::to_string(line);
  out += ": ";
  if (severity == Severity::kWarning) out += "warning: ";
  out += reason;
  return out;
}

Format parse_format(const std::string& name) {
  if (name == "auto") return Format::kAuto;
  if (name == "ctic") return Format::kCtic;
  if (name == "jsonl") return Format::kJsonl;
  throw InputError("unknown format '" + name + "'; use auto, ctic or jsonl");
}

void read_stream(std::istream& in, const std::string& name, Format format,
                 const RecordCallback& on_record, const ProblemCallback& on_problem) {
  if (format != Format::kAuto) {
    read_format(in, name, format, on_record, on_problem);
    return;
  }
  std::streambuf* source = in.rdbuf();
  if (source == nullptr || !in.good()) return;
  std::string prefix;
  try {
    format = sniff(*source, prefix);
  } catch (const std::exception&) {  // a read error in the underlying buffer
    in.setstate(std::ios::badbit);
    return;
  }
  PrefixedBuf buf(std::move(prefix), source);
  std::istream replay(&buf);
  read_format(replay, name, format, on_record, on_problem);
  if (replay.bad()) in.setstate(std::ios::badbit);
  in.setstate(std::ios::eofbit);
}

void read_file(const std::string& path, Format format, const RecordCallback& on_record,
               const ProblemCallback& on_problem) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) {
    throw InputError("cannot open '" + path + "': " + errno_text(EISDIR));
  }
  errno = 0;
  std::ifstream in(path, std::ios::binary);
  if (!in.is_open()) throw InputError("cannot open '" + path + "': " + errno_text(errno));
  if (format == Format::kAuto && is_jsonl_name(path)) format = Format::kJsonl;
  errno = 0;
  read_stream(in, path, format, on_record, on_problem);
  if (in.bad()) throw InputError("cannot read '" + path + "': " + errno_text(errno));
}

std::vector<std::string> list_sources(const std::vector<std::string>& paths) {
  std::vector<std::string> sources;
  for (const std::string& path : paths) {
    std::error_code ec;
    fs::file_status status = fs::status(path, ec);
    if (status.type() == fs::file_type::not_found || path.empty()) {
      throw InputError("no such file or directory: '" + path + "'");
    }
    if (ec) throw InputError("cannot access '" + path + "': " + ec.message());
    if (!fs::is_directory(status)) {
      sources.push_back(path);
      continue;
    }
    for (const fs::path& file : files_under(path)) sources.push_back(file.string());
  }
  return sources;
}

}  // namespace trove
