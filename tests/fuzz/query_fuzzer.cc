// libFuzzer target for the query parser: the bytes are query text, parsed
// with a real (English) Analyzer, strictly and forgivingly.
//
// Strict: a QueryError is the expected answer to bad text; any other
// exception, a crash, a sanitizer report or a broken invariant is a bug.
// Forgiving (search/query_repair.h): only the resource limits may throw;
// well-formed text means what it means strictly, with no note; malformed
// text gets at least one note, and the repair alone makes it well-formed
// (the plain-words last resort is never needed). The filters lifted from
// the text are also turned into their boolean query, as the Searcher does.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "text/text_util.h"
#include "search/query_parser.h"
#include "search/query_repair.h"
#include "trove/analyzer.h"
#include "trove/error.h"

namespace {

[[noreturn]] void fail(const char* what) {
  std::fprintf(stderr, "invariant broken: %s\n", what);
  std::abort();
}

const trove::Analyzer& analyzer() {
  static const trove::Analyzer instance;
  return instance;
}

// Checks what the Searcher relies on in a parse; returns its description.
std::string check_parsed(const trove::ParsedQuery& parsed) {
  for (const std::string& term : parsed.highlight_terms) {
    if (term.empty()) fail("empty highlight term");
  }
  // The parser validated every filter value it lifted: building their query
  // must not throw.
  const Xapian::Query filters = trove::filter_query(parsed.filters, analyzer());
  // Xapian must accept every term (it refuses terms over 245 bytes).
  for (auto it = parsed.query.get_terms_begin(); it != parsed.query.get_terms_end(); ++it) {
    if ((*it).empty() || (*it).size() > 245) fail("term Xapian cannot hold");
  }
  return parsed.query.get_description() + " FILTER " + filters.get_description();
}

bool is_limit_message(const std::string& message) {
  return message == "query has more than 1000 terms" ||
         message.rfind("parentheses nested more than 64 deep: the '(' at column ", 0) == 0;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  static const trove::QueryParser parser(analyzer());
  const std::string text(reinterpret_cast<const char*>(data), size);
  std::string strict, strict_error;
  try {
    strict = check_parsed(parser.parse(text));
  } catch (const trove::QueryError& e) {
    strict_error = e.what();
    if (strict_error.empty()) fail("empty QueryError message");
  }
  std::string forgiving, forgiving_error;
  std::vector<std::string> notes;
  try {
    forgiving = check_parsed(trove::parse_query(parser, text, false, nullptr, &notes));
  } catch (const trove::QueryError& e) {
    forgiving_error = e.what();
    if (!is_limit_message(forgiving_error)) fail("forgiving parsing threw a non-limit error");
  }
  if (strict_error.empty() && (forgiving != strict || !notes.empty())) {
    fail("well-formed text means something else, or has notes, when forgiven");
  }
  if (is_limit_message(strict_error) && forgiving_error != strict_error) {
    fail("a limit error differs between the modes");
  }
  if (!strict_error.empty() && forgiving_error.empty() && notes.empty()) {
    fail("malformed text forgiven without a note");
  }
  for (const std::string& note : notes) {
    if (note.empty() || trove::text::valid_utf8(note) != note) fail("note not valid UTF-8");
  }
  if (!strict_error.empty() && !is_limit_message(strict_error)) {
    try {
      parser.parse(trove::repair_query(text, analyzer()).text);
    } catch (const trove::QueryLimitError&) {
    } catch (const trove::QueryError&) {
      fail("repaired text is still malformed");
    }
  }
  return 0;
}
