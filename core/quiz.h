// The lesson's quick checks (lessons/quizzes.json): loading and validating
// them, grading a choice, and the learner's saved progress.
//
// Progress comes back from the browser's storage, which anyone can edit, so it
// is never trusted: anything unknown is dropped, and a state that cannot be
// read at all becomes a fresh start rather than an error.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace attn {

// The lesson's own file also keeps its choices' lengths balanced, so that the
// longest is no tell (tested in tests/core/quiz_test.cpp, not enforced here):
// in each quiz the longest choice is at most 1.5 times the shortest, and the
// correct one at most 5% longer than the longest wrong one.
struct QuizChoice {
  std::string id;           // "a", "b", ... unique within its quiz
  std::string text;
  bool correct = false;     // exactly one choice per quiz is correct
  std::string explanation;  // why it is right, or why it is tempting but wrong
};

struct Quiz {
  std::string id;        // "q1", ... unique within the file
  std::string section;   // one of lesson_sections()
  std::string question;
  std::vector<QuizChoice> choices;

  const QuizChoice* find_choice(std::string_view choice_id) const;  // nullptr if unknown
  const QuizChoice& answer() const;                                 // the correct choice
};

struct QuizSet {
  int schema_version = 0;
  std::vector<Quiz> quizzes;

  const Quiz* find(std::string_view quiz_id) const;  // nullptr if unknown
};

// The schema version this code reads; a file with another version is rejected.
constexpr int kQuizSchemaVersion = 1;
// Larger lesson files are refused before parsing.
constexpr std::size_t kMaxQuizFileBytes = 256 * 1024;

// Parses and validates a quiz file. Throws LessonError naming file_name, the
// JSON path (RFC 6901, e.g. /quizzes/2/choices/1/text) and what is wrong.
QuizSet parse_quizzes(std::string_view text, const std::string& file_name);

// The quizzes compiled into the core from lessons/quizzes.json, parsed once.
// Throws LessonError if that file is missing or invalid.
const QuizSet& lesson_quizzes();

// The lesson's sections, in page order: opening, why, formula, analogy,
// walkthrough, production, playground, takeaway.
const std::vector<std::string>& lesson_sections();

struct Grade {
  bool correct = false;
  std::string explanation;  // the explanation of the chosen choice
  std::string answer;       // id of the correct choice
};

// Throws std::invalid_argument for an unknown quiz or choice id.
Grade grade(const QuizSet& quizzes, std::string_view quiz_id, std::string_view choice_id);

// The order one learner sees a quiz's choices in: a shuffle of the choice ids
// drawn from (seed, quiz id), the same on every visit with the same seed. It
// is for display only: grading goes by choice id. Seed 0 means no seed yet
// and gives the file's order.
std::vector<std::string> choice_order(const Quiz& quiz, std::uint32_t seed);

struct Progress {
  std::map<std::string, std::string> answers;  // quiz id -> choice id, both known
  std::string section = "opening";             // where the learner was reading
  std::vector<std::string> seen;               // known sections, in page order, no repeats
  int correct = 0;                             // answers that are right
  int answered = 0;                            // quizzes with an answer
  int total = 0;                               // quizzes in the lesson
  // Every quiz answered (right or wrong: a wrong answer still shows its
  // explanation) and every section seen.
  bool complete = false;
  // The learner's seed for the order of the choices (1 .. 2^32 - 1; 0 = none
  // saved yet: the page draws one and saves it), and that order per quiz.
  std::uint32_t choice_seed = 0;
  std::map<std::string, std::vector<std::string>> choice_order;  // quiz id -> choice ids
  // What was dropped from the saved state, for the page to mention; empty
  // when the state was clean.
  std::string notice;
};

// Larger saved states are discarded whole (a fresh start).
constexpr std::size_t kMaxProgressBytes = 16 * 1024;

// Normalises a saved state {answers, section, seen, choice_seed} against the
// quizzes: unknown quiz ids, unknown choice ids, unknown sections, seeds that
// are not whole numbers from 1 to 2^32 - 1 and fields of the wrong type are
// dropped. The current section counts as seen. Never throws
// for bad state: a non-object gives a fresh state.
Progress normalise_progress(const QuizSet& quizzes, const nlohmann::json& state);

// The same from the saved text: text that is not JSON, or is too large, gives
// a fresh state with a notice.
Progress progress_from_text(const QuizSet& quizzes, std::string_view saved);

// {"answers", "section", "seen", "score": {"correct", "answered", "total"},
//  "complete", "notice", "choice_seed", "choice_order": {quiz id: [choice ids]}}
nlohmann::json progress_to_json(const Progress& progress);

}  // namespace attn
