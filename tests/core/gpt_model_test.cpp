// The word-level GPT's hand-written backward pass against central finite
// differences of its own loss, for every entry of every parameter tensor, and
// its training being reproducible from a seed.
//
// Float model, so: a tiny shape, a step of 2e-3 (truncation ~step^2, rounding
// ~1e-7/step, both far below the tolerance), and weights scaled up from the
// initialisation so attention is far from uniform and every path matters.
#include "core/gpt_model.h"

#include <gtest/gtest.h>

#include <cmath>

#include "core/gpt_train.h"
#include "tests/core/all_close.h"
#include "tests/core/finite_difference.h"

namespace attn {
namespace {

GptShape tiny_shape() {
  GptShape s;
  s.vocab = 7;
  s.d_model = 5;
  s.heads = 2;
  s.d_k = 3;
  s.layers = 2;
  s.context = 6;
  return s;
}

std::vector<GptSequence> tiny_batch() { return {{0, 3, 4, 3, 4, 6}, {0, 2, 5}, {0, 6, 6, 1}}; }

TEST(gpt_model, gradients_match_central_differences_for_every_tensor) {
  const GptShape shape = tiny_shape();
  GptParams params = init_gpt(shape, 7);
  for (Matrix* m : gpt_tensors(params)) *m *= 2.5f;
  const std::vector<GptSequence> batch = tiny_batch();
  GptParams grads;
  gpt_loss_and_gradients(params, shape, batch, &grads);

  const std::vector<std::string> names = gpt_tensor_names(shape);
  const std::vector<Matrix*> tensors = gpt_tensors(params);
  const std::vector<Matrix*> grad_tensors = gpt_tensors(grads);
  ASSERT_EQ(tensors.size(), names.size());
  ASSERT_EQ(tensors.size(), 3u + 2u * (3u * 2u + 1u));
  const float step = 2e-3f;
  for (std::size_t t = 0; t < tensors.size(); ++t) {
    const Matrix numeric = central_difference(
        *tensors[t], [&] { return gpt_loss_and_gradients(params, shape, batch, nullptr); }, step);
    SCOPED_TRACE(names[t]);
    ExpectAllClose(*grad_tensors[t], numeric, 3e-3f);
    EXPECT_GT(numeric.cwiseAbs().maxCoeff(), 1e-3f);  // the loss depends on this tensor: no vacuous pass
  }
}

TEST(gpt_model, attention_is_causal_and_rows_sum_to_one) {
  const GptShape shape = tiny_shape();
  const GptForward f = gpt_forward(init_gpt(shape, 3), shape, {0, 1, 2, 3});
  ASSERT_EQ(f.heads.size(), 2u);
  for (const auto& layer : f.heads) {
    ASSERT_EQ(layer.size(), 2u);
    for (const AttentionTrace& t : layer) {
      ASSERT_EQ(t.weights.rows(), 4);
      ASSERT_EQ(t.weights.cols(), 4);
      for (Eigen::Index i = 0; i < 4; ++i) {
        EXPECT_NEAR(t.weights.row(i).sum(), 1.0f, 1e-6f);
        for (Eigen::Index j = i + 1; j < 4; ++j) EXPECT_EQ(t.weights(i, j), 0.0f);
      }
    }
  }
}

TEST(gpt_model, a_later_token_cannot_change_an_earlier_prediction) {
  const GptShape shape = tiny_shape();
  const GptParams params = init_gpt(shape, 3);
  const GptForward a = gpt_forward(params, shape, {0, 1, 2, 3});
  const GptForward b = gpt_forward(params, shape, {0, 1, 2, 5});
  ExpectAllClose(a.logits.topRows(3), b.logits.topRows(3), 0.0f);
  EXPECT_GT((a.logits.row(3) - b.logits.row(3)).cwiseAbs().maxCoeff(), 0.0f);
}

TEST(gpt_model, loss_of_zero_weights_is_log_of_vocab) {
  const GptShape shape = tiny_shape();
  GptParams params = gpt_zeros_like(init_gpt(shape, 1));
  EXPECT_NEAR(gpt_loss_and_gradients(params, shape, tiny_batch(), nullptr), std::log(7.0), 1e-6);
}

TEST(gpt_model, rejects_ids_outside_vocab_or_context) {
  const GptShape shape = tiny_shape();
  const GptParams params = init_gpt(shape, 1);
  EXPECT_THROW(gpt_forward(params, shape, {0, 7}), std::invalid_argument);
  EXPECT_THROW(gpt_forward(params, shape, {0, 1, 1, 1, 1, 1, 1}), std::invalid_argument);
  EXPECT_THROW(gpt_forward(params, shape, {}), std::invalid_argument);
}

TEST(gpt_train, same_seed_gives_the_same_weights_and_another_seed_does_not) {
  const GptShape shape = tiny_shape();
  const std::vector<GptSequence> data = tiny_batch();
  GptTrainOptions options;
  options.batch = 2;
  options.total_steps = 30;
  options.warmup_steps = 5;
  const auto train = [&](std::uint64_t seed) {
    options.seed = seed;
    GptTrainer trainer(shape, options, &data);
    for (int s = 0; s < 30; ++s) trainer.step();
    return trainer.params();
  };
  const GptParams a = train(4), b = train(4), c = train(5);
  const auto ta = gpt_tensors(a), tb = gpt_tensors(b), tc = gpt_tensors(c);
  for (std::size_t t = 0; t < ta.size(); ++t) EXPECT_EQ(*ta[t], *tb[t]) << gpt_tensor_names(shape)[t];
  EXPECT_NE(*ta[0], *tc[0]);
}

TEST(gpt_train, training_lowers_the_loss_on_a_memorisable_set) {
  const GptShape shape = tiny_shape();
  const std::vector<GptSequence> data = tiny_batch();
  GptTrainOptions options;
  options.batch = 3;
  options.total_steps = 200;
  options.learning_rate = 0.03f;
  GptTrainer trainer(shape, options, &data);
  const double before = gpt_mean_loss(trainer.params(), shape, data);
  for (int s = 0; s < 200; ++s) trainer.step();
  EXPECT_LT(gpt_mean_loss(trainer.params(), shape, data), 0.5 * before);
}

}  // namespace
}  // namespace attn
