// The learn model's hand-written backward pass against central finite
// differences of its own loss, for every entry of every parameter.
//
// The model is float (it runs through the lesson's float attention), so the
// check uses a step of 2e-3 on a small model, where the central
// difference's truncation error (~step^2) and float rounding (~1e-7 / step)
// are both far below the tolerance.
#include "core/learn_model.h"

#include <gtest/gtest.h>

#include <cmath>

#include "core/learn_task.h"
#include "tests/core/all_close.h"
#include "tests/core/finite_difference.h"

namespace attn {
namespace {

LearnModelShape small_shape() {
  LearnModelShape s;
  s.task.letters = 4;
  s.task.digits = 3;
  s.task.pairs = 3;
  s.d_model = 5;
  s.heads = 2;
  s.d_k = 3;
  return s;
}

TEST(learn_model, gradients_match_central_differences_for_every_parameter) {
  const LearnModelShape shape = small_shape();
  LearnParams params = init_params(shape, 7);
  Random random(11);
  const std::vector<LearnExample> batch = random_batch(shape.task, random, 4);
  LearnParams grads;
  loss_and_gradients(params, shape, batch, &grads);

  const std::vector<std::string> names = param_names(params);
  const std::vector<Matrix*> tensors = param_tensors(params);
  const std::vector<Matrix*> grad_tensors = param_tensors(grads);
  ASSERT_EQ(tensors.size(), names.size());
  const float step = 2e-3f;
  for (std::size_t t = 0; t < tensors.size(); ++t) {
    const Matrix numeric = central_difference(
        *tensors[t], [&] { return loss_and_gradients(params, shape, batch, nullptr); }, step);
    SCOPED_TRACE(names[t]);
    ExpectAllClose(*grad_tensors[t], numeric, 2e-3f);
    // Guard against a vacuous pass: the loss must depend on this parameter.
    EXPECT_GT(numeric.cwiseAbs().maxCoeff(), 1e-4f);
  }
}

TEST(learn_model, loss_of_uniform_logits_is_log_of_digit_count) {
  LearnForward f;
  f.logits = Matrix::Zero(1, 8);
  EXPECT_NEAR(example_loss(f, 3), std::log(8.0), 1e-12);
}

TEST(learn_model, loss_matches_hand_worked_softmax) {
  LearnForward f;
  f.logits.resize(1, 3);
  f.logits << 1.0f, 2.0f, 0.0f;
  const double sum = std::exp(1.0) + std::exp(2.0) + std::exp(0.0);
  EXPECT_NEAR(example_loss(f, 0), -std::log(std::exp(1.0) / sum), 1e-6);
}

TEST(learn_model, attention_weights_of_the_question_slot_sum_to_one) {
  const LearnModelShape shape = small_shape();
  const LearnForward f = forward(init_params(shape, 3), shape, fixed_example(shape.task));
  ASSERT_EQ(f.heads.size(), 2u);
  for (const AttentionTrace& t : f.heads) {
    EXPECT_EQ(t.weights.rows(), 1);
    EXPECT_EQ(t.weights.cols(), shape.task.pairs + 1);
    EXPECT_NEAR(t.weights.sum(), 1.0f, 1e-6f);
  }
}

TEST(learn_model, same_seed_gives_same_weights_and_other_seed_does_not) {
  const LearnModelShape shape = small_shape();
  const LearnParams a = init_params(shape, 5), b = init_params(shape, 5), c = init_params(shape, 6);
  EXPECT_EQ(a.w_o, b.w_o);
  EXPECT_EQ(a.letter_embedding, b.letter_embedding);
  EXPECT_NE(a.w_o, c.w_o);
}

TEST(learn_model, rejects_an_example_that_does_not_fit) {
  const LearnModelShape shape = small_shape();
  LearnExample e = fixed_example(shape.task);
  e.letter.pop_back();
  EXPECT_THROW(forward(init_params(shape, 1), shape, e), std::invalid_argument);
  LearnModelShape too_many = shape;
  too_many.heads = 9;
  EXPECT_THROW(init_params(too_many, 1), std::invalid_argument);
}

}  // namespace
}  // namespace attn
