// The JSON API: parse and type-check each request field, call the core, and
// turn every failure into {"error": "..."} so the page never sees an exception.
#include "core/api.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "core/attention.h"
#include "core/explain.h"
#include "core/first_names.h"
#include "core/gpt_explain.h"
#include "core/gpt_file.h"
#include "core/positional.h"
#include "core/tokenizer.h"

namespace attn {

namespace {

using nlohmann::json;

constexpr std::size_t kTokenizeLimit = 512;
constexpr std::size_t kMaxRequestBytes = 1 << 22;     // 4 MiB of JSON is already far past any figure
constexpr std::size_t kMaxMatrixEntries = 1 << 20;    // per matrix, for attend
constexpr std::size_t kMaxMatrixSide = 4096;

// 7 significant digits: a float's precision, without the noise digits that a
// float widened to double prints (0.815 rather than 0.8149999976158142).
json number(float value) {
  if (!std::isfinite(value)) return nullptr;  // JSON has no infinity; masked scores only
  char text[32];
  std::snprintf(text, sizeof text, "%.7g", static_cast<double>(value));
  return std::strtod(text, nullptr);
}

json matrix_json(const Matrix& m) {
  json rows = json::array();
  for (Eigen::Index i = 0; i < m.rows(); ++i) {
    json row = json::array();
    for (Eigen::Index j = 0; j < m.cols(); ++j) row.push_back(number(m(i, j)));
    rows.push_back(std::move(row));
  }
  return rows;
}

json vector_json(const Vector& v) {
  json values = json::array();
  for (Eigen::Index i = 0; i < v.size(); ++i) values.push_back(number(v(i)));
  return values;
}

std::string error_json(const std::string& message) {
  return json{{"error", message}}.dump(-1, ' ', false, json::error_handler_t::replace);
}

json parse_request(const std::string& request) {
  if (request.size() > kMaxRequestBytes)
    throw std::invalid_argument("the request is too large (" + std::to_string(request.size()) + " bytes)");
  json root;
  try {
    root = json::parse(request);
  } catch (const json::parse_error&) {
    throw std::invalid_argument("the request is not valid JSON");
  }
  if (!root.is_object()) throw std::invalid_argument("the request must be a JSON object, like {\"sentence\": \"...\"}");
  return root;
}

// Typed optional fields: a missing (or null) field keeps its default; a field
// of the wrong type is an error that names the field and the expected type.
bool read_bool(const json& request, const char* field, bool fallback) {
  if (!request.contains(field) || request[field].is_null()) return fallback;
  if (!request[field].is_boolean())
    throw std::invalid_argument(std::string("\"") + field + "\" must be true or false, not " +
                                request[field].dump());
  return request[field].get<bool>();
}

double read_number(const json& request, const char* field, double fallback) {
  if (!request.contains(field) || request[field].is_null()) return fallback;
  if (!request[field].is_number())
    throw std::invalid_argument(std::string("\"") + field + "\" must be a number, not " + request[field].dump());
  return request[field].get<double>();
}

long long read_integer(const json& request, const char* field, long long fallback, long long lowest,
                       long long highest) {
  if (!request.contains(field) || request[field].is_null()) return fallback;
  const json& value = request[field];
  const std::string range = " between " + std::to_string(lowest) + " and " + std::to_string(highest);
  if (!value.is_number())
    throw std::invalid_argument(std::string("\"") + field + "\" must be a whole number" + range + ", not " +
                                value.dump());
  const double v = value.get<double>();
  if (v != std::floor(v))
    throw std::invalid_argument(std::string("\"") + field + "\" must be a whole number, not " + value.dump());
  if (v < static_cast<double>(lowest) || v > static_cast<double>(highest))
    throw std::invalid_argument(std::string("\"") + field + "\" must be" + range + ", not " + value.dump());
  return static_cast<long long>(v);
}

std::string read_string(const json& request, const char* field, const std::string& fallback) {
  if (!request.contains(field) || request[field].is_null()) return fallback;
  if (!request[field].is_string())
    throw std::invalid_argument(std::string("\"") + field + "\" must be a string, not " + request[field].dump());
  return request[field].get<std::string>();
}

Matrix read_matrix(const json& request, const char* field) {
  const std::string name = std::string("\"") + field + "\"";
  if (!request.contains(field)) throw std::invalid_argument(name + " is missing: give a list of rows of numbers");
  const json& rows = request[field];
  if (!rows.is_array() || rows.empty())
    throw std::invalid_argument(name + " must be a non-empty list of rows, like [[1, 0], [0, 1]]");
  if (!rows[0].is_array() || rows[0].empty())
    throw std::invalid_argument(name + " row 0 must be a non-empty list of numbers");
  const std::size_t cols = rows[0].size();
  if (rows.size() > kMaxMatrixSide || cols > kMaxMatrixSide || rows.size() * cols > kMaxMatrixEntries)
    throw std::invalid_argument(name + " is too large for the demo (" + std::to_string(rows.size()) + " x " +
                                std::to_string(cols) + ")");
  Matrix m(static_cast<Eigen::Index>(rows.size()), static_cast<Eigen::Index>(cols));
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (!rows[i].is_array() || rows[i].size() != cols)
      throw std::invalid_argument(name + " row " + std::to_string(i) + " must be a list of " +
                                  std::to_string(cols) + " numbers, like row 0");
    for (std::size_t j = 0; j < cols; ++j) {
      const json& value = rows[i][j];
      if (!value.is_number())
        throw std::invalid_argument(name + " row " + std::to_string(i) + " entry " + std::to_string(j) +
                                    " must be a number, not " + value.dump());
      const double v = value.get<double>();
      if (!std::isfinite(v) || std::abs(v) > std::numeric_limits<float>::max())
        throw std::invalid_argument(name + " row " + std::to_string(i) + " entry " + std::to_string(j) +
                                    " is too large");
      m(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)) = static_cast<float>(v);
    }
  }
  return m;
}

AttentionOptions read_attention_options(const json& request) {
  AttentionOptions options;
  options.scale = read_bool(request, "scale", true);
  options.causal = read_bool(request, "causal", false);
  const double temperature = read_number(request, "temperature", 1.0);
  if (!(temperature > 0.0) || temperature > 1e6)
    throw std::invalid_argument("\"temperature\" must be greater than 0 (1 is neutral), not " +
                                std::to_string(temperature));
  options.temperature = static_cast<float>(temperature);
  return options;
}

// A token's "name_gender": "female", "male", "unknown", or null when it was not read as a name.
json name_gender_json(NameGender gender) {
  if (gender == NameGender::none) return nullptr;
  return name_gender_name(gender);
}

// The designed and the trained model share these fields (docs/API.md).
json trace_json(const ExplainTrace& trace, bool stages) {
  json out;
  json tokens = json::array(), unknown = json::array(), offsets = json::array(), name_gender = json::array();
  for (const Token& token : trace.tokens) {
    tokens.push_back(token.text);
    unknown.push_back(!token.known);
    offsets.push_back({token.byte_begin, token.byte_end});
    name_gender.push_back(name_gender_json(token.name_gender));
  }
  out["tokens"] = std::move(tokens);
  out["unknown"] = std::move(unknown);
  out["name_gender"] = std::move(name_gender);
  out["offsets"] = std::move(offsets);
  out["notice"] = trace.notice;
  out["d_model"] = trace.d_model;
  out["d_k"] = trace.d_k;
  json heads = json::array();
  for (const HeadTrace& head : trace.heads) {
    json h;
    h["name"] = head.name;
    h["weights"] = matrix_json(head.attention.weights);
    if (stages) {
      h["w_q"] = matrix_json(head.w_q);
      h["w_k"] = matrix_json(head.w_k);
      h["w_v"] = matrix_json(head.w_v);
      h["q"] = matrix_json(head.q);
      h["k"] = matrix_json(head.k);
      h["v"] = matrix_json(head.v);
      h["scores"] = matrix_json(head.attention.scores);
      h["scaled"] = matrix_json(head.attention.scaled);
      h["output"] = matrix_json(head.attention.output);
      // Only the API reports it, so it is computed here rather than for every
      // trace the page asks for (one log per weight: issue #6).
      h["entropy"] = vector_json(row_entropy_bits(head.attention.weights));
    }
    heads.push_back(std::move(h));
  }
  out["heads"] = std::move(heads);
  if (stages) {
    out["feature_names"] = trace.feature_names;
    out["embeddings"] = matrix_json(trace.embeddings);
    out["positions"] = matrix_json(trace.positions);
    out["x"] = matrix_json(trace.x);
    out["concat"] = matrix_json(trace.concat);
    out["w_o"] = matrix_json(trace.w_o);
    out["output"] = matrix_json(trace.output);
  }
  return out;
}

// Only the trained model has layers, a residual stream and next-word guesses;
// settings of the designed model that it does not have are listed as ignored.
void add_trained_fields(json& out, const GptExplainTrace& trace, const json& request, bool stages) {
  out["model"] = "trained";
  out["layers"] = static_cast<int>(trace.layers.size());
  json head_layer = json::array();
  for (int l : trace.head_layer) head_layer.push_back(l);
  out["head_layer"] = std::move(head_layer);
  json ignored = json::array();
  for (const char* field : {"heads", "d_model", "positional", "causal", "scale", "temperature", "seed"})
    if (request.contains(field) && !request[field].is_null()) ignored.push_back(field);
  out["ignored"] = std::move(ignored);
  json guesses = json::array();
  for (const auto& row : trace.next_words) {
    json r = json::array();
    for (const NextWordGuess& g : row) r.push_back({{"word", g.word}, {"probability", number(g.probability)}});
    guesses.push_back(std::move(r));
  }
  out["next_words"] = std::move(guesses);
  if (stages) {
    json layers = json::array();
    for (const GptLayerTrace& layer : trace.layers)
      layers.push_back({{"input", matrix_json(layer.input)}, {"concat", matrix_json(layer.concat)},
                        {"w_o", matrix_json(layer.w_o)}, {"output", matrix_json(layer.output)}});
    out["layer_stages"] = std::move(layers);
    out["final_residual"] = matrix_json(trace.final_residual);
  }
}

}  // namespace

std::string tokenize_json(const std::string& text) {
  try {
    if (text.size() > kMaxRequestBytes) return error_json("the text is too long to tokenize");
    const std::vector<Token> tokens = tokenize(text);
    if (tokens.size() > kTokenizeLimit)
      return error_json("the text has " + std::to_string(tokens.size()) + " tokens; at most " +
                        std::to_string(kTokenizeLimit) + " can be shown");
    json out = json::array();
    for (const Token& token : tokens) out.push_back(token.text);
    return out.dump(-1, ' ', false, json::error_handler_t::replace);
  } catch (const std::exception& e) {
    return error_json(e.what());
  } catch (...) {
    return error_json("tokenize failed");
  }
}

std::string attend_json(const std::string& request_text) {
  try {
    const json request = parse_request(request_text);
    const Matrix q = read_matrix(request, "q"), k = read_matrix(request, "k"), v = read_matrix(request, "v");
    const AttentionTrace trace = scaled_dot_product_attention(q, k, v, read_attention_options(request));
    json out;
    out["scores"] = matrix_json(trace.scores);
    out["scaled"] = matrix_json(trace.scaled);
    out["weights"] = matrix_json(trace.weights);
    out["output"] = matrix_json(trace.output);
    return out.dump();
  } catch (const std::exception& e) {
    return error_json(e.what());
  } catch (...) {
    return error_json("attend failed");
  }
}

std::string explain_json(const std::string& request_text) {
  try {
    const json request = parse_request(request_text);
    if (!request.contains("sentence")) throw std::invalid_argument("\"sentence\" is missing: give the text to explain");
    const std::string sentence = read_string(request, "sentence", "");
    ExplainOptions options;
    options.heads = static_cast<int>(read_integer(request, "heads", 3, 1, 16));
    options.d_model = static_cast<int>(read_integer(request, "d_model", 0, 0, 512));
    options.positional = parse_positional(read_string(request, "positional", "sinusoidal"));
    options.attention = read_attention_options(request);
    options.seed = static_cast<std::uint32_t>(read_integer(request, "seed", 1, 0, 4294967295LL));
    options.max_tokens = static_cast<int>(read_integer(request, "max_tokens", 64, 1, 512));
    const std::string model = read_string(request, "model", "designed");
    if (model != "designed" && model != "trained")
      throw std::invalid_argument("\"model\" must be \"designed\" or \"trained\", not \"" + model + "\"");
    const bool stages = read_bool(request, "stages", true);
    json out;
    if (model == "trained") {
      const TrainedGpt* trained = installed_trained_gpt();
      if (!trained)
        throw std::invalid_argument("the trained model is not loaded yet: call load_model_json with "
                                    "lessons/models/trained_gpt.json first");
      const GptExplainTrace trace = explain_trained(*trained, sentence, options.max_tokens);
      out = trace_json(trace.base, stages);
      add_trained_fields(out, trace, request, stages);
    } else {
      out = trace_json(explain(sentence, options), stages);
    }
    // Tokens are exact slices of valid UTF-8, but never let a stray byte abort the dump.
    return out.dump(-1, ' ', false, json::error_handler_t::replace);
  } catch (const std::exception& e) {
    return error_json(e.what());
  } catch (...) {
    return error_json("explain failed");
  }
}

std::string load_model_json(const std::string& text) {
  try {
    if (text.size() > (kMaxRequestBytes << 1)) return error_json("the model file is too large");
    TrainedGpt model = load_trained_gpt(text);
    json out{{"ok", true},
             {"vocab", model.shape.vocab},
             {"layers", model.shape.layers},
             {"heads", model.shape.heads},
             {"d_model", model.shape.d_model},
             {"d_k", model.shape.d_k},
             {"context", model.shape.context},
             {"provenance", model.provenance}};
    install_trained_gpt(std::move(model));
    return out.dump(-1, ' ', false, json::error_handler_t::replace);
  } catch (const std::exception& e) {
    return error_json(e.what());
  } catch (...) {
    return error_json("load_model failed");
  }
}

std::string load_names_json(const std::string& text) {
  try {
    if (text.size() > kMaxRequestBytes) return error_json("the names file is too large");
    FirstNames names = parse_first_names(text, "the names file");
    // Written out rather than built as a json object, which took 0.7 KB more of the page's module.
    const std::string out = "{\"ok\":true,\"female\":" + std::to_string(names.female.size()) +
                            ",\"male\":" + std::to_string(names.male.size()) +
                            ",\"unknown\":" + std::to_string(names.unknown.size()) + ",\"source\":" +
                            json(names.source).dump(-1, ' ', false, json::error_handler_t::replace) + "}";
    install_first_names(std::move(names));
    return out;
  } catch (const std::exception& e) {
    return error_json(e.what());
  } catch (...) {
    return error_json("load_names failed");
  }
}

}  // namespace attn
