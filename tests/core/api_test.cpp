// The JSON API: field names per docs/API.md, typed validation, and errors as
// {"error": ...} instead of exceptions.
#include "core/api.h"

#include <gtest/gtest.h>

#include <cmath>
#include <nlohmann/json.hpp>

namespace attn {
namespace {

using nlohmann::json;

bool is_error(const std::string& response) {
  const json out = json::parse(response);
  return out.is_object() && out.contains("error") && out["error"].is_string() && !out["error"].get<std::string>().empty();
}

TEST(api, tokenize_returns_the_token_texts) {
  EXPECT_EQ(json::parse(tokenize_json("Alice emailed Bob.")), json({"Alice", "emailed", "Bob", "."}));
  EXPECT_EQ(json::parse(tokenize_json("")), json::array());
}

TEST(api, tokenize_refuses_text_over_the_limit) {
  std::string text;
  for (int i = 0; i < 600; ++i) text += "a ";
  EXPECT_TRUE(is_error(tokenize_json(text)));
}

TEST(api, attend_matches_a_hand_worked_example) {
  // q = k = I (2 x 2), v = [[10], [20]], no scaling: weights rows are softmax([1, 0]).
  const json out = json::parse(attend_json(
      R"({"q": [[1, 0], [0, 1]], "k": [[1, 0], [0, 1]], "v": [[10], [20]], "scale": false})"));
  const double e = std::exp(1.0);
  EXPECT_NEAR(out["weights"][0][0].get<double>(), e / (e + 1), 1e-6);
  EXPECT_NEAR(out["output"][0][0].get<double>(), (10 * e + 20) / (e + 1), 1e-4);
  EXPECT_NEAR(out["scores"][1][1].get<double>(), 1.0, 1e-7);
  EXPECT_NEAR(out["scaled"][0][0].get<double>(), 1.0, 1e-7);
}

TEST(api, attend_causal_masks_future_keys_with_exact_zeros) {
  const json out = json::parse(attend_json(
      R"({"q": [[1], [1]], "k": [[1], [1]], "v": [[1], [3]], "causal": true, "temperature": 2})"));
  EXPECT_EQ(out["weights"][0][1].get<double>(), 0.0);
  EXPECT_NEAR(out["weights"][1][0].get<double>(), 0.5, 1e-7);
  EXPECT_NEAR(out["output"][1][0].get<double>(), 2.0, 1e-6);
}

TEST(api, attend_refuses_bad_requests_with_errors) {
  for (const char* request : {
           "not json", "[1, 2]", R"({"k": [[1]], "v": [[1]]})",
           R"({"q": [[1, 2]], "k": [[1]], "v": [[1]]})",            // d_k differs
           R"({"q": [[1]], "k": [[1], [2]], "v": [[1]]})",          // k and v rows differ
           R"({"q": [[1], [1, 2]], "k": [[1]], "v": [[1]]})",       // ragged
           R"({"q": [["1"]], "k": [[1]], "v": [[1]]})",             // a string where a number belongs
           R"({"q": [[1]], "k": [[1]], "v": [[1]], "temperature": 0})",
           R"({"q": [[1]], "k": [[1]], "v": [[1]], "scale": "yes"})",
           R"({"q": [], "k": [[1]], "v": [[1]]})"})
    EXPECT_TRUE(is_error(attend_json(request))) << request;
}

TEST(api, explain_has_every_documented_field) {
  const json out = json::parse(explain_json(R"({"sentence": "Alice emailed Bob because she had a question"})"));
  ASSERT_FALSE(out.contains("error")) << out.dump();
  for (const char* field : {"tokens", "unknown", "notice", "d_model", "d_k", "feature_names", "embeddings",
                            "positions", "x", "heads", "concat", "w_o", "output"})
    EXPECT_TRUE(out.contains(field)) << field;
  ASSERT_EQ(out["heads"].size(), 3u);
  EXPECT_EQ(out["heads"][0]["name"], "coreference");
  for (const char* field : {"name", "w_q", "w_k", "w_v", "q", "k", "v", "scores", "scaled", "weights", "output",
                            "entropy"})
    EXPECT_TRUE(out["heads"][0].contains(field)) << field;
  EXPECT_EQ(out["tokens"].size(), 8u);
  EXPECT_EQ(out["heads"][0]["weights"].size(), 8u);
  EXPECT_EQ(out["x"][0].size(), out["d_model"].get<std::size_t>());
  // "she" (token 4) gives more weight to "Alice" than to anything else.
  const json& she = out["heads"][0]["weights"][4];
  for (std::size_t j = 1; j < she.size(); ++j) EXPECT_GT(she[0].get<double>(), she[j].get<double>());
}

TEST(api, explain_without_stages_is_small) {
  const json out = json::parse(explain_json(R"({"sentence": "dog bites man", "stages": false, "heads": 4})"));
  ASSERT_EQ(out["heads"].size(), 4u);
  EXPECT_EQ(out["heads"][3]["name"], "random 4");
  EXPECT_TRUE(out["heads"][0].contains("weights"));
  EXPECT_FALSE(out["heads"][0].contains("q"));
  EXPECT_FALSE(out.contains("x"));
}

TEST(api, explain_reports_unknown_words_and_truncation) {
  std::string sentence = "Zorblax";
  for (int i = 0; i < 10; ++i) sentence += " word";
  const json out = json::parse(explain_json(json{{"sentence", sentence}, {"max_tokens", 4}}.dump()));
  ASSERT_FALSE(out.contains("error")) << out.dump();
  EXPECT_EQ(out["tokens"].size(), 4u);
  EXPECT_EQ(out["unknown"][0], true);
  EXPECT_FALSE(out["notice"].get<std::string>().empty());
}

TEST(api, explain_refuses_bad_requests_with_errors) {
  for (const char* request : {
           "{", R"({})", R"({"sentence": 5})", R"({"sentence": ""})", R"({"sentence": "   "})",
           R"({"sentence": "a", "heads": 0})", R"({"sentence": "a", "heads": 17})",
           R"({"sentence": "a", "heads": "3"})", R"({"sentence": "a", "heads": 2.5})",
           R"({"sentence": "a", "d_model": 50})", R"({"sentence": "a", "d_model": -4})",
           R"({"sentence": "a", "positional": "sideways"})", R"({"sentence": "a", "positional": 1})",
           R"({"sentence": "a", "temperature": 0})", R"({"sentence": "a", "temperature": -1})",
           R"({"sentence": "a", "causal": 1})", R"({"sentence": "a", "seed": -1})",
           R"({"sentence": "a", "max_tokens": 513})", R"({"sentence": "a", "model": "trained"})"})
    EXPECT_TRUE(is_error(explain_json(request))) << request;
}

TEST(api, explain_survives_hostile_text) {
  const std::string bad = std::string(R"({"sentence": "caf\u00e9 \ud83d\udc4b )") + "\u200b\u200d" + R"( \u0000 x"})";
  EXPECT_FALSE(is_error(explain_json(bad))) << explain_json(bad).substr(0, 200);
  EXPECT_TRUE(is_error(explain_json(std::string("{\"sentence\": \"a\xff\"}"))));  // invalid UTF-8 in JSON
}

}  // namespace
}  // namespace attn
