// Ranking-quality measures over one ranked list and its judgments.
#ifndef TROVE_BENCH_IR_METRICS_H_
#define TROVE_BENCH_IR_METRICS_H_

#include <map>
#include <string>
#include <vector>

namespace bench {

struct Metrics {
  double ndcg10 = 0;    // nDCG@10, gain = grade (linear), discount log2(rank + 1)
  double ap = 0;        // average precision over the whole ranking (MAP per query)
  double p10 = 0;       // precision at 10; relevant = grade > 0
  double recall100 = 0; // share of the relevant documents in the top 100
};

// `ranking`: document ids best first. `judged`: docid -> grade; unjudged
// documents count as grade 0. All zero when nothing is relevant.
Metrics evaluate(const std::vector<std::string>& ranking, const std::map<std::string, int>& judged);

// Mean of each measure.
Metrics mean(const std::vector<Metrics>& per_query);

}  // namespace bench

#endif  // TROVE_BENCH_IR_METRICS_H_
