// libFuzzer target for one reader: the bytes are read as one input file in
// the format TROVE_FUZZ_FORMAT (kCtic or kJsonl), and every record and
// problem the reader reports is checked against the readers' contract
// (include/trove/reader.h). A broken invariant aborts, which libFuzzer
// reports as a crash with the input that caused it.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/year.h"
#include "text/text_util.h"
#include "trove/reader.h"
#include "trove/record.h"

#ifndef TROVE_FUZZ_FORMAT
#error "define TROVE_FUZZ_FORMAT as kCtic or kJsonl"
#endif

namespace {

[[noreturn]] void fail(const char* what, std::string_view detail) {
  std::fprintf(stderr, "invariant broken: %s: '%.*s'\n", what, static_cast<int>(detail.size()),
               detail.data());
  std::abort();
}

// Text the index can hold: valid UTF-8, no NUL, trimmed, not empty.
void check_text(const char* what, const std::string& s) {
  if (s.empty()) fail(what, "(empty)");
  if (auto reason = trove::text::check_bytes(s)) fail(what, *reason);
  if (trove::text::trim(s).size() != s.size()) fail(what, s);
}

void check_list(const char* what, const std::vector<std::string>& values) {
  std::set<std::string> seen;
  for (const std::string& v : values) {
    check_text(what, v);
    if (!seen.insert(v).second) fail(what, v);  // duplicates are dropped
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  // Lines the reader can number: every '\n' ends one, and a last line may
  // lack it.
  std::size_t lines = 1;
  for (char c : input) lines += c == '\n';
  std::istringstream in(input);
  std::size_t last_line = 0;
  auto check_line = [&](const char* what, std::size_t line) {
    if (line == 0 || line > lines) fail(what, "line " + std::to_string(line) + " out of range");
    last_line = line;
  };
  trove::read_stream(
      in, "fuzz", trove::Format::TROVE_FUZZ_FORMAT,
      [&](trove::Record&& r) {
        // A record needs a title or an abstract; the one it has is text.
        if (r.title.empty() && r.abstract.empty()) fail("title and abstract", "(both empty)");
        if (!r.title.empty()) check_text("title", r.title);
        if (!r.abstract.empty()) check_text("abstract", r.abstract);
        check_text("id", r.id);
        check_list("authors", r.authors);
        check_list("country", r.country);
        check_list("region", r.region);
        check_list("category", r.category);
        check_list("topic", r.topic);
        if (r.year && !trove::is_year(*r.year)) fail("year", std::to_string(*r.year));
        if (r.source_file != "fuzz") fail("source_file", r.source_file);
        check_line("record line", r.source_line);
      },
      [&](const trove::ReadError& e) {
        if (e.reason.empty()) fail("reason", "(empty)");
        // Reasons quote input; they must still be printable as UTF-8 text.
        if (auto reason = trove::text::check_bytes(e.reason)) fail("reason bytes", *reason);
        check_line("problem line", e.line);
      });
  (void)last_line;
  return 0;
}
