// trove-search: runs a ranked, faceted query against a trove index.
#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <boost/program_options.hpp>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli.h"
#include "trove/trove.h"

namespace po = boost::program_options;

namespace {

constexpr char kUsage[] = R"(Usage: trove-search [OPTIONS] QUERY...

Runs a ranked keyword search. QUERY words are joined with spaces; quote the
query in the shell when it holds quotes or parentheses. Syntax:
  words            any word may match; more matches rank higher
  "exact phrase"   +required  -excluded  AND  OR  NOT  ( )
  title:word  author:word  abstract:"a phrase"
  traffick*  title:migra*                  (every word starting so)
  country:Lebanon  region:"Middle East"  year:2013  year:2010..2015
  topic:Trafficking  category:Report       (filters; OR within a field)
An empty QUERY with filters lists the matching records, newest first.

Exit status: 0 success (also with no hits), 1 bad query or index error,
2 bad usage.

Examples:
  trove-search referral
  trove-search --facets 'referral region:"Middle East"'
  trove-search --filter year=2013 --sort year --json ''

Options)";

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

void print_text(const trove::SearchRequest& request, const trove::SearchResult& result) {
  const std::size_t width = terminal_width();
  std::cout << result.total << (result.total == 1 ? " record" : " records") << " found";
  if (!result.hits.empty()) {
    std::cout << ", showing " << result.hits.front().rank << "-" << result.hits.back().rank;
  }
  std::cout << "\n";
  if (result.suggestion) std::cout << "Did you mean: " << result.suggestion->query << "\n";
  for (const std::string& note : result.notes) std::cout << "Note: " << note << "\n";
  for (const trove::Hit& hit : result.hits) {
    const trove::Record& r = hit.record;
    std::string head = std::to_string(hit.rank) + ". " + r.title;
    if (r.year) head += " (" + std::to_string(*r.year) + ")";
    std::cout << "\n" << wrap(head, width, "") << "\n";
    std::string where = join(r.country, ", ");
    if (!r.region.empty()) where += (where.empty() ? "" : " / ") + join(r.region, ", ");
    if (!r.authors.empty()) where += (where.empty() ? "" : " / ") + join(r.authors, ", ");
    if (!where.empty()) std::cout << wrap(where, width, "   ") << "\n";
    std::cout << wrap(hit.snippet, width, "   ") << "\n";
  }
  for (const std::string& facet : request.facets) {
    const auto& counts = result.facets.at(facet);
    std::string line = facet + ":";
    if (counts.empty()) line += " (none)";
    for (const trove::FacetCount& c : counts) {
      line += " " + c.value + " (" + std::to_string(c.count) + ")";
      if (&c != &counts.back()) line += ",";
    }
    if (&facet == &request.facets.front()) std::cout << "\n";
    std::cout << wrap(line, width, "") << "\n";
  }
}

void print_json(const trove::SearchRequest& request, const trove::SearchResult& result) {
  nlohmann::json hits = nlohmann::json::array();
  for (const trove::Hit& hit : result.hits) {
    const trove::Record& r = hit.record;
    hits.push_back({{"rank", hit.rank},       {"id", r.id},
                    {"score", hit.score},     {"title", r.title},
                    {"year", r.year ? nlohmann::json(*r.year) : nlohmann::json()},
                    {"countries", r.country}, {"regions", r.region},
                    {"authors", r.authors},   {"topics", r.topic},
                    {"categories", r.category}, {"snippet", hit.snippet}});
  }
  nlohmann::json facets = nlohmann::json::object();
  for (const auto& [name, counts] : result.facets) {
    nlohmann::json list = nlohmann::json::array();
    for (const trove::FacetCount& c : counts) list.push_back({{"value", c.value}, {"count", c.count}});
    facets[name] = list;
  }
  nlohmann::json out = {{"query", request.query}, {"total", result.total},
                        {"offset", request.offset}, {"hits", hits}, {"facets", facets}};
  if (result.suggestion) {
    nlohmann::json changes = nlohmann::json::array();
    for (const auto& [typed, suggested] : result.suggestion->changes) {
      changes.push_back({{"from", typed}, {"to", suggested}});
    }
    out["suggestion"] = {{"query", result.suggestion->query}, {"changes", changes}};
  }
  out["notes"] = result.notes;
  std::cout << out.dump(2) << "\n";
}

// One completion a line: "text (count, field)"; or a JSON array.
void print_completions(const std::vector<trove::Completion>& completions, bool json) {
  if (json) {
    nlohmann::json out = nlohmann::json::array();
    for (const trove::Completion& c : completions) {
      out.push_back({{"text", c.text}, {"field", c.field}, {"count", c.count}});
    }
    std::cout << out.dump(2) << "\n";
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
  std::string db, sort, complete, field;
  std::vector<std::string> filters, words, facet_prefixes;
  trove::SearchRequest request;
  po::options_description visible(kUsage);
  visible.add_options()
      ("help,h", "show this help")
      ("db", po::value(&db)->default_value("./trove-index"), "index directory")
      ("limit", po::value(&request.limit)->default_value(10), "hits to show")
      ("offset", po::value(&request.offset)->default_value(0), "hits to skip (paging)")
      ("sort", po::value(&sort)->default_value("relevance"), "relevance or year (newest first)")
      ("filter", po::value(&filters), "FIELD=VALUE, repeatable: country, region, year "
                                      "(2013 or 2010..2015), topic, category")
      ("facets", "count matches by country, region, year, topic and category")
      ("facet-prefix", po::value(&facet_prefixes), "FACET=TEXT, repeatable: count only the "
                                                   "values of FACET with a word starting with "
                                                   "TEXT (e.g. country=le); counts FACET")
      ("json", "print one JSON document instead of text")
      ("complete", po::value(&complete), "print completions of PREFIX (titles, authors, facet "
                                         "values, words), at most --limit, instead of searching")
      ("field", po::value(&field), "with --complete: title, author, word or a facet name");
  po::variables_map vm;
  if (!trove::cli::parse(argc, argv, visible, words, vm)) return 0;
  if (sort != "relevance" && sort != "year") {
    throw po::error("--sort takes relevance or year, not '" + sort + "'");
  }
  request.sort = sort == "year" ? trove::SortOrder::kYear : trove::SortOrder::kRelevance;
  request.query = join(words, " ");
  for (const std::string& f : filters) request.filters.push_back(parse_filter(f));
  if (vm.count("facets")) request.facets = trove::facet_fields();
  for (const std::string& text : facet_prefixes) add_facet_prefix(request, text);
  const bool json = vm.count("json") > 0;
  if (!json && ::isatty(STDOUT_FILENO)) {
    request.highlight_begin = "\033[1m";
    request.highlight_end = "\033[0m";
  }

  trove::Searcher searcher = trove::Searcher::open(db);
  if (vm.count("complete")) {
    print_completions(searcher.complete(complete, field, request.limit), json);
    return 0;
  }
  const trove::SearchResult result = searcher.search(request);
  if (json) {
    print_json(request, result);
  } else {
    print_text(request, result);
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) { return trove::cli::main("trove-search", argc, argv, run); }
