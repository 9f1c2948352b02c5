// The single table of how a Record maps onto a Xapian document: term
// prefixes, value slots, field weights and metadata keys. Nothing else in
// trove spells a prefix or a slot number.
#ifndef TROVE_LIB_INDEX_SCHEMA_H_
#define TROVE_LIB_INDEX_SCHEMA_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

namespace trove::schema {

// Searchable text fields. Every word is indexed
//  * unprefixed, unstemmed, with positions (phrases over all text);
//  * kStemPrefix + stem, without positions (ranked word search);
//  * field prefix + word, with positions (field phrases: title:"...");
//  * kStemPrefix + field prefix + stem (field word search: title:word).
// `weight` multiplies the within-document frequency of the field's words in
// the unprefixed terms, which is how BM25 boosts the title.
struct TextField {
  const char* name;    // as written in queries: "title", "author", "abstract"
  const char* prefix;  // term prefix
  unsigned weight;
};
inline constexpr TextField kTitle{"title", "S", 3};
inline constexpr TextField kAuthor{"author", "A", 1};
inline constexpr TextField kAbstract{"abstract", "B", 1};
inline constexpr const TextField* kTextFields[] = {&kTitle, &kAbstract, &kAuthor};
inline constexpr const char kStemPrefix[] = "Z";
// Gap in positions between fields, so phrases do not span two fields.
inline constexpr Xapian::termpos kFieldPositionGap = 100;

// The record id as a unique boolean term (Xapian's convention: "Q").
inline constexpr const char kIdPrefix[] = "Q";

// Facet fields: a boolean filter term (prefix + Analyzer::normalize(value))
// for every value, and the values as written in one value slot
// (encode_values) for exact facet counts.
struct FacetField {
  const char* name;         // "country", "region", "year", "category", "topic"
  const char* term_prefix;
  Xapian::valueno slot;
};
inline constexpr FacetField kCountry{"country", "XC", 0};
inline constexpr FacetField kRegion{"region", "XR", 1};
inline constexpr FacetField kYear{"year", "XY", 2};
inline constexpr FacetField kCategory{"category", "XK", 3};
inline constexpr FacetField kTopic{"topic", "XT", 4};
inline constexpr const FacetField* kFacetFields[] = {&kCountry, &kRegion, &kYear, &kCategory,
                                                     &kTopic};
// Year as Xapian::sortable_serialise(year), for sorting and year ranges.
inline constexpr Xapian::valueno kYearSortSlot = 5;
// The record id, to break ties in ranking the same way however the index is
// sharded (Xapian would otherwise break them by document number).
inline constexpr Xapian::valueno kIdSlot = 6;
// year_order_key(): newest first, then by id, as one ascending string (the
// remote backend cannot sort by several values).
inline constexpr Xapian::valueno kYearOrderSlot = 7;

// "<9999 - year, 4 digits><id>", or "~<id>" without a year (after all years).
std::string year_order_key(const std::optional<int>& year, const std::string& id);

// Metadata keys stored in the database.
inline constexpr const char kLanguageKey[] = "trove.language";
inline constexpr const char kSchemaVersionKey[] = "trove.schema";
inline constexpr const char kSchemaVersion[] = "1";

// The facet or text field called `name`, or nullptr.
const FacetField* find_facet(std::string_view name);
const TextField* find_text_field(std::string_view name);

// Several values in one value slot: each value followed by '\0'. Values
// never contain NUL (readers reject it).
std::string encode_values(const std::vector<std::string>& values);
std::vector<std::string> decode_values(const std::string& encoded);

}  // namespace trove::schema

#endif  // TROVE_LIB_INDEX_SCHEMA_H_
