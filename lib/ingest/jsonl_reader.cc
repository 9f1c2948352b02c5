#include "ingest/jsonl_reader.h"

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string_view>
#include <utility>

#include "ingest/line_reader.h"
#include "ingest/unique_list.h"
#include "ingest/year.h"
#include "text/text_util.h"

namespace trove {
namespace {

using nlohmann::json;

// Why a record is rejected; thrown inside this file only, caught per line.
struct Reject {
  std::string reason;
};

std::string field_must_be(const char* field, const char* what) {
  return std::string("field '") + field + "' must be " + what;
}

// Rejects a string the index could not hold: JSON escapes can encode a NUL
// that the raw-byte check before parsing cannot see.
std::string_view checked(const char* field, const std::string& value) {
  if (value.find('\0') != std::string::npos) {
    throw Reject{std::string("field '") + field + "' contains a NUL character"};
  }
  return text::trim(value);
}

// A text field (title, abstract), trimmed; empty when absent or null.
std::string text_field(const json& obj, const char* field) {
  auto it = obj.find(field);
  if (it == obj.end() || it->is_null()) return {};
  if (!it->is_string()) throw Reject{field_must_be(field, "a string")};
  return std::string(checked(field, it->get_ref<const std::string&>()));
}

// A list field: absent, null, a string, or an array of strings.
void list_field(const json& obj, const char* field, std::vector<std::string>& out) {
  auto it = obj.find(field);
  if (it == obj.end() || it->is_null()) return;
  UniqueList list(out);
  if (it->is_string()) {
    list.add(checked(field, it->get_ref<const std::string&>()));
    return;
  }
  if (!it->is_array()) throw Reject{field_must_be(field, "a string or an array of strings")};
  for (const json& item : *it) {
    if (!item.is_string()) throw Reject{field_must_be(field, "a string or an array of strings")};
    list.add(checked(field, item.get_ref<const std::string&>()));
  }
}

// The explicit id, or empty when there is none (absent, null or blank).
std::string id_field(const json& obj) {
  auto it = obj.find("id");
  if (it == obj.end() || it->is_null()) return {};
  if (it->is_string()) return std::string(checked("id", it->get_ref<const std::string&>()));
  if (it->is_number_unsigned()) return std::to_string(it->get<std::uint64_t>());
  if (it->is_number_integer()) return std::to_string(it->get<std::int64_t>());
  throw Reject{field_must_be("id", "a string or an integer")};
}

// A year that is neither a number nor a string, as quoted in a warning:
// its JSON text ("[2013]", "true"), or for an array or object that nests
// another its type, as dump() recurses once per level and a line of "[[[..."
// would overflow the stack.
std::string year_text(const json& value) {
  if (value.is_structured()) {
    for (const json& item : value) {
      if (item.is_structured()) return std::string("an ") + value.type_name();
    }
  }
  return value.dump();
}

// The year, or a warning reason when the value is not a year (ingest/year.h).
std::optional<int> year_field(const json& obj, std::vector<std::string>& warnings) {
  auto it = obj.find("year");
  if (it == obj.end() || it->is_null()) return std::nullopt;
  if (it->is_number_unsigned() || it->is_number_integer()) {
    // Values above INT64_MAX are unsigned-only; they are no year either.
    bool huge = it->is_number_unsigned() && it->get<std::uint64_t>() > kMaxYear;
    std::int64_t year = huge ? -1 : it->get<std::int64_t>();
    if (is_year(year)) return static_cast<int>(year);
    warnings.push_back(bad_year_reason(it->dump()));
    return std::nullopt;
  }
  if (it->is_string()) {
    // checked: the warning quotes the value, which must not hold a NUL.
    std::string_view text = checked("year", it->get_ref<const std::string&>());
    if (auto year = parse_year(text)) return year;
    warnings.push_back(bad_year_reason(text));
    return std::nullopt;
  }
  warnings.push_back(bad_year_reason(year_text(*it)));
  return std::nullopt;
}

// Builds a Record from one parsed line. Throws Reject. A record needs a
// title or an abstract to be found by; with only one of them it is kept,
// indexed from that one and its other fields, with a warning. (Catalogues
// often list a title and no summary; one without a title would otherwise
// take its derived id from the empty title, so it takes it from the
// abstract.)
Record to_record(const json& obj, std::vector<std::string>& warnings) {
  if (!obj.is_object()) throw Reject{"expected a JSON object"};
  Record r;
  r.title = text_field(obj, "title");
  r.abstract = text_field(obj, "abstract");
  if (r.title.empty() && r.abstract.empty()) throw Reject{"record has no title and no abstract"};
  if (r.abstract.empty()) warnings.push_back("record has no abstract; indexed from its title and other fields");
  if (r.title.empty()) warnings.push_back("record has no title; indexed from its abstract and other fields");
  r.id = id_field(obj);
  list_field(obj, "authors", r.authors);
  list_field(obj, "country", r.country);
  list_field(obj, "region", r.region);
  list_field(obj, "category", r.category);
  list_field(obj, "topic", r.topic);
  r.year = year_field(obj, warnings);
  if (r.id.empty()) r.id = record_id(r.title.empty() ? r.abstract : r.title, r.year);
  return r;
}

}  // namespace

void read_jsonl(std::istream& in, const std::string& name, const RecordCallback& on_record,
                const ProblemCallback& on_problem) {
  LineReader lines(in);
  auto problem = [&](std::string reason, ReadError::Severity severity) {
    on_problem(ReadError{name, lines.number(), std::move(reason), severity});
  };
  while (lines.next()) {
    if (lines.too_long()) {
      problem(std::string(kLineTooLongReason), ReadError::Severity::kError);
      continue;
    }
    const std::string& line = lines.line();
    if (text::trim(line).empty()) continue;
    if (auto reason = text::check_bytes(line)) {
      problem(std::move(*reason), ReadError::Severity::kError);
      continue;
    }
    json obj;
    try {
      obj = json::parse(line);
    } catch (const json::exception& e) {
      // nlohmann quotes the bytes it read last, which may end mid-character.
      problem("invalid JSON: " + text::valid_utf8(e.what()), ReadError::Severity::kError);
      continue;
    }
    std::vector<std::string> warnings;
    Record record;
    try {
      record = to_record(obj, warnings);
    } catch (const Reject& reject) {
      problem(reject.reason, ReadError::Severity::kError);
      continue;
    }
    record.source_file = name;
    record.source_line = lines.number();
    on_record(std::move(record));
    for (std::string& warning : warnings) {
      problem(std::move(warning), ReadError::Severity::kWarning);
    }
  }
}

}  // namespace trove
