// Positional encodings: how the demo model tells word order.
//
// Shapes: n tokens; the additive encodings fill a block of `width` reserved
// dimensions of x (see docs/MODEL.md); rotary rotates q and k (n x d_k) instead.
//  - none:       no position at all; attention is blind to order.
//  - sinusoidal: pair i of the block holds (sin(p w_i), cos(p w_i)), with
//                w_i = 10000^(-2i / width), as in "Attention is all you need".
//  - learned:    a fixed seeded table standing in for a trained one: pair i is a
//                wave (sin(p f_i + phase_i), cos(p f_i + phase_i)) whose frequency
//                and phase are drawn from the seed. Trained tables (GPT-2's, for
//                one) come out wave-like too; docs/MODEL.md says why we chose waves.
//  - rotary:     pair i of each head's q and k is rotated by the angle p t_i,
//                t_i = 10000^(-2i / d_k), so q.k depends on the distance between them.
#pragma once

#include <cstdint>
#include <string>

#include "core/explain.h"
#include "core/tensor.h"

namespace attn {

// "none", "sinusoidal", "learned", "rotary"; throws std::invalid_argument otherwise.
Positional parse_positional(const std::string& name);
const char* positional_name(Positional positional);

// Angular frequency of sinusoidal pair i in a block of `width` dimensions.
float sinusoidal_frequency(int pair, int width);

// Angular frequency of rotary pair i in a head of width d_k.
float rotary_frequency(int pair, int d_k);

// The seeded wave of learned pair i in a block of `width` dimensions.
struct LearnedWave {
  float frequency = 0.0f;  // radians per position, within 0.6..1.4 x the sinusoidal one
  float phase = 0.0f;      // radians, in [0, 2 pi)
};
LearnedWave learned_wave(int pair, int width, std::uint32_t seed);

// n x width: the rows added to the reserved block of x. Zero for none and rotary.
Matrix positional_block(Positional positional, int n, int width, std::uint32_t seed);

// Rotates each pair (2i, 2i+1) of row p by the angle p * rotary_frequency(i).
// An odd last dimension is left as it is.
Matrix apply_rotary(const Matrix& rows);

}  // namespace attn
