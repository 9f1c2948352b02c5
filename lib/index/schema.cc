#include "index/schema.h"

#include <cstdio>

namespace trove::schema {

const FacetField* find_facet(std::string_view name) {
  for (const FacetField* field : kFacetFields) {
    if (name == field->name) return field;
  }
  return nullptr;
}

const TextField* find_text_field(std::string_view name) {
  for (const TextField* field : kTextFields) {
    if (name == field->name) return field;
  }
  return nullptr;
}

std::string year_order_key(const std::optional<int>& year, const std::string& id) {
  if (!year || *year < 0 || *year > 9999) return "~" + id;
  char buf[8];
  std::snprintf(buf, sizeof buf, "%04d", 9999 - *year);
  return buf + id;
}

std::string encode_values(const std::vector<std::string>& values) {
  std::string out;
  for (const std::string& value : values) {
    out += value;
    out += '\0';
  }
  return out;
}

std::vector<std::string> decode_values(const std::string& encoded) {
  std::vector<std::string> values;
  std::size_t start = 0;
  while (start < encoded.size()) {
    std::size_t end = encoded.find('\0', start);
    if (end == std::string::npos) end = encoded.size();
    values.emplace_back(encoded, start, end - start);
    start = end + 1;
  }
  return values;
}

}  // namespace trove::schema
