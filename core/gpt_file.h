// The trained model's file (lessons/models/trained_gpt.json): shape, vocabulary,
// provenance, and every tensor as little-endian float16, base64-encoded.
// Loading validates everything and reports problems as LessonError naming the
// JSON path (core/lesson_error.h), like the quiz and lexicon loaders.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "core/gpt_model.h"
#include "core/gpt_vocab.h"

namespace attn {

// IEEE 754 binary16. float -> half rounds to nearest, ties to even; values past
// the largest half (65504) become infinity and NaN stays NaN. half -> float is exact.
std::uint16_t float_to_half(float value);
float half_to_float(std::uint16_t half);

// Standard base64 (RFC 4648) with '=' padding. decode throws
// std::invalid_argument on a length that is not a multiple of 4 or a bad character.
std::string base64_encode(const std::vector<std::uint8_t>& bytes);
std::vector<std::uint8_t> base64_decode(std::string_view text);

struct TrainedGpt {
  GptShape shape;
  GptVocab vocab;
  GptParams params;
  nlohmann::json provenance;  // corpus, seed, steps, time, losses: shown, never trusted for maths
};

// The file's text. Throws std::invalid_argument if a weight does not fit float16.
std::string trained_gpt_to_json(const TrainedGpt& model);

// Parses and validates; throws LessonError(file, json path, what) on any problem.
TrainedGpt load_trained_gpt(const std::string& text, const std::string& file = "trained_gpt.json");

}  // namespace attn
