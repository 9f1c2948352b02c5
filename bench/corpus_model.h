// The statistical model of the synthetic corpus: a Zipf vocabulary drawn from
// a word list and the sample listing, and skewed facet distributions
// (countries within regions, years towards the present, categories, topics).
// Deterministic for a given seed and inputs (see rng.h).
#ifndef TROVE_BENCH_CORPUS_MODEL_H_
#define TROVE_BENCH_CORPUS_MODEL_H_

#include <cstdint>
#include <string>
#include <vector>

#include "bench_record.h"
#include "rng.h"

namespace bench {

// Words by rank: the sample's words (lower-cased, most frequent first), then
// the word list's words (those without apostrophes, not already taken) in a
// seed-dependent shuffled order. `words_path` may be empty to use only the
// sample. Throws std::runtime_error if a file cannot be read or no words
// remain.
std::vector<std::string> load_vocabulary(const std::string& words_path,
                                         const std::string& sample_path, std::uint64_t seed);

// Fixed facet vocabularies, most popular first.
struct FacetTables {
  std::vector<std::string> countries;
  std::vector<std::string> country_region;  // parallel to countries
  std::vector<std::string> categories;
  std::vector<std::string> topics;
  std::vector<std::string> first_names;
  std::vector<std::string> last_names;
};
const FacetTables& facet_tables();

// Samplers over FacetTables, shared by the record and query generators.
struct FacetSamplers {
  FacetSamplers();
  Discrete country;   // Zipf s=1 over the countries
  Discrete category;  // Zipf s=1 over the categories
  Discrete topic;     // Zipf s=0.5 over the topics
  Discrete year;      // 1990..2025, weight 1.08^(year-1990)
};
inline constexpr int kFirstYear = 1990;
inline constexpr int kLastYear = 2025;

// A generated record and its abstract as word ids, sentence by sentence (for
// picking phrases and counting document frequencies).
struct GeneratedRecord {
  BenchRecord record;
  std::vector<std::vector<std::uint32_t>> sentences;
};

class RecordGenerator {
 public:
  // `vocabulary` must outlive the generator.
  RecordGenerator(const std::vector<std::string>& vocabulary, std::uint64_t seed);

  // The next record; ids are "gen-0000001", "gen-0000002", ...
  GeneratedRecord next();

 private:
  std::vector<std::uint32_t> draw_words(std::size_t n);
  std::string words_text(const std::vector<std::uint32_t>& ids, bool title_case) const;
  std::vector<std::string> distinct(const Discrete& d, const std::vector<std::string>& names,
                                    std::size_t n);

  const std::vector<std::string>& vocabulary_;
  Rng rng_;
  Discrete word_;
  FacetSamplers facets_;
  std::size_t count_ = 0;
};

}  // namespace bench

#endif  // TROVE_BENCH_CORPUS_MODEL_H_
