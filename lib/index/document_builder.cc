#include "index/document_builder.h"

#include "index/record_codec.h"
#include "index/schema.h"
#include "ingest/year.h"
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

// Whole titles and authors, for Searcher::complete (schema.h).
void add_completion(Xapian::Document& doc, const char* prefix,
                    const std::vector<std::string>& texts, const Analyzer& analyzer) {
  for (const std::string& text : texts) {
    std::string term = completion_term(prefix, text, analyzer);
    if (!term.empty()) doc.add_boolean_term(term);
  }
}

}  // namespace

DocumentBuilder::DocumentBuilder(const Analyzer& analyzer) : analyzer_(analyzer) {}

// The stems of `text`, with their positions within it (from 0).
std::vector<DocumentBuilder::Stem> DocumentBuilder::stems(const std::string& text) {
  std::vector<Stem> out;
  for (const Token& token : analyzer_.tokenize(text)) {
    out.push_back({stem_of(token.term), static_cast<Xapian::termpos>(token.position)});
  }
  return out;
}

const std::string* DocumentBuilder::stem_of(const std::string& term) {
  const auto known = stem_of_.find(term);
  if (known != stem_of_.end()) return known->second;
  const std::string* stem = &*stems_.insert(analyzer_.stem(term)).first;
  stem_of_.emplace(term, stem);
  return stem;
}

void DocumentBuilder::index_text(Xapian::Document& doc, const std::vector<Stem>& stems,
                                 const schema::TextField& field, Xapian::termpos& position) {
  std::string all, scoped;
  Xapian::termpos last = position;
  for (const Stem& stem : stems) {
    const Xapian::termpos pos = position + stem.position + 1;
    last = pos;
    all.assign(schema::kStemPrefix).append(*stem.text);
    doc.add_posting(all, pos, field.weight);
    if (field.terms == schema::FieldTerms::kShared && !elsewhere_.count(stem.text)) continue;
    scoped.assign(schema::kStemPrefix).append(field.prefix).append(*stem.text);
    doc.add_term(scoped);
  }
  position = last + schema::kFieldPositionGap;
}

Xapian::Document DocumentBuilder::build(const Record& record) {
  if (stem_of_.size() >= kMaxStems) {  // never within a document: Stems point into it
    stem_of_.clear();
    stems_.clear();
  }
  Xapian::Document doc;
  const std::vector<Stem> title = stems(record.title), abstract = stems(record.abstract);
  std::vector<std::vector<Stem>> authors;
  for (const std::string& author : record.authors) authors.push_back(stems(author));
  // The stems of the fields other than the abstract (FieldTerms::kShared).
  elsewhere_.clear();
  for (const Stem& stem : title) elsewhere_.insert(stem.text);
  for (const auto& author : authors) {
    for (const Stem& stem : author) elsewhere_.insert(stem.text);
  }
  Xapian::termpos position = 0;
  index_text(doc, title, schema::kTitle, position);
  index_text(doc, abstract, schema::kAbstract, position);
  for (const auto& author : authors) index_text(doc, author, schema::kAuthor, position);

  doc.add_boolean_term(id_term(record.id));
  add_completion(doc, schema::kTitleCompletionPrefix, {record.title}, analyzer_);
  add_completion(doc, schema::kAuthorCompletionPrefix, record.authors, analyzer_);
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
  check_year(record);  // the one rule for years (ingest/year.h)
}

std::string id_term(const std::string& id) { return schema::kIdPrefix + id; }

std::string facet_term(const char* prefix, const std::string& value, const Analyzer& analyzer) {
  std::string normalized = analyzer.normalize(value);
  if (normalized.empty()) return {};
  return cap_utf8(prefix + normalized, kMaxTermBytes);
}

std::string completion_term(const char* prefix, const std::string& text, const Analyzer& analyzer) {
  std::string normalized = analyzer.normalize(text);
  if (normalized.empty()) return {};
  return prefix + cap_utf8(std::move(normalized), schema::kCompletionBytes);
}

}  // namespace trove
