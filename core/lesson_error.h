// The one error type for lesson files: it names the file, the JSON path inside
// it (RFC 6901, e.g. /quizzes/2/choices) and what is wrong there.
#pragma once

#include <stdexcept>
#include <string>

namespace attn {

class LessonError : public std::runtime_error {
 public:
  LessonError(const std::string& file, const std::string& json_path, const std::string& what)
      : std::runtime_error(file + ": at " + (json_path.empty() ? "/" : json_path) + ": " + what) {}
};

}  // namespace attn
