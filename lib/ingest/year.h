// The one rule for years, applied everywhere a year enters trove: the
// readers (CTIC and JSON Lines), IndexWriter::add() and year filters.
//
//   A year is written as exactly four ASCII digits and lies in 1000..9999.
//
// So "2013" and the JSON number 2013 are years; "999", "0999", "20130",
// "-2013", "2013.5" and " 2013" (callers trim first) are not. Publications
// are dated in the last few centuries, and a fixed width keeps a year's
// filter term, its sort value and its text form in step.
#ifndef TROVE_LIB_INGEST_YEAR_H_
#define TROVE_LIB_INGEST_YEAR_H_

#include <optional>
#include <string>
#include <string_view>

#include "trove/record.h"

namespace trove {

inline constexpr int kMinYear = 1000;
inline constexpr int kMaxYear = 9999;

// Whether `value` is a year: kMinYear <= value <= kMaxYear.
bool is_year(long long value);

// The year written as `text`, or nothing when `text` is not exactly four
// ASCII digits from 1000 to 9999.
std::optional<int> parse_year(std::string_view text);

// A reader's warning: "year 'VALUE' is not a four-digit year from 1000 to
// 9999; the record keeps no year".
std::string bad_year_reason(std::string_view value);

// A reader's warning: "more than one year; keeping YEAR".
std::string many_years_reason(int kept);

// Throws InputError "cannot index record 'ID': year Y is not a four-digit
// year from 1000 to 9999" if `record` has a year that breaks the rule
// (IndexWriter::add(), so that records from any source obey it).
void check_year(const Record& record);

}  // namespace trove

#endif  // TROVE_LIB_INGEST_YEAR_H_
