#include "serve/params.h"

#include <algorithm>
#include <string_view>
#include <vector>

#include "serve/errors.h"

namespace trove::serve {
namespace {

constexpr const char* kFacets[] = {"country", "region", "year", "topic", "category"};

ApiError bad(const std::string& message) { return ApiError(400, "bad_parameter", message); }

// Refuses a parameter not in `known`, naming those that are ("a, b or c").
void check_names(const Params& params, const std::vector<std::string>& known) {
  for (const auto& [name, value] : params) {
    if (std::find(known.begin(), known.end(), name) != known.end()) continue;
    std::string list;
    for (std::size_t i = 0; i < known.size(); ++i) {
      list += (i == 0 ? "" : i + 1 == known.size() ? " or " : ", ") + known[i];
    }
    throw bad("unknown parameter '" + name + "'; use " + list);
  }
}

// The value of a parameter given at most once; `fallback` when absent.
std::string single(const Params& params, const std::string& name, const std::string& fallback) {
  const auto range = params.equal_range(name);
  if (range.first == range.second) return fallback;
  if (std::next(range.first) != range.second) throw bad("'" + name + "' is given more than once");
  return range.first->second;
}

std::size_t number(const Params& params, const std::string& name, std::size_t fallback,
                   std::size_t max) {
  const std::string text = single(params, name, std::to_string(fallback));
  const bool digits = !text.empty() && text.size() <= 9 &&
                      std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (!digits) throw bad("'" + name + "' takes a whole number from 0 to " + std::to_string(max) +
                         ", not '" + text + "'");
  const std::size_t value = std::stoul(text);
  if (value > max) throw bad("'" + name + "' must be at most " + std::to_string(max));
  return value;
}

std::string bounded(const Params& params, const std::string& name, const std::string& fallback,
                    std::size_t max_bytes) {
  std::string value = single(params, name, fallback);
  if (value.size() > max_bytes) {
    throw bad("'" + name + "' is over " + std::to_string(max_bytes) + " bytes");
  }
  return value;
}

Filter filter(const std::string& text) {
  const std::size_t colon = text.find(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == text.size()) {
    throw bad("'filter' takes field:value, e.g. filter=region:Middle East; got '" + text + "'");
  }
  return {text.substr(0, colon), text.substr(colon + 1)};
}

// Facet names from every facets=, each a comma-separated list; "all" is
// every facet. Each name once, in the order first given.
std::vector<std::string> facets(const Params& params) {
  std::vector<std::string> out;
  const auto add = [&](const std::string& name) {
    if (std::find(out.begin(), out.end(), name) == out.end()) out.push_back(name);
  };
  const auto range = params.equal_range("facets");
  for (auto it = range.first; it != range.second; ++it) {
    std::string_view list = it->second;
    while (!list.empty()) {
      const std::size_t comma = std::min(list.find(','), list.size());
      const std::string name(list.substr(0, comma));
      list.remove_prefix(std::min(comma + 1, list.size()));
      if (name == "all") {
        for (const char* facet : kFacets) add(facet);
      } else if (!name.empty()) {
        add(name);
      }
    }
  }
  return out;
}

SortOrder sort(const Params& params) {
  const std::string text = single(params, "sort", "relevance");
  if (text != "relevance" && text != "year") {
    throw bad("'sort' takes relevance or year, not '" + text + "'");
  }
  return text == "year" ? SortOrder::kYear : SortOrder::kRelevance;
}

bool snippets(const Params& params) {
  const std::string text = single(params, "snippets", "1");
  if (text != "0" && text != "1") throw bad("'snippets' takes 0 or 1, not '" + text + "'");
  return text == "1";
}

}  // namespace

SearchRequest search_request(const Params& params, const Limits& limits) {
  check_names(params, {"q", "filter", "facets", "sort", "offset", "limit", "snippets",
                       "highlight_begin", "highlight_end"});
  SearchRequest request;
  request.query = bounded(params, "q", "", limits.max_query_bytes);
  const auto range = params.equal_range("filter");
  for (auto it = range.first; it != range.second; ++it) request.filters.push_back(filter(it->second));
  request.facets = facets(params);
  request.sort = sort(params);
  request.offset = number(params, "offset", 0, limits.max_offset);
  request.limit = number(params, "limit", 10, limits.max_limit);
  request.snippets = snippets(params);
  request.highlight_begin = bounded(params, "highlight_begin", "[", limits.max_marker_bytes);
  request.highlight_end = bounded(params, "highlight_end", "]", limits.max_marker_bytes);
  return request;
}

CompleteRequest complete_request(const Params& params, const Limits& limits) {
  check_names(params, {"q", "field", "limit"});
  CompleteRequest request;
  request.prefix = bounded(params, "q", "", limits.max_query_bytes);
  request.field = single(params, "field", "");
  request.limit = number(params, "limit", 10, limits.max_completions);
  return request;
}

}  // namespace trove::serve
