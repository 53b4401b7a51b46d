// Positional encodings: tables for the additive kinds, rotation for rotary.
#include "core/positional.h"

#include <cmath>
#include <stdexcept>

#include "core/random.h"

namespace attn {

Positional parse_positional(const std::string& name) {
  if (name == "none") return Positional::none;
  if (name == "sinusoidal") return Positional::sinusoidal;
  if (name == "learned") return Positional::learned;
  if (name == "rotary") return Positional::rotary;
  throw std::invalid_argument("positional must be \"none\", \"sinusoidal\", \"learned\" or \"rotary\", not \"" +
                              name + "\"");
}

const char* positional_name(Positional positional) {
  switch (positional) {
    case Positional::none: return "none";
    case Positional::sinusoidal: return "sinusoidal";
    case Positional::learned: return "learned";
    case Positional::rotary: return "rotary";
  }
  return "none";
}

float sinusoidal_frequency(int pair, int width) {
  return std::pow(10000.0f, -2.0f * static_cast<float>(pair) / static_cast<float>(width));
}

float rotary_frequency(int pair, int d_k) {
  return std::pow(10000.0f, -2.0f * static_cast<float>(pair) / static_cast<float>(d_k));
}

LearnedWave learned_wave(int pair, int width, std::uint32_t seed) {
  // One generator per pair, so a pair's wave does not depend on how many
  // pairs there are; the salt keeps it apart from the random heads' streams.
  Random random(0x9051710A00000000ull ^ (static_cast<std::uint64_t>(seed) << 12) ^ static_cast<std::uint64_t>(pair));
  LearnedWave wave;
  wave.frequency = sinusoidal_frequency(pair, width) * (0.6f + 0.8f * random.uniform());
  wave.phase = 6.2831853f * random.uniform();
  return wave;
}

Matrix positional_block(Positional positional, int n, int width, std::uint32_t seed) {
  Matrix block = Matrix::Zero(n, width);
  if (positional == Positional::sinusoidal) {
    for (int i = 0; 2 * i + 1 < width; ++i) {
      const float frequency = sinusoidal_frequency(i, width);  // one pow per pair, not per position
      for (int p = 0; p < n; ++p) {
        const float angle = static_cast<float>(p) * frequency;
        block(p, 2 * i) = std::sin(angle);
        block(p, 2 * i + 1) = std::cos(angle);
      }
    }
  } else if (positional == Positional::learned) {
    for (int i = 0; 2 * i + 1 < width; ++i) {
      const LearnedWave wave = learned_wave(i, width, seed);
      for (int p = 0; p < n; ++p) {
        const float angle = static_cast<float>(p) * wave.frequency + wave.phase;
        block(p, 2 * i) = std::sin(angle);
        block(p, 2 * i + 1) = std::cos(angle);
      }
    }
  }
  return block;
}

Matrix apply_rotary(const Matrix& rows) {
  Matrix rotated = rows;
  const int d_k = static_cast<int>(rows.cols());
  for (int i = 0; 2 * i + 1 < d_k; ++i) {
    const float frequency = rotary_frequency(i, d_k);  // one pow per pair, not per position
    for (Eigen::Index p = 0; p < rows.rows(); ++p) {
      const float angle = static_cast<float>(p) * frequency;
      const float c = std::cos(angle), s = std::sin(angle);
      const float a = rows(p, 2 * i), b = rows(p, 2 * i + 1);
      rotated(p, 2 * i) = c * a - s * b;
      rotated(p, 2 * i + 1) = s * a + c * b;
    }
  }
  return rotated;
}

}  // namespace attn
