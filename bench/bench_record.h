// The benchmark's view of a record and of a query, shared by every engine
// adapter and by the programs. Deliberately independent of trove's Record so
// the peer engines (Xapian, SQLite FTS5) build without the library.
#ifndef TROVE_BENCH_BENCH_RECORD_H_
#define TROVE_BENCH_BENCH_RECORD_H_

#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace bench {

struct BenchRecord {
  std::string id;
  std::string title;
  std::string abstract;
  std::vector<std::string> authors;
  std::vector<std::string> country;
  std::vector<std::string> region;
  std::optional<int> year;
  std::vector<std::string> category;
  std::vector<std::string> topic;
};

// Calls `on_record` for every line of a JSON Lines file in trove's shape (list
// fields may be a string or an array). Throws std::runtime_error naming the
// file and line for a malformed line or an unreadable file.
void read_jsonl(const std::string& path, const std::function<void(BenchRecord&&)>& on_record);

// Bytes of searchable text (title + abstract + authors) and the record count
// of a JSONL file: the denominator of the "MB/s of text" figure.
struct CorpusSize {
  std::size_t records = 0;
  std::size_t text_bytes = 0;
  std::size_t file_bytes = 0;
};
CorpusSize measure_corpus(const std::string& path);

// One facet filter; same field ORs, different fields AND (trove's rule).
// For "year" the value is a range "A..B".
struct BenchFilter {
  std::string field;
  std::string value;
};

// One benchmark query. `text` is plain words separated by spaces (no query
// syntax); kind "phrase" means the words form one exact phrase, every other
// kind ranks documents matching ANY of the words (BM25, OR semantics).
struct BenchQuery {
  std::string kind;  // plain | phrase | filter1 | filter2 | range | facet
  std::string text;
  std::vector<BenchFilter> filters;
  std::vector<std::string> facets;  // facet fields whose exact counts are wanted
  std::size_t limit = 10;
};

std::vector<BenchQuery> read_queries(const std::string& path);

// The words of `text`: runs of ASCII letters and digits and of non-ASCII
// bytes, lower-cased. What every engine adapter turns into its query syntax.
std::vector<std::string> query_words(const std::string& text);

// "plain", "phrase", "filtered" (filter1, filter2, range) or "faceted".
std::string kind_group(const std::string& kind);
extern const char* const kKindGroups[4];

// Facet counts: field -> value -> number of matching records.
using FacetCounts = std::map<std::string, std::map<std::string, std::size_t>>;

struct QueryResult {
  std::size_t total = 0;          // exact number of matching records
  std::vector<std::string> ids;   // best first, at most BenchQuery::limit
  FacetCounts facets;             // only the facets asked for
};

// Parses "A..B" (either end may be empty) into inclusive bounds; missing ends
// become 0 and 9999. Throws std::runtime_error if malformed.
std::pair<int, int> parse_year_range(const std::string& value);

}  // namespace bench

#endif  // TROVE_BENCH_BENCH_RECORD_H_
