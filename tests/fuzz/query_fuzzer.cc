// libFuzzer target for the query parser: the bytes are query text, parsed
// with a real (English) Analyzer. A QueryError is the expected answer to bad
// text; any other exception, a crash, a sanitizer report or a broken
// invariant is a bug. The filters lifted from the text are also turned into
// their boolean query, as the Searcher does.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "search/query_parser.h"
#include "trove/analyzer.h"
#include "trove/error.h"

namespace {

[[noreturn]] void fail(const char* what) {
  std::fprintf(stderr, "invariant broken: %s\n", what);
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  static const trove::Analyzer analyzer;
  static const trove::QueryParser parser(analyzer);
  const std::string text(reinterpret_cast<const char*>(data), size);
  trove::ParsedQuery parsed;
  try {
    parsed = parser.parse(text);
  } catch (const trove::QueryError& e) {
    if (std::string(e.what()).empty()) fail("empty QueryError message");
    return 0;
  }
  for (const std::string& term : parsed.highlight_terms) {
    if (term.empty()) fail("empty highlight term");
  }
  // The parser validated every filter value it lifted: building their query
  // must not throw.
  Xapian::Query filters = trove::filter_query(parsed.filters, analyzer);
  (void)parsed.query.get_description();
  (void)filters.get_description();
  // Xapian must accept every term (it refuses terms over 245 bytes).
  for (auto it = parsed.query.get_terms_begin(); it != parsed.query.get_terms_end(); ++it) {
    if ((*it).empty() || (*it).size() > 245) fail("term Xapian cannot hold");
  }
  return 0;
}
