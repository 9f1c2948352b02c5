#include "search/completion.h"

#include <algorithm>
#include <optional>
#include <set>
#include <utility>

#include "index/document_builder.h"  // facet_term: how completion terms are made
#include "index/record_codec.h"
#include "index/schema.h"
#include "search/fields.h"
#include "trove/error.h"

namespace trove {
namespace {

// Words shorter than this are not looked up as a stem of what was typed.
constexpr std::size_t kShortestStem = 3;

enum class Kind { kTitle, kAuthor, kFacet, kWord };

// How a source's terms are made from a text: facet_term or completion_term.
using TermOf = std::string (*)(const char*, const std::string&, const Analyzer&);

struct Source {
  Kind kind;
  std::string field;
  std::string term_prefix;
  TermOf term_of = facet_term;
  const schema::FacetField* facet = nullptr;
};

struct Candidate {
  Xapian::doccount records;
  std::string term;
  const Source* source;
};

std::vector<Source> sources_for(const std::string& field) {
  std::vector<Source> all{
      {Kind::kTitle, "title", schema::kTitleCompletionPrefix, completion_term},
      {Kind::kAuthor, "author", schema::kAuthorCompletionPrefix, completion_term}};
  for (const schema::FacetField* facet : schema::kFacetFields) {
    all.push_back({Kind::kFacet, facet->name, facet->term_prefix, facet_term, facet});
  }
  all.push_back({Kind::kWord, "word", schema::kStemPrefix});
  if (field.empty()) return all;
  for (const Source& source : all) {
    if (source.field == field) return {source};
  }
  throw QueryError("unknown field '" + field + "' to complete; use title, author, word, " +
                   facet_name_list());
}

// The best candidates seen, best first: most records, then earlier source,
// then earlier term. Terms are offered in that order within a source, so a
// term that does not beat the last kept on its count alone never will.
class Best {
 public:
  explicit Best(std::size_t capacity) : capacity_(capacity) {}
  bool wants(Xapian::doccount records) const {
    return list_.size() < capacity_ || records > list_.back().records;
  }
  void add(Candidate candidate) {
    const auto at = std::upper_bound(list_.begin(), list_.end(), candidate,
                                     [](const Candidate& a, const Candidate& b) {
                                       return a.records > b.records;
                                     });
    list_.insert(at, std::move(candidate));
    if (list_.size() > capacity_) list_.pop_back();
  }
  const std::vector<Candidate>& list() const { return list_; }

 private:
  std::size_t capacity_;
  std::vector<Candidate> list_;
};

// The terms of `source` starting with `typed` (titles and authors: with its
// first kCompletionBytes, as their terms are cut). For words, also the stems
// that `typed` starts with: "trafficki" has no stem starting with it, but
// "traffick" is the stem of the word it begins.
void walk(const Xapian::Database& db, const Analyzer& analyzer, const Source& source,
          const std::string& typed, Best& best) {
  const std::string start = source.kind == Kind::kWord
                                ? source.term_prefix + typed
                                : source.term_of(source.term_prefix.c_str(), typed, analyzer);
  for (Xapian::TermIterator it = db.allterms_begin(start); it != db.allterms_end(start); ++it) {
    const Xapian::doccount records = it.get_termfreq();
    if (best.wants(records)) best.add({records, *it, &source});
  }
  if (source.kind != Kind::kWord) return;
  for (std::size_t cut = kShortestStem; cut < typed.size(); ++cut) {
    if ((static_cast<unsigned char>(typed[cut]) & 0xC0) == 0x80) continue;  // inside a character
    const std::string term = source.term_prefix + typed.substr(0, cut);
    const Xapian::doccount records = db.get_termfreq(term);
    if (records > 0 && best.wants(records)) best.add({records, term, &source});
  }
}

// Adds to `forms` each word of `text` whose stem is `stem` and whose
// folded form is not there yet: folded, then as written. Only words
// starting with the stem's first byte: a form is shown only if it starts
// with what was typed, and what was typed starts as the stem does (the stem
// starts with it, or it with the stem). That spares stemming the others.
void add_forms(const std::string& text, const std::string& stem, const Analyzer& analyzer,
               std::vector<std::string>& forms) {
  for (const Token& token : analyzer.tokenize(text)) {
    if (token.term.compare(0, 1, stem, 0, 1) != 0 || analyzer.stem(token.term) != stem) continue;
    bool known = false;
    for (std::size_t i = 0; i < forms.size() && !known; i += 2) known = forms[i] == token.term;
    if (!known) {
      forms.push_back(token.term);
      forms.push_back(text.substr(token.begin, token.end - token.begin));
    }
  }
}

// Of `values`, the one whose term (prefix + folded value) is `term`; "" if none.
std::string value_with_term(const std::vector<std::string>& values, const Candidate& candidate,
                            const Analyzer& analyzer) {
  for (const std::string& value : values) {
    const Source& source = *candidate.source;
    if (source.term_of(source.term_prefix.c_str(), value, analyzer) == candidate.term) {
      return value;
    }
  }
  return {};
}

// What the candidate may show, from the first record that has it, whatever
// was typed: a title, author or facet value as written ("" if none); for a
// word, the forms of its stem in the title, then in the abstract, in order
// (add_forms), of which display() shows the first starting as typed.
std::vector<std::string> shown_forms(const Xapian::Database& db, const Analyzer& analyzer,
                                     const Candidate& candidate) {
  Xapian::PostingIterator post = db.postlist_begin(candidate.term);
  if (post == db.postlist_end(candidate.term)) return {};
  const Xapian::Document doc = db.get_document(*post);
  const Source& source = *candidate.source;
  if (source.kind == Kind::kFacet) {
    return {value_with_term(schema::decode_values(doc.get_value(source.facet->slot)), candidate,
                            analyzer)};
  }
  const Record record = deserialize_record(doc.get_data());
  switch (source.kind) {
    case Kind::kTitle:
      return {record.title};
    case Kind::kAuthor:
      return {value_with_term(record.authors, candidate, analyzer)};
    default: {
      const std::string stem = candidate.term.substr(source.term_prefix.size());
      std::vector<std::string> forms;
      add_forms(record.title, stem, analyzer, forms);
      add_forms(record.abstract, stem, analyzer, forms);
      return forms;
    }
  }
}

// The candidate as written in the first record that has it (for a word:
// its first form there starting with `typed`); "" if none. The record is
// read once per state of the index when there is a cache: its forms are
// kept there, as they do not depend on what was typed.
std::string display(const Xapian::Database& db, const Analyzer& analyzer,
                    const Candidate& candidate, const std::string& typed,
                    CompletionCache* cache) {
  std::optional<std::vector<std::string>> forms;
  if (cache != nullptr) forms = cache->find_forms(db, candidate.term);
  if (!forms) {
    forms = shown_forms(db, analyzer, candidate);
    if (cache != nullptr) cache->keep_forms(db, candidate.term, *forms);
  }
  if (candidate.source->kind != Kind::kWord) return forms->empty() ? "" : forms->front();
  for (std::size_t i = 0; i + 1 < forms->size(); i += 2) {
    if ((*forms)[i].compare(0, typed.size(), typed) == 0) return (*forms)[i + 1];
  }
  return {};
}

// Whether a title or author starts with all that was typed, not only with
// the part its cut term holds.
bool starts_as_typed(const std::string& text, const Source& source, const std::string& typed,
                     const Analyzer& analyzer) {
  if (source.kind != Kind::kTitle && source.kind != Kind::kAuthor) return true;
  if (typed.size() <= schema::kCompletionBytes) return true;
  return analyzer.normalize(text).compare(0, typed.size(), typed) == 0;
}

bool by_count_then_text(const Completion& a, const Completion& b) {
  if (a.count != b.count) return a.count > b.count;
  return a.text != b.text ? a.text < b.text : a.field < b.field;
}

// The completions of the folded `typed` over `sources`, walked afresh.
std::vector<Completion> walk_all(const Xapian::Database& db, const Analyzer& analyzer,
                                 const std::vector<Source>& sources, const std::string& typed,
                                 std::size_t limit, CompletionCache* cache) {
  // Some candidates show no text (a word not starting as typed): keep spares.
  Best best(2 * limit);
  for (const Source& source : sources) {
    if (source.kind != Kind::kWord || typed.find(' ') == std::string::npos) {
      walk(db, analyzer, source, typed, best);
    }
  }
  std::vector<Completion> out;
  std::set<std::pair<std::string, std::string>> seen;
  for (const Candidate& candidate : best.list()) {
    // Candidates come most records first, and so do the completions found:
    // once there are `limit`, a candidate with fewer records than the last
    // cannot be among the first `limit` after sorting, so its record (the
    // costly part) is not read. One with as many may be (ties go by text).
    if (out.size() >= limit && candidate.records < out.back().count) break;
    std::string text = display(db, analyzer, candidate, typed, cache);
    if (text.empty() || !starts_as_typed(text, *candidate.source, typed, analyzer) ||
        !seen.insert({candidate.source->field, text}).second) {
      continue;
    }
    out.push_back({std::move(text), candidate.source->field, candidate.records});
  }
  std::sort(out.begin(), out.end(), by_count_then_text);
  if (out.size() > limit) out.resize(limit);
  return out;
}

}  // namespace

std::vector<Completion> complete(const Xapian::Database& db, const Analyzer& analyzer,
                                 const std::string& prefix, const std::string& field,
                                 std::size_t limit, CompletionCache* cache) {
  const std::vector<Source> sources = sources_for(field);
  const std::string typed = analyzer.normalize(prefix);
  if (typed.empty() || limit == 0) return {};
  if (cache == nullptr) return walk_all(db, analyzer, sources, typed, limit, cache);
  if (!CompletionCache::keeps(typed, limit)) {
    cache->count_computed();
    return walk_all(db, analyzer, sources, typed, limit, cache);
  }
  // The field as asked ("" or one), the folded text and the limit decide
  // the answer on one state of the index.
  const std::string key = field + '\0' + typed + '\0' + std::to_string(limit);
  if (std::optional<std::vector<Completion>> kept = cache->find(db, key)) return *kept;
  cache->count_computed();
  std::vector<Completion> out = walk_all(db, analyzer, sources, typed, limit, cache);
  cache->keep(db, key, out);
  return out;
}

}  // namespace trove
