// Deterministic randomness for the demo model: seeded random heads, the learned
// position table, the RNN's weights and unknown words' embeddings.
//
// The standard library's distributions differ between implementations, so this
// uses its own generator (SplitMix64) and its own conversion to floats: the same
// seed gives the same numbers natively and in the browser.
#pragma once

#include <cmath>
#include <cstdint>
#include <string_view>

#include "core/tensor.h"

namespace attn {

class Random {
 public:
  explicit Random(std::uint64_t seed) : state_(seed) {}

  std::uint64_t next_u64() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }

  // Uniform in [0, 1), from the top 24 bits: exactly representable as float.
  float uniform() { return static_cast<float>(next_u64() >> 40) * (1.0f / 16777216.0f); }

  // Standard normal by Box-Muller. The uniforms are bit-identical everywhere;
  // log and cos may differ in the last bit between C libraries, which moves a
  // demo weight by ~1e-7 at most and never changes which word wins.
  float normal() {
    const float u1 = 1.0f - uniform();  // in (0, 1]: log is finite
    const float u2 = uniform();
    return std::sqrt(-2.0f * std::log(u1)) * std::cos(6.2831853f * u2);
  }

  // rows x cols, entries normal(0, scale^2).
  Matrix normal_matrix(Eigen::Index rows, Eigen::Index cols, float scale) {
    Matrix m(rows, cols);
    for (Eigen::Index i = 0; i < rows; ++i)
      for (Eigen::Index j = 0; j < cols; ++j) m(i, j) = scale * normal();
    return m;
  }

 private:
  std::uint64_t state_;
};

// FNV-1a over the bytes of a string: a stable seed for an unknown word, so the
// same word gets the same embedding on every run and platform.
inline std::uint64_t stable_hash(std::string_view text) {
  std::uint64_t hash = 0xcbf29ce484222325ull;
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 0x100000001b3ull;
  }
  return hash;
}

}  // namespace attn
