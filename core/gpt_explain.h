// The trained model's trace of a sentence, in the designed model's shape
// (core/explain.h) so the same figures and API fields serve both, plus what
// only the trained model has: layers, the residual stream, next-word guesses.
//
// The trace starts with the <bos> token the model always saw first in
// training (byte range [0, 0), known); heads lean on it when nothing earlier
// fits. Sentence tokens whose lowercased form is not in the vocabulary are
// read as <unk> and flagged known = false. The context holds <bos> plus
// context - 1 tokens; longer sentences are truncated with a notice.
#pragma once

#include <string>
#include <vector>

#include "core/explain.h"
#include "core/gpt_file.h"

namespace attn {

struct NextWordGuess {
  std::string word;
  float probability = 0.0f;
};

struct GptLayerTrace {
  Matrix input;   // n x d: the residual stream this layer reads
  Matrix concat;  // n x (h d_k)
  Matrix w_o;     // (h d_k) x d
  Matrix output;  // n x d: added to the residual stream
};

struct GptExplainTrace {
  ExplainTrace base;                 // heads L0H0.. in layer order; concat/w_o/output are the last layer's
  std::vector<int> head_layer;       // per head in base.heads
  std::vector<int> ids;              // vocabulary ids, <bos> first
  std::vector<GptLayerTrace> layers;
  Matrix final_residual;             // n x d: what the unembedding reads
  std::vector<std::vector<NextWordGuess>> next_words;  // per position, the top guesses for the next word
};

// Throws std::invalid_argument for an empty sentence or max_tokens < 1.
// max_tokens counts sentence tokens (not <bos>) and is capped at context - 1.
GptExplainTrace explain_trained(const TrainedGpt& model, const std::string& sentence, int max_tokens = 64,
                                int guesses = 5);

// The process-wide trained model that explain_json's "model": "trained" uses.
void install_trained_gpt(TrainedGpt model);
const TrainedGpt* installed_trained_gpt();  // nullptr until installed
void clear_trained_gpt();                   // back to "not loaded" (tests)

}  // namespace attn
