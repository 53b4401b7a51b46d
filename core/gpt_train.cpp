// The GPT training loop (gpt_train.h).
#include "core/gpt_train.h"

#include <cmath>
#include <stdexcept>

namespace attn {

GptTrainer::GptTrainer(const GptShape& shape, const GptTrainOptions& options, const std::vector<GptSequence>* data)
    : shape_(shape),
      options_(options),
      data_(data),
      params_(init_gpt(shape, options.seed)),
      adam_(AdamOptions{options.learning_rate, 0.9f, 0.99f, 1e-8f}),
      sampler_(options.seed ^ 0x5EEDBA7C4ull) {
  if (!data_ || data_->empty()) throw std::invalid_argument("Training needs at least one sequence.");
  if (options.batch < 1) throw std::invalid_argument("The batch needs at least one sequence.");
  if (options.total_steps < 1) throw std::invalid_argument("Training needs at least one step.");
}

float GptTrainer::learning_rate_at(long step) const {
  const double peak = options_.learning_rate;
  if (step < options_.warmup_steps) return static_cast<float>(peak * static_cast<double>(step + 1) / options_.warmup_steps);
  const double progress = std::min(1.0, static_cast<double>(step - options_.warmup_steps) /
                                            std::max(1, options_.total_steps - options_.warmup_steps));
  return static_cast<float>(peak * (0.1 + 0.45 * (1.0 + std::cos(3.14159265358979 * progress))));
}

double GptTrainer::step() {
  std::vector<GptSequence> batch;
  batch.reserve(static_cast<std::size_t>(options_.batch));
  for (int b = 0; b < options_.batch; ++b)
    batch.push_back((*data_)[static_cast<std::size_t>(sampler_.next_u64() % data_->size())]);
  const double loss = gpt_loss_and_gradients(params_, shape_, batch, &grads_);
  adam_.set_learning_rate(learning_rate_at(steps_));
  adam_.step(gpt_tensors(params_), gpt_tensors(static_cast<const GptParams&>(grads_)));
  ++steps_;
  return loss;
}

double gpt_mean_loss(const GptParams& params, const GptShape& shape, const std::vector<GptSequence>& data) {
  return gpt_loss_and_gradients(params, shape, data, nullptr);
}

}  // namespace attn
