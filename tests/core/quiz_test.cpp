// Quiz loading, validation errors, grading and saved progress (core/quiz.h).
#include "core/quiz.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <set>
#include <sstream>
#include <stdexcept>

#include "core/embedded_lessons.h"
#include "core/lesson_error.h"
#include "core/lexicon.h"

namespace attn {
namespace {

using nlohmann::json;

std::string read_test_file(const std::string& name) {
  std::ifstream in(std::string(ATTN_TEST_DATA_DIR) + "/" + name, std::ios::binary);
  EXPECT_TRUE(in.good()) << "cannot open tests/data/" << name;
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// The LessonError message for a test file, or "" if it loaded.
std::string load_error(const std::string& name) {
  try {
    parse_quizzes(read_test_file(name), name);
  } catch (const LessonError& error) {
    return error.what();
  }
  return "";
}

void expect_contains(const std::string& text, const std::string& part) {
  EXPECT_NE(text.find(part), std::string::npos) << "\"" << part << "\" not in: " << text;
}

// --- the lesson's own file -------------------------------------------------

TEST(lesson_quizzes, has_the_four_quick_checks_in_their_sections) {
  const QuizSet& set = lesson_quizzes();
  EXPECT_EQ(set.schema_version, kQuizSchemaVersion);
  ASSERT_EQ(set.quizzes.size(), 4u);
  const char* expected[][2] = {{"q1", "why"}, {"q2", "formula"}, {"q3", "walkthrough"}, {"q4", "production"}};
  for (int i = 0; i < 4; ++i) {
    EXPECT_EQ(set.quizzes[i].id, expected[i][0]);
    EXPECT_EQ(set.quizzes[i].section, expected[i][1]);
  }
}

TEST(lesson_quizzes, every_choice_is_explained_and_exactly_one_is_right) {
  // Read the raw file independently of the loader.
  const json raw = json::parse(embedded_lesson("quizzes"));
  for (const auto& quiz : raw["quizzes"]) {
    ASSERT_GE(quiz["choices"].size(), 3u);
    ASSERT_LE(quiz["choices"].size(), 4u);
    int correct = 0;
    for (const auto& choice : quiz["choices"]) {
      correct += choice["correct"].get<bool>() ? 1 : 0;
      EXPECT_GT(choice["explanation"].get<std::string>().size(), 40u) << quiz["id"];
    }
    EXPECT_EQ(correct, 1) << quiz["id"];
  }
}

// Characters as a reader counts them: UTF-8 code points (so "√" and "×" count 1).
std::size_t code_points(const std::string& text) {
  return static_cast<std::size_t>(
      std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

// The length rule for lessons/quizzes.json (core/quiz.h, docs/API.md): a
// learner must not be able to spot the answer by its length. In every quiz the
// longest choice is at most 1.5 times the shortest, and the correct choice is
// at most 5% longer than the longest wrong one.
TEST(lesson_quizzes, choice_lengths_do_not_give_the_answer_away) {
  for (const Quiz& quiz : lesson_quizzes().quizzes) {
    std::size_t shortest = SIZE_MAX, longest = 0, longest_wrong = 0;
    for (const QuizChoice& choice : quiz.choices) {
      const std::size_t length = code_points(choice.text);
      shortest = std::min(shortest, length);
      longest = std::max(longest, length);
      if (!choice.correct) longest_wrong = std::max(longest_wrong, length);
    }
    EXPECT_LE(longest * 2, shortest * 3) << quiz.id << ": choices from " << shortest << " to " << longest << " characters";
    EXPECT_LE(code_points(quiz.answer().text) * 100, longest_wrong * 105)
        << quiz.id << ": the correct choice is the longest by a clear margin";
  }
}

TEST(lesson_quizzes, correct_choices_do_not_share_one_id) {
  std::set<std::string> ids;
  for (const Quiz& quiz : lesson_quizzes().quizzes) ids.insert(quiz.answer().id);
  EXPECT_GE(ids.size(), 3u) << "the correct answers' ids should vary from quiz to quiz";
}

TEST(lesson_quizzes, the_first_check_asks_what_tiling_saves) {
  const Quiz* q1 = lesson_quizzes().find("q1");
  ASSERT_NE(q1, nullptr);
  expect_contains(q1->question, "tiles");
  expect_contains(q1->answer().text, "Memory");
}

// --- loader errors -----------------------------------------------------------

TEST(quiz_loader, accepts_a_valid_file) {
  const QuizSet set = parse_quizzes(read_test_file("quizzes_valid.json"), "quizzes_valid.json");
  ASSERT_EQ(set.quizzes.size(), 2u);
  EXPECT_EQ(set.quizzes[1].answer().id, "b");
}

TEST(quiz_loader, malformed_json_names_the_line) {
  const std::string message = load_error("quizzes_malformed.json");
  expect_contains(message, "quizzes_malformed.json");
  expect_contains(message, "malformed JSON at line 7");
}

TEST(quiz_loader, truncated_file_says_it_ends_too_early) {
  const std::string message = load_error("quizzes_truncated.json");
  expect_contains(message, "quizzes_truncated.json");
  expect_contains(message, "ends too early");
}

TEST(quiz_loader, wrong_type_names_the_path_and_both_types) {
  const std::string message = load_error("quizzes_wrong_type.json");
  expect_contains(message, "at /quizzes/0/choices/1/text");
  expect_contains(message, "expected a string, found number");
}

TEST(quiz_loader, missing_field_names_it) {
  const std::string message = load_error("quizzes_missing_field.json");
  expect_contains(message, "at /quizzes/1/choices/0");
  expect_contains(message, "\"explanation\" is missing");
}

TEST(quiz_loader, misspelt_field_is_reported_not_ignored) {
  const std::string message = load_error("quizzes_misspelt_field.json");
  expect_contains(message, "at /quizzes/0/choices/0/explaination");
  expect_contains(message, "unknown field");
}

TEST(quiz_loader, duplicate_quiz_id_points_at_both) {
  const std::string message = load_error("quizzes_duplicate_quiz_id.json");
  expect_contains(message, "at /quizzes/1/id");
  expect_contains(message, "duplicate quiz id \"q1\"");
  expect_contains(message, "/quizzes/0");
}

TEST(quiz_loader, duplicate_choice_id_is_rejected) {
  const std::string message = load_error("quizzes_duplicate_choice_id.json");
  expect_contains(message, "at /quizzes/0/choices/2/id");
  expect_contains(message, "duplicate choice id \"a\"");
}

TEST(quiz_loader, no_correct_choice_is_rejected) {
  const std::string message = load_error("quizzes_no_correct.json");
  expect_contains(message, "at /quizzes/1/choices");
  expect_contains(message, "no choice is marked correct");
}

TEST(quiz_loader, two_correct_choices_are_rejected) {
  const std::string message = load_error("quizzes_two_correct.json");
  expect_contains(message, "at /quizzes/0/choices");
  expect_contains(message, "2 choices are marked correct");
}

TEST(quiz_loader, unknown_section_is_rejected) {
  const std::string message = load_error("quizzes_unknown_section.json");
  expect_contains(message, "at /quizzes/1/section");
  expect_contains(message, "\"appendix\"");
}

TEST(quiz_loader, other_schema_versions_are_rejected) {
  expect_contains(load_error("quizzes_future_version.json"), "at /schema_version");
}

TEST(quiz_loader, empty_oversized_and_non_object_files_are_rejected) {
  EXPECT_THROW(parse_quizzes("", "empty.json"), LessonError);
  EXPECT_THROW(parse_quizzes("  \n", "blank.json"), LessonError);
  EXPECT_THROW(parse_quizzes("[1, 2]", "array.json"), LessonError);
  EXPECT_THROW(parse_quizzes(std::string(kMaxQuizFileBytes + 1, ' '), "huge.json"), LessonError);
  EXPECT_THROW(parse_quizzes("{\"schema_version\": 1, \"quizzes\": []}", "none.json"), LessonError);
  EXPECT_THROW(parse_quizzes("{\"schema_version\": 1.0, \"quizzes\": []}", "float.json"), LessonError);
}

TEST(quiz_loader, invalid_utf8_is_a_lesson_error) {
  std::string text = read_test_file("quizzes_valid.json");
  text.replace(text.find("Question q1?"), 1, "\xC3\x28");  // a broken two-byte sequence
  EXPECT_THROW(parse_quizzes(text, "utf8.json"), LessonError);
}

// --- grading -----------------------------------------------------------------

class QuizGrading : public ::testing::Test {
 protected:
  QuizSet set = parse_quizzes(read_test_file("quizzes_valid.json"), "quizzes_valid.json");
};

TEST_F(QuizGrading, the_correct_choice_is_graded_correct_with_its_explanation) {
  const Grade result = grade(set, "q2", "b");
  EXPECT_TRUE(result.correct);
  EXPECT_EQ(result.explanation, "Why b.");
  EXPECT_EQ(result.answer, "b");
}

TEST_F(QuizGrading, a_wrong_choice_gets_its_own_explanation_and_the_answer) {
  const Grade result = grade(set, "q2", "c");
  EXPECT_FALSE(result.correct);
  EXPECT_EQ(result.explanation, "Why c.");
  EXPECT_EQ(result.answer, "b");
}

TEST_F(QuizGrading, unknown_ids_throw_invalid_argument) {
  EXPECT_THROW(grade(set, "q9", "a"), std::invalid_argument);
  EXPECT_THROW(grade(set, "q1", "z"), std::invalid_argument);
  EXPECT_THROW(grade(set, "", ""), std::invalid_argument);
}

// --- progress ------------------------------------------------------------------

TEST_F(QuizGrading, fresh_progress_starts_at_the_opening) {
  const Progress fresh = progress_from_text(set, "");
  EXPECT_TRUE(fresh.answers.empty());
  EXPECT_EQ(fresh.section, "opening");
  EXPECT_EQ(fresh.seen, std::vector<std::string>{"opening"});
  EXPECT_EQ(fresh.total, 2);
  EXPECT_EQ(fresh.answered, 0);
  EXPECT_FALSE(fresh.complete);
  EXPECT_EQ(fresh.notice, "");
}

TEST_F(QuizGrading, progress_drops_unknown_quizzes_choices_and_sections) {
  const json state = {{"answers", {{"q1", "a"}, {"q2", "z"}, {"q7", "a"}}},
                      {"section", "formula"},
                      {"seen", {"why", "epilogue", 3, "why"}},
                      {"extra", "ignored"}};
  const Progress progress = normalise_progress(set, state);
  EXPECT_EQ(progress.answers, (std::map<std::string, std::string>{{"q1", "a"}}));
  EXPECT_EQ(progress.section, "formula");
  EXPECT_EQ(progress.seen, (std::vector<std::string>{"why", "formula"}));  // page order, no repeats
  EXPECT_EQ(progress.answered, 1);
  EXPECT_EQ(progress.correct, 1);  // q1's answer in the test file is "a"
  expect_contains(progress.notice, "dropped 4");
}

TEST_F(QuizGrading, wrongly_typed_fields_are_dropped_not_fatal) {
  const json state = {{"answers", {{"q1", 1}, {"q2", "c"}}}, {"section", 5}, {"seen", "all"}};
  const Progress progress = normalise_progress(set, state);
  EXPECT_EQ(progress.answers, (std::map<std::string, std::string>{{"q2", "c"}}));
  EXPECT_EQ(progress.section, "opening");
  EXPECT_EQ(progress.correct, 0);  // q2's right answer is "b"
  EXPECT_EQ(progress.answered, 1);
}

TEST_F(QuizGrading, complete_needs_every_quiz_answered_and_every_section_seen) {
  json state = {{"answers", {{"q1", "b"}, {"q2", "c"}}}, {"section", "takeaway"}, {"seen", lesson_sections()}};
  Progress progress = normalise_progress(set, state);
  EXPECT_TRUE(progress.complete) << "wrong answers still count as answered";
  EXPECT_EQ(progress.correct, 0);

  state["seen"].erase(2);  // one section not seen
  EXPECT_FALSE(normalise_progress(set, state).complete);

  state["seen"] = lesson_sections();
  state["answers"].erase("q2");
  EXPECT_FALSE(normalise_progress(set, state).complete);
}

TEST_F(QuizGrading, garbage_or_oversized_text_gives_a_fresh_state_with_a_notice) {
  for (const std::string& saved : {std::string("{not json"), std::string("[1,2,3]"), std::string("\"hello\""),
                                   std::string("\xFF\xFE"), std::string(kMaxProgressBytes + 1, '{')}) {
    const Progress progress = progress_from_text(set, saved);
    EXPECT_TRUE(progress.answers.empty());
    EXPECT_EQ(progress.section, "opening");
    EXPECT_FALSE(progress.notice.empty());
  }
}

// --- the order of the choices --------------------------------------------------

TEST_F(QuizGrading, choice_order_is_a_permutation_and_the_same_for_the_same_seed) {
  for (const Quiz& quiz : set.quizzes) {
    std::vector<std::string> file_order;
    for (const QuizChoice& choice : quiz.choices) file_order.push_back(choice.id);
    EXPECT_EQ(choice_order(quiz, 0), file_order) << "no seed: the file's order";
    for (std::uint32_t seed : {1u, 2u, 77u, 4294967295u}) {
      std::vector<std::string> order = choice_order(quiz, seed);
      EXPECT_EQ(order, choice_order(quiz, seed)) << "stable for seed " << seed;
      std::sort(order.begin(), order.end());
      std::vector<std::string> sorted_ids = file_order;
      std::sort(sorted_ids.begin(), sorted_ids.end());
      EXPECT_EQ(order, sorted_ids) << "every choice exactly once, seed " << seed;
    }
  }
}

TEST(choice_order, every_choice_lands_in_every_place_for_some_learner) {
  // Over many seeds, each of the lesson's correct answers appears at every
  // position, about equally often: the order is a real shuffle.
  for (const Quiz& quiz : lesson_quizzes().quizzes) {
    std::vector<int> at(quiz.choices.size(), 0);
    const int learners = 4000;
    for (std::uint32_t seed = 1; seed <= static_cast<std::uint32_t>(learners); ++seed) {
      const std::vector<std::string> order = choice_order(quiz, seed);
      const auto place = std::find(order.begin(), order.end(), quiz.answer().id) - order.begin();
      ++at[static_cast<std::size_t>(place)];
    }
    const double expected = static_cast<double>(learners) / static_cast<double>(quiz.choices.size());
    for (std::size_t place = 0; place < at.size(); ++place) {
      EXPECT_NEAR(at[place], expected, expected * 0.1) << quiz.id << ", place " << place;
    }
  }
}

TEST_F(QuizGrading, the_choice_seed_is_kept_and_a_bad_one_dropped) {
  const Progress kept = normalise_progress(set, json{{"choice_seed", 12345}});
  EXPECT_EQ(kept.choice_seed, 12345u);
  EXPECT_EQ(kept.choice_order.at("q1"), choice_order(*set.find("q1"), 12345));
  EXPECT_EQ(kept.notice, "");
  for (const json& bad : {json(0), json(-3), json(4294967296ull), json(1.5), json("7"), json::array()}) {
    const Progress dropped = normalise_progress(set, json{{"choice_seed", bad}});
    EXPECT_EQ(dropped.choice_seed, 0u) << bad.dump();
    expect_contains(dropped.notice, "dropped 1");
  }
  const json out = progress_to_json(kept);
  EXPECT_EQ(out["choice_seed"], 12345);
  EXPECT_EQ(out["choice_order"]["q2"], json(choice_order(*set.find("q2"), 12345)));
}

TEST_F(QuizGrading, normalised_progress_reads_back_unchanged) {
  const json state = {
      {"answers", {{"q1", "c"}, {"q2", "b"}}}, {"section", "analogy"}, {"seen", {"why"}}, {"choice_seed", 9}};
  const json once = progress_to_json(normalise_progress(set, state));
  const json twice = progress_to_json(progress_from_text(set, once.dump()));
  EXPECT_EQ(once, twice);
  EXPECT_EQ(once["score"], (json{{"correct", 1}, {"answered", 2}, {"total", 2}}));
}

}  // namespace
}  // namespace attn

namespace attn {
namespace {

// Found by fuzzing: nlohmann/json reports a number too large for a double as
// out_of_range, not parse_error; both loaders must still answer with LessonError.
TEST(lesson_loaders, number_overflow_is_a_lesson_error) {
  EXPECT_THROW(parse_quizzes("7077E9999999", "overflow.json"), LessonError);
  EXPECT_THROW(parse_lexicon("7077E9999999", "overflow.json"), LessonError);
}

}  // namespace
}  // namespace attn
