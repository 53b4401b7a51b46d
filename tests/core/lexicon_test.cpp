// The lexicon loader's validation, and how words find their vectors.
#include "core/lexicon.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "core/lesson_error.h"

namespace attn {
namespace {

std::string read_data(const std::string& name) {
  std::ifstream file(std::string(ATTN_TEST_DATA_DIR) + "/" + name);
  std::stringstream text;
  text << file.rdbuf();
  return text.str();
}

// Parses tests/data/<name> and returns the LessonError message ("" if none).
std::string load_error(const std::string& name) {
  try {
    parse_lexicon(read_data(name), name);
  } catch (const LessonError& e) {
    return e.what();
  }
  return "";
}

void ExpectMessageHas(const std::string& message, const std::string& part) {
  EXPECT_NE(message.find(part), std::string::npos) << "message: " << message << "\nmissing: " << part;
}

TEST(lexicon, valid_file_loads_groups_arrays_and_objects) {
  const Lexicon lexicon = parse_lexicon(read_data("lexicon_valid.json"), "lexicon_valid.json");
  ASSERT_EQ(lexicon.features.size(), 3u);
  EXPECT_EQ(lexicon.words.at("mary")(1), 1.0f);
  EXPECT_EQ(lexicon.words.at("river")(2), 1.0f);
  EXPECT_EQ(lexicon.words.at("dog").sum(), 0.0f);
}

TEST(lexicon, unknown_feature_names_file_path_and_feature) {
  const std::string message = load_error("lexicon_unknown_feature.json");
  ExpectMessageHas(message, "lexicon_unknown_feature.json");
  ExpectMessageHas(message, "/words/alice/femal");
  ExpectMessageHas(message, "unknown feature");
}

TEST(lexicon, wrong_type_names_the_path) {
  const std::string message = load_error("lexicon_wrong_type.json");
  ExpectMessageHas(message, "/groups/0/features/person");
  ExpectMessageHas(message, "expected a number");
}

TEST(lexicon, wrong_length_says_how_many_were_expected) {
  const std::string message = load_error("lexicon_wrong_length.json");
  ExpectMessageHas(message, "/words/bob");
  ExpectMessageHas(message, "expected 3 numbers");
}

TEST(lexicon, duplicate_word_is_refused) {
  ExpectMessageHas(load_error("lexicon_duplicate_word.json"), "/groups/1/words/1");
}

TEST(lexicon, out_of_range_value_is_refused) {
  ExpectMessageHas(load_error("lexicon_out_of_range.json"), "between -1 and 1");
}

TEST(lexicon, uppercase_word_is_refused_with_the_fix) {
  ExpectMessageHas(load_error("lexicon_uppercase_word.json"), "\"alice\"");
}

TEST(lexicon, truncated_file_is_not_valid_json) {
  ExpectMessageHas(load_error("lexicon_truncated.json"), "not valid JSON");
}

TEST(lexicon, lesson_lexicon_is_large_and_covers_the_presets) {
  const Lexicon& lexicon = lesson_lexicon();
  EXPECT_GE(lexicon.words.size(), 500u);
  // The presets' names come from the first-name lists (first_names_test.cpp).
  for (const char* word : {"emailed", "because", "she", "had", "a", "question", "who", "does",
                           "mean", "sat", "on", "the", "bank", "of", "river", "he", "deposited", "cash", "at",
                           "dog", "bites", "man", ".", "?"}) {
    EXPECT_TRUE(lexicon.words.count(word)) << word;
  }
}

TEST(lexicon, lookup_ignores_case_and_possessives) {
  const Lexicon& lexicon = lesson_lexicon();
  const WordVector woman = word_vector(lexicon, "Woman");
  ASSERT_TRUE(woman.known);
  EXPECT_EQ(woman.features(lexicon.feature_index("female")), 1.0f);
  EXPECT_TRUE(word_vector(lexicon, "WOMAN's").known);
}

TEST(lexicon, holds_no_first_names) {
  // Names come from the datasets (core/first_names.h); a hand-typed copy here
  // would outvote them at a sentence start.
  const Lexicon& lexicon = lesson_lexicon();
  for (const char* name : {"alice", "bob", "mary", "john", "alex", "sam"}) EXPECT_EQ(lexicon.words.count(name), 0u) << name;
}

TEST(lexicon, plural_of_a_known_noun_is_known_and_plural) {
  const Lexicon& lexicon = lesson_lexicon();
  const WordVector tickets = word_vector(lexicon, "tickets");
  ASSERT_TRUE(tickets.known);
  EXPECT_EQ(tickets.features(lexicon.feature_index("plural")), 1.0f);
  EXPECT_EQ(tickets.features(lexicon.feature_index("object")), 1.0f);
}

TEST(lexicon, unknown_word_is_flagged_and_deterministic) {
  const Lexicon& lexicon = lesson_lexicon();
  const WordVector first = word_vector(lexicon, "Zorblax");
  const WordVector again = word_vector(lexicon, "zorblax");
  const WordVector other = word_vector(lexicon, "Quuxle");
  EXPECT_FALSE(first.known);
  EXPECT_EQ(first.features, again.features);  // same key, same vector
  EXPECT_NE(first.features, other.features);
  EXPECT_EQ(first.features(lexicon.feature_index("pronoun")), 0.0f);  // never mistaken for a pronoun
  EXPECT_GE(first.features.minCoeff(), 0.0f);
}

}  // namespace
}  // namespace attn
