#include "rng.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace bench {

Discrete::Discrete(const std::vector<double>& weights) {
  if (weights.empty()) throw std::invalid_argument("Discrete: no weights");
  cumulative_.reserve(weights.size());
  double sum = 0;
  for (double w : weights) cumulative_.push_back(sum += w);
}

std::size_t Discrete::sample(Rng& rng) const {
  const double x = rng.unit() * cumulative_.back();
  auto it = std::upper_bound(cumulative_.begin(), cumulative_.end(), x);
  if (it == cumulative_.end()) --it;
  return static_cast<std::size_t>(it - cumulative_.begin());
}

Discrete zipf(std::size_t n, double s) {
  const double twice = s * 2;
  if (twice != std::floor(twice) || twice < 0) {
    throw std::invalid_argument("zipf: s must be a multiple of 0.5");
  }
  const int halves = static_cast<int>(twice);
  std::vector<double> weights(n);
  for (std::size_t k = 0; k < n; ++k) {
    const double rank = static_cast<double>(k + 1);
    double denominator = 1;
    for (int i = 0; i < halves / 2; ++i) denominator *= rank;
    if (halves % 2 == 1) denominator *= std::sqrt(rank);  // sqrt is exactly rounded
    weights[k] = 1.0 / denominator;
  }
  return Discrete(weights);
}

Discrete geometric(std::size_t n, double ratio) {
  std::vector<double> weights(n);
  double w = 1;
  for (std::size_t i = 0; i < n; ++i, w *= ratio) weights[i] = w;
  return Discrete(weights);
}

}  // namespace bench
