// The quiz widgets' JSON calls (core/quiz_api.h), as the page makes them.
#include "core/quiz_api.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "core/embedded_lessons.h"

namespace attn {
namespace {

using nlohmann::json;

// The lesson file read directly, as an independent reference for the answers.
const json& raw_quizzes() {
  static const json raw = json::parse(embedded_lesson("quizzes"))["quizzes"];
  return raw;
}

std::string correct_choice(const json& quiz) {
  for (const auto& choice : quiz["choices"]) {
    if (choice["correct"].get<bool>()) return choice["id"];
  }
  return "";
}

std::string grade_request(const std::string& quiz, const std::string& choice) {
  return json{{"quiz", quiz}, {"choice", choice}}.dump();
}

TEST(quizzes_json, lists_every_quiz_without_answers_or_explanations) {
  const json list = json::parse(quizzes_json());
  ASSERT_TRUE(list.is_array());
  ASSERT_EQ(list.size(), raw_quizzes().size());
  for (std::size_t i = 0; i < list.size(); ++i) {
    EXPECT_EQ(list[i]["id"], raw_quizzes()[i]["id"]);
    EXPECT_EQ(list[i]["section"], raw_quizzes()[i]["section"]);
    EXPECT_EQ(list[i]["question"], raw_quizzes()[i]["question"]);
    ASSERT_EQ(list[i]["choices"].size(), raw_quizzes()[i]["choices"].size());
    for (const auto& choice : list[i]["choices"]) {
      EXPECT_EQ(choice.size(), 2u) << "only id and text: " << choice.dump();
      EXPECT_TRUE(choice.contains("id") && choice.contains("text"));
    }
  }
}

TEST(grade_json, grades_every_choice_of_every_quiz_against_the_file) {
  for (const auto& quiz : raw_quizzes()) {
    const std::string answer = correct_choice(quiz);
    for (const auto& choice : quiz["choices"]) {
      const json result = json::parse(grade_json(grade_request(quiz["id"], choice["id"])));
      EXPECT_EQ(result["correct"], choice["correct"]) << quiz["id"] << "/" << choice["id"];
      EXPECT_EQ(result["explanation"], choice["explanation"]);
      EXPECT_EQ(result["answer"], answer);
    }
  }
}

TEST(grade_json, the_fuzz_corpus_request_is_graded) {
  std::ifstream in(std::string(ATTN_TEST_DATA_DIR) + "/../fuzz_corpus/json_api/grade.json");
  std::stringstream request;
  request << in.rdbuf();
  const json result = json::parse(grade_json(request.str()));
  EXPECT_FALSE(result.contains("error")) << result.dump();
  EXPECT_TRUE(result["correct"].is_boolean());
}

TEST(grade_json, bad_requests_return_an_error_instead_of_throwing) {
  const std::string bad[] = {"",
                             "not json",
                             "[\"q1\", \"b\"]",
                             "{\"quiz\": \"q1\"}",
                             "{\"choice\": \"b\"}",
                             "{\"quiz\": 1, \"choice\": \"b\"}",
                             "{\"quiz\": \"q1\", \"choice\": null}",
                             grade_request("q99", "a"),
                             grade_request("q1", "zz"),
                             grade_request("q1", std::string(5000, 'x')),
                             "{\"quiz\": \"\xC3\", \"choice\": \"a\"}"};  // broken UTF-8
  for (const std::string& request : bad) {
    const json result = json::parse(grade_json(request));
    ASSERT_TRUE(result.contains("error")) << request.substr(0, 60) << " -> " << result.dump();
    EXPECT_FALSE(result["error"].get<std::string>().empty());
  }
}

TEST(grade_json, error_names_the_unknown_quiz) {
  const json result = json::parse(grade_json(grade_request("q99", "a")));
  EXPECT_NE(result["error"].get<std::string>().find("q99"), std::string::npos);
}

TEST(progress_json, scores_a_saved_state_and_drops_what_it_does_not_know) {
  const json& q1 = raw_quizzes()[0];
  const json& q2 = raw_quizzes()[1];
  std::string q2_wrong;
  for (const auto& choice : q2["choices"]) {
    if (!choice["correct"].get<bool>()) q2_wrong = choice["id"];
  }
  const json state = {{"answers", {{q1["id"], correct_choice(q1)}, {q2["id"], q2_wrong}, {"nope", "a"}}},
                      {"section", "formula"},
                      {"seen", {"opening", "why", "mystery"}}};
  const json result = json::parse(progress_json(state.dump()));
  EXPECT_EQ(result["answers"], (json{{q1["id"], correct_choice(q1)}, {q2["id"], q2_wrong}}));
  EXPECT_EQ(result["section"], "formula");
  EXPECT_EQ(result["seen"], (json{"opening", "why", "formula"}));
  EXPECT_EQ(result["score"], (json{{"correct", 1}, {"answered", 2}, {"total", raw_quizzes().size()}}));
  EXPECT_EQ(result["complete"], false);
  EXPECT_FALSE(result["notice"].get<std::string>().empty());
}

TEST(progress_json, garbage_is_a_fresh_start_not_an_error) {
  for (const std::string& saved : {std::string(""), std::string("null"), std::string("{{{{"),
                                   std::string("[]"), std::string(100000, 'x')}) {
    const json result = json::parse(progress_json(saved));
    EXPECT_FALSE(result.contains("error")) << result.dump();
    EXPECT_EQ(result["answers"], json::object());
    EXPECT_EQ(result["section"], "opening");
    EXPECT_EQ(result["score"]["answered"], 0);
  }
}

TEST(progress_json, a_full_run_is_complete) {
  json answers = json::object();
  for (const auto& quiz : raw_quizzes()) answers[quiz["id"].get<std::string>()] = correct_choice(quiz);
  const json state = {{"answers", answers},
                      {"section", "takeaway"},
                      {"seen", {"opening", "why", "formula", "analogy", "walkthrough", "production", "playground", "learn"}}};
  const json result = json::parse(progress_json(state.dump()));
  EXPECT_EQ(result["complete"], true);
  EXPECT_EQ(result["score"]["correct"], raw_quizzes().size());
  EXPECT_EQ(result["notice"], "");
}

}  // namespace
}  // namespace attn
