// Raw Xapian 1.4 as a user of Xapian alone would write it: TermGenerator with
// the English stemmer (default STEM_SOME strategy, positions on), QueryParser
// with the same stemmer, BM25Weight defaults, boolean prefixes for filters, a
// NumberRangeProcessor for years and ValueCountMatchSpy for facets.
//
// Document layout:
//   unprefixed text   title (wdf_inc 3, so BM25 weights it like trove's title
//                     boost), abstract, authors, with a position gap of 100
//                     between fields; Z-prefixed stems (TermGenerator default)
//   "S" prefix        title again, for title-only search
//   "Q" + id          unique id term (replace_document by id, like trove)
//   "XC"/"XR"/"XK"/"XT" + value   boolean filter terms, value as written
//                     (QueryParser's rule: ':' after the prefix when the value
//                     starts with an upper-case letter)
//   slots 0-4         country, region, year, category, topic for facets
//   slot 5            sortable_serialise(year) for year ranges
//   data              id, '\n', the record as JSON (trove also stores the
//                     whole record, so index sizes compare like for like)
//
// Multi-valued facets: ValueCountMatchSpy counts whole slot values, so a
// record in {France, Spain} would be counted under the single key
// "France\0Spain". Each slot therefore holds the record's values sorted,
// deduplicated and joined with '\0', and facet_counts() splits every counted
// key and adds its count to each component. Because a record's values are
// deduplicated, this gives the exact number of matching records per value.
#include <xapian.h>

#include <algorithm>
#include <memory>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "engine.h"

namespace bench {
namespace {

struct FacetSlot {
  const char* field;
  const char* prefix;  // boolean term prefix, also the QueryParser field name
  Xapian::valueno slot;
};
constexpr FacetSlot kFacets[] = {
    {"country", "XC", 0}, {"region", "XR", 1}, {"year", "XY", 2},
    {"category", "XK", 3}, {"topic", "XT", 4},
};
constexpr Xapian::valueno kYearSortSlot = 5;
constexpr Xapian::termpos kFieldGap = 100;

const FacetSlot& facet_slot(const std::string& field) {
  for (const auto& f : kFacets) {
    if (field == f.field) return f;
  }
  throw std::runtime_error("xapian: unknown facet field '" + field + "'");
}

// The term Xapian's QueryParser produces for a boolean prefix and a value.
std::string boolean_term(const std::string& prefix, const std::string& value) {
  bool colon = prefix.size() > 1 && !value.empty() &&
               ((value[0] >= 'A' && value[0] <= 'Z') || value[0] == ':');
  return prefix + (colon ? ":" : "") + value;
}

std::string join_values(std::vector<std::string> values) {
  std::sort(values.begin(), values.end());
  values.erase(std::unique(values.begin(), values.end()), values.end());
  std::string joined;
  for (const auto& v : values) {
    if (!joined.empty()) joined += '\0';
    joined += v;
  }
  return joined;
}

std::string record_json(const BenchRecord& r) {
  nlohmann::ordered_json j;
  j["id"] = r.id;
  j["title"] = r.title;
  j["abstract"] = r.abstract;
  j["authors"] = r.authors;
  j["country"] = r.country;
  j["region"] = r.region;
  if (r.year) j["year"] = *r.year;
  j["category"] = r.category;
  j["topic"] = r.topic;
  return j.dump();
}

std::string quote_value(const std::string& value) { return "\"" + value + "\""; }

class XapianEngine : public Engine {
 public:
  std::string version() const override {
    return std::string("Xapian ") + Xapian::version_string();
  }
  std::size_t index(const std::string& jsonl_path, const std::string& dir) override;
  void open(const std::string& dir) override;
  QueryResult query(const BenchQuery& q) override;
  // "k1" and "b" of BM25Weight (Xapian's defaults: k1 1, b 0.5).
  void set_param(const std::string& name, const std::string& value) override;

 private:
  Xapian::Document build(const BenchRecord& r, Xapian::TermGenerator& termgen) const;
  std::string query_string(const BenchQuery& q) const;

  Xapian::Database db_;
  Xapian::QueryParser parser_;
  std::unique_ptr<Xapian::NumberRangeProcessor> year_range_;
  double k1_ = 1, b_ = 0.5;
};

void XapianEngine::set_param(const std::string& name, const std::string& value) {
  double v = param_number("xapian", name, value);
  if (name == "k1" && v >= 0) {
    k1_ = v;
  } else if (name == "b" && v >= 0 && v <= 1) {
    b_ = v;
  } else {
    throw std::runtime_error("xapian: no parameter '" + name + "' or value out of range");
  }
}

Xapian::Document XapianEngine::build(const BenchRecord& r, Xapian::TermGenerator& termgen) const {
  Xapian::Document doc;
  termgen.set_document(doc);
  termgen.index_text(r.title, 3);
  termgen.increase_termpos(kFieldGap);
  termgen.index_text(r.title, 1, "S");
  termgen.increase_termpos(kFieldGap);
  termgen.index_text(r.abstract);
  for (const auto& author : r.authors) {
    termgen.increase_termpos(kFieldGap);
    termgen.index_text(author);
  }
  doc.add_boolean_term("Q" + r.id);
  auto add_facet = [&](const char* field, const std::vector<std::string>& values) {
    const FacetSlot& f = facet_slot(field);
    for (const auto& v : values) doc.add_boolean_term(boolean_term(f.prefix, v));
    if (!values.empty()) doc.add_value(f.slot, join_values(values));
  };
  add_facet("country", r.country);
  add_facet("region", r.region);
  add_facet("category", r.category);
  add_facet("topic", r.topic);
  if (r.year) {
    add_facet("year", {std::to_string(*r.year)});
    doc.add_value(kYearSortSlot, Xapian::sortable_serialise(*r.year));
  }
  doc.set_data(r.id + "\n" + record_json(r));
  return doc;
}

std::size_t XapianEngine::index(const std::string& jsonl_path, const std::string& dir) {
  try {
    Xapian::WritableDatabase db(dir, Xapian::DB_CREATE);
    Xapian::TermGenerator termgen;
    termgen.set_stemmer(Xapian::Stem("english"));
    std::size_t count = 0;
    read_jsonl(jsonl_path, [&](BenchRecord&& r) {
      db.replace_document("Q" + r.id, build(r, termgen));
      ++count;
    });
    db.commit();
    return count;
  } catch (const Xapian::Error& e) {
    throw std::runtime_error("xapian: " + e.get_description());
  }
}

void XapianEngine::open(const std::string& dir) {
  try {
    db_ = Xapian::Database(dir);
  } catch (const Xapian::Error& e) {
    throw std::runtime_error("xapian: " + e.get_description());
  }
  parser_ = Xapian::QueryParser();
  parser_.set_stemmer(Xapian::Stem("english"));
  parser_.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
  for (const auto& f : kFacets) {
    if (std::string(f.field) != "year") parser_.add_boolean_prefix(f.field, f.prefix);
  }
  year_range_ = std::make_unique<Xapian::NumberRangeProcessor>(kYearSortSlot, "year:");
  parser_.add_rangeprocessor(year_range_.get());
}

std::string XapianEngine::query_string(const BenchQuery& q) const {
  std::string text;
  for (const auto& w : query_words(q.text)) text += (text.empty() ? "" : " ") + w;
  if (q.kind == "phrase") text = quote_value(text);
  for (const auto& f : q.filters) {
    text += " " + f.field + ":" + (f.field == "year" ? f.value : quote_value(f.value));
  }
  return text;
}

// Adds the counts of each '\0'-joined key to every value in it.
void add_spy_counts(const Xapian::ValueCountMatchSpy& spy, std::map<std::string, std::size_t>& out) {
  for (auto it = spy.values_begin(); it != spy.values_end(); ++it) {
    const std::string key = *it;
    std::size_t start = 0;
    while (true) {
      std::size_t end = key.find('\0', start);
      out[key.substr(start, end - start)] += it.get_termfreq();
      if (end == std::string::npos) break;
      start = end + 1;
    }
  }
}

QueryResult XapianEngine::query(const BenchQuery& q) {
  try {
    Xapian::Enquire enquire(db_);
    enquire.set_weighting_scheme(Xapian::BM25Weight(k1_, 0, 1, b_, 0.5));
    enquire.set_query(parser_.parse_query(query_string(q)));
    std::vector<std::unique_ptr<Xapian::ValueCountMatchSpy>> spies;
    for (const auto& field : q.facets) {
      spies.push_back(std::make_unique<Xapian::ValueCountMatchSpy>(facet_slot(field).slot));
      enquire.add_matchspy(spies.back().get());
    }
    // checkatleast = doc count: exact totals and facet counts over all matches.
    Xapian::MSet mset = enquire.get_mset(0, q.limit, db_.get_doccount());
    QueryResult result;
    result.total = mset.get_matches_estimated();
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      std::string data = it.get_document().get_data();
      result.ids.push_back(data.substr(0, data.find('\n')));
    }
    for (std::size_t i = 0; i < q.facets.size(); ++i) {
      add_spy_counts(*spies[i], result.facets[q.facets[i]]);
    }
    return result;
  } catch (const Xapian::Error& e) {
    throw std::runtime_error("xapian: " + e.get_description());
  }
}

}  // namespace

std::unique_ptr<Engine> make_xapian_engine() { return std::make_unique<XapianEngine>(); }

}  // namespace bench
