// Record: one publication, the unit trove reads, indexes and returns.
// A plain aggregate; nothing in it knows about the index.
//
// Thread safety: a plain value; distinct Records may be used from any thread.
#ifndef TROVE_RECORD_H_
#define TROVE_RECORD_H_

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace trove {

/// One publication: the unit trove reads, indexes and returns.
struct Record {
  /// Stable identifier. Readers fill it from an explicit id, or derive it from
  /// the normalised title and year (see record_id() in reader.h), so the same
  /// publication listed twice gets the same id.
  std::string id;
  std::string title;                  ///< the publication's title
  std::string abstract;               ///< the publication's abstract
  std::vector<std::string> authors;   ///< author names, as listed
  std::vector<std::string> country;   ///< countries (a facet)
  std::vector<std::string> region;    ///< regions (a facet)
  std::optional<int> year;  ///< absent when the source gives no valid year
  std::vector<std::string> category;  ///< categories (a facet)
  std::vector<std::string> topic;     ///< topics (a facet)

  /// Where the record was read from (informational; not indexed).
  std::string source_file;
  std::size_t source_line = 0;  ///< 1-based line of the title, 0 if unknown
};

}  // namespace trove

#endif  // TROVE_RECORD_H_
