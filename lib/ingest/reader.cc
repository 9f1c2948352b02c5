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
#include <string_view>
#include <system_error>

#include "ingest/ctic_reader.h"
#include "ingest/jsonl_reader.h"
#include "ingest/stream_source.h"
#include "trove/error.h"

namespace trove {
namespace {

namespace fs = std::filesystem;

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

std::string cannot_read(const std::string& name, const std::string& reason) {
  return "cannot read '" + name + "': " + reason;
}

// Sets `state` on the caller's stream, which tells it that the input was
// read to its end or failed, without letting its exceptions() mask throw
// std::ios_base::failure from here (error.h promises trove::Error only).
void set_state(std::istream& in, std::ios::iostate state) {
  try {
    in.setstate(state);
  } catch (const std::ios_base::failure&) {
  }
}

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
  std::streambuf* source = in.rdbuf();
  if (source == nullptr) throw InputError(cannot_read(name, "the stream has no buffer"));
  if (in.fail()) throw InputError(cannot_read(name, "the stream is already in a failed state"));
  if (in.eof()) return;  // already read to its end
  // The readers read the caller's buffer through an istream of their own:
  // the caller's exceptions() mask cannot throw std::ios_base::failure at
  // the end of the input, and a failed read reaches us as a StreamFailure
  // (badbit rethrows it) instead of looking like the end of the input.
  SourceBuf buf(*source);
  try {
    if (format == Format::kAuto) format = buf.sniff();
    std::istream replay(&buf);
    replay.exceptions(std::ios::badbit);
    read_format(replay, name, format, on_record, on_problem);
  } catch (const StreamFailure& failure) {
    set_state(in, std::ios::badbit);
    throw InputError(cannot_read(name, failure.reason));
  }
  set_state(in, std::ios::eofbit);
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
  read_stream(in, path, format, on_record, on_problem);
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
