// Multi-head attention written the way most lesson pages write it: Float32Array
// buffers and straightforward nested loops, no library, no blocking or SIMD.
// It is the "what a hand-rolled JS page gets" row of the benchmark table.

// a (rows x inner) times b (inner x cols), row-major: the textbook triple loop.
function matMul(a, b, rows, inner, cols) {
  const out = new Float32Array(rows * cols);
  for (let i = 0; i < rows; ++i) {
    for (let j = 0; j < cols; ++j) {
      let sum = 0;
      for (let k = 0; k < inner; ++k) sum += a[i * inner + k] * b[k * cols + j];
      out[i * cols + j] = sum;
    }
  }
  return out;
}

// One forward pass: Q, K, V projections, each head's softmax(Q K^T / sqrt(d_k)) V
// on its slice of columns, the heads side by side, then W_O.
export function plainMultiHeadForward({ n, dModel, x, wQ, wK, wV, wO }, heads) {
  const q = matMul(x, wQ, n, dModel, dModel);
  const k = matMul(x, wK, n, dModel, dModel);
  const v = matMul(x, wV, n, dModel, dModel);
  const dK = dModel / heads;
  const scale = 1 / Math.sqrt(dK);
  const concat = new Float32Array(n * dModel);
  const weights = new Float32Array(n);  // one query's row of weights at a time
  for (let h = 0; h < heads; ++h) {
    const offset = h * dK;
    for (let i = 0; i < n; ++i) {
      let max = -Infinity;
      for (let j = 0; j < n; ++j) {
        let score = 0;
        for (let c = 0; c < dK; ++c) score += q[i * dModel + offset + c] * k[j * dModel + offset + c];
        score *= scale;
        weights[j] = score;
        if (score > max) max = score;
      }
      let total = 0;
      for (let j = 0; j < n; ++j) {
        weights[j] = Math.exp(weights[j] - max);
        total += weights[j];
      }
      for (let c = 0; c < dK; ++c) {
        let sum = 0;
        for (let j = 0; j < n; ++j) sum += weights[j] * v[j * dModel + offset + c];
        concat[i * dModel + offset + c] = sum / total;
      }
    }
  }
  return matMul(concat, wO, n, dModel, dModel);
}
