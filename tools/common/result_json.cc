#include "result_json.h"

#include <map>

namespace trove::tools {
namespace {

void write_list(JsonWriter& out, const char* name, const std::vector<std::string>& values) {
  out.key(name).begin_array();
  for (const std::string& value : values) out.value(value);
  out.end_array();
}

// The fields a hit and a whole record share, with a hit's own (rank, score,
// snippet) or a record's abstract, all in key order. List fields are named
// in the plural, as they are lists here; the input formats accept a single
// string or a list under the singular name.
void write_record_members(JsonWriter& out, const Record& r, const Hit* hit) {
  if (!hit) out.key("abstract").value(r.abstract);
  write_list(out, "authors", r.authors);
  write_list(out, "categories", r.category);
  write_list(out, "countries", r.country);
  out.key("id").value(r.id);
  if (hit) out.key("rank").value(std::uint64_t{hit->rank});
  write_list(out, "regions", r.region);
  if (hit) out.key("score").value(hit->score).key("snippet").value(hit->snippet);
  out.key("title").value(r.title);
  write_list(out, "topics", r.topic);
  out.key("year");
  if (r.year) {
    out.value(*r.year);
  } else {
    out.null();
  }
}

// Facet names are facet_fields() names (the library refuses others), so
// the map's order is the key order.
void write_facets(JsonWriter& out, const std::map<std::string, std::vector<FacetCount>>& facets) {
  out.key("facets").begin_object();
  for (const auto& [name, counts] : facets) {
    out.key(name).begin_array();
    for (const FacetCount& c : counts) {
      out.begin_object().key("count").value(std::uint64_t{c.count}).key("value").value(c.value);
      out.end_object();
    }
    out.end_array();
  }
  out.end_object();
}

void write_suggestion(JsonWriter& out, const Suggestion& suggestion) {
  out.key("suggestion").begin_object().key("changes").begin_array();
  for (const auto& [typed, suggested] : suggestion.changes) {
    out.begin_object().key("from").value(typed).key("to").value(suggested).end_object();
  }
  out.end_array().key("query").value(suggestion.query).end_object();
}

// Room for the text, so that it is written without reallocating: a hit's
// strings plus its keys and punctuation.
std::size_t size_estimate(const SearchResult& result) {
  std::size_t size = 256;
  for (const Hit& hit : result.hits) {
    size += 256 + hit.record.id.size() + hit.record.title.size() + hit.snippet.size();
    for (const auto* list : {&hit.record.authors, &hit.record.category, &hit.record.country,
                             &hit.record.region, &hit.record.topic}) {
      for (const std::string& s : *list) size += s.size() + 4;
    }
  }
  for (const auto& facet : result.facets) size += 32 + 40 * facet.second.size();
  return size + size / 8;
}

void write_part(JsonWriter& out, const ScorePart& p) {
  out.begin_object();
  out.key("contribution").value(p.contribution);
  out.key("document_length").value(std::uint64_t{p.document_length});
  out.key("field").value(p.field).key("idf").value(p.idf);
  out.key("source").value(source_name(p.source)).key("term").value(p.term);
  out.key("term_frequency").value(std::uint64_t{p.term_frequency});
  out.key("weight").value(p.weight);
  out.end_object();
}

}  // namespace

void write_result(JsonWriter& out, const SearchRequest& request, const SearchResult& result,
                  const ExplainedHit* explained) {
  out.begin_object();
  if (explained) write_explanation(out.key("explain"), explained->rank, explained->explanation);
  write_facets(out, result.facets);
  out.key("hits").begin_array();
  for (const Hit& hit : result.hits) {
    out.begin_object();
    write_record_members(out, hit.record, &hit);
    out.end_object();
  }
  out.end_array();
  write_list(out, "notes", result.notes);
  out.key("offset").value(std::uint64_t{request.offset}).key("query").value(request.query);
  if (result.suggestion) write_suggestion(out, *result.suggestion);
  out.key("total").value(std::uint64_t{result.total}).end_object();
}

void write_record(JsonWriter& out, const Record& record) {
  out.begin_object();
  write_record_members(out, record, nullptr);
  out.end_object();
}

const char* source_name(ScoreSource source) {
  switch (source) {
    case ScoreSource::kQuery: return "query";
    case ScoreSource::kField: return "field";
    case ScoreSource::kProximity: return "proximity";
    case ScoreSource::kFeedback: return "feedback";
  }
  return "query";
}

void write_explanation(JsonWriter& out, std::size_t rank, const Explanation& e) {
  out.begin_object();
  out.key("feedback").value(e.feedback).key("id").value(e.id).key("matches").value(e.matches);
  out.key("parts").begin_array();
  for (const ScorePart& p : e.parts) write_part(out, p);
  out.end_array();
  out.key("proximity").value(e.proximity).key("rank").value(std::uint64_t{rank});
  out.key("reranked").value(e.reranked).key("score").value(e.score);
  out.end_object();
}

void write_completions(JsonWriter& out, const std::vector<Completion>& completions) {
  out.begin_array();
  for (const Completion& c : completions) {
    out.begin_object().key("count").value(std::uint64_t{c.count});
    out.key("field").value(c.field).key("text").value(c.text).end_object();
  }
  out.end_array();
}

std::string result_json_text(const SearchRequest& request, const SearchResult& result,
                             int indent, const ExplainedHit* explained) {
  std::string text;
  text.reserve(indent < 0 ? size_estimate(result) : 2 * size_estimate(result));
  JsonWriter out(text, indent);
  write_result(out, request, result, explained);
  return text;
}

std::string record_json_text(const Record& record, int indent) {
  std::string text;
  JsonWriter out(text, indent);
  write_record(out, record);
  return text;
}

std::string completions_json_text(const std::vector<Completion>& completions, int indent) {
  std::string text;
  JsonWriter out(text, indent);
  write_completions(out, completions);
  return text;
}

}  // namespace trove::tools
