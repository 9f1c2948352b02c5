// trove-search: runs a ranked, faceted query against a trove index.
#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <boost/program_options.hpp>
#include <cstdio>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "cli.h"
#include "result_json.h"
#include "text.h"
#include "trove/trove.h"

namespace po = boost::program_options;

namespace {

constexpr char kUsage[] = R"(Usage: trove-search [OPTIONS] [--] [QUERY...]

Runs a ranked keyword search. QUERY words are joined with spaces; quote the
query in the shell when it holds quotes or parentheses, and put -- before a
query that starts with '-' (trove-search -- -excluded word). Syntax:
  words            any word may match; more matches rank higher
  "exact phrase"   +required  -excluded  AND  OR  NOT  ( )
  title:word  author:word  abstract:"a phrase"
  traffick*  title:migra*                  (every word starting so)
  country:Lebanon  region:"Middle East"  year:2013  year:2010..2015
  topic:Trafficking  category:Report       (filters; OR within a field)
Bare words next to an operator are one group: a b AND c is (a OR b) AND c.
No QUERY (or '') lists every record matching the filters, newest first.
Malformed text (an unclosed quote or parenthesis, an unknown field:, a
dangling AND) is reinterpreted, with a note on stderr; --strict makes it an
error instead.

Text output shows control characters in records visibly (ESC as ^[);
--json escapes them.

Exit status: 0 success (also with no hits), 1 bad query, index error or
output not written, 2 bad usage (an unknown option, a bad --filter, a number
out of range).

--explain N adds how the score of hit N (1-based, of the whole result
list) is made: each query word's contribution with its term frequency,
the record's length, the word's IDF and weight, then the field, proximity
and feedback bonuses; they add up to the hit's score. --like ID lists the
records most like record ID (by its most characteristic words; the record
itself left out), with the --filter, --facets, --sort and paging options,
instead of searching for QUERY.

Examples:
  trove-search referral
  trove-search --facets 'referral region:"Middle East"'
  trove-search --filter year=2013 --sort year --json
  trove-search -- -lebanon trafficking
  trove-search --explain 1 forced labour
  trove-search --like ctic-2f9a1c

Options)";

// An index holds at most 2^32 - 1 records (Xapian's document numbers), so no
// page size or offset beyond that means anything.
constexpr std::size_t kMaxPage = 4294967295u;

// Markers the searcher puts around matched words on a terminal: bytes that
// valid UTF-8 never holds, so they cannot be confused with a record's text,
// which printable() makes harmless before they become escape sequences.
constexpr char kMarkBegin[] = "\xFF";
constexpr char kMarkEnd[] = "\xFE";

std::string join(const std::vector<std::string>& values, const char* sep) {
  std::string out;
  for (const std::string& v : values) out += (out.empty() ? "" : sep) + v;
  return out;
}

std::size_t terminal_width() {
  struct winsize ws;
  if (::ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 20) return ws.ws_col;
  return 0;  // not a terminal: no wrapping
}

// Counts UTF-8 code points outside ANSI escape sequences (the highlight), a
// good enough column measure for wrapping.
std::size_t columns(const std::string& s) {
  std::size_t n = 0;
  bool escape = false;
  for (unsigned char c : s) {
    if (c == '\033') escape = true;
    if (!escape) n += (c & 0xC0) != 0x80;
    if (escape && c == 'm') escape = false;
  }
  return n;
}

// Wraps `text` at spaces to `width` columns, each line indented by `indent`.
std::string wrap(const std::string& text, std::size_t width, const std::string& indent) {
  if (width == 0) return indent + text;
  std::string out = indent, word;
  std::size_t col = indent.size();
  auto flush = [&] {
    if (word.empty()) return;
    if (col > indent.size() && col + 1 + columns(word) > width) {
      out += "\n" + indent;
      col = indent.size();
    } else if (col > indent.size()) {
      out += ' ';
      ++col;
    }
    out += word;
    col += columns(word);
    word.clear();
  };
  for (char c : text) {
    if (c == ' ' || c == '\n') {
      flush();
    } else {
      word += c;
    }
  }
  flush();
  return out;
}

// A snippet made harmless for a terminal (see printable()), with the
// searcher's markers, if any, turned into bold on and off.
std::string show_snippet(const std::string& snippet) {
  std::string out, piece;
  for (char c : snippet) {
    if (c == kMarkBegin[0] || c == kMarkEnd[0]) {
      out += trove::tools::printable(piece) + (c == kMarkBegin[0] ? "\033[1m" : "\033[0m");
      piece.clear();
    } else {
      piece += c;
    }
  }
  return out + trove::tools::printable(piece);
}

void print_hit(const trove::Hit& hit, std::size_t width) {
  using trove::tools::printable;
  const trove::Record& r = hit.record;
  std::string head = std::to_string(hit.rank) + ". " + printable(r.title);
  if (r.year) head += " (" + std::to_string(*r.year) + ")";
  std::cout << "\n" << wrap(head, width, "") << "\n";
  std::string where = join(r.country, ", ");
  if (!r.region.empty()) where += (where.empty() ? "" : " / ") + join(r.region, ", ");
  if (!r.authors.empty()) where += (where.empty() ? "" : " / ") + join(r.authors, ", ");
  if (!where.empty()) std::cout << wrap(printable(where), width, "   ") << "\n";
  std::cout << wrap(show_snippet(hit.snippet), width, "   ") << "\n";
}

void print_text(const trove::SearchRequest& request, const trove::SearchResult& result) {
  const std::size_t width = terminal_width();
  std::cout << result.total << (result.total == 1 ? " record" : " records") << " found";
  if (!result.hits.empty()) {
    std::cout << ", showing " << result.hits.front().rank << "-" << result.hits.back().rank;
  }
  std::cout << "\n";
  if (result.suggestion) {
    std::cout << "Did you mean: " << trove::tools::printable(result.suggestion->query) << "\n";
  }
  for (const trove::Hit& hit : result.hits) print_hit(hit, width);
  for (const std::string& facet : request.facets) {
    const auto& counts = result.facets.at(facet);
    std::string line = facet + ":";
    if (counts.empty()) line += " (none)";
    for (const trove::FacetCount& c : counts) {
      line += " " + trove::tools::printable(c.value) + " (" + std::to_string(c.count) + ")";
      if (&c != &counts.back()) line += ",";
    }
    if (&facet == &request.facets.front()) std::cout << "\n";
    std::cout << wrap(line, width, "") << "\n";
  }
}

std::string fixed6(double v) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.6f", v);
  return buffer;
}

std::string general(double v) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%g", v);
  return buffer;
}

// One part a line: contribution, source, [field:]term, then the figures.
void print_explanation(std::size_t rank, const trove::Explanation& e) {
  using trove::tools::printable;
  std::cout << "\nScore of hit " << rank << " (" << printable(e.id) << "): " << fixed6(e.score);
  if (e.reranked) {
    std::cout << ", reranked with proximity " << fixed6(e.proximity) << " and feedback "
              << fixed6(e.feedback);
  }
  std::cout << "\n";
  for (const trove::ScorePart& p : e.parts) {
    const std::string term = (p.field.empty() ? "" : p.field + ":") + printable(p.term);
    std::cout << "  " << fixed6(p.contribution) << "  " << trove::tools::source_name(p.source)
              << " " << term << " (weight " << general(p.weight) << ", tf " << p.term_frequency
              << ", length " << p.document_length << ", idf " << fixed6(p.idf) << ")\n";
  }
}

// The explanation of hit `n` (1-based) of `request`'s whole result list.
// Throws trove::Error when the query has fewer hits.
trove::Explanation explain_hit(trove::Searcher& searcher, const trove::SearchRequest& request,
                               std::size_t n) {
  trove::SearchRequest one = request;
  one.offset = n - 1;
  one.limit = 1;
  one.snippets = false;
  one.suggest = false;
  one.facets.clear();
  one.facet_prefix.clear();
  const trove::SearchResult found = searcher.search(one);
  if (found.hits.empty()) {
    throw trove::Error("--explain " + std::to_string(n) + ": the query has " +
                       std::to_string(found.total) + (found.total == 1 ? " hit" : " hits"));
  }
  return searcher.explain(found.hits.front().record.id, request);
}

// One completion a line: "text (count, field)"; or a JSON array.
void print_completions(const std::vector<trove::Completion>& completions, bool json) {
  if (json) {
    std::cout << trove::tools::completions_json_text(completions, 2) << "\n";
    return;
  }
  for (const trove::Completion& c : completions) {
    std::cout << c.text << " (" << c.count << ", " << c.field << ")\n";
  }
}

trove::Filter parse_filter(const std::string& text) {
  const std::size_t eq = text.find('=');
  if (eq == std::string::npos || eq == 0 || eq + 1 == text.size()) {
    throw po::error("--filter takes FIELD=VALUE, e.g. --filter region='Middle East'; got '" +
                    text + "'");
  }
  return {text.substr(0, eq), text.substr(eq + 1)};
}

// Runs `request`. A query error caused by the --filter options (an unknown
// field, a bad year) is bad usage, like any other bad option value; one in
// the query text stays a query error.
trove::SearchResult search(trove::Searcher& searcher, const trove::SearchRequest& request) {
  try {
    return searcher.search(request);
  } catch (const trove::QueryError& e) {
    if (request.filters.empty()) throw;
    trove::SearchRequest filters_only;
    filters_only.filters = request.filters;
    filters_only.limit = 0;
    filters_only.snippets = false;
    try {
      searcher.search(filters_only);
    } catch (const trove::QueryError& filter_error) {
      throw po::error(std::string("--filter: ") + filter_error.what());
    }
    throw;
  }
}

// --facet-prefix FACET=TEXT: counts FACET, keeping the values matching TEXT.
void add_facet_prefix(trove::SearchRequest& request, const std::string& text) {
  const std::size_t eq = text.find('=');
  if (eq == std::string::npos || eq == 0) {
    throw po::error("--facet-prefix takes FACET=TEXT, e.g. --facet-prefix country=le; got '" +
                    text + "'");
  }
  const std::string facet = text.substr(0, eq);
  request.facet_prefix[facet] = text.substr(eq + 1);
  if (std::find(request.facets.begin(), request.facets.end(), facet) == request.facets.end()) {
    request.facets.push_back(facet);
  }
}

int run(int argc, char** argv) {
  std::string db, sort, limit, offset, complete, field, explain, like;
  std::vector<std::string> filters, words, facet_prefixes;
  trove::SearchRequest request;
  po::options_description visible(kUsage);
  visible.add_options()
      ("help,h", "show this help")
      ("version", "show the versions of trove, its index schema, Xapian and ICU")
      ("db", po::value(&db)->default_value("./trove-index"),
       "index directory, or a Xapian stub file listing shards")
      ("limit", po::value(&limit)->default_value("10"), "hits to show, 0 to 4294967295")
      ("offset", po::value(&offset)->default_value("0"), "hits to skip (paging), 0 to 4294967295")
      ("sort", po::value(&sort)->default_value("relevance"), "relevance or year (newest first)")
      ("filter", po::value(&filters), "FIELD=VALUE, repeatable: country, region, year "
                                      "(2013 or 2010..2015), topic, category")
      ("facets", "count matches by country, region, year, topic and category")
      ("facet-prefix", po::value(&facet_prefixes), "FACET=TEXT, repeatable: count only the "
                                                   "values of FACET with a word starting with "
                                                   "TEXT (e.g. country=le); counts FACET")
      ("json", "print one JSON document instead of text (README: --json output)")
      ("strict", "malformed query text is an error (exit 1) instead of being "
                 "reinterpreted with a note")
      ("complete", po::value(&complete), "print completions of PREFIX (titles, authors, facet "
                                         "values, words), at most --limit, instead of searching")
      ("field", po::value(&field), "with --complete: title, author, word or a facet name")
      ("explain", po::value(&explain), "N: also show how the score of hit N is made")
      ("like", po::value(&like), "ID: list the records most like record ID instead of "
                                 "searching (no QUERY)");
  po::variables_map vm;
  if (!trove::cli::parse("trove-search", argc, argv, visible, words, vm)) return 0;
  request.limit = trove::cli::parse_count("limit", limit, 0, kMaxPage);
  request.offset = trove::cli::parse_count("offset", offset, 0, kMaxPage);
  if (sort != "relevance" && sort != "year") {
    throw po::error("--sort takes relevance or year, not '" + sort + "'");
  }
  request.sort = sort == "year" ? trove::SortOrder::kYear : trove::SortOrder::kRelevance;
  request.query = join(words, " ");
  request.strict = vm.count("strict") > 0;
  for (const std::string& f : filters) request.filters.push_back(parse_filter(f));
  if (vm.count("facets")) request.facets = trove::facet_fields();
  for (const std::string& text : facet_prefixes) add_facet_prefix(request, text);
  const bool json = vm.count("json") > 0;
  if (!json && ::isatty(STDOUT_FILENO)) {
    request.highlight_begin = kMarkBegin;
    request.highlight_end = kMarkEnd;
  }

  if (!like.empty() && (!words.empty() || !explain.empty())) {
    throw po::error("--like ID takes no QUERY and no --explain");
  }
  const std::size_t explained =
      explain.empty() ? 0 : trove::cli::parse_count("explain", explain, 1, kMaxPage);
  trove::Searcher searcher = trove::Searcher::open(db);
  if (vm.count("complete")) {
    print_completions(searcher.complete(complete, field, request.limit), json);
    return 0;
  }
  const trove::SearchResult result =
      like.empty() ? search(searcher, request) : searcher.similar(like, request);
  std::optional<trove::Explanation> explanation;
  if (explained) explanation = explain_hit(searcher, request, explained);
  if (json) {
    std::optional<trove::tools::ExplainedHit> hit;
    if (explanation) hit = trove::tools::ExplainedHit{explained, *explanation};
    std::cout << trove::tools::result_json_text(request, result, 2, hit ? &*hit : nullptr) << "\n";
  } else {
    for (const std::string& note : result.notes) trove::cli::report("note: " + note);
    print_text(request, result);
    if (explanation) print_explanation(explained, *explanation);
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) { return trove::cli::main("trove-search", argc, argv, run); }
