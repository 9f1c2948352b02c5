// The single table of how a Record maps onto a Xapian document: term
// prefixes, value slots, field weights and metadata keys. Nothing else in
// trove spells a prefix or a slot number.
#ifndef TROVE_LIB_INDEX_SCHEMA_H_
#define TROVE_LIB_INDEX_SCHEMA_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

namespace trove::schema {

// Searchable text fields. Every word is indexed by its stem only (phrases
// match stemmed forms, as in most engines: an unstemmed copy of every word
// would double the index for exact-form matching nobody asked for):
//  * kStemPrefix + stem, with positions: ranked word search and phrases over
//    all text; `weight` multiplies its within-document frequency, which is
//    how BM25 boosts the title;
//  * kStemPrefix + field prefix + stem, without positions: field search
//    (title:word). A phrase in a field (title:"a phrase") is the phrase over
//    all text, filtered by the field's words.
// The abstract, which holds most words, writes its field terms only where
// they are needed to tell it apart (FieldTerms::kShared), which keeps the
// index a third smaller than a field term for every word would.
enum class FieldTerms {
  kEvery,   // a field term for every word (the short fields)
  kShared,  // a field term only for a stem that also occurs in another field
            // of the record; a stem of the record found in no other field's
            // terms is in this field. At most one field is kShared.
};
struct TextField {
  const char* name;    // as written in queries: "title", "author", "abstract"
  const char* prefix;  // term prefix, after kStemPrefix
  unsigned weight;
  FieldTerms terms;
};
inline constexpr TextField kTitle{"title", "S", 3, FieldTerms::kEvery};
inline constexpr TextField kAuthor{"author", "A", 1, FieldTerms::kEvery};
inline constexpr TextField kAbstract{"abstract", "B", 1, FieldTerms::kShared};
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
// In the order people read them (facet_fields(), messages, trove-search
// --facets), which is not the slot order.
inline constexpr const FacetField* kFacetFields[] = {&kCountry, &kRegion, &kYear, &kTopic,
                                                     &kCategory};
// Completion (Searcher::complete): a boolean term per title and per author,
// prefix + Analyzer::normalize(text) cut to kCompletionBytes, whose term
// list is walked by prefix. Cutting titles (a person types the start of
// one) keeps these terms small; records whose titles
// share their first kCompletionBytes share the term. Facet values complete
// from their filter terms and words from the stems, so they need no terms.
inline constexpr const char kTitleCompletionPrefix[] = "XH";
inline constexpr const char kAuthorCompletionPrefix[] = "XA";
inline constexpr std::size_t kCompletionBytes = 48;

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

// B-tree block size of the databases trove creates. Measured at 100k
// records against Xapian's default 8 KiB: 1.7% smaller and no slower to
// query; 64 KiB is smaller still but triples phrase query latency.
inline constexpr unsigned kBlockSize = 16384;

// Metadata keys stored in the database.
inline constexpr const char kLanguageKey[] = "trove.language";
inline constexpr const char kSchemaVersionKey[] = "trove.schema";
// 4: completion terms of titles and authors (search/completion.h); 3: field
// terms without positions, compact stored records. A writer refuses to
// update an index of another version (a mix would complete some titles only).
inline constexpr const char kSchemaVersion[] = "4";
// The thesaurus text (search/thesaurus.h), on every shard; absent: the
// default one.
inline constexpr const char kThesaurusKey[] = "trove.thesaurus";

// The facet or text field called `name`, or nullptr.
const FacetField* find_facet(std::string_view name);
const TextField* find_text_field(std::string_view name);

// Several values in one value slot: each value followed by '\0'. Values
// never contain NUL (readers reject it).
std::string encode_values(const std::vector<std::string>& values);
std::vector<std::string> decode_values(const std::string& encoded);

}  // namespace trove::schema

#endif  // TROVE_LIB_INDEX_SCHEMA_H_
