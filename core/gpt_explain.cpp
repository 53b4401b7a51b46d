// The trained model's trace (gpt_explain.h).
#include "core/gpt_explain.h"

#include <algorithm>
#include <memory>
#include <numeric>
#include <stdexcept>

namespace attn {
namespace {

std::unique_ptr<const TrainedGpt>& installed() {
  static std::unique_ptr<const TrainedGpt> model;
  return model;
}

std::size_t at(int i) { return static_cast<std::size_t>(i); }

}  // namespace

GptExplainTrace explain_trained(const TrainedGpt& model, const std::string& sentence, int max_tokens, int guesses) {
  const GptShape& s = model.shape;
  if (max_tokens < 1) throw std::invalid_argument("max_tokens must be at least 1.");
  const int room = s.context - 1;  // one position is <bos>
  const int limit = std::min(max_tokens, room);
  Tokenized tokenized = tokenize_limited(sentence, static_cast<std::size_t>(limit));
  if (tokenized.tokens.empty())
    throw std::invalid_argument("The sentence is empty: type at least one word to see attention at work.");

  GptExplainTrace out;
  ExplainTrace& trace = out.base;
  if (!tokenized.notice.empty() && limit == room && static_cast<int>(tokenized.total) > room)
    tokenized.notice = "The trained model reads " + std::to_string(room) + " words after <bos>: only the first " +
                       std::to_string(room) + " of " + std::to_string(tokenized.total) + " tokens are shown.";
  trace.notice = tokenized.notice;
  Token bos;
  bos.text = kBosWord;
  trace.tokens.push_back(bos);
  out.ids.push_back(kBosId);
  for (Token& token : tokenized.tokens) {
    const int id = model.vocab.id_of(token.text);
    token.known = id != kUnkId;
    out.ids.push_back(id);
    trace.tokens.push_back(std::move(token));
  }

  const GptForward f = gpt_forward(model.params, s, out.ids);
  const Eigen::Index n = static_cast<Eigen::Index>(out.ids.size());
  trace.d_model = s.d_model;
  trace.d_k = s.d_k;
  for (int i = 0; i < s.d_model; ++i) trace.feature_names.push_back("dim " + std::to_string(i));  // learned, unnamed
  trace.embeddings.resize(n, s.d_model);
  for (Eigen::Index i = 0; i < n; ++i) trace.embeddings.row(i) = model.params.token_embedding.row(out.ids[at(static_cast<int>(i))]);
  trace.positions = model.params.position_embedding.topRows(n);
  trace.x = f.residual[0];

  for (int l = 0; l < s.layers; ++l) {
    const GptLayer& layer = model.params.layers[at(l)];
    for (int h = 0; h < s.heads; ++h) {
      HeadTrace head;
      head.name = "L" + std::to_string(l) + "H" + std::to_string(h);
      head.w_q = layer.w_q[at(h)];
      head.w_k = layer.w_k[at(h)];
      head.w_v = layer.w_v[at(h)];
      head.q = f.q[at(l)][at(h)];
      head.k = f.k[at(l)][at(h)];
      head.v = f.v[at(l)][at(h)];
      head.attention = f.heads[at(l)][at(h)];
      trace.heads.push_back(std::move(head));
      out.head_layer.push_back(l);
    }
    out.layers.push_back({f.residual[at(l)], f.concat[at(l)], layer.w_o, f.layer_output[at(l)]});
  }
  trace.concat = out.layers.back().concat;
  trace.w_o = out.layers.back().w_o;
  trace.output = out.layers.back().output;
  out.final_residual = f.residual.back();

  const Matrix probabilities = softmax_rows(f.logits);
  std::vector<int> order(static_cast<std::size_t>(s.vocab));
  const int keep = std::max(0, std::min(guesses, s.vocab));
  for (Eigen::Index i = 0; i < n; ++i) {
    std::iota(order.begin(), order.end(), 0);
    std::partial_sort(order.begin(), order.begin() + keep, order.end(),
                      [&](int a, int b) { return probabilities(i, a) > probabilities(i, b); });
    std::vector<NextWordGuess> row;
    for (int r = 0; r < keep; ++r)
      row.push_back({model.vocab.words()[at(order[at(r)])], probabilities(i, order[at(r)])});
    out.next_words.push_back(std::move(row));
  }
  return out;
}

void install_trained_gpt(TrainedGpt model) { installed() = std::make_unique<const TrainedGpt>(std::move(model)); }

const TrainedGpt* installed_trained_gpt() { return installed().get(); }

void clear_trained_gpt() { installed().reset(); }

}  // namespace attn
