// The facts (docs/FACTS.md) for a figure's current settings, from the core
// (core/facts.h), and the small core objects the rnn and formula figures
// draw, built in one place so the facts and the pictures always agree.
#pragma once

#include <cstdint>

#include <nlohmann/json.hpp>

#include "core/rnn.h"
#include "core/scaling_demo.h"
#include "web/app_state.h"

namespace lesson {

// The cost plot runs from 1 token to this many (the playground's limit).
constexpr std::int64_t kCostPlotLength = 512;
constexpr std::uint64_t kScalingDemoKeys = 8;

// The numbers the prose quotes about this figure. The figure's trace must be
// current (ensure_trace). Throws std::invalid_argument if the core cannot
// compute them.
nlohmann::json figure_facts(FigureState& fig);

// The production figure's facts (the word-order comparison among them),
// computed once per model settings.
const nlohmann::json& production_facts_cached(const FigureState& fig);

// The rnn figure's RNN over its sentence's embeddings (kept per width and
// seed), the first word's influence along the whole sentence (kept per model
// settings), and the distance between its two words, clamped to the sentence.
const attn::ElmanRnn& figure_rnn(const FigureState& fig);
const attn::FirstInputInfluence& rnn_influence(const FigureState& fig);
int rnn_distance(const FigureState& fig);

// The formula figure's d_k demo.
attn::ScalingDemo figure_scaling_demo(const FigureState& fig);

}  // namespace lesson
