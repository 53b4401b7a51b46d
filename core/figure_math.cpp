// The figures' derived numbers (see figure_math.h), each read off the trace
// or the cost model so the pictures agree with the facts.
#include "core/figure_math.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

#include "core/cost_model.h"

namespace attn {
namespace {

void check_row(const Matrix& m, Eigen::Index row, const char* what) {
  if (row < 0 || row >= m.rows())
    throw std::invalid_argument(std::string("there is no row ") + std::to_string(row) + " in the " + what +
                                " (it has " + std::to_string(m.rows()) + ")");
}

bool hidden(const AttentionTrace& attention, Eigen::Index row, Eigen::Index key) {
  return attention.masked.rows() > 0 && attention.masked(row, key) == -std::numeric_limits<float>::infinity();
}

}  // namespace

DotProductTerms dot_product_terms(const RowVector& q_row, const RowVector& k_row) {
  if (q_row.size() == 0 || q_row.size() != k_row.size())
    throw std::invalid_argument("a dot product needs two rows of the same width, not " +
                                std::to_string(q_row.size()) + " and " + std::to_string(k_row.size()));
  DotProductTerms terms;
  for (Eigen::Index t = 0; t < q_row.size(); ++t) {
    terms.q.push_back(q_row(t));
    terms.k.push_back(k_row(t));
    terms.products.push_back(q_row(t) * k_row(t));
  }
  terms.sum = q_row.dot(k_row);
  return terms;
}

Vector row_sums(const Matrix& m) { return m.rowwise().sum(); }

Matrix weighted_values(const Matrix& weights, const Matrix& v, Eigen::Index query) {
  check_row(weights, query, "weights");
  if (weights.cols() != v.rows())
    throw std::invalid_argument("the weights have " + std::to_string(weights.cols()) + " columns but there are " +
                                std::to_string(v.rows()) + " value rows");
  return weights.row(query).transpose().asDiagonal() * v;
}

RowVector blend_values(const RowVector& weights, const Matrix& v) {
  if (weights.size() != v.rows())
    throw std::invalid_argument("there are " + std::to_string(weights.size()) + " weights for " +
                                std::to_string(v.rows()) + " value rows");
  return weights * v;
}

RowVector row_weights(const AttentionTrace& attention, Eigen::Index row, bool hard_argmax) {
  check_row(attention.weights, row, "weights");
  if (!hard_argmax) return attention.weights.row(row);
  const Matrix& logits = attention.masked.rows() > 0 ? attention.masked : attention.scaled;
  return hard_argmax_rows(logits.row(row));
}

RowSpread row_spread(const AttentionTrace& attention, Eigen::Index row) {
  check_row(attention.weights, row, "weights");
  RowSpread spread;
  for (Eigen::Index j = 0; j < attention.weights.cols(); ++j) {
    if (hidden(attention, row, j)) continue;
    ++spread.visible;
    const float w = attention.weights(row, j);
    if (spread.argmax < 0 || w > spread.largest) spread.largest = w, spread.argmax = j;
    if (w > 0.0f) spread.entropy_bits -= w * std::log2(w);
  }
  if (spread.visible == 0) return spread;  // a fully masked row has no distribution
  spread.even_share = 1.0f / static_cast<float>(spread.visible);
  spread.max_entropy_bits = std::log2(static_cast<float>(spread.visible));
  spread.decisive = spread.largest >= spread.even_share + kDecisiveFraction * (1.0f - spread.even_share);
  return spread;
}

CostCurve cost_curve(std::int64_t max_length, std::int64_t step, std::int64_t d_model, std::int64_t heads) {
  if (max_length < 0 || step < 1)
    throw std::invalid_argument("the cost curve needs a length of at least 0 and a step of at least 1");
  CostCurve curve;
  for (std::int64_t n = 0; n <= max_length; n += step) {
    curve.lengths.push_back(n);
    curve.attention_ops.push_back(attention_cost(n, d_model, heads).total_ops);
    curve.rnn_ops.push_back(rnn_cost(n, d_model, d_model).total_ops);
  }
  return curve;
}

}  // namespace attn
