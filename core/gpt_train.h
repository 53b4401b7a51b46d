// Deterministic training of the word-level GPT (gpt_model.h): seeded
// initialisation, seeded batch sampling, Adam (core/learn_optimizer.h) with a
// short warm-up and a cosine decay. Same seed, same data, same machine: same weights.
#pragma once

#include <cstdint>
#include <vector>

#include "core/gpt_model.h"
#include "core/learn_optimizer.h"
#include "core/random.h"

namespace attn {

struct GptTrainOptions {
  std::uint64_t seed = 1;
  int batch = 16;               // sequences per step
  float learning_rate = 3e-3f;  // peak, after warm-up
  int warmup_steps = 100;
  int total_steps = 1000;       // the cosine decay reaches 10% of the peak here
};

class GptTrainer {
 public:
  // `data` must outlive the trainer. Throws std::invalid_argument on an empty
  // data set or a batch below 1.
  GptTrainer(const GptShape& shape, const GptTrainOptions& options, const std::vector<GptSequence>* data);

  // One Adam step on a freshly sampled batch; returns that batch's mean loss.
  double step();

  long steps_taken() const { return steps_; }
  const GptParams& params() const { return params_; }
  float learning_rate_at(long step) const;

 private:
  GptShape shape_;
  GptTrainOptions options_;
  const std::vector<GptSequence>* data_;
  GptParams params_, grads_;
  Adam adam_;
  Random sampler_;
  long steps_ = 0;
};

// Mean next-token loss over every sequence, no gradients.
double gpt_mean_loss(const GptParams& params, const GptShape& shape, const std::vector<GptSequence>& data);

}  // namespace attn
