#include "ir_metrics.h"

#include <algorithm>
#include <cmath>
#include <functional>

namespace bench {

Metrics evaluate(const std::vector<std::string>& ranking, const std::map<std::string, int>& judged) {
  Metrics m;
  std::vector<int> ideal;
  for (const auto& [doc, grade] : judged) {
    if (grade > 0) ideal.push_back(grade);
  }
  if (ideal.empty()) return m;
  std::sort(ideal.begin(), ideal.end(), std::greater<int>());
  const double relevant = static_cast<double>(ideal.size());

  double dcg = 0, idcg = 0, precision_sum = 0;
  std::size_t found = 0;
  for (std::size_t i = 0; i < ranking.size(); ++i) {
    auto it = judged.find(ranking[i]);
    int grade = it == judged.end() ? 0 : it->second;
    if (i < 10) dcg += grade / std::log2(static_cast<double>(i) + 2);
    if (grade <= 0) continue;
    ++found;
    precision_sum += static_cast<double>(found) / static_cast<double>(i + 1);
    if (i < 10) m.p10 += 0.1;
    if (i < 100) m.recall100 += 1 / relevant;
  }
  for (std::size_t i = 0; i < std::min<std::size_t>(10, ideal.size()); ++i) {
    idcg += ideal[i] / std::log2(static_cast<double>(i) + 2);
  }
  m.ndcg10 = dcg / idcg;
  m.ap = precision_sum / relevant;
  return m;
}

Metrics mean(const std::vector<Metrics>& per_query) {
  Metrics m;
  if (per_query.empty()) return m;
  for (const auto& q : per_query) {
    m.ndcg10 += q.ndcg10;
    m.ap += q.ap;
    m.p10 += q.p10;
    m.recall100 += q.recall100;
  }
  const double n = static_cast<double>(per_query.size());
  m.ndcg10 /= n;
  m.ap /= n;
  m.p10 /= n;
  m.recall100 /= n;
  return m;
}

}  // namespace bench
