// The JSON boundary of the core, called by the embind bindings (web/) and by
// tests. Requests and responses are JSON text exactly as docs/API.md describes.
// These functions never throw: any problem comes back as {"error": "..."}.
#pragma once

#include <string>

namespace attn {

// Text -> ["Alice", "emailed", ...]. Over 512 tokens: {"error": ...}.
std::string tokenize_json(const std::string& text);

// {"q", "k", "v", "scale", "causal", "temperature"} -> {"scores", "scaled", "weights", "output"}.
std::string attend_json(const std::string& request);

// {"sentence", "heads", "d_model", "positional", "causal", "scale", "temperature",
//  "seed", "max_tokens", "model", "stages"} -> the demo model's full trace.
// "model": "trained" traces the model load_model_json installed instead.
std::string explain_json(const std::string& request);

// The text of lessons/models/trained_gpt.json -> {"ok": true, "vocab", "layers",
// "heads", "d_model", "d_k", "context", "provenance"}, installing it process-wide
// for explain_json's "model": "trained"; a bad file -> {"error": ...} naming the field.
std::string load_model_json(const std::string& text);

// The text of lessons/names/first_names.json -> {"ok": true, "female", "male",
// "unknown" (how many names of each), "source"}, installing the list process-wide
// for every later trace (core/first_names.h); a bad file -> {"error": ...}
// naming the field, and the names in use stay as they were.
std::string load_names_json(const std::string& text);

}  // namespace attn
