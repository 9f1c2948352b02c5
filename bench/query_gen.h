// Generates the benchmark query set from a generated corpus: document
// frequencies of the corpus words pick mid-frequency query terms, abstracts
// of a few sampled records give exact phrases, and the corpus's own facet
// distributions give filter values.
#ifndef TROVE_BENCH_QUERY_GEN_H_
#define TROVE_BENCH_QUERY_GEN_H_

#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "bench_record.h"
#include "corpus_model.h"
#include "rng.h"

namespace bench {

class QueryGenerator {
 public:
  // `vocabulary` must outlive the generator; `records` is the corpus size.
  QueryGenerator(const std::vector<std::string>& vocabulary, std::size_t records,
                 std::uint64_t seed);

  // Feed every generated record, in order.
  void observe(std::size_t index, const GeneratedRecord& g);

  // `count` queries: 1/3 plain (1, 2, 3 words), 1/6 phrase, 1/8 each of
  // filter1, filter2, range, and the rest facet; shuffled.
  std::vector<BenchQuery> generate(std::size_t count);

 private:
  std::string words(std::size_t n);
  std::string phrase();
  BenchFilter filter(const std::string& field);

  const std::vector<std::string>& vocabulary_;
  std::size_t records_;
  Rng rng_;
  FacetSamplers facets_;
  std::vector<std::uint32_t> df_;
  std::vector<std::uint32_t> last_seen_;  // index + 1 of the last record seen per word
  std::set<std::size_t> phrase_sources_;
  std::vector<std::vector<std::uint32_t>> phrase_sentences_;
  std::vector<std::uint32_t> mid_terms_;
};

}  // namespace bench

#endif  // TROVE_BENCH_QUERY_GEN_H_
