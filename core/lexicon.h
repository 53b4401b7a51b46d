// The demo model's word knowledge: lessons/lexicon.json maps words to values on
// named feature dimensions (person, female, male, plural, ...). A word the
// lexicon lacks gets a deterministic hashed vector and is flagged unknown.
// First names are not in it: they come from core/first_names.h, and
// core/word_reading.h decides whether a token is read as a word or a name.
//
// File shape:
//   {"features": ["person", "female", ...],
//    "groups": [{"name": "female people", "features": {"person": 1, "female": 1},
//                "words": ["woman", "girl", ...]}, ...],
//    "words": {"bank": {"place": 0.5, "ambiguous": 1}, "cash": [1, 0, ...], ...}}
// A feature set is either an object {name: value} (unnamed features are 0) or
// an array with one number per feature. Values lie in [-1, 1]. Words are
// lowercase and appear once in the whole file.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/tensor.h"

namespace attn {

struct Lexicon {
  std::vector<std::string> features;              // dimension names, in order
  std::unordered_map<std::string, Vector> words;  // lookup key -> one value per feature

  // Index of a feature name, or -1.
  int feature_index(std::string_view name) const;
};

struct WordVector {
  Vector features;  // one value per lexicon feature
  bool known = true;
};

// Parses and validates a lexicon. Throws LessonError naming file_name, the JSON
// path and what is wrong.
Lexicon parse_lexicon(const std::string& json_text, const std::string& file_name);

// The lesson's lexicon (lessons/lexicon.json, compiled in), parsed once.
const Lexicon& lesson_lexicon();

// A token's feature vector. Tries the lookup key, then the word without a
// possessive 's, then a plural -s on a noun; otherwise a hashed vector: small
// non-negative values seeded by stable_hash of the key, so the same unknown
// word gets the same vector on every run and platform.
WordVector word_vector(const Lexicon& lexicon, std::string_view token_text);

}  // namespace attn
