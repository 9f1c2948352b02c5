// Order statistics for latency and timing figures.
#ifndef TROVE_BENCH_STATS_H_
#define TROVE_BENCH_STATS_H_

#include <algorithm>
#include <cmath>
#include <vector>

namespace bench {

// Nearest-rank percentile (p in (0, 100]) of `values`: the smallest value
// with at least p% of the values at or below it. 0 for no values.
inline double percentile(std::vector<double> values, double p) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  auto rank = static_cast<std::size_t>(std::ceil(p / 100.0 * static_cast<double>(values.size())));
  return values[std::min(values.size(), std::max<std::size_t>(rank, 1)) - 1];
}

// Median; the mean of the middle two for an even count. 0 for no values.
inline double median(std::vector<double> values) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  std::size_t n = values.size();
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

}  // namespace bench

#endif  // TROVE_BENCH_STATS_H_
