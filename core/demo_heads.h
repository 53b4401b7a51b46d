// The demo model's layout and its hand-designed attention heads.
//
// Layout of x (n x d): [ named features (f dims) | positional block (d - f dims) ].
// f = min(18, d / 2): the lexicon's 17 features plus "constant" (always 1),
// cut from the end when d is small. Meaning and position live in separate
// dimensions here; real models add positions onto every dimension and learn
// to tell them apart (docs/MODEL.md).
//
// Heads, in order: "coreference", "sense", "previous", then "random 4", ...
// Each head has W_Q, W_K, W_V of shape d x d_k with d_k = d / h.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/explain.h"
#include "core/lexicon.h"
#include "core/tensor.h"

namespace attn {

struct ModelLayout {
  int d_model = 0;
  int heads = 0;
  int d_k = 0;
  int features = 0;          // named feature dimensions at the start of x
  int positional_width = 0;  // the reserved block after them
};

// The model's widths for `heads` heads and a requested d_model (0: default).
// Throws std::invalid_argument with a learner-readable message.
ModelLayout model_layout(int heads, int d_model);

// The feature names of the model: the lexicon's, then "constant".
std::vector<std::string> model_feature_names(const Lexicon& lexicon);

// One name per dimension of x.
std::vector<std::string> dimension_names(const ModelLayout& layout, const Lexicon& lexicon,
                                         Positional positional);

struct HeadWeights {
  std::string name;
  Matrix w_q, w_k, w_v;  // d x d_k each
};

// All heads of the model. `positional` decides how "previous" finds the word
// before (through the sinusoidal block, or through rotary's rotation).
std::vector<HeadWeights> demo_heads(const ModelLayout& layout, const Lexicon& lexicon, Positional positional,
                                    std::uint32_t seed);

// W_O, (h * d_k) x d: designed heads' values are named features and go back to
// the same named dimensions; random heads get a seeded random block.
Matrix output_projection(const ModelLayout& layout, std::uint32_t seed);

}  // namespace attn
