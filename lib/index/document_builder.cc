#include "index/document_builder.h"

#include <nlohmann/json.hpp>

#include "index/schema.h"
#include "trove/error.h"

namespace trove {
namespace {

// Xapian refuses terms longer than 245 bytes; keep a margin for prefixes.
constexpr std::size_t kMaxTermBytes = 240;

std::string cap_utf8(std::string text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  std::size_t cut = max_bytes;
  // Step back over UTF-8 continuation bytes so the cut is on a boundary.
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  text.resize(cut);
  return text;
}

void add_facet(Xapian::Document& doc, const schema::FacetField& field,
               const std::vector<std::string>& values, const Analyzer& analyzer) {
  if (values.empty()) return;
  for (const std::string& value : values) {
    std::string term = facet_term(field.term_prefix, value, analyzer);
    if (!term.empty()) doc.add_boolean_term(term);
  }
  doc.add_value(field.slot, schema::encode_values(values));
}

}  // namespace

DocumentBuilder::DocumentBuilder(const Analyzer& analyzer) : analyzer_(analyzer) {}

void DocumentBuilder::index_text(Xapian::Document& doc, const std::string& text,
                                 const schema::TextField& field, Xapian::termpos& position) {
  std::string all, scoped;
  Xapian::termpos last = position;
  for (const Token& token : analyzer_.tokenize(text)) {
    const Xapian::termpos pos = position + static_cast<Xapian::termpos>(token.position) + 1;
    last = pos;
    const std::string stem_text = analyzer_.stem(token.term);  // the Analyzer memoises
    all.assign(schema::kStemPrefix).append(stem_text);
    doc.add_posting(all, pos, field.weight);
    scoped.assign(schema::kStemPrefix).append(field.prefix).append(stem_text);
    if (field.positional) {
      doc.add_posting(scoped, pos);
    } else {
      doc.add_term(scoped);
    }
  }
  position = last + schema::kFieldPositionGap;
}

Xapian::Document DocumentBuilder::build(const Record& record) {
  Xapian::Document doc;
  Xapian::termpos position = 0;
  index_text(doc, record.title, schema::kTitle, position);
  index_text(doc, record.abstract, schema::kAbstract, position);
  for (const std::string& author : record.authors) index_text(doc, author, schema::kAuthor, position);

  doc.add_boolean_term(id_term(record.id));
  doc.add_value(schema::kIdSlot, record.id);
  doc.add_value(schema::kYearOrderSlot, schema::year_order_key(record.year, record.id));
  add_facet(doc, schema::kCountry, record.country, analyzer_);
  add_facet(doc, schema::kRegion, record.region, analyzer_);
  add_facet(doc, schema::kCategory, record.category, analyzer_);
  add_facet(doc, schema::kTopic, record.topic, analyzer_);
  if (record.year) {
    add_facet(doc, schema::kYear, {std::to_string(*record.year)}, analyzer_);
    doc.add_value(schema::kYearSortSlot, Xapian::sortable_serialise(*record.year));
  }
  doc.set_data(serialize_record(record));
  return doc;
}

void check_indexable(const Record& record) {
  constexpr std::size_t kMaxIdBytes = 200;
  if (record.id.empty()) throw InputError("cannot index a record without an id");
  if (record.id.size() > kMaxIdBytes) {
    throw InputError("cannot index record '" + cap_utf8(record.id, 40) + "...': id longer than " +
                     std::to_string(kMaxIdBytes) + " bytes");
  }
}

std::string id_term(const std::string& id) { return schema::kIdPrefix + id; }

std::string facet_term(const char* prefix, const std::string& value, const Analyzer& analyzer) {
  std::string normalized = analyzer.normalize(value);
  if (normalized.empty()) return {};
  return cap_utf8(prefix + normalized, kMaxTermBytes);
}

std::string serialize_record(const Record& record) {
  nlohmann::json j = {
      {"id", record.id},         {"title", record.title},       {"abstract", record.abstract},
      {"authors", record.authors}, {"country", record.country}, {"region", record.region},
      {"category", record.category}, {"topic", record.topic},
      {"source_file", record.source_file}, {"source_line", record.source_line},
  };
  if (record.year) j["year"] = *record.year;
  // Readers guarantee valid UTF-8; `replace` keeps a stray byte from throwing.
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

Record deserialize_record(const std::string& data) {
  try {
    const nlohmann::json j = nlohmann::json::parse(data);
    Record r;
    r.id = j.at("id").get<std::string>();
    r.title = j.at("title").get<std::string>();
    r.abstract = j.at("abstract").get<std::string>();
    r.authors = j.at("authors").get<std::vector<std::string>>();
    r.country = j.at("country").get<std::vector<std::string>>();
    r.region = j.at("region").get<std::vector<std::string>>();
    r.category = j.at("category").get<std::vector<std::string>>();
    r.topic = j.at("topic").get<std::vector<std::string>>();
    r.source_file = j.value("source_file", "");
    r.source_line = j.value("source_line", std::size_t{0});
    if (j.contains("year")) r.year = j.at("year").get<int>();
    return r;
  } catch (const nlohmann::json::exception& e) {
    throw IndexError(std::string("stored record is unreadable (") + e.what() +
                     "); rebuild the index with trove-index --rebuild");
  }
}

}  // namespace trove
