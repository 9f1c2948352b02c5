// tools/common/result_json.cc as it was at 422d153, its DOM builders only.
#include "serve/result_json_reference.h"

#include <vector>

#include "common/result_json.h"
#include "common/text.h"

namespace trove::tools::reference {
namespace {

using nlohmann::json;

json string_list(const std::vector<std::string>& values) {
  json list = json::array();
  for (const std::string& value : values) list.push_back(valid_utf8(value));
  return list;
}

// The fields a hit and a whole record share. List fields are named in the
// plural, as they are lists here; the input formats accept a single string
// or a list under the singular name.
json record_fields(const Record& r) {
  return {{"id", valid_utf8(r.id)},
          {"title", valid_utf8(r.title)},
          {"year", r.year ? json(*r.year) : json()},
          {"countries", string_list(r.country)},
          {"regions", string_list(r.region)},
          {"authors", string_list(r.authors)},
          {"topics", string_list(r.topic)},
          {"categories", string_list(r.category)}};
}

json hit_json(const Hit& hit) {
  json out = record_fields(hit.record);
  out["rank"] = hit.rank;
  out["score"] = hit.score;
  out["snippet"] = valid_utf8(hit.snippet);
  return out;
}

}  // namespace

json result_json(const SearchRequest& request, const SearchResult& result) {
  json hits = json::array();
  for (const Hit& hit : result.hits) hits.push_back(hit_json(hit));
  json facets = json::object();
  for (const auto& [name, counts] : result.facets) {
    json list = json::array();
    for (const FacetCount& c : counts) {
      list.push_back({{"value", valid_utf8(c.value)}, {"count", c.count}});
    }
    facets[valid_utf8(name)] = list;
  }
  json out = {{"query", valid_utf8(request.query)},
              {"total", result.total},
              {"offset", request.offset},
              {"hits", hits},
              {"facets", facets},
              {"notes", string_list(result.notes)}};
  if (result.suggestion) {
    json changes = json::array();
    for (const auto& [typed, suggested] : result.suggestion->changes) {
      changes.push_back({{"from", valid_utf8(typed)}, {"to", valid_utf8(suggested)}});
    }
    out["suggestion"] = {{"query", valid_utf8(result.suggestion->query)}, {"changes", changes}};
  }
  return out;
}

json explanation_json(std::size_t rank, const Explanation& e) {
  json parts = json::array();
  for (const ScorePart& p : e.parts) {
    parts.push_back({{"source", source_name(p.source)},
                     {"term", valid_utf8(p.term)},
                     {"field", p.field},
                     {"weight", p.weight},
                     {"term_frequency", p.term_frequency},
                     {"document_length", p.document_length},
                     {"idf", p.idf},
                     {"contribution", p.contribution}});
  }
  return {{"rank", rank},          {"id", valid_utf8(e.id)},     {"matches", e.matches},
          {"score", e.score},      {"reranked", e.reranked},     {"proximity", e.proximity},
          {"feedback", e.feedback}, {"parts", parts}};
}

json record_json(const Record& record) {
  json out = record_fields(record);
  out["abstract"] = valid_utf8(record.abstract);
  return out;
}

json completions_json(const std::vector<Completion>& completions) {
  json out = json::array();
  for (const Completion& c : completions) {
    out.push_back({{"text", valid_utf8(c.text)}, {"field", c.field}, {"count", c.count}});
  }
  return out;
}

}  // namespace trove::tools::reference
