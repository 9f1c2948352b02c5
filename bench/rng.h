// Deterministic sampling for the corpus generator. std::*_distribution output
// differs between standard libraries, so everything here is computed from the
// raw std::mt19937_64 output (whose sequence the standard fixes) with integer
// arithmetic and exactly rounded IEEE operations only (no pow/log/exp): the
// same seed gives the same corpus with any conforming compiler and libm.
#ifndef TROVE_BENCH_RNG_H_
#define TROVE_BENCH_RNG_H_

#include <cstddef>
#include <cstdint>
#include <random>
#include <vector>

namespace bench {

class Rng {
 public:
  explicit Rng(std::uint64_t seed) : engine_(seed) {}

  // Uniform in [0, n), n > 0, by rejection (no modulo bias).
  std::uint64_t below(std::uint64_t n) {
    const std::uint64_t limit = UINT64_MAX - UINT64_MAX % n;
    std::uint64_t x;
    do {
      x = engine_();
    } while (x >= limit);
    return x % n;
  }
  // Uniform in [lo, hi].
  long long between(long long lo, long long hi) {
    return lo + static_cast<long long>(below(static_cast<std::uint64_t>(hi - lo + 1)));
  }
  // Uniform in [0, 1) with 53 random bits.
  double unit() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }
  bool chance(double p) { return unit() < p; }

 private:
  std::mt19937_64 engine_;
};

// Samples indices 0..n-1 with given weights via the cumulative table and a
// binary search (the table is built with additions only, so it is exact and
// reproducible).
class Discrete {
 public:
  Discrete() = default;
  explicit Discrete(const std::vector<double>& weights);
  std::size_t sample(Rng& rng) const;
  std::size_t size() const { return cumulative_.size(); }

 private:
  std::vector<double> cumulative_;
};

// Zipf over ranks 0..n-1: P(rank k) proportional to 1/(k+1)^s. Only s = 1
// and s = 0.5 * m for integer m are supported without pow (enough here):
// weights are built from exact division and repeated multiplication / sqrt,
// which IEEE 754 rounds exactly.
Discrete zipf(std::size_t n, double s);

// Geometric growth weights: w[i] = ratio^i (by repeated multiplication).
Discrete geometric(std::size_t n, double ratio);

}  // namespace bench

#endif  // TROVE_BENCH_RNG_H_
