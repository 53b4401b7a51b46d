// Positional encodings against hand-worked values and their defining properties.
#include "core/positional.h"

#include <gtest/gtest.h>

#include <cmath>

#include "core/random.h"
#include "tests/core/all_close.h"

namespace attn {
namespace {

TEST(positional, sinusoidal_matches_the_formula) {
  const Matrix block = positional_block(Positional::sinusoidal, 3, 4, 1);
  // width 4: pair 0 has frequency 1, pair 1 has 10000^(-1/2) = 0.01.
  Matrix expected(3, 4);
  for (int p = 0; p < 3; ++p)
    expected.row(p) << std::sin(p * 1.0f), std::cos(p * 1.0f), std::sin(p * 0.01f), std::cos(p * 0.01f);
  ExpectAllClose(block, expected, 1e-6f);
}

TEST(positional, none_and_rotary_add_nothing) {
  EXPECT_TRUE(positional_block(Positional::none, 5, 6, 1).isZero());
  EXPECT_TRUE(positional_block(Positional::rotary, 5, 6, 1).isZero());
}

TEST(positional, learned_table_is_seeded_waves_and_prefix_stable) {
  const Matrix short_table = positional_block(Positional::learned, 3, 8, 7);
  const Matrix long_table = positional_block(Positional::learned, 10, 8, 7);
  ExpectAllClose(long_table.topRows(3), short_table, 0.0f);
  EXPECT_FALSE(positional_block(Positional::learned, 3, 8, 8).isApprox(short_table));
  // Pair 1 is the wave its seed describes.
  const LearnedWave wave = learned_wave(1, 8, 7);
  for (int p = 0; p < 10; ++p) {
    EXPECT_NEAR(long_table(p, 2), std::sin(static_cast<float>(p) * wave.frequency + wave.phase), 1e-5f);
    EXPECT_NEAR(long_table(p, 3), std::cos(static_cast<float>(p) * wave.frequency + wave.phase), 1e-5f);
  }
}

TEST(positional, rotary_preserves_length_and_leaves_position_zero_alone) {
  Random random(3);
  const Matrix rows = random.normal_matrix(6, 5, 1.0f);  // odd width: the last dim is not rotated
  const Matrix rotated = apply_rotary(rows);
  ExpectAllClose(rotated.row(0), rows.row(0), 0.0f);
  ExpectAllClose(rotated.col(4), rows.col(4), 0.0f);
  for (int p = 0; p < 6; ++p) EXPECT_NEAR(rotated.row(p).norm(), rows.row(p).norm(), 1e-5f);
}

TEST(positional, rotary_dot_product_depends_only_on_distance) {
  // The same q and k vector placed at positions (m, n) and (m + 3, n + 3).
  Matrix q = Matrix::Zero(8, 4), k = Matrix::Zero(8, 4);
  const RowVector a = (RowVector(4) << 0.3f, -1.0f, 0.5f, 2.0f).finished();
  const RowVector b = (RowVector(4) << 1.0f, 0.2f, -0.7f, 0.4f).finished();
  q.row(2) = q.row(5) = a;
  k.row(0) = k.row(3) = b;
  const Matrix qr = apply_rotary(q), kr = apply_rotary(k);
  EXPECT_NEAR(qr.row(2).dot(kr.row(0)), qr.row(5).dot(kr.row(3)), 1e-5f);
}

TEST(positional, parse_refuses_unknown_names) {
  EXPECT_EQ(parse_positional("rotary"), Positional::rotary);
  EXPECT_THROW(parse_positional("Rotary"), std::invalid_argument);
}

}  // namespace
}  // namespace attn
