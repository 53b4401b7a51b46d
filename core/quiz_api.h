// The JSON boundary for the page's quiz widgets (docs/API.md: quizzes, grade,
// progress). Strings in, strings out; nothing here ever throws: a bad request
// comes back as {"error": "..."}.
#pragma once

#include <string>

namespace attn {

// [{"id", "section", "question", "choices": [{"id", "text"}]}]: what the page
// shows, without the answers or explanations.
std::string quizzes_json();

// {"quiz": "q1", "choice": "b"} -> {"correct", "explanation", "answer"}.
std::string grade_json(const std::string& request);

// A saved progress state (any text) -> the normalised state with its score.
// Unreadable state gives a fresh start with a "notice", not an error.
std::string progress_json(const std::string& state);

}  // namespace attn
