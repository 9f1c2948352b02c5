#include "result_json.h"

#include <vector>

namespace trove::tools {
namespace {

using nlohmann::json;

// What a lead byte allows: the sequence's length (0: not a lead byte) and
// the range of the second byte (RFC 3629, which rules out overlong forms,
// surrogates and code points over U+10FFFF this way).
struct Lead {
  std::size_t length;
  unsigned char lo, hi;
};

Lead lead_of(unsigned char b) {
  if (b < 0x80) return {1, 0, 0};
  if (b >= 0xC2 && b <= 0xDF) return {2, 0x80, 0xBF};
  if (b == 0xE0) return {3, 0xA0, 0xBF};
  if (b == 0xED) return {3, 0x80, 0x9F};
  if (b >= 0xE1 && b <= 0xEF) return {3, 0x80, 0xBF};
  if (b == 0xF0) return {4, 0x90, 0xBF};
  if (b >= 0xF1 && b <= 0xF3) return {4, 0x80, 0xBF};
  if (b == 0xF4) return {4, 0x80, 0x8F};
  return {0, 0, 0};
}

// Length of the well-formed UTF-8 sequence at text[i], or 0 if there is none.
std::size_t sequence_length(const std::string& text, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const Lead lead = lead_of(byte(i));
  if (lead.length <= 1) return lead.length;
  if (i + lead.length > text.size()) return 0;
  if (byte(i + 1) < lead.lo || byte(i + 1) > lead.hi) return 0;
  for (std::size_t k = 2; k < lead.length; ++k) {
    if (byte(i + k) < 0x80 || byte(i + k) > 0xBF) return 0;
  }
  return lead.length;
}

json strings(const std::vector<std::string>& values) {
  json out = json::array();
  for (const std::string& v : values) out.push_back(valid_utf8(v));
  return out;
}

json year(const Record& r) { return r.year ? json(*r.year) : json(); }

json hit_to_json(const Hit& hit) {
  const Record& r = hit.record;
  return {{"rank", hit.rank},           {"id", valid_utf8(r.id)},
          {"score", hit.score},         {"title", valid_utf8(r.title)},
          {"year", year(r)},            {"countries", strings(r.country)},
          {"regions", strings(r.region)}, {"authors", strings(r.authors)},
          {"topics", strings(r.topic)}, {"categories", strings(r.category)},
          {"snippet", valid_utf8(hit.snippet)}};
}

json facets_to_json(const SearchResult& result) {
  json facets = json::object();
  for (const auto& [name, counts] : result.facets) {
    json list = json::array();
    for (const FacetCount& c : counts) {
      list.push_back({{"value", valid_utf8(c.value)}, {"count", c.count}});
    }
    facets[name] = list;
  }
  return facets;
}

}  // namespace

std::string valid_utf8(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t n = sequence_length(text, i);
    if (n == 0) {
      out += "\xEF\xBF\xBD";
      ++i;
    } else {
      out.append(text, i, n);
      i += n;
    }
  }
  return out;
}

json result_to_json(const SearchRequest& request, const SearchResult& result) {
  json hits = json::array();
  for (const Hit& hit : result.hits) hits.push_back(hit_to_json(hit));
  return {{"query", valid_utf8(request.query)}, {"total", result.total},
          {"offset", request.offset}, {"hits", hits}, {"facets", facets_to_json(result)}};
}

json record_to_json(const Record& r) {
  return {{"id", valid_utf8(r.id)},           {"title", valid_utf8(r.title)},
          {"abstract", valid_utf8(r.abstract)}, {"year", year(r)},
          {"countries", strings(r.country)},  {"regions", strings(r.region)},
          {"authors", strings(r.authors)},    {"topics", strings(r.topic)},
          {"categories", strings(r.category)}};
}

}  // namespace trove::tools
