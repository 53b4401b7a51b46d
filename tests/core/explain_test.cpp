// The demo model's trace: shapes, option checks and the stages' arithmetic.
#include "core/explain.h"

#include <gtest/gtest.h>

#include <cmath>

#include "tests/core/all_close.h"

namespace attn {
namespace {

const char* kDefault = "Alice emailed Bob because she had a question";

TEST(explain, default_trace_has_every_stage_with_documented_shapes) {
  const ExplainTrace t = explain(kDefault);
  const Eigen::Index n = 8;
  ASSERT_EQ(t.tokens.size(), 8u);
  EXPECT_EQ(t.d_model, 48);
  EXPECT_EQ(t.d_k, 16);
  EXPECT_EQ(t.feature_names.size(), 48u);
  EXPECT_EQ(t.feature_names[0], "person");
  EXPECT_EQ(t.x.rows(), n);
  EXPECT_EQ(t.x.cols(), 48);
  ExpectAllClose(t.x, t.embeddings + t.positions, 0.0f);
  ASSERT_EQ(t.heads.size(), 3u);
  EXPECT_EQ(t.heads[0].name, "coreference");
  EXPECT_EQ(t.heads[1].name, "sense");
  EXPECT_EQ(t.heads[2].name, "previous");
  for (const HeadTrace& head : t.heads) {
    EXPECT_EQ(head.w_q.rows(), 48);
    EXPECT_EQ(head.w_q.cols(), 16);
    EXPECT_EQ(head.q.rows(), n);
    EXPECT_EQ(head.attention.weights.rows(), n);
    EXPECT_EQ(head.attention.weights.cols(), n);
  }
  EXPECT_EQ(t.concat.cols(), 48);
  EXPECT_EQ(t.w_o.rows(), 48);
  EXPECT_EQ(t.output.cols(), 48);
  EXPECT_TRUE(t.notice.empty());
}

TEST(explain, stages_follow_from_each_other) {
  const ExplainTrace t = explain(kDefault);
  for (std::size_t h = 0; h < t.heads.size(); ++h) {
    const HeadTrace& head = t.heads[h];
    ExpectAllClose(head.q, t.x * head.w_q, 1e-5f);  // sinusoidal: no rotation
    ExpectAllClose(head.k, t.x * head.w_k, 1e-5f);
    ExpectAllClose(head.attention.output, head.attention.weights * head.v, 1e-5f);
    ExpectAllClose(t.concat.middleCols(static_cast<Eigen::Index>(h) * t.d_k, t.d_k), head.attention.output, 0.0f);
  }
  ExpectAllClose(t.output, t.concat * t.w_o, 1e-5f);
}

TEST(explain, extra_heads_are_seeded_random_heads) {
  ExplainOptions options;
  options.heads = 6;
  const ExplainTrace a = explain(kDefault, options);
  ASSERT_EQ(a.heads.size(), 6u);
  EXPECT_EQ(a.heads[3].name, "random 4");
  EXPECT_EQ(a.heads[5].name, "random 6");
  EXPECT_EQ(a.d_model, 48);
  EXPECT_EQ(a.d_k, 8);
  const ExplainTrace again = explain(kDefault, options);
  ExpectAllClose(again.heads[4].w_q, a.heads[4].w_q, 0.0f);
  options.seed = 2;
  EXPECT_FALSE(explain(kDefault, options).heads[4].w_q.isApprox(a.heads[4].w_q));
}

TEST(explain, default_width_rounds_up_to_a_multiple_of_heads) {
  ExplainOptions options;
  options.heads = 5;
  EXPECT_EQ(explain(kDefault, options).d_model, 50);
  options.heads = 16;
  EXPECT_EQ(explain(kDefault, options).d_k, 3);
}

TEST(explain, small_widths_still_run_and_keep_the_pronoun_on_its_antecedent) {
  ExplainOptions options;
  options.heads = 16;
  options.d_model = 16;  // d_k = 1: only the gender channel fits
  const ExplainTrace t = explain(kDefault, options);
  EXPECT_EQ(t.d_k, 1);
  const Matrix& w = t.heads[0].attention.weights;
  EXPECT_GT(w(4, 0), w(4, 2));  // she: Alice above Bob
}

TEST(explain, refuses_bad_options_with_learner_messages) {
  ExplainOptions options;
  EXPECT_THROW(explain("", options), std::invalid_argument);
  EXPECT_THROW(explain(" \t\n ", options), std::invalid_argument);
  options.heads = 0;
  EXPECT_THROW(explain(kDefault, options), std::invalid_argument);
  options.heads = 17;
  EXPECT_THROW(explain(kDefault, options), std::invalid_argument);
  options.heads = 3;
  options.d_model = 50;
  try {
    explain(kDefault, options);
    FAIL() << "d_model 50 with 3 heads should be refused";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("multiple"), std::string::npos) << e.what();
  }
  options.d_model = 0;
  options.attention.temperature = 0.0f;
  EXPECT_THROW(explain(kDefault, options), std::invalid_argument);
  options.attention.temperature = 1.0f;
  options.max_tokens = 513;
  EXPECT_THROW(explain(kDefault, options), std::invalid_argument);
}

TEST(explain, long_input_is_truncated_with_a_notice) {
  std::string sentence;
  for (int i = 0; i < 70; ++i) sentence += "word ";
  const ExplainTrace t = explain(sentence);
  EXPECT_EQ(t.tokens.size(), 64u);
  EXPECT_NE(t.notice.find("64 of 70"), std::string::npos) << t.notice;
}

TEST(explain, unknown_words_are_flagged_and_still_attend) {
  const ExplainTrace t = explain("Zorblax emailed Bob");
  EXPECT_FALSE(t.tokens[0].known);
  EXPECT_TRUE(t.tokens[1].known);
  for (const HeadTrace& head : t.heads) EXPECT_TRUE(head.attention.weights.allFinite());
}

TEST(explain, every_positional_mode_and_option_gives_finite_rows_summing_to_one) {
  for (Positional p : {Positional::none, Positional::sinusoidal, Positional::learned, Positional::rotary})
    for (bool causal : {false, true})
      for (bool scale : {false, true}) {
        ExplainOptions options;
        options.positional = p;
        options.heads = 4;
        options.attention.causal = causal;
        options.attention.scale = scale;
        options.attention.temperature = 0.5f;
        const ExplainTrace t = explain(kDefault, options);
        for (const HeadTrace& head : t.heads) {
          ASSERT_TRUE(head.attention.weights.allFinite()) << head.name;
          for (Eigen::Index i = 0; i < head.attention.weights.rows(); ++i)
            EXPECT_NEAR(head.attention.weights.row(i).sum(), 1.0f, 1e-5f) << head.name;
        }
      }
}

}  // namespace
}  // namespace attn
