// The designed heads' weights, written by hand so the lesson's claims hold.
//
// A head scores query i against key j with q_i . k_j = x_i W_Q W_K^T x_j^T.
// Each designed head builds that from a few "channels": output dimension c of
// W_Q reads some features of the query word, the same dimension of W_K reads
// features of the key word, and the score adds up their products. Channels
// sit in the head's last dimensions, the least-rotated pairs under rotary, so
// meaning survives rotation (docs/MODEL.md). With a small d_k the least
// important channels are dropped first.
#include "core/demo_heads.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "core/positional.h"
#include "core/random.h"

namespace attn {

namespace {

constexpr int kMaxFeatures = 18;
constexpr int kDefaultWidth = 48;
constexpr int kMinWidth = 4;
constexpr int kMaxWidth = 512;

// The scaled score (after / sqrt(d_k)) a designed head gives its best match:
// e^3.5 is about 33 times the weight of a word scoring 0.
constexpr float kTargetLogit = 3.5f;

// One channel: which features the query reads and which the key reads.
struct Channel {
  std::vector<std::pair<const char*, float>> query, key;
};

class ChannelWriter {
 public:
  ChannelWriter(const ModelLayout& layout, const std::vector<std::string>& names, float amplitude)
      : layout_(layout), names_(names), amplitude_(amplitude) {}

  // Writes channel number `index` into output dimension d_k - 1 - index.
  void write(int index, const Channel& channel, Matrix& w_q, Matrix& w_k) const {
    const int column = layout_.d_k - 1 - index;
    if (column < 0) return;  // d_k too small: this channel is dropped
    for (const auto& [feature, weight] : channel.query)
      if (const int row = dimension(feature); row >= 0) w_q(row, column) = amplitude_ * weight;
    for (const auto& [feature, weight] : channel.key)
      if (const int row = dimension(feature); row >= 0) w_k(row, column) = amplitude_ * weight;
  }

 private:
  // Where a feature sits in x, or -1 when d is too small to hold it.
  int dimension(const char* feature) const {
    for (int i = 0; i < layout_.features; ++i)
      if (names_[static_cast<std::size_t>(i)] == feature) return i;
    return -1;
  }

  const ModelLayout& layout_;
  const std::vector<std::string>& names_;
  float amplitude_;
};

// The value of every designed head carries the word's named features, so the
// output can be read in the same named dimensions as x.
Matrix feature_values(const ModelLayout& layout) {
  Matrix w_v = Matrix::Zero(layout.d_model, layout.d_k);
  for (int j = 0; j < std::min(layout.d_k, layout.features); ++j) w_v(j, j) = 1.0f;
  return w_v;
}

// Amplitude a such that a channel product of `best_product` * a^2 gives the
// target logit after the division by sqrt(d_k).
float amplitude_for(const ModelLayout& layout, float best_product) {
  return std::sqrt(kTargetLogit * std::sqrt(static_cast<float>(layout.d_k)) / best_product);
}

HeadWeights coreference_head(const ModelLayout& layout, const std::vector<std::string>& names) {
  HeadWeights head{"coreference", Matrix::Zero(layout.d_model, layout.d_k),
                   Matrix::Zero(layout.d_model, layout.d_k), feature_values(layout)};
  // "she" against "Alice": gender 1 + candidate 1.5 = 2.5.
  const ChannelWriter writer(layout, names, amplitude_for(layout, 2.5f));
  // Gender: +1 when query and key agree, -1 when they clash, 0 when either has none.
  writer.write(0, {{{"female", 1}, {"male", -1}}, {{"female", 1}, {"male", -1}}}, head.w_q, head.w_k);
  // Candidate antecedent: a person-pronoun looks for people, names most; other
  // pronouns (and the pronoun itself) are not antecedents.
  writer.write(1, {{{"person", 1}}, {{"person", 1}, {"name", 0.5f}, {"pronoun", -2.5f}}}, head.w_q, head.w_k);
  // Number: "they" looks for plural nouns.
  writer.write(2, {{{"plural", 1}}, {{"plural", 1}}}, head.w_q, head.w_k);
  // Things: "it" looks for animals and objects, not for other pronouns.
  writer.write(3, {{{"object", 1}, {"animal", 1}}, {{"object", 1}, {"animal", 1}, {"pronoun", -2}}}, head.w_q,
               head.w_k);
  return head;
}

HeadWeights sense_head(const ModelLayout& layout, const std::vector<std::string>& names) {
  HeadWeights head{"sense", Matrix::Zero(layout.d_model, layout.d_k), Matrix::Zero(layout.d_model, layout.d_k),
                   feature_values(layout)};
  // "bank" against "river": ambiguous 1 x water 1.
  const ChannelWriter writer(layout, names, amplitude_for(layout, 1.0f));
  // An ambiguous word looks for the words that settle a sense (water or money),
  // and away from other ambiguous words, itself included.
  writer.write(0, {{{"ambiguous", 1}}, {{"water", 1}, {"money", 1}, {"ambiguous", -2}}}, head.w_q, head.w_k);
  // Weaker clues for other ambiguous words (a bat that flies, a spring in time).
  writer.write(1, {{{"ambiguous", 1}}, {{"animal", 0.3f}, {"time", 0.3f}, {"place", 0.2f}}}, head.w_q, head.w_k);
  return head;
}

// Sum over the used pairs of (1 - cos w): how much higher the score of the
// word exactly one step back is than that of its neighbours at 0 or 2 steps.
float previous_margin(const std::vector<float>& frequencies) {
  float margin = 0.0f;
  for (float w : frequencies) margin += 1.0f - std::cos(w);
  return margin;
}

HeadWeights previous_head(const ModelLayout& layout, Positional positional, int constant_dimension,
                          std::uint32_t seed) {
  HeadWeights head{"previous", Matrix::Zero(layout.d_model, layout.d_k), Matrix::Zero(layout.d_model, layout.d_k),
                   feature_values(layout)};
  const float target = kTargetLogit * std::sqrt(static_cast<float>(layout.d_k));
  if (positional == Positional::rotary) {
    // Rotary: query pair i is a constant (a, 0) and key pair i is a constant
    // rotated one step ahead, a (cos t_i, sin t_i). After rotating by their
    // positions m and n, q.k = a^2 sum_i cos((m - n - 1) t_i): largest at n = m - 1.
    if (constant_dimension < 0) return head;  // d too small to hold "constant"
    std::vector<float> frequencies;
    for (int i = 0; 2 * i + 1 < layout.d_k; ++i) frequencies.push_back(rotary_frequency(i, layout.d_k));
    if (frequencies.empty()) return head;
    const float a = std::sqrt(target / std::max(previous_margin(frequencies), 1e-3f));
    for (std::size_t i = 0; i < frequencies.size(); ++i) {
      const int column = 2 * static_cast<int>(i);
      head.w_q(constant_dimension, column) = a;
      head.w_k(constant_dimension, column) = a * std::cos(frequencies[i]);
      head.w_k(constant_dimension, column + 1) = a * std::sin(frequencies[i]);
    }
    return head;
  }
  // Additive positions: pair i of the block holds (sin p w_i, cos p w_i). W_Q
  // rotates it back by one step, giving the code of position p - 1; W_K copies
  // it. So q_m . k_n = a^2 sum_i cos((m - 1 - n) w_i), largest at n = m - 1.
  // The learned table is built from waves too (with seeded frequencies and
  // phases; the phase cancels), so the same construction works for it. With
  // none the block is zero and the head has nothing to read: uniform weights.
  std::vector<float> frequencies;
  for (int i = 0; 2 * i + 1 < layout.d_k && 2 * i + 1 < layout.positional_width; ++i)
    frequencies.push_back(positional == Positional::learned ? learned_wave(i, layout.positional_width, seed).frequency
                                                            : sinusoidal_frequency(i, layout.positional_width));
  if (frequencies.empty()) return head;
  const float a = std::sqrt(target / std::max(previous_margin(frequencies), 1e-3f));
  for (std::size_t i = 0; i < frequencies.size(); ++i) {
    const int sin_row = layout.features + 2 * static_cast<int>(i), cos_row = sin_row + 1;
    const int column = 2 * static_cast<int>(i);
    const float c = std::cos(frequencies[i]), s = std::sin(frequencies[i]);
    // sin((p-1)w) = sin(pw) c - cos(pw) s;  cos((p-1)w) = cos(pw) c + sin(pw) s
    head.w_q(sin_row, column) = a * c;
    head.w_q(cos_row, column) = -a * s;
    head.w_q(sin_row, column + 1) = a * s;
    head.w_q(cos_row, column + 1) = a * c;
    head.w_k(sin_row, column) = a;
    head.w_k(cos_row, column + 1) = a;
  }
  return head;
}

// Seeds for random heads: different per head and per seed, never the same
// stream as the learned position table.
Random head_random(std::uint32_t seed, int head_index) {
  return Random(stable_hash("random head") ^ (static_cast<std::uint64_t>(seed) << 16) ^
                static_cast<std::uint64_t>(head_index));
}

HeadWeights random_head(const ModelLayout& layout, int head_index, std::uint32_t seed) {
  Random random = head_random(seed, head_index);
  const float scale = 1.0f / std::sqrt(static_cast<float>(layout.d_model));
  HeadWeights head;
  head.name = "random " + std::to_string(head_index + 1);
  head.w_q = random.normal_matrix(layout.d_model, layout.d_k, scale);
  head.w_k = random.normal_matrix(layout.d_model, layout.d_k, scale);
  head.w_v = random.normal_matrix(layout.d_model, layout.d_k, scale);
  return head;
}

constexpr int kDesignedHeads = 3;

}  // namespace

ModelLayout model_layout(int heads, int d_model) {
  if (heads < 1 || heads > 16)
    throw std::invalid_argument("heads must be between 1 and 16, got " + std::to_string(heads));
  ModelLayout layout;
  layout.heads = heads;
  if (d_model == 0) {
    // The default width, rounded up to a multiple of the head count.
    layout.d_model = (kDefaultWidth + heads - 1) / heads * heads;
  } else {
    if (d_model < kMinWidth || d_model > kMaxWidth)
      throw std::invalid_argument("d_model (the embedding size) must be between " + std::to_string(kMinWidth) +
                                  " and " + std::to_string(kMaxWidth) + ", or 0 for the default; got " +
                                  std::to_string(d_model));
    if (d_model % heads != 0)
      throw std::invalid_argument("d_model must be a multiple of the number of heads, because each head gets "
                                  "d_model / heads dimensions; " + std::to_string(d_model) +
                                  " cannot be split evenly into " + std::to_string(heads) + " heads");
    layout.d_model = d_model;
  }
  layout.d_k = layout.d_model / heads;
  layout.features = std::min(kMaxFeatures, layout.d_model / 2);
  layout.positional_width = layout.d_model - layout.features;
  return layout;
}

std::vector<std::string> model_feature_names(const Lexicon& lexicon) {
  std::vector<std::string> names = lexicon.features;
  names.push_back("constant");
  return names;
}

std::vector<std::string> dimension_names(const ModelLayout& layout, const Lexicon& lexicon,
                                         Positional positional) {
  const std::vector<std::string> features = model_feature_names(lexicon);
  std::vector<std::string> names(features.begin(), features.begin() + layout.features);
  for (int j = 0; j < layout.positional_width; ++j) {
    const std::string pair = std::to_string(j / 2 + 1);
    const bool in_pair = (j / 2) * 2 + 1 < layout.positional_width;  // an odd last dimension stays 0
    if (positional == Positional::sinusoidal && in_pair)
      names.push_back((j % 2 == 0 ? "pos sin " : "pos cos ") + pair);
    else
      names.push_back("pos " + std::to_string(j + 1));
  }
  return names;
}

std::vector<HeadWeights> demo_heads(const ModelLayout& layout, const Lexicon& lexicon, Positional positional,
                                    std::uint32_t seed) {
  const std::vector<std::string> names = model_feature_names(lexicon);
  const int constant = static_cast<int>(names.size()) - 1;
  std::vector<HeadWeights> heads;
  for (int h = 0; h < layout.heads; ++h) {
    if (h == 0) heads.push_back(coreference_head(layout, names));
    else if (h == 1) heads.push_back(sense_head(layout, names));
    else if (h == 2) heads.push_back(previous_head(layout, positional, constant < layout.features ? constant : -1, seed));
    else heads.push_back(random_head(layout, h, seed));
  }
  return heads;
}

Matrix output_projection(const ModelLayout& layout, std::uint32_t seed) {
  Matrix w_o = Matrix::Zero(layout.heads * layout.d_k, layout.d_model);
  for (int h = 0; h < layout.heads; ++h) {
    const int block = h * layout.d_k;
    if (h < kDesignedHeads) {
      // Value dimension j of a designed head is feature j: send it back there.
      for (int j = 0; j < std::min(layout.d_k, layout.features); ++j) w_o(block + j, j) = 1.0f;
    } else {
      Random random = head_random(seed, h + 1000);
      w_o.block(block, 0, layout.d_k, layout.d_model) =
          random.normal_matrix(layout.d_k, layout.d_model, 1.0f / std::sqrt(static_cast<float>(layout.d_k)));
    }
  }
  return w_o;
}

}  // namespace attn
