#include "ingest/year.h"

#include "trove/error.h"

namespace trove {
namespace {

constexpr std::string_view kRule = "is not a four-digit year from 1000 to 9999";

}  // namespace

bool is_year(long long value) { return value >= kMinYear && value <= kMaxYear; }

std::optional<int> parse_year(std::string_view text) {
  if (text.size() != 4) return std::nullopt;
  int year = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    year = year * 10 + (c - '0');
  }
  if (!is_year(year)) return std::nullopt;
  return year;
}

std::string bad_year_reason(std::string_view value) {
  return "year '" + std::string(value) + "' " + std::string(kRule) + "; the record keeps no year";
}

std::string many_years_reason(int kept) {
  return "more than one year; keeping " + std::to_string(kept);
}

void check_year(const Record& record) {
  if (!record.year || is_year(*record.year)) return;
  throw InputError("cannot index record '" + record.id + "': year " +
                   std::to_string(*record.year) + " " + std::string(kRule));
}

}  // namespace trove
