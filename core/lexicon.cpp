// Loading, validating and querying the lexicon. Every problem in the file is
// reported with the file name, the JSON path (RFC 6901) and what is wrong, so
// whoever edits lessons/lexicon.json can fix it without reading this code.
#include "core/lexicon.h"

#include <cmath>
#include <nlohmann/json.hpp>

#include "core/embedded_lessons.h"
#include "core/lesson_error.h"
#include "core/random.h"
#include "core/tokenizer.h"

namespace attn {

namespace {

using nlohmann::json;

std::string type_name(const json& value) { return value.type_name(); }

std::string escape_pointer(const std::string& key) {
  std::string out;
  for (char c : key) {
    if (c == '~') out += "~0";
    else if (c == '/') out += "~1";
    else out += c;
  }
  return out;
}

class LexiconParser {
 public:
  explicit LexiconParser(std::string file) : file_(std::move(file)) {}

  Lexicon parse(const std::string& text) {
    json root;
    try {
      root = json::parse(text);
    } catch (const json::exception& e) {  // parse_error, or out_of_range for a number too large
      fail("", std::string("the file is not valid JSON (") + e.what() + ")");
    }
    if (!root.is_object()) fail("", "expected an object with \"features\" and \"words\", found " + type_name(root));
    for (const auto& item : root.items())
      if (item.key() != "features" && item.key() != "groups" && item.key() != "words" && item.key() != "about")
        fail("/" + escape_pointer(item.key()),
             "unknown field; a lexicon has \"features\", \"groups\", \"words\" and an optional \"about\"");
    if (!root.contains("features")) fail("", "missing the \"features\" list of dimension names");
    read_features(root["features"]);
    if (root.contains("groups")) read_groups(root["groups"]);
    if (root.contains("words")) read_words(root["words"]);
    if (lexicon_.words.empty()) fail("", "the lexicon has no words");
    return std::move(lexicon_);
  }

 private:
  [[noreturn]] void fail(const std::string& path, const std::string& what) const {
    throw LessonError(file_, path, what);
  }

  void read_features(const json& features) {
    if (!features.is_array() || features.empty())
      fail("/features", "expected a non-empty array of feature names, found " + type_name(features));
    for (std::size_t i = 0; i < features.size(); ++i) {
      const std::string path = "/features/" + std::to_string(i);
      if (!features[i].is_string()) fail(path, "expected a feature name (a string), found " + type_name(features[i]));
      const std::string name = features[i].get<std::string>();
      if (name.empty()) fail(path, "a feature name cannot be empty");
      if (lexicon_.feature_index(name) >= 0) fail(path, "the feature \"" + name + "\" is listed twice");
      lexicon_.features.push_back(name);
    }
  }

  void read_groups(const json& groups) {
    if (!groups.is_array()) fail("/groups", "expected an array of word groups, found " + type_name(groups));
    for (std::size_t g = 0; g < groups.size(); ++g) {
      const std::string path = "/groups/" + std::to_string(g);
      const json& group = groups[g];
      if (!group.is_object()) fail(path, "expected a group object, found " + type_name(group));
      for (const auto& item : group.items())
        if (item.key() != "name" && item.key() != "features" && item.key() != "words")
          fail(path + "/" + escape_pointer(item.key()),
               "unknown field; a group has \"name\", \"features\" and \"words\"");
      if (group.contains("name") && !group["name"].is_string())
        fail(path + "/name", "expected a string, found " + type_name(group["name"]));
      if (!group.contains("features")) fail(path, "missing \"features\"");
      if (!group.contains("words")) fail(path, "missing \"words\"");
      const Vector values = read_feature_set(group["features"], path + "/features");
      const json& words = group["words"];
      if (!words.is_array()) fail(path + "/words", "expected an array of words, found " + type_name(words));
      for (std::size_t w = 0; w < words.size(); ++w) {
        const std::string word_path = path + "/words/" + std::to_string(w);
        if (!words[w].is_string()) fail(word_path, "expected a word (a string), found " + type_name(words[w]));
        add_word(words[w].get<std::string>(), values, word_path);
      }
    }
  }

  void read_words(const json& words) {
    if (!words.is_object()) fail("/words", "expected an object of word -> features, found " + type_name(words));
    for (const auto& item : words.items()) {
      const std::string path = "/words/" + escape_pointer(item.key());
      add_word(item.key(), read_feature_set(item.value(), path), path);
    }
  }

  Vector read_feature_set(const json& set, const std::string& path) {
    const auto n = static_cast<Eigen::Index>(lexicon_.features.size());
    Vector values = Vector::Zero(n);
    if (set.is_array()) {
      if (set.size() != lexicon_.features.size())
        fail(path, "expected " + std::to_string(n) + " numbers, one per feature, found " +
                       std::to_string(set.size()));
      for (std::size_t i = 0; i < set.size(); ++i)
        values(static_cast<Eigen::Index>(i)) = read_value(set[i], path + "/" + std::to_string(i));
      return values;
    }
    if (!set.is_object())
      fail(path, "expected an object of feature -> number (or an array of numbers), found " + type_name(set));
    for (const auto& item : set.items()) {
      const std::string item_path = path + "/" + escape_pointer(item.key());
      const int index = lexicon_.feature_index(item.key());
      if (index < 0) fail(item_path, "unknown feature \"" + item.key() + "\"; it is not in /features");
      values(index) = read_value(item.value(), item_path);
    }
    return values;
  }

  float read_value(const json& value, const std::string& path) const {
    if (!value.is_number()) fail(path, "expected a number, found " + type_name(value));
    const double v = value.get<double>();
    if (!(v >= -1.0 && v <= 1.0)) fail(path, "feature values lie between -1 and 1, found " + value.dump());
    return static_cast<float>(v);
  }

  void add_word(const std::string& word, const Vector& values, const std::string& path) {
    if (word.empty()) fail(path, "a word cannot be empty");
    if (lookup_key(word) != word) fail(path, "words are stored lowercase: write \"" + lookup_key(word) + "\"");
    if (!lexicon_.words.emplace(word, values).second) fail(path, "the word \"" + word + "\" appears twice");
  }

  std::string file_;
  Lexicon lexicon_;
};

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() > suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

int Lexicon::feature_index(std::string_view name) const {
  for (std::size_t i = 0; i < features.size(); ++i)
    if (features[i] == name) return static_cast<int>(i);
  return -1;
}

Lexicon parse_lexicon(const std::string& json_text, const std::string& file_name) {
  return LexiconParser(file_name).parse(json_text);
}

const Lexicon& lesson_lexicon() {
  static const Lexicon lexicon = parse_lexicon(std::string(embedded_lesson("lexicon")), "lessons/lexicon.json");
  return lexicon;
}

WordVector word_vector(const Lexicon& lexicon, std::string_view token_text) {
  const std::string key = lookup_key(token_text);
  if (auto it = lexicon.words.find(key); it != lexicon.words.end()) return {it->second, true};
  // "Alice's" means Alice; "rivers" is a river, plural.
  for (const char* possessive : {"'s", "'"}) {
    if (ends_with(key, possessive)) {
      auto it = lexicon.words.find(key.substr(0, key.size() - std::string(possessive).size()));
      if (it != lexicon.words.end()) return {it->second, true};
    }
  }
  const int plural = lexicon.feature_index("plural");
  const int verb = lexicon.feature_index("verb");
  if (ends_with(key, "s") && plural >= 0) {
    auto it = lexicon.words.find(key.substr(0, key.size() - 1));
    if (it != lexicon.words.end() && (verb < 0 || it->second(verb) <= 0.0f)) {
      Vector values = it->second;
      values(plural) = 1.0f;
      return {values, true};
    }
  }
  // Unknown: small, non-negative and deterministic. Non-negative so that an
  // unknown word never looks like the opposite of something (e.g. anti-female).
  Random random(stable_hash(key));
  Vector values(static_cast<Eigen::Index>(lexicon.features.size()));
  for (Eigen::Index i = 0; i < values.size(); ++i) values(i) = 0.25f * random.uniform();
  // Nor is an unknown word a pronoun or a word with two senses: the designed
  // heads would otherwise give it a query it has no reason to ask.
  for (const char* feature : {"pronoun", "ambiguous"})
    if (const int index = lexicon.feature_index(feature); index >= 0) values(index) = 0.0f;
  return {values, false};
}

}  // namespace attn
