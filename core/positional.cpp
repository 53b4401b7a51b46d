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

Matrix positional_block(Positional positional, int n, int width, std::uint32_t seed) {
  Matrix block = Matrix::Zero(n, width);
  if (positional == Positional::sinusoidal) {
    for (int p = 0; p < n; ++p)
      for (int i = 0; 2 * i + 1 < width; ++i) {
        const float angle = static_cast<float>(p) * sinusoidal_frequency(i, width);
        block(p, 2 * i) = std::sin(angle);
        block(p, 2 * i + 1) = std::cos(angle);
      }
  } else if (positional == Positional::learned) {
    // Row by row from one generator, so the first rows do not depend on n.
    // The salt keeps this table apart from the random heads of the same seed.
    Random random(0x9051710A00000000ull ^ seed);
    for (int p = 0; p < n; ++p)
      for (int j = 0; j < width; ++j) block(p, j) = 0.7f * random.normal();
  }
  return block;
}

Matrix apply_rotary(const Matrix& rows) {
  Matrix rotated = rows;
  const int d_k = static_cast<int>(rows.cols());
  for (Eigen::Index p = 0; p < rows.rows(); ++p)
    for (int i = 0; 2 * i + 1 < d_k; ++i) {
      const float angle = static_cast<float>(p) * rotary_frequency(i, d_k);
      const float c = std::cos(angle), s = std::sin(angle);
      const float a = rows(p, 2 * i), b = rows(p, 2 * i + 1);
      rotated(p, 2 * i) = c * a - s * b;
      rotated(p, 2 * i + 1) = s * a + c * b;
    }
  return rotated;
}

}  // namespace attn
