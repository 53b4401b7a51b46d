// Claims about the committed trained model (lessons/models/trained_gpt.json)
// that could fail: it loads, it beats a unigram model on held-out text, its
// heads lean on the previous token and on <bos>, and explain_json serves it
// with the designed model's fields. Whether it has an induction-like head is measured and printed, not
// asserted (a 2-layer model trained for minutes may or may not grow one).
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/api.h"
#include "core/gpt_explain.h"
#include "core/gpt_file.h"
#include "core/random.h"

namespace attn {
namespace {

using nlohmann::json;

std::string model_text() {
  std::ifstream in(std::string(ATTN_MODELS_DIR) + "/trained_gpt.json", std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

const TrainedGpt& model() {
  static const TrainedGpt loaded = load_trained_gpt(model_text());
  return loaded;
}

// Plain sentences in our own words, none copied from the corpus.
const std::vector<std::string>& sentences() {
  static const std::vector<std::string> list = {
      "The cat sat on the mat because it was warm.",
      "Alice emailed Bob, and he answered her the next day.",
      "When the rain stopped, we walked down to the river.",
      "A good friend is hard to find and harder to keep.",
      "He said that the program would never work, but it did.",
      "The old man looked at the sea for a long time.",
      "If you want to learn something, try to teach it.",
      "My computer is slow today and I do not know why.",
      "She bought bread, milk and eggs at the little shop.",
      "Nobody knows what the future will bring to us.",
  };
  return list;
}

// Where each head's attention goes, averaged over the queries i >= 2 of the
// sentences (query 1's previous token is <bos>): on key i - 1, on itself, on
// <bos>, and what uniform causal attention would put on key i - 1.
struct HeadProfile {
  double previous = 0, self = 0, bos = 0, uniform_previous = 0;
};

std::vector<HeadProfile> head_profiles(const TrainedGpt& m) {
  std::vector<HeadProfile> profile(static_cast<std::size_t>(m.shape.layers * m.shape.heads));
  int queries = 0;
  for (const std::string& sentence : sentences()) {
    const GptExplainTrace t = explain_trained(m, sentence);
    const Eigen::Index n = static_cast<Eigen::Index>(t.ids.size());
    for (std::size_t h = 0; h < profile.size(); ++h) {
      const Matrix& w = t.base.heads[h].attention.weights;
      for (Eigen::Index i = 2; i < n; ++i) {
        profile[h].previous += w(i, i - 1);
        profile[h].self += w(i, i);
        profile[h].bos += w(i, 0);
        profile[h].uniform_previous += 1.0 / static_cast<double>(i + 1);
      }
    }
    queries += static_cast<int>(n) - 2;
  }
  for (HeadProfile& p : profile) {
    p.previous /= queries;
    p.self /= queries;
    p.bos /= queries;
    p.uniform_previous /= queries;
  }
  return profile;
}

TEST(trained_gpt, committed_file_loads_with_the_documented_shape_and_budget) {
  const std::string text = model_text();
  ASSERT_FALSE(text.empty()) << "lessons/models/trained_gpt.json is missing";
  EXPECT_LE(text.size(), 300u * 1024u);
  const TrainedGpt& m = model();
  EXPECT_EQ(m.shape.layers, 2);
  EXPECT_EQ(m.shape.heads, 4);
  EXPECT_EQ(m.shape.d_model, 64);
  EXPECT_EQ(m.shape.context, 32);
  EXPECT_EQ(m.vocab.words()[0], "<bos>");
  EXPECT_EQ(m.vocab.words()[1], "<unk>");
  EXPECT_EQ(m.vocab.id_of("The"), m.vocab.id_of("the"));  // lowercased, like the designed model's lookup
  EXPECT_NE(m.vocab.id_of("the"), kUnkId);
}

TEST(trained_gpt, held_out_loss_beats_the_unigram_baseline) {
  const json& p = model().provenance;
  ASSERT_TRUE(p.contains("heldout_loss") && p.contains("unigram_loss"));
  const double heldout = p["heldout_loss"], unigram = p["unigram_loss"];
  EXPECT_LT(heldout, unigram - 0.3) << "held-out " << heldout << " nats vs unigram " << unigram;
}

// Measured on the committed model (docs/TRAINED.md): no head is a sharp
// previous-token head (the best puts about a third of its weight there), but
// the best puts about twice what uniform causal attention would on the
// previous token, and layer 0 has heads that park over half their weight on
// <bos>. An untrained model spreads its weight nearly uniformly (ratio ~1), so
// the thresholds below (1.5x and 3x uniform) fail for it and hold here.
TEST(trained_gpt, leans_on_the_previous_token_and_parks_on_bos) {
  const std::vector<HeadProfile> profiles = head_profiles(model());
  double best_previous = 0.0, best_bos = 0.0, uniform_previous = profiles[0].uniform_previous;
  for (std::size_t h = 0; h < profiles.size(); ++h) {
    const HeadProfile& p = profiles[h];
    std::printf("[ trained  ] L%zuH%zu mean weight on previous %.3f, self %.3f, <bos> %.3f (uniform: previous %.3f)\n",
                h / 4, h % 4, p.previous, p.self, p.bos, p.uniform_previous);
    best_previous = std::max(best_previous, p.previous);
    best_bos = std::max(best_bos, p.bos);
  }
  EXPECT_GT(best_previous, 1.5 * uniform_previous);
  EXPECT_GT(best_bos, 3.0 * uniform_previous);  // uniform weight on <bos> equals that on the previous token
}

TEST(trained_gpt, an_untrained_model_does_not_pass_the_head_tests) {
  TrainedGpt untrained = model();
  untrained.params = init_gpt(untrained.shape, 8);
  const std::vector<HeadProfile> profiles = head_profiles(untrained);
  for (const HeadProfile& p : profiles) {
    EXPECT_LT(p.previous, 1.5 * p.uniform_previous);
    EXPECT_LT(p.bos, 3.0 * p.uniform_previous);
  }
}

TEST(trained_gpt, induction_on_repeated_random_tokens_is_measured) {
  const TrainedGpt& m = model();
  Random random(2024);
  const int half = 12, trials = 20;
  std::vector<double> induction(8, 0.0);
  double loss_first = 0.0, loss_second = 0.0;
  for (int t = 0; t < trials; ++t) {
    std::vector<int> words;
    for (int i = 0; i < half; ++i) words.push_back(2 + static_cast<int>(random.next_u64() % (m.shape.vocab - 2)));
    std::vector<int> ids{kBosId};
    for (int r = 0; r < 2; ++r) ids.insert(ids.end(), words.begin(), words.end());
    const GptForward f = gpt_forward(m.params, m.shape, ids);
    // Query at the j-th word of the second copy (position 1 + half + j): the
    // induction target is the word after its first occurrence, position 2 + j.
    for (std::size_t h = 0; h < 8; ++h)
      for (int j = 0; j + 1 < half; ++j)
        induction[h] += f.heads[h / 4][h % 4].weights(1 + half + j, 2 + j) / (trials * (half - 1));
    for (int j = 0; j + 1 < half; ++j) {
      loss_first += next_token_loss(f.logits, 1 + j, ids[2 + static_cast<std::size_t>(j)]) / (trials * (half - 1));
      loss_second += next_token_loss(f.logits, 1 + half + j, ids[2 + half + static_cast<std::size_t>(j)]) /
                     (trials * (half - 1));
    }
  }
  for (std::size_t h = 0; h < 8; ++h)
    std::printf("[ trained  ] L%zuH%zu mean weight on the induction target: %.3f\n", h / 4, h % 4, induction[h]);
  std::printf("[ trained  ] loss on the first copy %.2f nats, on the repeat %.2f nats\n", loss_first, loss_second);
  for (double w : induction) EXPECT_TRUE(w >= 0.0 && w <= 1.0);
}

TEST(trained_gpt, explain_json_before_loading_says_so) {
  clear_trained_gpt();
  const json out = json::parse(explain_json(R"({"sentence": "the cat", "model": "trained"})"));
  ASSERT_TRUE(out.contains("error"));
  EXPECT_NE(out["error"].get<std::string>().find("not loaded"), std::string::npos);
}

TEST(trained_gpt, explain_json_serves_the_trained_heads_with_the_designed_fields) {
  const json loaded = json::parse(load_model_json(model_text()));
  ASSERT_TRUE(loaded.value("ok", false)) << loaded.dump();
  EXPECT_EQ(loaded["vocab"], model().shape.vocab);
  const std::string request = R"({"sentence": "The zyzzyva sat on the mat.", "model": "trained", "heads": 3})";
  const json trained = json::parse(explain_json(request));
  ASSERT_FALSE(trained.contains("error")) << trained.dump();
  const json designed = json::parse(explain_json(R"({"sentence": "The zyzzyva sat on the mat."})"));
  for (const auto& item : designed.items()) EXPECT_TRUE(trained.contains(item.key())) << item.key();
  for (const auto& item : designed["heads"][0].items())
    EXPECT_TRUE(trained["heads"][0].contains(item.key())) << item.key();

  ASSERT_EQ(trained["tokens"].size(), designed["tokens"].size() + 1);  // <bos> first
  EXPECT_EQ(trained["tokens"][0], "<bos>");
  for (std::size_t i = 0; i < designed["tokens"].size(); ++i)
    EXPECT_EQ(trained["tokens"][i + 1], designed["tokens"][i]);
  EXPECT_EQ(trained["unknown"][2], true);   // zyzzyva is not among the corpus's frequent words
  EXPECT_EQ(trained["unknown"][1], false);  // "The"
  ASSERT_EQ(trained["heads"].size(), 8u);
  EXPECT_EQ(trained["heads"][0]["name"], "L0H0");
  EXPECT_EQ(trained["heads"][7]["name"], "L1H3");
  EXPECT_EQ(trained["ignored"], json::array({"heads"}));
  EXPECT_EQ(trained["next_words"].size(), trained["tokens"].size());

  // The weights in the JSON are the core's forward pass, not a copy of something else.
  const GptExplainTrace t = explain_trained(model(), "The zyzzyva sat on the mat.");
  const GptForward f = gpt_forward(model().params, model().shape, t.ids);
  const json& w = trained["heads"][5]["weights"];  // L1H1
  for (Eigen::Index i = 0; i < f.heads[1][1].weights.rows(); ++i)
    for (Eigen::Index j = 0; j < f.heads[1][1].weights.cols(); ++j)
      EXPECT_NEAR(w[i][j].get<double>(), f.heads[1][1].weights(i, j), 1e-6);
}

TEST(trained_gpt, a_long_sentence_is_truncated_with_a_notice) {
  std::string sentence;
  for (int i = 0; i < 40; ++i) sentence += "word ";
  const GptExplainTrace t = explain_trained(model(), sentence);
  EXPECT_EQ(t.base.tokens.size(), 32u);
  EXPECT_NE(t.base.notice.find("31 of 40"), std::string::npos) << t.base.notice;
}

}  // namespace
}  // namespace attn
