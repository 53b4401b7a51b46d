// The quiz widgets' JSON calls: parse the request, call core/quiz, and turn
// every failure into {"error": "..."} so that the page keeps working.
#include "core/quiz_api.h"

#include <exception>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "core/quiz.h"

namespace attn {

using nlohmann::json;

namespace {

// A grade request is two short ids; anything much larger is not one.
constexpr std::size_t kMaxGradeRequestBytes = 4096;

// Error messages may quote the learner's input; "replace" keeps a clipped
// multi-byte character from making dump() throw.
std::string serialised(const json& value) {
  return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string error_json(const std::string& message) { return serialised(json{{"error", message}}); }

const std::string& string_field(const json& request, const char* key) {
  auto it = request.find(key);
  if (it == request.end()) throw std::invalid_argument(std::string("the request has no \"") + key + "\"");
  if (!it->is_string()) throw std::invalid_argument(std::string("\"") + key + "\" must be a string");
  return it->get_ref<const std::string&>();
}

}  // namespace

std::string quizzes_json() {
  try {
    json list = json::array();
    for (const auto& quiz : lesson_quizzes().quizzes) {
      json choices = json::array();
      for (const auto& choice : quiz.choices) choices.push_back({{"id", choice.id}, {"text", choice.text}});
      list.push_back({{"id", quiz.id}, {"section", quiz.section}, {"question", quiz.question}, {"choices", choices}});
    }
    return serialised(list);
  } catch (const std::exception& error) {
    return error_json(error.what());
  } catch (...) {
    return error_json("the quizzes could not be loaded");
  }
}

std::string grade_json(const std::string& request) {
  try {
    if (request.size() > kMaxGradeRequestBytes) {
      throw std::invalid_argument("the grade request is too large (" + std::to_string(request.size()) + " bytes)");
    }
    const json parsed = json::parse(request, nullptr, /*allow_exceptions=*/false);
    if (parsed.is_discarded()) throw std::invalid_argument("the grade request is not valid JSON");
    if (!parsed.is_object()) {
      throw std::invalid_argument("the grade request must be an object like {\"quiz\": \"q1\", \"choice\": \"b\"}");
    }
    const Grade result = grade(lesson_quizzes(), string_field(parsed, "quiz"), string_field(parsed, "choice"));
    return serialised(json{{"correct", result.correct}, {"explanation", result.explanation}, {"answer", result.answer}});
  } catch (const std::exception& error) {
    return error_json(error.what());
  } catch (...) {
    return error_json("the answer could not be graded");
  }
}

std::string progress_json(const std::string& state) {
  try {
    return serialised(progress_to_json(progress_from_text(lesson_quizzes(), state)));
  } catch (const std::exception& error) {
    return error_json(error.what());
  } catch (...) {
    return error_json("the progress could not be read");
  }
}

}  // namespace attn
