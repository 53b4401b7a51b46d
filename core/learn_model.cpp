// Forward and backward passes of the tiny phone-book model (learn_model.h).
// The backward pass follows the forward pass in reverse, one line per
// forward line, so each can be checked against the other by reading.
#include "core/learn_model.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace attn {
namespace {

Matrix zeros_of(const Matrix& m) { return Matrix::Zero(m.rows(), m.cols()); }

void check_example(const LearnModelShape& s, const LearnExample& e) {
  const std::size_t slots = static_cast<std::size_t>(s.task.pairs) + 1;
  if (e.letter.size() != slots || e.digit.size() != slots)
    throw std::invalid_argument("A learn example needs " + std::to_string(slots) + " slots.");
  for (std::size_t i = 0; i < slots; ++i) {
    if (e.letter[i] < 0 || e.letter[i] >= s.task.letters || e.digit[i] < 0 || e.digit[i] > s.task.digits)
      throw std::invalid_argument("A learn example has a letter or digit outside the task's alphabet.");
  }
  if (e.answer < 0 || e.answer >= s.task.digits)
    throw std::invalid_argument("A learn example's answer must be one of the task's digits.");
}

AttentionOptions head_options() { return AttentionOptions{}; }  // scaled, not causal, temperature 1

}  // namespace

void check_model_shape(const LearnModelShape& s) {
  check_task_shape(s.task);
  if (s.heads < 1 || s.heads > 8)
    throw std::invalid_argument("The learn model takes 1 to 8 heads, not " + std::to_string(s.heads) + ".");
  if (s.d_model < 1 || s.d_model > 256 || s.d_k < 1 || s.d_k > 256)
    throw std::invalid_argument("The learn model's d_model and d_k must be between 1 and 256.");
}

std::vector<Matrix*> param_tensors(LearnParams& p) {
  std::vector<Matrix*> list{&p.letter_embedding, &p.digit_embedding};
  for (std::size_t h = 0; h < p.w_q.size(); ++h) {
    list.push_back(&p.w_q[h]);
    list.push_back(&p.w_k[h]);
    list.push_back(&p.w_v[h]);
  }
  list.push_back(&p.w_o);
  list.push_back(&p.w_out);
  list.push_back(&p.b_out);
  return list;
}

std::vector<const Matrix*> param_tensors(const LearnParams& p) {
  std::vector<const Matrix*> list;
  for (Matrix* m : param_tensors(const_cast<LearnParams&>(p))) list.push_back(m);
  return list;
}

std::vector<std::string> param_names(const LearnParams& p) {
  std::vector<std::string> names{"letter_embedding", "digit_embedding"};
  for (std::size_t h = 0; h < p.w_q.size(); ++h) {
    const std::string i = "[" + std::to_string(h) + "]";
    names.push_back("w_q" + i);
    names.push_back("w_k" + i);
    names.push_back("w_v" + i);
  }
  names.push_back("w_o");
  names.push_back("w_out");
  names.push_back("b_out");
  return names;
}

LearnParams init_params(const LearnModelShape& s, std::uint64_t seed) {
  check_model_shape(s);
  Random random(seed);
  LearnParams p;
  const float d = static_cast<float>(s.d_model);
  p.letter_embedding = random.normal_matrix(s.task.letters, s.d_model, 1.0f);
  p.digit_embedding = random.normal_matrix(s.task.digits + 1, s.d_model, 1.0f);
  for (int h = 0; h < s.heads; ++h) {
    p.w_q.push_back(random.normal_matrix(s.d_model, s.d_k, 1.0f / std::sqrt(d)));
    p.w_k.push_back(random.normal_matrix(s.d_model, s.d_k, 1.0f / std::sqrt(d)));
    p.w_v.push_back(random.normal_matrix(s.d_model, s.d_k, 1.0f / std::sqrt(d)));
  }
  p.w_o = random.normal_matrix(s.heads * s.d_k, s.d_model, 1.0f / std::sqrt(static_cast<float>(s.heads * s.d_k)));
  p.w_out = random.normal_matrix(s.d_model, s.task.digits, 1.0f / std::sqrt(d));
  p.b_out = Matrix::Zero(1, s.task.digits);
  return p;
}

LearnParams zeros_like(const LearnParams& p) {
  LearnParams z;
  z.letter_embedding = zeros_of(p.letter_embedding);
  z.digit_embedding = zeros_of(p.digit_embedding);
  for (std::size_t h = 0; h < p.w_q.size(); ++h) {
    z.w_q.push_back(zeros_of(p.w_q[h]));
    z.w_k.push_back(zeros_of(p.w_k[h]));
    z.w_v.push_back(zeros_of(p.w_v[h]));
  }
  z.w_o = zeros_of(p.w_o);
  z.w_out = zeros_of(p.w_out);
  z.b_out = zeros_of(p.b_out);
  return z;
}

LearnForward forward(const LearnParams& p, const LearnModelShape& s, const LearnExample& e) {
  check_example(s, e);
  const Eigen::Index slots = static_cast<Eigen::Index>(e.letter.size());
  LearnForward f;
  f.x.resize(slots, s.d_model);
  for (Eigen::Index i = 0; i < slots; ++i)
    f.x.row(i) = p.letter_embedding.row(e.letter[static_cast<std::size_t>(i)]) +
                 p.digit_embedding.row(e.digit[static_cast<std::size_t>(i)]);
  const Matrix x_last = f.x.bottomRows(1);
  f.concat.resize(1, s.heads * s.d_k);
  for (int h = 0; h < s.heads; ++h) {
    f.q.push_back(x_last * p.w_q[static_cast<std::size_t>(h)]);
    f.k.push_back(f.x * p.w_k[static_cast<std::size_t>(h)]);
    f.v.push_back(f.x * p.w_v[static_cast<std::size_t>(h)]);
    f.heads.push_back(scaled_dot_product_attention(f.q.back(), f.k.back(), f.v.back(), head_options()));
    f.concat.middleCols(h * s.d_k, s.d_k) = f.heads.back().output;
  }
  f.y = f.concat * p.w_o;
  f.logits = f.y * p.w_out + p.b_out;
  return f;
}

double example_loss(const LearnForward& f, int answer) {
  const Eigen::Index n = f.logits.cols();
  double top = f.logits(0, 0);
  for (Eigen::Index j = 1; j < n; ++j) top = std::max(top, static_cast<double>(f.logits(0, j)));
  double sum = 0.0;
  for (Eigen::Index j = 0; j < n; ++j) sum += std::exp(static_cast<double>(f.logits(0, j)) - top);
  return top + std::log(sum) - static_cast<double>(f.logits(0, answer));
}

double loss_and_gradients(const LearnParams& p, const LearnModelShape& s, const std::vector<LearnExample>& batch,
                          LearnParams* grads) {
  if (batch.empty()) throw std::invalid_argument("A batch needs at least one example.");
  if (grads) *grads = zeros_like(p);
  const float inv_batch = 1.0f / static_cast<float>(batch.size());
  const float divisor = attention_divisor(s.d_k, head_options());
  double total = 0.0;
  for (const LearnExample& e : batch) {
    const LearnForward f = forward(p, s, e);
    total += example_loss(f, e.answer);
    if (!grads) continue;
    LearnParams& g = *grads;

    // logits -> softmax -> cross-entropy: d loss / d logits = probs - one_hot.
    Matrix d_logits = softmax_rows(f.logits);
    d_logits(0, e.answer) -= 1.0f;
    d_logits *= inv_batch;
    // logits = y W_out + b_out
    g.w_out.noalias() += f.y.transpose() * d_logits;
    g.b_out += d_logits;
    const Matrix d_y = d_logits * p.w_out.transpose();
    // y = concat W_O
    g.w_o.noalias() += f.concat.transpose() * d_y;
    const Matrix d_concat = d_y * p.w_o.transpose();

    Matrix d_x = Matrix::Zero(f.x.rows(), f.x.cols());
    const Eigen::Index last = f.x.rows() - 1;
    for (int h = 0; h < s.heads; ++h) {
      const std::size_t hi = static_cast<std::size_t>(h);
      const AttentionTrace& t = f.heads[hi];
      const Matrix d_out = d_concat.middleCols(h * s.d_k, s.d_k);  // 1 x d_k
      // output = weights V
      const Matrix d_v = t.weights.transpose() * d_out;                 // slots x d_k
      const Matrix d_weights = d_out * f.v[hi].transpose();             // 1 x slots
      // weights = softmax(scaled): d scaled_j = w_j (d w_j - sum_i w_i d w_i)
      const float dot = (d_weights.array() * t.weights.array()).sum();
      const Matrix d_scaled = (t.weights.array() * (d_weights.array() - dot)).matrix();
      // scaled = scores / divisor; scores = q K^T
      const Matrix d_scores = d_scaled / divisor;
      const Matrix d_q = d_scores * f.k[hi];                            // 1 x d_k
      const Matrix d_k = d_scores.transpose() * f.q[hi];                // slots x d_k
      // q = x_last W_Q, K = X W_K, V = X W_V
      g.w_q[hi].noalias() += f.x.row(last).transpose() * d_q;
      g.w_k[hi].noalias() += f.x.transpose() * d_k;
      g.w_v[hi].noalias() += f.x.transpose() * d_v;
      d_x.row(last).noalias() += d_q * p.w_q[hi].transpose();
      d_x.noalias() += d_k * p.w_k[hi].transpose();
      d_x.noalias() += d_v * p.w_v[hi].transpose();
    }
    // x_s = letter_embedding[letter_s] + digit_embedding[digit_s]
    for (Eigen::Index i = 0; i < f.x.rows(); ++i) {
      g.letter_embedding.row(e.letter[static_cast<std::size_t>(i)]) += d_x.row(i);
      g.digit_embedding.row(e.digit[static_cast<std::size_t>(i)]) += d_x.row(i);
    }
  }
  return total / static_cast<double>(batch.size());
}

double accuracy(const LearnParams& p, const LearnModelShape& s, const std::vector<LearnExample>& batch) {
  if (batch.empty()) throw std::invalid_argument("Accuracy needs at least one example.");
  int right = 0;
  for (const LearnExample& e : batch) {
    const LearnForward f = forward(p, s, e);
    Eigen::Index best = 0;
    f.logits.row(0).maxCoeff(&best);
    if (best == e.answer) ++right;
  }
  return static_cast<double>(right) / static_cast<double>(batch.size());
}

}  // namespace attn
