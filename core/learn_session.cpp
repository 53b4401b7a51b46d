// Seeded training loop, held-out evaluation and attention snapshots (learn_session.h).
#include "core/learn_session.h"

#include <cmath>
#include <stdexcept>
#include <string>

namespace attn {
namespace {

// Separate streams so that changing the batch size does not move the
// initial weights, and the held-out set is the same for every seed (the
// accuracies of two seeds are then measured on the same questions).
constexpr std::uint64_t kBatchStream = 0x5EED0B47C4E5ull;
constexpr std::uint64_t kHeldOutSeed = 0x40EDD0u;

[[noreturn]] void bad(const std::string& name, const std::string& why) {
  throw std::invalid_argument("The learn option \"" + name + "\" " + why + ".");
}

AdamOptions adam_options(const LearnOptions& o) {
  AdamOptions a;
  a.learning_rate = o.learning_rate;
  return a;
}

}  // namespace

void check_learn_options(const LearnOptions& o) {
  if (!(o.learning_rate > 0.0f) || o.learning_rate > 1.0f) bad("learning_rate", "must be above 0 and at most 1");
  if (o.heads < 1 || o.heads > 8) bad("heads", "must be between 1 and 8");
  if (o.batch_size < 1 || o.batch_size > 1024) bad("batch_size", "must be between 1 and 1024");
  if (o.max_steps < 1 || o.max_steps > 100000) bad("max_steps", "must be between 1 and 100000");
  if (o.eval_every < 1 || o.eval_every > 1000) bad("eval_every", "must be between 1 and 1000");
  if (o.held_out_size < 1 || o.held_out_size > 10000) bad("held_out_size", "must be between 1 and 10000");
  if (!(o.target_accuracy > 0.0 && o.target_accuracy <= 1.0)) bad("target_accuracy", "must be above 0 and at most 1");
}

LearnSession::LearnSession(const LearnOptions& options)
    : options_(options), adam_(adam_options(options)), batches_(0) {
  check_learn_options(options);
  shape_.heads = options.heads;
  reset();
}

void LearnSession::reset() {
  params_ = init_params(shape_, options_.seed);
  adam_ = Adam(adam_options(options_));
  batches_ = Random(options_.seed ^ kBatchStream);
  Random held_out_random(kHeldOutSeed);
  held_out_ = random_batch(shape_.task, held_out_random, options_.held_out_size);
  example_ = fixed_example(shape_.task);
  losses_.clear();
  accuracies_.clear();
  snapshots_.clear();
  converged_at_ = -1;
  evaluate();
}

void LearnSession::set_learning_rate(float learning_rate) {
  LearnOptions next = options_;
  next.learning_rate = learning_rate;
  check_learn_options(next);
  adam_.set_learning_rate(learning_rate);
  options_.learning_rate = learning_rate;
}

int LearnSession::step(int count) {
  if (count < 0) throw std::invalid_argument("The number of steps cannot be negative.");
  int ran = 0;
  LearnParams grads;
  while (ran < count && !at_step_cap()) {
    const std::vector<LearnExample> batch = random_batch(shape_.task, batches_, options_.batch_size);
    const double loss = loss_and_gradients(params_, shape_, batch, &grads);
    if (!std::isfinite(loss))
      throw std::invalid_argument("Training diverged (the loss is not a finite number): try a smaller learning rate.");
    adam_.step(param_tensors(params_), param_tensors(static_cast<const LearnParams&>(grads)));
    losses_.push_back(loss);
    ++ran;
    if (steps() % options_.eval_every == 0) evaluate();
  }
  return ran;
}

void LearnSession::evaluate() {
  const double acc = attn::accuracy(params_, shape_, held_out_);
  accuracies_.emplace_back(steps(), acc);
  if (converged_at_ < 0 && acc >= options_.target_accuracy) converged_at_ = steps();
  const LearnForward f = forward(params_, shape_, example_);
  AttentionSnapshot snapshot;
  snapshot.step = steps();
  for (const AttentionTrace& t : f.heads) snapshot.heads.push_back(t.weights);
  snapshots_.push_back(std::move(snapshot));
}

Matrix LearnSession::example_probabilities() const { return softmax_rows(forward(params_, shape_, example_).logits); }

}  // namespace attn
