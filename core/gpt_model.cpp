// Forward and backward passes of the word-level GPT (gpt_model.h). The
// backward pass walks the forward pass in reverse, one block per forward line.
#include "core/gpt_model.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "core/random.h"

namespace attn {
namespace {

AttentionOptions causal_options() {
  AttentionOptions o;
  o.causal = true;
  return o;
}

std::size_t at(int i) { return static_cast<std::size_t>(i); }

void check_ids(const GptShape& s, const std::vector<int>& ids) {
  if (ids.empty()) throw std::invalid_argument("The trained model needs at least one token.");
  if (static_cast<int>(ids.size()) > s.context)
    throw std::invalid_argument("The trained model reads at most " + std::to_string(s.context) + " tokens, not " +
                                std::to_string(ids.size()) + ".");
  for (int id : ids)
    if (id < 0 || id >= s.vocab) throw std::invalid_argument("A token id is outside the trained model's vocabulary.");
}

}  // namespace

void check_gpt_shape(const GptShape& s) {
  const auto in = [](int v, int lo, int hi) { return v >= lo && v <= hi; };
  if (!in(s.vocab, 3, 65536) || !in(s.d_model, 1, 512) || !in(s.d_k, 1, 512) || !in(s.heads, 1, 16) ||
      !in(s.layers, 1, 8) || !in(s.context, 2, 1024))
    throw std::invalid_argument("The GPT shape is out of range (vocab 3..65536, d_model and d_k 1..512, "
                                "heads 1..16, layers 1..8, context 2..1024).");
}

std::vector<Matrix*> gpt_tensors(GptParams& p) {
  std::vector<Matrix*> list{&p.token_embedding, &p.position_embedding};
  for (GptLayer& layer : p.layers) {
    for (std::size_t h = 0; h < layer.w_q.size(); ++h) {
      list.push_back(&layer.w_q[h]);
      list.push_back(&layer.w_k[h]);
      list.push_back(&layer.w_v[h]);
    }
    list.push_back(&layer.w_o);
  }
  list.push_back(&p.read_out);
  return list;
}

std::vector<const Matrix*> gpt_tensors(const GptParams& p) {
  std::vector<const Matrix*> list;
  for (Matrix* m : gpt_tensors(const_cast<GptParams&>(p))) list.push_back(m);
  return list;
}

std::vector<std::string> gpt_tensor_names(const GptShape& s) {
  std::vector<std::string> names{"token_embedding", "position_embedding"};
  for (int l = 0; l < s.layers; ++l) {
    const std::string layer = "L" + std::to_string(l);
    for (int h = 0; h < s.heads; ++h) {
      const std::string head = layer + "H" + std::to_string(h);
      names.push_back(head + ".w_q");
      names.push_back(head + ".w_k");
      names.push_back(head + ".w_v");
    }
    names.push_back(layer + ".w_o");
  }
  names.push_back("read_out");
  return names;
}

GptParams init_gpt(const GptShape& s, std::uint64_t seed) {
  check_gpt_shape(s);
  Random random(seed);
  GptParams p;
  p.token_embedding = random.normal_matrix(s.vocab, s.d_model, 0.1f);
  p.position_embedding = random.normal_matrix(s.context, s.d_model, 0.1f);
  const float in_scale = 1.0f / std::sqrt(static_cast<float>(s.d_model));
  const float out_scale = 1.0f / std::sqrt(static_cast<float>(s.heads * s.d_k * 2 * s.layers));
  for (int l = 0; l < s.layers; ++l) {
    GptLayer layer;
    for (int h = 0; h < s.heads; ++h) {
      layer.w_q.push_back(random.normal_matrix(s.d_model, s.d_k, in_scale));
      layer.w_k.push_back(random.normal_matrix(s.d_model, s.d_k, in_scale));
      layer.w_v.push_back(random.normal_matrix(s.d_model, s.d_k, in_scale));
    }
    layer.w_o = random.normal_matrix(s.heads * s.d_k, s.d_model, out_scale);
    p.layers.push_back(std::move(layer));
  }
  p.read_out = Matrix::Identity(s.d_model, s.d_model);
  return p;
}

GptParams gpt_zeros_like(const GptParams& p) {
  GptParams z = p;
  for (Matrix* m : gpt_tensors(z)) m->setZero();
  return z;
}

GptForward gpt_forward(const GptParams& p, const GptShape& s, const std::vector<int>& ids) {
  check_ids(s, ids);
  const Eigen::Index n = static_cast<Eigen::Index>(ids.size());
  GptForward f;
  Matrix x(n, s.d_model);
  for (Eigen::Index i = 0; i < n; ++i)
    x.row(i) = p.token_embedding.row(ids[static_cast<std::size_t>(i)]) + p.position_embedding.row(i);
  f.residual.push_back(x);
  f.q.resize(at(s.layers));
  f.k.resize(at(s.layers));
  f.v.resize(at(s.layers));
  f.heads.resize(at(s.layers));
  for (int l = 0; l < s.layers; ++l) {
    const GptLayer& layer = p.layers[at(l)];
    const Matrix& x_l = f.residual.back();
    Matrix concat(n, s.heads * s.d_k);
    for (int h = 0; h < s.heads; ++h) {
      f.q[at(l)].push_back(x_l * layer.w_q[at(h)]);
      f.k[at(l)].push_back(x_l * layer.w_k[at(h)]);
      f.v[at(l)].push_back(x_l * layer.w_v[at(h)]);
      f.heads[at(l)].push_back(
          scaled_dot_product_attention(f.q[at(l)].back(), f.k[at(l)].back(), f.v[at(l)].back(), causal_options()));
      concat.middleCols(h * s.d_k, s.d_k) = f.heads[at(l)].back().output;
    }
    f.layer_output.push_back(concat * layer.w_o);
    f.concat.push_back(std::move(concat));
    f.residual.push_back(x_l + f.layer_output.back());
  }
  f.read = f.residual.back() * p.read_out;
  f.logits = f.read * p.token_embedding.transpose();
  return f;
}

double next_token_loss(const Matrix& logits, Eigen::Index row, int target) {
  const double top = static_cast<double>(logits.row(row).maxCoeff());
  double sum = 0.0;
  for (Eigen::Index j = 0; j < logits.cols(); ++j) sum += std::exp(static_cast<double>(logits(row, j)) - top);
  return top + std::log(sum) - static_cast<double>(logits(row, target));
}

double gpt_loss_and_gradients(const GptParams& p, const GptShape& s, const std::vector<GptSequence>& batch,
                              GptParams* grads) {
  std::size_t predicted = 0;
  for (const GptSequence& seq : batch) predicted += seq.size() > 0 ? seq.size() - 1 : 0;
  if (predicted == 0) throw std::invalid_argument("A training batch needs a sequence of at least two tokens.");
  if (grads) *grads = gpt_zeros_like(p);
  const float inv_count = 1.0f / static_cast<float>(predicted);
  const float divisor = attention_divisor(s.d_k, causal_options());
  double total = 0.0;
  for (const GptSequence& seq : batch) {
    if (seq.size() < 2) continue;
    // The last token has nothing to predict, so the forward pass stops before it.
    const std::vector<int> inputs(seq.begin(), seq.end() - 1);
    const GptForward f = gpt_forward(p, s, inputs);
    const Eigen::Index n = static_cast<Eigen::Index>(inputs.size());
    for (Eigen::Index i = 0; i < n; ++i) total += next_token_loss(f.logits, i, seq[static_cast<std::size_t>(i) + 1]);
    if (!grads) continue;
    GptParams& g = *grads;

    // softmax + cross-entropy: d loss / d logits = probs - one_hot, over the batch's count.
    Matrix d_logits = softmax_rows(f.logits);
    for (Eigen::Index i = 0; i < n; ++i) d_logits(i, seq[static_cast<std::size_t>(i) + 1]) -= 1.0f;
    d_logits *= inv_count;
    // logits = read E^T; read = x_L W_U
    g.token_embedding.noalias() += d_logits.transpose() * f.read;
    const Matrix d_read = d_logits * p.token_embedding;  // n x d
    g.read_out.noalias() += f.residual.back().transpose() * d_read;
    Matrix d_x = d_read * p.read_out.transpose();

    for (int l = s.layers - 1; l >= 0; --l) {
      const GptLayer& layer = p.layers[at(l)];
      GptLayer& g_layer = g.layers[at(l)];
      const Matrix& x_l = f.residual[at(l)];
      // x_{l+1} = x_l + concat W_O: the residual passes d_x straight through.
      g_layer.w_o.noalias() += f.concat[at(l)].transpose() * d_x;
      const Matrix d_concat = d_x * layer.w_o.transpose();
      for (int h = 0; h < s.heads; ++h) {
        const AttentionTrace& t = f.heads[at(l)][at(h)];
        const Matrix d_out = d_concat.middleCols(h * s.d_k, s.d_k);  // n x d_k
        // output = weights V
        const Matrix d_v = t.weights.transpose() * d_out;
        const Matrix d_weights = d_out * f.v[at(l)][at(h)].transpose();  // n x n
        // weights = softmax(masked) row by row; masked keys have weight 0 and get 0.
        const Eigen::VectorXf dot = (d_weights.array() * t.weights.array()).rowwise().sum();
        const Matrix d_scaled = (t.weights.array() * (d_weights.colwise() - dot).array()).matrix();
        // scaled = scores / sqrt(d_k); scores = q k^T
        const Matrix d_scores = d_scaled / divisor;
        const Matrix d_q = d_scores * f.k[at(l)][at(h)];
        const Matrix d_k = d_scores.transpose() * f.q[at(l)][at(h)];
        // q = x_l W_Q, k = x_l W_K, v = x_l W_V
        g_layer.w_q[at(h)].noalias() += x_l.transpose() * d_q;
        g_layer.w_k[at(h)].noalias() += x_l.transpose() * d_k;
        g_layer.w_v[at(h)].noalias() += x_l.transpose() * d_v;
        d_x.noalias() += d_q * layer.w_q[at(h)].transpose();
        d_x.noalias() += d_k * layer.w_k[at(h)].transpose();
        d_x.noalias() += d_v * layer.w_v[at(h)].transpose();
      }
    }
    // x_0 = E[ids] + P[0..n-1]
    for (Eigen::Index i = 0; i < n; ++i) {
      g.token_embedding.row(inputs[static_cast<std::size_t>(i)]) += d_x.row(i);
      g.position_embedding.row(i) += d_x.row(i);
    }
  }
  return total / static_cast<double>(predicted);
}

}  // namespace attn
