// The lesson's demo model: a sentence in, every stage of multi-head attention out.
//
//   sentence -> tokens -> embeddings (+ positions) = x -> per head: Q, K, V ->
//   scores -> scaled -> masked -> weights -> output -> concat -> W_O -> output
//
// Shapes: n tokens, d = d_model, h heads, d_k = d / h (queries, keys and values
// all use d_k per head). The figures, captions and tests all read this one
// trace; nothing downstream recomputes any stage.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/attention.h"
#include "core/tensor.h"
#include "core/tokenizer.h"  // Token

namespace attn {

enum class Positional { none, sinusoidal, learned, rotary };

struct ExplainOptions {
  int heads = 3;                  // 1..16; the designed heads come first
  int d_model = 0;                // 0: the demo model's default width
  Positional positional = Positional::sinusoidal;
  AttentionOptions attention;     // scale, causal, temperature
  std::uint32_t seed = 1;         // for the random heads and the learned position table
  int max_tokens = 64;            // longer input is truncated, with a notice
};

struct HeadTrace {
  std::string name;               // "coreference", "sense", "previous", "random 4", ...
  Matrix w_q, w_k, w_v;           // d x d_k each
  Matrix q, k, v;                 // n x d_k each (q and k after rotary, when on)
  AttentionTrace attention;       // scores, scaled, masked, weights (n x n), output (n x d_k)
};

struct ExplainTrace {
  std::vector<Token> tokens;
  std::string notice;             // e.g. "Only the first 64 of 70 tokens are shown."
  int d_model = 0;
  int d_k = 0;
  std::vector<std::string> feature_names;  // d names, one per dimension of x
  Matrix embeddings;              // n x d
  Matrix positions;               // n x d  (zero for none and rotary)
  Matrix x;                       // n x d  embeddings + positions
  std::vector<HeadTrace> heads;
  Matrix concat;                  // n x (h * d_k)
  Matrix w_o;                     // (h * d_k) x d
  Matrix output;                  // n x d  concat W_O
};

// Runs the demo model. Throws std::invalid_argument with a message meant for
// the learner (empty sentence, heads out of range, d_model not a multiple of
// heads, ...).
ExplainTrace explain(const std::string& sentence, const ExplainOptions& options = {});

}  // namespace attn
