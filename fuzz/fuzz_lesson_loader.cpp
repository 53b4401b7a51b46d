// libFuzzer target: any bytes as a lesson file (lexicon or quizzes). The loader
// must either accept the file or throw LessonError; nothing else may escape.
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/lesson_error.h"
#include "core/lexicon.h"
#include "core/quiz.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    attn::parse_lexicon(text, "fuzz/lexicon.json");
  } catch (const attn::LessonError&) {
  }
  try {
    attn::parse_quizzes(text, "fuzz/quizzes.json");
  } catch (const attn::LessonError&) {
  }
  return 0;
}
