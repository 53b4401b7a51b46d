// Matrix types shared by the whole core.
//
// Shape letters used throughout: n = tokens, d = d_model, h = heads,
// d_k = per-head width of queries and keys, d_v = per-head width of values.
//
// Every matrix is row-major with one row per token (n x d, n x d_k, n x n).
// That is the layout the figures draw and the JSON API emits, so nothing is
// transposed when a matrix crosses into a view or into JSON.
#pragma once

#include <Eigen/Dense>

namespace attn {

using Matrix = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using Vector = Eigen::Matrix<float, Eigen::Dynamic, 1>;
using RowVector = Eigen::Matrix<float, 1, Eigen::Dynamic>;

}  // namespace attn
