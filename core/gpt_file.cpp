// Reading and writing the trained model's file (gpt_file.h).
#include "core/gpt_file.h"

#include <cmath>
#include <cstring>
#include <stdexcept>

#include "core/lesson_error.h"

namespace attn {
namespace {

using nlohmann::json;

constexpr const char* kFormat = "attention-lesson trained gpt";
constexpr int kVersion = 2;  // 2: adds the read-out W_U
constexpr const char* kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

int base64_value(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
}

std::size_t base64_length(std::size_t bytes) { return 4 * ((bytes + 2) / 3); }

class ModelParser {
 public:
  explicit ModelParser(std::string file) : file_(std::move(file)) {}

  TrainedGpt parse(const std::string& text) {
    json root;
    try {
      root = json::parse(text);
    } catch (const json::exception& e) {
      fail("", std::string("the file is not valid JSON (") + e.what() + ")");
    }
    if (!root.is_object()) fail("", "expected an object with \"shape\", \"vocab\" and \"tensors\"");
    if (!root.contains("format") || root["format"] != kFormat)
      fail("/format", std::string("expected \"") + kFormat + "\"");
    if (!root.contains("version") || root["version"] != kVersion)
      fail("/version", "expected " + std::to_string(kVersion));
    TrainedGpt model;
    model.shape = read_shape(member(root, "", "shape"));
    model.vocab = read_vocab(member(root, "", "vocab"), model.shape.vocab);
    if (root.contains("provenance")) model.provenance = root["provenance"];
    model.params = read_tensors(member(root, "", "tensors"), model.shape);
    return model;
  }

 private:
  [[noreturn]] void fail(const std::string& path, const std::string& what) const {
    throw LessonError(file_, path, what);
  }

  const json& member(const json& object, const std::string& path, const char* key) const {
    if (!object.is_object()) fail(path, std::string("expected an object, found ") + object.type_name());
    if (!object.contains(key)) fail(path + "/" + key, "missing");
    return object[key];
  }

  int integer(const json& object, const std::string& path, const char* key, int lowest, int highest) const {
    const json& value = member(object, path, key);
    const std::string where = path + "/" + key;
    if (!value.is_number_integer())
      fail(where, std::string("expected a whole number, found ") + value.type_name() + " " + value.dump());
    const long long v = value.get<long long>();
    if (v < lowest || v > highest)
      fail(where, "expected " + std::to_string(lowest) + ".." + std::to_string(highest) + ", found " +
                      std::to_string(v));
    return static_cast<int>(v);
  }

  GptShape read_shape(const json& shape_json) const {
    GptShape s;
    s.vocab = integer(shape_json, "/shape", "vocab", 3, 65536);
    s.d_model = integer(shape_json, "/shape", "d_model", 1, 512);
    s.heads = integer(shape_json, "/shape", "heads", 1, 16);
    s.d_k = integer(shape_json, "/shape", "d_k", 1, 512);
    s.layers = integer(shape_json, "/shape", "layers", 1, 8);
    s.context = integer(shape_json, "/shape", "context", 2, 1024);
    return s;
  }

  GptVocab read_vocab(const json& vocab, int size) const {
    if (!vocab.is_array()) fail("/vocab", std::string("expected a list of words, found ") + vocab.type_name());
    if (static_cast<int>(vocab.size()) != size)
      fail("/vocab", "expected " + std::to_string(size) + " words (shape.vocab), found " +
                         std::to_string(vocab.size()));
    std::vector<std::string> words;
    for (std::size_t i = 0; i < vocab.size(); ++i) {
      if (!vocab[i].is_string())
        fail("/vocab/" + std::to_string(i), std::string("expected a string, found ") + vocab[i].type_name());
      words.push_back(vocab[i].get<std::string>());
    }
    try {
      return GptVocab(std::move(words));
    } catch (const std::invalid_argument& e) {
      fail("/vocab", e.what());
    }
  }

  Matrix read_tensor(const json& tensors, const std::string& name, Eigen::Index rows, Eigen::Index cols) const {
    const std::string path = "/tensors/" + name;
    const json& tensor = member(tensors, "/tensors", name.c_str());
    const int r = integer(tensor, path, "rows", 0, 1 << 20), c = integer(tensor, path, "cols", 0, 1 << 20);
    if (r != rows || c != cols)
      fail(path, "expected " + std::to_string(rows) + " x " + std::to_string(cols) + " (from the shape), found " +
                     std::to_string(r) + " x " + std::to_string(c));
    const json& data = member(tensor, path, "float16");
    if (!data.is_string()) fail(path + "/float16", std::string("expected a base64 string, found ") + data.type_name());
    const std::string& text = data.get_ref<const std::string&>();
    const std::size_t bytes = 2 * static_cast<std::size_t>(rows * cols);
    if (text.size() != base64_length(bytes))
      fail(path + "/float16", "expected " + std::to_string(base64_length(bytes)) + " base64 characters for " +
                                  std::to_string(rows * cols) + " float16 values, found " + std::to_string(text.size()));
    std::vector<std::uint8_t> raw;
    try {
      raw = base64_decode(text);
    } catch (const std::invalid_argument& e) {
      fail(path + "/float16", e.what());
    }
    if (raw.size() != bytes) fail(path + "/float16", "decodes to the wrong number of bytes");
    Matrix m(rows, cols);
    for (Eigen::Index i = 0; i < rows * cols; ++i) {
      const std::size_t b = 2 * static_cast<std::size_t>(i);
      const float value = half_to_float(static_cast<std::uint16_t>(raw[b] | (raw[b + 1] << 8)));
      if (!std::isfinite(value))
        fail(path + "/float16", "value " + std::to_string(i) + " is not finite");
      m(i / cols, i % cols) = value;
    }
    return m;
  }

  GptParams read_tensors(const json& tensors, const GptShape& s) const {
    if (!tensors.is_object()) fail("/tensors", std::string("expected an object, found ") + tensors.type_name());
    GptParams p = init_shapes(s);
    const std::vector<std::string> names = gpt_tensor_names(s);
    const std::vector<Matrix*> list = gpt_tensors(p);
    for (std::size_t t = 0; t < list.size(); ++t)
      *list[t] = read_tensor(tensors, names[t], list[t]->rows(), list[t]->cols());
    if (tensors.size() != list.size())
      fail("/tensors", "expected exactly " + std::to_string(list.size()) + " tensors, found " +
                           std::to_string(tensors.size()));
    return p;
  }

  static GptParams init_shapes(const GptShape& s) {
    GptParams p;
    p.token_embedding.resize(s.vocab, s.d_model);
    p.position_embedding.resize(s.context, s.d_model);
    for (int l = 0; l < s.layers; ++l) {
      GptLayer layer;
      for (int h = 0; h < s.heads; ++h) {
        layer.w_q.emplace_back(s.d_model, s.d_k);
        layer.w_k.emplace_back(s.d_model, s.d_k);
        layer.w_v.emplace_back(s.d_model, s.d_k);
      }
      layer.w_o.resize(s.heads * s.d_k, s.d_model);
      p.layers.push_back(std::move(layer));
    }
    p.read_out.resize(s.d_model, s.d_model);
    return p;
  }

  std::string file_;
};

}  // namespace

std::uint16_t float_to_half(float value) {
  std::uint32_t bits;
  std::memcpy(&bits, &value, sizeof bits);
  const std::uint16_t sign = static_cast<std::uint16_t>((bits >> 16) & 0x8000u);
  const std::uint32_t abs = bits & 0x7FFFFFFFu;
  if (abs >= 0x7F800000u) return static_cast<std::uint16_t>(sign | 0x7C00u | (abs > 0x7F800000u ? 0x200u : 0u));
  const int exponent = static_cast<int>(abs >> 23) - 127 + 15;  // rebias 8-bit to 5-bit exponent
  if (exponent >= 31) return static_cast<std::uint16_t>(sign | 0x7C00u);  // too large: infinity
  // Normal halves keep 10 of the 23 mantissa bits; subnormal halves keep fewer.
  // Either way: take the kept bits, then round on the dropped ones, ties to even.
  std::uint32_t mantissa = (abs & 0x7FFFFFu) | 0x800000u;  // with the implicit leading 1
  int shift = 13;                                          // bits dropped for a normal half
  std::uint32_t half_exponent = static_cast<std::uint32_t>(exponent);
  if (exponent <= 0) {
    if (exponent < -10) return sign;  // below half the smallest subnormal: zero
    shift = 14 - exponent;            // subnormal: the leading 1 moves into the mantissa
    half_exponent = 0;
  } else {
    mantissa &= 0x7FFFFFu;  // normal: the leading 1 is implicit again
  }
  std::uint32_t kept = mantissa >> shift;
  const std::uint32_t dropped = mantissa & ((1u << shift) - 1u);
  const std::uint32_t halfway = 1u << (shift - 1);
  if (dropped > halfway || (dropped == halfway && (kept & 1u))) ++kept;  // a carry rolls into the exponent, as it should
  return static_cast<std::uint16_t>(sign | ((half_exponent << 10) + kept));
}

float half_to_float(std::uint16_t half) {
  const float sign = (half & 0x8000u) ? -1.0f : 1.0f;
  const int exponent = (half >> 10) & 0x1F;
  const int mantissa = half & 0x3FF;
  if (exponent == 0) return sign * std::ldexp(static_cast<float>(mantissa), -24);  // subnormal or zero
  if (exponent == 31) return mantissa ? std::nanf("") : sign * INFINITY;
  return sign * std::ldexp(static_cast<float>(mantissa + 1024), exponent - 25);
}

std::string base64_encode(const std::vector<std::uint8_t>& bytes) {
  std::string out;
  out.reserve(base64_length(bytes.size()));
  for (std::size_t i = 0; i < bytes.size(); i += 3) {
    const std::uint32_t left = static_cast<std::uint32_t>(bytes.size() - i);
    const std::uint32_t chunk = (static_cast<std::uint32_t>(bytes[i]) << 16) |
                                (left > 1 ? static_cast<std::uint32_t>(bytes[i + 1]) << 8 : 0u) |
                                (left > 2 ? static_cast<std::uint32_t>(bytes[i + 2]) : 0u);
    out += kAlphabet[(chunk >> 18) & 63];
    out += kAlphabet[(chunk >> 12) & 63];
    out += left > 1 ? kAlphabet[(chunk >> 6) & 63] : '=';
    out += left > 2 ? kAlphabet[chunk & 63] : '=';
  }
  return out;
}

std::vector<std::uint8_t> base64_decode(std::string_view text) {
  if (text.size() % 4 != 0) throw std::invalid_argument("base64 length must be a multiple of 4");
  std::vector<std::uint8_t> out;
  out.reserve(text.size() / 4 * 3);
  for (std::size_t i = 0; i < text.size(); i += 4) {
    const bool last = i + 4 == text.size();
    int pad = 0;
    std::uint32_t chunk = 0;
    for (std::size_t j = 0; j < 4; ++j) {
      const char c = text[i + j];
      int value = 0;
      if (c == '=' && last && j >= 2 && (j == 3 || text[i + 3] == '=')) {
        ++pad;
      } else {
        value = base64_value(c);
        if (value < 0 || pad > 0)
          throw std::invalid_argument("base64 has a bad character at " + std::to_string(i + j));
      }
      chunk = (chunk << 6) | static_cast<std::uint32_t>(value);
    }
    out.push_back(static_cast<std::uint8_t>(chunk >> 16));
    if (pad < 2) out.push_back(static_cast<std::uint8_t>(chunk >> 8));
    if (pad < 1) out.push_back(static_cast<std::uint8_t>(chunk));
  }
  return out;
}

std::string trained_gpt_to_json(const TrainedGpt& model) {
  const GptShape& s = model.shape;
  json root;
  root["format"] = kFormat;
  root["version"] = kVersion;
  root["shape"] = {{"vocab", s.vocab}, {"d_model", s.d_model}, {"heads", s.heads},
                   {"d_k", s.d_k},     {"layers", s.layers},   {"context", s.context}};
  root["vocab"] = model.vocab.words();
  root["provenance"] = model.provenance;
  json tensors = json::object();
  const std::vector<std::string> names = gpt_tensor_names(s);
  const std::vector<const Matrix*> list = gpt_tensors(model.params);
  for (std::size_t t = 0; t < list.size(); ++t) {
    const Matrix& m = *list[t];
    std::vector<std::uint8_t> raw;
    raw.reserve(static_cast<std::size_t>(2 * m.size()));
    for (Eigen::Index i = 0; i < m.size(); ++i) {
      const float value = m(i / m.cols(), i % m.cols());
      const std::uint16_t half = float_to_half(value);
      if ((half & 0x7C00u) == 0x7C00u)
        throw std::invalid_argument(names[t] + " holds a value that float16 cannot store: " + std::to_string(value));
      raw.push_back(static_cast<std::uint8_t>(half & 0xFF));  // little-endian
      raw.push_back(static_cast<std::uint8_t>(half >> 8));
    }
    tensors[names[t]] = {{"rows", m.rows()}, {"cols", m.cols()}, {"float16", base64_encode(raw)}};
  }
  root["tensors"] = std::move(tensors);
  return root.dump(1);
}

TrainedGpt load_trained_gpt(const std::string& text, const std::string& file) {
  return ModelParser(file).parse(text);
}

}  // namespace attn
