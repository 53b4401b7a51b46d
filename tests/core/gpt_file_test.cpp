// float16 and base64 against hand-worked values, and the trained-model file's
// loader against malformed, truncated and wrongly typed files.
#include "core/gpt_file.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <limits>

#include "core/lesson_error.h"
#include "tests/core/all_close.h"

namespace attn {
namespace {

using nlohmann::json;

TEST(float16, hand_worked_values) {
  EXPECT_EQ(float_to_half(0.0f), 0x0000);
  EXPECT_EQ(float_to_half(-0.0f), 0x8000);
  EXPECT_EQ(float_to_half(1.0f), 0x3C00);
  EXPECT_EQ(float_to_half(-2.0f), 0xC000);
  EXPECT_EQ(float_to_half(0.5f), 0x3800);
  EXPECT_EQ(float_to_half(65504.0f), 0x7BFF);                 // the largest half
  EXPECT_EQ(float_to_half(65536.0f), 0x7C00);                 // past it: infinity
  EXPECT_EQ(float_to_half(std::ldexp(1.0f, -24)), 0x0001);    // the smallest subnormal
  EXPECT_EQ(float_to_half(std::ldexp(1.0f, -14)), 0x0400);    // the smallest normal
  EXPECT_EQ(float_to_half(std::numeric_limits<float>::infinity()), 0x7C00);
  EXPECT_EQ(float_to_half(std::nanf("")) & 0x7C00, 0x7C00);
  EXPECT_NE(float_to_half(std::nanf("")) & 0x03FF, 0);
}

TEST(float16, rounds_to_nearest_with_ties_to_even) {
  const float ulp = std::ldexp(1.0f, -10);  // spacing of halves in [1, 2)
  EXPECT_EQ(float_to_half(1.0f + ulp / 2), 0x3C00);          // tie, 1.0 is even: down
  EXPECT_EQ(float_to_half(1.0f + 3 * ulp / 2), 0x3C02);      // tie, 1+ulp is odd: up
  EXPECT_EQ(float_to_half(1.0f + ulp / 2 + ulp / 8), 0x3C01); // past the tie: up
  EXPECT_EQ(float_to_half(2.0f - ulp / 4), 0x4000);          // carry into the exponent
  EXPECT_EQ(float_to_half(std::ldexp(1.0f, -25)), 0x0000);   // tie between 0 and the smallest subnormal: even 0
  EXPECT_EQ(float_to_half(std::ldexp(3.0f, -25)), 0x0002);   // tie between 1 and 2 subnormal units: even 2
}

TEST(float16, every_half_round_trips_exactly) {
  int finite = 0;
  for (std::uint32_t h = 0; h <= 0xFFFF; ++h) {
    const float f = half_to_float(static_cast<std::uint16_t>(h));
    if (std::isnan(f)) continue;
    ++finite;
    ASSERT_EQ(float_to_half(f), h) << "half " << h << " -> " << f;
  }
  EXPECT_EQ(finite, 65536 - 2 * 1023);
}

TEST(float16, error_of_a_float_is_within_half_an_ulp) {
  for (float x : {0.1f, -0.3333333f, 3.14159f, 1234.567f, 1e-5f}) {
    const float back = half_to_float(float_to_half(x));
    const int exponent = std::ilogb(x);
    const float ulp = std::ldexp(1.0f, std::max(exponent, -14) - 10);
    EXPECT_LE(std::abs(back - x), ulp / 2) << x;
  }
}

TEST(base64, hand_worked_values) {
  EXPECT_EQ(base64_encode({}), "");
  EXPECT_EQ(base64_encode({'f'}), "Zg==");
  EXPECT_EQ(base64_encode({'f', 'o'}), "Zm8=");
  EXPECT_EQ(base64_encode({'f', 'o', 'o'}), "Zm9v");
  EXPECT_EQ(base64_encode({'f', 'o', 'o', 'b', 'a', 'r'}), "Zm9vYmFy");
  EXPECT_EQ(base64_decode("Zm9vYg=="), (std::vector<std::uint8_t>{'f', 'o', 'o', 'b'}));
  std::vector<std::uint8_t> all;
  for (int i = 0; i < 256; ++i) all.push_back(static_cast<std::uint8_t>(i));
  EXPECT_EQ(base64_decode(base64_encode(all)), all);
  EXPECT_THROW(base64_decode("Zm9"), std::invalid_argument);
  EXPECT_THROW(base64_decode("Zm!v"), std::invalid_argument);
  EXPECT_THROW(base64_decode("Z=9v"), std::invalid_argument);
}

TrainedGpt tiny_model() {
  TrainedGpt model;
  model.shape.vocab = 4;
  model.shape.d_model = 3;
  model.shape.heads = 2;
  model.shape.d_k = 2;
  model.shape.layers = 1;
  model.shape.context = 5;
  model.vocab = GptVocab({"<bos>", "<unk>", "the", "cat"});
  model.params = init_gpt(model.shape, 2);
  model.provenance = {{"seed", 2}};
  return model;
}

TEST(trained_gpt_file, round_trip_keeps_shape_vocab_and_float16_weights) {
  const TrainedGpt model = tiny_model();
  const TrainedGpt back = load_trained_gpt(trained_gpt_to_json(model));
  EXPECT_EQ(back.shape.context, 5);
  EXPECT_EQ(back.vocab.words(), model.vocab.words());
  EXPECT_EQ(back.provenance["seed"], 2);
  const auto a = gpt_tensors(model.params), b = gpt_tensors(back.params);
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t t = 0; t < a.size(); ++t) {
    Matrix rounded = a[t]->unaryExpr([](float x) { return half_to_float(float_to_half(x)); });
    ExpectAllClose(*b[t], rounded, 0.0f);
    ExpectAllClose(*b[t], *a[t], 1e-3f);  // init weights are < 2: half's spacing there is < 2e-3
  }
}

// Each broken file must fail with a message naming the field that is wrong.
void expect_rejected(const json& file, const std::string& path_in_message) {
  try {
    load_trained_gpt(file.dump(), "trained_gpt.json");
    ADD_FAILURE() << "accepted a broken file; expected an error at " << path_in_message;
  } catch (const LessonError& e) {
    EXPECT_NE(std::string(e.what()).find("trained_gpt.json: at " + path_in_message), std::string::npos) << e.what();
  }
}

TEST(trained_gpt_file, rejects_broken_files_naming_the_field) {
  const json good = json::parse(trained_gpt_to_json(tiny_model()));
  {
    json f = good;
    f["shape"]["heads"] = "two";
    expect_rejected(f, "/shape/heads");
  }
  {
    json f = good;
    f["shape"].erase("d_k");
    expect_rejected(f, "/shape/d_k");
  }
  {
    json f = good;
    f["shape"]["context"] = 1.5;
    expect_rejected(f, "/shape/context");
  }
  {
    json f = good;
    f["vocab"].push_back("dog");
    expect_rejected(f, "/vocab");
  }
  {
    json f = good;
    f["vocab"][2] = 7;
    expect_rejected(f, "/vocab/2");
  }
  {
    json f = good;
    f["vocab"][3] = "the";
    expect_rejected(f, "/vocab");
  }
  {
    json f = good;
    f["tensors"].erase("L0H1.w_v");
    expect_rejected(f, "/tensors/L0H1.w_v");
  }
  {
    json f = good;
    f["tensors"]["L0.w_o"]["rows"] = 3;
    expect_rejected(f, "/tensors/L0.w_o");
  }
  {
    json f = good;
    std::string data = f["tensors"]["token_embedding"]["float16"];
    f["tensors"]["token_embedding"]["float16"] = data.substr(0, data.size() - 4);
    expect_rejected(f, "/tensors/token_embedding/float16");
  }
  {
    json f = good;
    std::string data = f["tensors"]["token_embedding"]["float16"];
    data[0] = '*';
    f["tensors"]["token_embedding"]["float16"] = data;
    expect_rejected(f, "/tensors/token_embedding/float16");
  }
  {
    json f = good;
    f["tensors"]["position_embedding"]["float16"] = 12;
    expect_rejected(f, "/tensors/position_embedding/float16");
  }
  {
    json f = good;  // an infinity (0x7C00, little-endian 00 7C) as the first value
    std::vector<std::uint8_t> raw = base64_decode(f["tensors"]["L0H0.w_q"]["float16"].get<std::string>());
    raw[0] = 0x00;
    raw[1] = 0x7C;
    f["tensors"]["L0H0.w_q"]["float16"] = base64_encode(raw);
    expect_rejected(f, "/tensors/L0H0.w_q/float16");
  }
  {
    json f = good;
    f["tensors"]["extra"] = f["tensors"]["L0.w_o"];
    expect_rejected(f, "/tensors");
  }
  {
    json f = good;
    f["version"] = 3;
    expect_rejected(f, "/version");
  }
  const std::string text = good.dump();
  EXPECT_THROW(load_trained_gpt(text.substr(0, text.size() / 2)), LessonError);  // truncated
  EXPECT_THROW(load_trained_gpt("[1, 2]"), LessonError);
}

TEST(trained_gpt_file, refuses_to_write_a_weight_float16_cannot_hold) {
  TrainedGpt model = tiny_model();
  model.params.layers[0].w_o(0, 0) = 1e6f;
  EXPECT_THROW(trained_gpt_to_json(model), std::invalid_argument);
}

}  // namespace
}  // namespace attn
