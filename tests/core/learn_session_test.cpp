// Training sessions: the loss falls, the task gets learned, attention finds
// the matching slot, and a seed replays exactly.
#include "core/learn_session.h"

#include <gtest/gtest.h>

#include <numeric>
#include <stdexcept>

#include "core/learn_api.h"

namespace attn {
namespace {

double mean(const std::vector<double>& xs, std::size_t begin, std::size_t end) {
  return std::accumulate(xs.begin() + static_cast<long>(begin), xs.begin() + static_cast<long>(end), 0.0) /
         static_cast<double>(end - begin);
}

TEST(learn_session, loss_falls_on_a_fixed_seed) {
  LearnSession session(LearnOptions{});
  EXPECT_EQ(session.step(300), 300);
  const std::vector<double>& losses = session.losses();
  // Averages over 20 steps, since each step's batch is different.
  EXPECT_LT(mean(losses, 280, 300), 0.5 * mean(losses, 0, 20));
}

TEST(learn_session, same_seed_gives_the_same_losses_bit_for_bit) {
  LearnOptions options;
  options.seed = 9;
  LearnSession a(options), b(options);
  a.step(60);
  b.step(60);
  EXPECT_EQ(a.losses(), b.losses());
  EXPECT_EQ(a.accuracies(), b.accuracies());
  options.seed = 10;
  LearnSession c(options);
  c.step(60);
  EXPECT_NE(a.losses(), c.losses());
}

TEST(learn_session, reset_replays_the_same_run) {
  LearnSession session;
  session.step(40);
  const std::vector<double> first = session.losses();
  session.reset();
  EXPECT_EQ(session.steps(), 0);
  session.step(40);
  EXPECT_EQ(session.losses(), first);
}

TEST(learn_session, learns_the_task_and_attends_to_the_matching_slot) {
  LearnSession session;
  while (!session.converged() && !session.at_step_cap()) session.step(50);
  ASSERT_TRUE(session.converged()) << "accuracy " << session.accuracy() << " after " << session.steps();
  EXPECT_GE(session.accuracy(), 0.95);
  EXPECT_GT(session.converged_at(), 0);
  // The fixed example asks about its second slot (G=0 in "H=3 G=0 F=5 E=2 G=?"):
  // some head must put most of its weight there.
  float best = 0.0f;
  for (const Matrix& weights : session.snapshots().back().heads) best = std::max(best, weights(0, 1));
  EXPECT_GT(best, 0.5f);
  // At the start, before any training, no head had found it that clearly.
  float start = 0.0f;
  for (const Matrix& weights : session.snapshots().front().heads) start = std::max(start, weights(0, 1));
  EXPECT_LT(start, best);
}

TEST(learn_session, stops_at_the_step_cap) {
  LearnOptions options;
  options.max_steps = 25;
  LearnSession session(options);
  EXPECT_EQ(session.step(100), 25);
  EXPECT_TRUE(session.at_step_cap());
  EXPECT_EQ(session.step(1), 0);
}

TEST(learn_session, rejects_bad_options_with_their_name) {
  LearnOptions options;
  options.learning_rate = 0.0f;
  EXPECT_THROW(LearnSession{options}, std::invalid_argument);
  try {
    learn_options_from_json({{"heads", 0}}, LearnOptions{});
    FAIL() << "heads 0 was accepted";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("heads"), std::string::npos);
  }
  EXPECT_THROW(learn_options_from_json({{"seed", -1}}, LearnOptions{}), std::invalid_argument);
  EXPECT_THROW(learn_options_from_json({{"learning_rate", "fast"}}, LearnOptions{}), std::invalid_argument);
}

TEST(learn_api, state_reports_step_loss_accuracy_and_each_heads_attention) {
  LearnSession session;
  session.step(30);
  const nlohmann::json state = learn_state_json(session, 10);
  EXPECT_EQ(state["step"], 30);
  EXPECT_EQ(state["loss"].get<double>(), session.losses().back());
  EXPECT_EQ(state["accuracy"].get<double>(), session.accuracy());
  EXPECT_EQ(state["attention"].size(), 2u);
  EXPECT_EQ(state["attention"][0]["weights"].size(), 5u);
  EXPECT_EQ(state["example"]["slots"][4], "G=?");
  EXPECT_LE(state["loss_history"].size(), 10u);
  // The averaged history keeps the mean of all the losses it covers.
  double sum = 0.0;
  for (const auto& point : state["loss_history"]) sum += point[1].get<double>() * 3.0;  // 30 losses, 10 points
  EXPECT_NEAR(sum / 30.0, mean(session.losses(), 0, 30), 1e-9);
  EXPECT_EQ(state["loss_history"].back()[0], 30);
}

}  // namespace
}  // namespace attn
