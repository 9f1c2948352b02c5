// Record -> Xapian::Document, following the schema, and the record's
// serialised form stored as document data.
#ifndef TROVE_LIB_INDEX_DOCUMENT_BUILDER_H_
#define TROVE_LIB_INDEX_DOCUMENT_BUILDER_H_

#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include <xapian.h>

#include "index/record_codec.h"
#include "index/schema.h"
#include "trove/analyzer.h"
#include "trove/record.h"

namespace trove {

class DocumentBuilder {
 public:
  // `analyzer` must outlive the builder. Not thread-safe (the Analyzer is).
  explicit DocumentBuilder(const Analyzer& analyzer);

  // The document for `record`: the stemmed text terms of title, abstract
  // and authors (see schema::TextField), the unique id term, a
  // boolean filter term for every facet value, the facet value slots, the
  // year sort slot and the record as data.
  Xapian::Document build(const Record& record);

 private:
  struct Stem {
    const std::string* text;  // interned in stems_: equal stems, equal pointers
    Xapian::termpos position;
  };
  std::vector<Stem> stems(const std::string& text);
  const std::string* stem_of(const std::string& term);
  void index_text(Xapian::Document& doc, const std::vector<Stem>& stems,
                  const schema::TextField& field, Xapian::termpos& position);

  const Analyzer& analyzer_;
  // Stemming every running word through the shared Analyzer cost a tenth of
  // a rebuild (a pool lease and a memo too small for a whole vocabulary per
  // word). The builder keeps its own term -> stem table instead, started
  // afresh between documents once it holds kMaxStems terms.
  static constexpr std::size_t kMaxStems = std::size_t{1} << 16;
  std::unordered_set<std::string> stems_;
  std::unordered_map<std::string, const std::string*> stem_of_;
  std::unordered_set<const std::string*> elsewhere_;  // see build()
};

// Throws InputError if `record` cannot be indexed: no id, an id over 200
// bytes (Xapian caps terms at 245 bytes), or a year outside 1000..9999.
void check_indexable(const Record& record);

// The unique term of the record with this id.
std::string id_term(const std::string& id);

// The boolean filter term for `value` of a facet field (prefix + normalised
// value, capped to Xapian's term length); "" when the value normalises to
// nothing.
std::string facet_term(const char* prefix, const std::string& value, const Analyzer& analyzer);

// The completion term of a title or author (schema.h): prefix + normalised
// text, cut (on a character boundary) to schema::kCompletionBytes after the
// prefix; "" when the text normalises to nothing.
std::string completion_term(const char* prefix, const std::string& text, const Analyzer& analyzer);

}  // namespace trove

#endif  // TROVE_LIB_INDEX_DOCUMENT_BUILDER_H_
