#include "search/fields.h"

#include <vector>

#include "index/schema.h"
#include "trove/searcher.h"

namespace trove {
namespace {

// "a, b, c" with `last` ("or", "and") before the last name, or just ", ".
std::string list(const std::vector<std::string>& names, const std::string& last) {
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += (i + 1 == names.size() && !last.empty()) ? " " + last + " " : ", ";
    out += names[i];
  }
  return out;
}

}  // namespace

const schema::FacetField* facet_named(std::string_view name) {
  std::string lower(name);
  for (char& c : lower) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return schema::find_facet(lower);
}

std::vector<std::string> facet_fields() {
  std::vector<std::string> out;
  for (const schema::FacetField* facet : schema::kFacetFields) out.emplace_back(facet->name);
  return out;
}

std::string facet_name_list() { return list(facet_fields(), "or"); }

std::string field_name_list() {
  std::vector<std::string> names;
  for (const schema::TextField* field : schema::kTextFields) names.emplace_back(field->name);
  for (const std::string& facet : facet_fields()) names.push_back(facet);
  return list(names, "");
}

// A field's prefix follows kStemPrefix directly. The schema's prefixes are
// upper-case letters and the Analyzer case-folds every word, so a stem
// never begins with one: the test below cannot take a word for a copy.
bool is_field_copy(std::string_view term) {
  const std::string_view stem_prefix = schema::kStemPrefix;
  if (term.substr(0, stem_prefix.size()) != stem_prefix) return false;
  const std::string_view rest = term.substr(stem_prefix.size());
  for (const schema::TextField* field : schema::kTextFields) {
    const std::string_view prefix = field->prefix;
    if (rest.size() > prefix.size() && rest.substr(0, prefix.size()) == prefix) return true;
  }
  return false;
}

}  // namespace trove
