// The demo model end to end: tokens -> x -> every head's stages -> W_O.
// Each stage is stored in the trace as computed; nothing is recomputed later.
#include "core/explain.h"

#include <cmath>
#include <map>
#include <mutex>
#include <stdexcept>
#include <tuple>

#include "core/demo_heads.h"
#include "core/first_names.h"
#include "core/lexicon.h"
#include "core/positional.h"
#include "core/word_reading.h"

namespace attn {

namespace {

constexpr int kMaxTokensLimit = 512;
constexpr std::size_t kMaxSentenceBytes = 65536;

void check_options(const std::string& sentence, const ExplainOptions& options) {
  if (sentence.size() > kMaxSentenceBytes)
    throw std::invalid_argument("The sentence is too long (" + std::to_string(sentence.size()) +
                                " bytes); the demo reads at most " + std::to_string(kMaxSentenceBytes) + ".");
  if (options.heads < 1 || options.heads > 16)
    throw std::invalid_argument("The number of heads must be between 1 and 16, got " +
                                std::to_string(options.heads) + ".");
  const float temperature = options.attention.temperature;
  if (!(temperature > 0.0f) || !std::isfinite(temperature))
    throw std::invalid_argument("The temperature must be a number greater than 0 (1 is neutral), got " +
                                std::to_string(temperature) + ".");
  if (options.max_tokens < 1 || options.max_tokens > kMaxTokensLimit)
    throw std::invalid_argument("max_tokens must be between 1 and " + std::to_string(kMaxTokensLimit) + ", got " +
                                std::to_string(options.max_tokens) + ".");
}

// Every head's W_Q, W_K, W_V and the model's W_O.
struct ModelWeights {
  std::vector<HeadWeights> heads;
  Matrix w_o;
};

// The weights of the lesson's lexicon are a pure function of the layout, the
// positional encoding and the seed, and the random heads cost thousands of
// normal draws: a learner switching between a few settings gets them from here
// (issue #6). The trace owns its weights, so callers get a copy.
ModelWeights model_weights(const ModelLayout& layout, Positional positional, std::uint32_t seed) {
  using Key = std::tuple<int, int, Positional, std::uint32_t>;
  static std::map<Key, ModelWeights> cache;
  static std::mutex mutex;
  const std::lock_guard<std::mutex> lock(mutex);
  const Key key(layout.heads, layout.d_model, positional, seed);
  auto found = cache.find(key);
  if (found == cache.end()) {
    if (cache.size() >= 16) cache.clear();  // a handful of settings is all a learner visits
    found = cache.emplace(key, ModelWeights{demo_heads(layout, lesson_lexicon(), positional, seed),
                                            output_projection(layout, seed)}).first;
  }
  return found->second;
}

}  // namespace

ExplainTrace explain(const std::string& sentence, const ExplainOptions& options) {
  check_options(sentence, options);
  const ModelLayout layout = model_layout(options.heads, options.d_model);

  ExplainTrace trace;
  Tokenized tokenized = tokenize_limited(sentence, static_cast<std::size_t>(options.max_tokens));
  if (tokenized.tokens.empty())
    throw std::invalid_argument("The sentence is empty: type at least one word to see attention at work.");
  trace.tokens = std::move(tokenized.tokens);
  trace.notice = tokenized.notice;
  const auto n = static_cast<Eigen::Index>(trace.tokens.size());

  // Stage 1: embeddings, the named features of each word in the first dims.
  // A token is read in its sentence: capitalisation and a sentence start decide
  // between lexicon word and first name (core/word_reading.h).
  const Lexicon& lexicon = lesson_lexicon();
  trace.d_model = layout.d_model;
  trace.d_k = layout.d_k;
  trace.feature_names = dimension_names(layout, lexicon, options.positional);
  trace.embeddings = Matrix::Zero(n, layout.d_model);
  read_sentence(lexicon, installed_first_names(), trace.tokens, layout.features, trace.embeddings);

  // Stage 2: positions in the reserved block, and x = embeddings + positions.
  trace.positions = Matrix::Zero(n, layout.d_model);
  trace.positions.rightCols(layout.positional_width) =
      positional_block(options.positional, static_cast<int>(n), layout.positional_width, options.seed);
  trace.x = trace.embeddings + trace.positions;

  // Stage 3: each head projects x, (rotates q and k), and attends.
  ModelWeights model = model_weights(layout, options.positional, options.seed);
  trace.concat = Matrix::Zero(n, layout.heads * layout.d_k);
  trace.heads.reserve(model.heads.size());
  for (HeadWeights& weights : model.heads) {
    HeadTrace head;
    head.name = std::move(weights.name);
    head.w_q = std::move(weights.w_q);
    head.w_k = std::move(weights.w_k);
    head.w_v = std::move(weights.w_v);
    head.q = trace.x * head.w_q;
    head.k = trace.x * head.w_k;
    head.v = trace.x * head.w_v;
    if (options.positional == Positional::rotary) {
      head.q = apply_rotary(head.q);
      head.k = apply_rotary(head.k);
    }
    head.attention = scaled_dot_product_attention(head.q, head.k, head.v, options.attention);
    trace.concat.middleCols(static_cast<Eigen::Index>(trace.heads.size()) * layout.d_k, layout.d_k) =
        head.attention.output;
    trace.heads.push_back(std::move(head));
  }

  // Stage 4: W_O mixes the heads back into d_model dimensions.
  trace.w_o = std::move(model.w_o);
  trace.output = trace.concat * trace.w_o;
  return trace;
}

}  // namespace attn
