// A training session for the "Watch it learn" figure: the tiny model of
// learn_model.h trained with Adam on fresh random batches of the phone-book
// task, with the history the figure draws (loss per step, held-out accuracy
// and each head's attention on one fixed example, every few steps).
//
// Everything is decided by the options: the same options give the same
// losses, bit for bit, on the same build.
#pragma once

#include <cstdint>
#include <vector>

#include "core/learn_model.h"
#include "core/learn_optimizer.h"

namespace attn {

struct LearnOptions {
  std::uint64_t seed = 1;
  float learning_rate = 0.003f;  // reaches 95% in ~110-170 steps on seeds 1-5
  int heads = 2;
  int batch_size = 32;
  int max_steps = 5000;        // the session stops here even if it never converges
  int eval_every = 10;         // held-out accuracy and attention snapshots, in steps
  int held_out_size = 200;
  double target_accuracy = 0.95;
};

// Throws std::invalid_argument naming the option that is out of range.
void check_learn_options(const LearnOptions& options);

struct AttentionSnapshot {
  long step = 0;
  std::vector<Matrix> heads;  // per head: 1 x slots, the question slot's weights
};

class LearnSession {
 public:
  // Throws std::invalid_argument on bad options.
  explicit LearnSession(const LearnOptions& options = {});

  // Runs up to `count` Adam steps (fewer at max_steps); returns how many ran.
  int step(int count);
  // Back to step 0 with the same options: the same initial weights and batches.
  void reset();
  // Takes effect from the next step (Adam's moments are kept).
  void set_learning_rate(float learning_rate);

  const LearnOptions& options() const { return options_; }
  const LearnModelShape& shape() const { return shape_; }
  const LearnParams& params() const { return params_; }
  long steps() const { return static_cast<long>(losses_.size()); }
  // Training loss of each step's batch, before that step's update.
  const std::vector<double>& losses() const { return losses_; }
  // (step, held-out accuracy), at step 0 and every eval_every steps.
  const std::vector<std::pair<long, double>>& accuracies() const { return accuracies_; }
  double accuracy() const { return accuracies_.back().second; }
  bool converged() const { return accuracy() >= options_.target_accuracy; }
  bool at_step_cap() const { return steps() >= options_.max_steps; }
  // The step at which held-out accuracy first reached the target, or -1.
  long converged_at() const { return converged_at_; }

  const LearnExample& example() const { return example_; }
  // Attention snapshots on example(), at the same steps as accuracies().
  const std::vector<AttentionSnapshot>& snapshots() const { return snapshots_; }
  // The model's probabilities over the digits for example(), now.
  Matrix example_probabilities() const;

 private:
  void evaluate();

  LearnOptions options_;
  LearnModelShape shape_;
  LearnParams params_;
  Adam adam_;
  Random batches_;
  std::vector<LearnExample> held_out_;
  LearnExample example_;
  std::vector<double> losses_;
  std::vector<std::pair<long, double>> accuracies_;
  std::vector<AttentionSnapshot> snapshots_;
  long converged_at_ = -1;
};

}  // namespace attn
