// Loading and validating lessons/quizzes.json, grading, and saved progress.
#include "core/quiz.h"

#include <algorithm>
#include <set>
#include <stdexcept>

#include "core/embedded_lessons.h"
#include "core/lesson_error.h"
#include "core/random.h"

namespace attn {

using nlohmann::json;

namespace {

constexpr std::size_t kMaxQuizzes = 50;
constexpr std::size_t kMinChoices = 2;
constexpr std::size_t kMaxChoices = 6;
constexpr std::size_t kMaxIdBytes = 32;
constexpr std::size_t kMaxQuestionBytes = 1000;
constexpr std::size_t kMaxChoiceTextBytes = 500;
constexpr std::size_t kMaxExplanationBytes = 2000;

// Validation walks the file with a path in hand, so every error can say where.
struct Checker {
  const std::string& file;

  [[noreturn]] void fail(const std::string& path, const std::string& what) const {
    throw LessonError(file, path, what);
  }

  static std::string described(const json& value) {
    return std::string(value.type_name());
  }

  const json& field(const json& object, const std::string& path, const char* key) const {
    auto it = object.find(key);
    if (it == object.end()) fail(path, std::string("the field \"") + key + "\" is missing");
    return *it;
  }

  void only_fields(const json& object, const std::string& path,
                   std::initializer_list<const char*> allowed) const {
    for (auto it = object.begin(); it != object.end(); ++it) {
      bool known = std::any_of(allowed.begin(), allowed.end(),
                               [&](const char* name) { return it.key() == name; });
      if (!known) {
        std::string expected;
        for (const char* name : allowed) expected += (expected.empty() ? "" : ", ") + std::string(name);
        fail(path + "/" + it.key(), "unknown field \"" + it.key() + "\" (expected " + expected + ")");
      }
    }
  }

  const json& object_at(const json& value, const std::string& path) const {
    if (!value.is_object()) fail(path, "expected an object, found " + described(value));
    return value;
  }

  const json& array_at(const json& value, const std::string& path, std::size_t min_size,
                       std::size_t max_size) const {
    if (!value.is_array()) fail(path, "expected an array, found " + described(value));
    if (value.size() < min_size || value.size() > max_size) {
      fail(path, "expected " + std::to_string(min_size) + " to " + std::to_string(max_size) +
                     " entries, found " + std::to_string(value.size()));
    }
    return value;
  }

  std::string text_at(const json& value, const std::string& path, std::size_t max_bytes) const {
    if (!value.is_string()) fail(path, "expected a string, found " + described(value));
    const auto& text = value.get_ref<const std::string&>();
    if (text.find_first_not_of(" \t\r\n") == std::string::npos) fail(path, "the text is empty");
    if (text.size() > max_bytes) {
      fail(path, "the text is " + std::to_string(text.size()) + " bytes, more than the limit of " +
                     std::to_string(max_bytes));
    }
    return text;
  }

  // Ids travel through the page's storage and URLs: keep them short and plain.
  std::string id_at(const json& value, const std::string& path) const {
    std::string id = text_at(value, path, kMaxIdBytes);
    for (char c : id) {
      bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                   c == '-' || c == '_';
      if (!plain) fail(path, "the id \"" + id + "\" may only use letters, digits, - and _");
    }
    return id;
  }

  bool flag_at(const json& value, const std::string& path) const {
    if (!value.is_boolean()) fail(path, "expected true or false, found " + described(value));
    return value.get<bool>();
  }

  QuizChoice choice_at(const json& value, const std::string& path) const {
    object_at(value, path);
    only_fields(value, path, {"id", "text", "correct", "explanation"});
    QuizChoice choice;
    choice.id = id_at(field(value, path, "id"), path + "/id");
    choice.text = text_at(field(value, path, "text"), path + "/text", kMaxChoiceTextBytes);
    choice.correct = flag_at(field(value, path, "correct"), path + "/correct");
    choice.explanation =
        text_at(field(value, path, "explanation"), path + "/explanation", kMaxExplanationBytes);
    return choice;
  }

  Quiz quiz_at(const json& value, const std::string& path) const {
    object_at(value, path);
    only_fields(value, path, {"id", "section", "question", "choices"});
    Quiz quiz;
    quiz.id = id_at(field(value, path, "id"), path + "/id");
    quiz.section = text_at(field(value, path, "section"), path + "/section", kMaxIdBytes);
    const auto& sections = lesson_sections();
    if (std::find(sections.begin(), sections.end(), quiz.section) == sections.end()) {
      std::string known;
      for (const auto& s : sections) known += (known.empty() ? "" : ", ") + s;
      fail(path + "/section", "unknown section \"" + quiz.section + "\" (expected one of " + known + ")");
    }
    quiz.question = text_at(field(value, path, "question"), path + "/question", kMaxQuestionBytes);

    const std::string choices_path = path + "/choices";
    const json& choices = array_at(field(value, path, "choices"), choices_path, kMinChoices, kMaxChoices);
    std::vector<std::string> correct_paths;
    for (std::size_t i = 0; i < choices.size(); ++i) {
      const std::string choice_path = choices_path + "/" + std::to_string(i);
      QuizChoice choice = choice_at(choices[i], choice_path);
      for (std::size_t j = 0; j < quiz.choices.size(); ++j) {
        if (quiz.choices[j].id == choice.id) {
          fail(choice_path + "/id", "duplicate choice id \"" + choice.id + "\" (also used by " +
                                        choices_path + "/" + std::to_string(j) + ")");
        }
      }
      if (choice.correct) correct_paths.push_back(choice_path);
      quiz.choices.push_back(std::move(choice));
    }
    if (correct_paths.empty()) fail(choices_path, "no choice is marked correct; exactly one must be");
    if (correct_paths.size() > 1) {
      std::string list;
      for (const auto& p : correct_paths) list += (list.empty() ? "" : ", ") + p;
      fail(choices_path, std::to_string(correct_paths.size()) +
                             " choices are marked correct (" + list + "); exactly one must be");
    }
    return quiz;
  }
};

// 1-based line and column of a byte offset, for parse errors a person can find.
std::pair<std::size_t, std::size_t> line_and_column(std::string_view text, std::size_t offset) {
  std::size_t line = 1, column = 1;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') ++line, column = 1;
    else ++column;
  }
  return {line, column};
}

// nlohmann's message starts with "[json.exception.parse_error.101] parse error
// at line 1, column 5: "; keep only the part that says what was wrong.
std::string parse_error_detail(const json::parse_error& error) {
  std::string message = error.what();
  auto at = message.find("column ");
  if (at != std::string::npos) {
    auto colon = message.find(": ", at);
    if (colon != std::string::npos) return message.substr(colon + 2);
  }
  return message;
}

bool is_blank(std::string_view text) {
  return text.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

std::string clipped(std::string_view text) {
  constexpr std::size_t kShown = 40;
  return text.size() <= kShown ? std::string(text) : std::string(text.substr(0, kShown)) + "...";
}

}  // namespace

const QuizChoice* Quiz::find_choice(std::string_view choice_id) const {
  for (const auto& choice : choices) {
    if (choice.id == choice_id) return &choice;
  }
  return nullptr;
}

const QuizChoice& Quiz::answer() const {
  for (const auto& choice : choices) {
    if (choice.correct) return choice;
  }
  throw std::logic_error("quiz \"" + id + "\" has no correct choice");  // validation forbids this
}

const Quiz* QuizSet::find(std::string_view quiz_id) const {
  for (const auto& quiz : quizzes) {
    if (quiz.id == quiz_id) return &quiz;
  }
  return nullptr;
}

const std::vector<std::string>& lesson_sections() {
  static const std::vector<std::string> sections = {
      "opening", "why", "formula", "analogy", "walkthrough", "production", "playground", "learn", "takeaway"};
  return sections;
}

QuizSet parse_quizzes(std::string_view text, const std::string& file_name) {
  Checker check{file_name};
  if (text.size() > kMaxQuizFileBytes) {
    check.fail("", "the file is " + std::to_string(text.size()) + " bytes, more than the limit of " +
                       std::to_string(kMaxQuizFileBytes));
  }
  if (is_blank(text)) check.fail("", "the file is empty");

  json root;
  try {
    root = json::parse(text.begin(), text.end());
  } catch (const json::parse_error& error) {
    // error.byte is 1-based: the byte the parser had just read when it gave up.
    const std::size_t offset = error.byte == 0 ? 0 : error.byte - 1;
    const auto [line, column] = line_and_column(text, offset);
    const std::string where = "line " + std::to_string(line) + ", column " + std::to_string(column);
    if (offset >= text.size()) {  // the parser ran out of text mid-value
      check.fail("", "the file ends too early, at " + where + " (is it truncated?): " +
                         parse_error_detail(error));
    }
    check.fail("", "malformed JSON at " + where + " (byte " + std::to_string(error.byte) +
                       "): " + parse_error_detail(error));
  } catch (const json::out_of_range& error) {  // a number too large for a double
    check.fail("", std::string("a number in the file is out of range: ") + error.what());
  }

  check.object_at(root, "");
  check.only_fields(root, "", {"schema_version", "quizzes"});
  const json& version = check.field(root, "", "schema_version");
  if (!version.is_number_integer()) {
    check.fail("/schema_version", "expected a whole number, found " + Checker::described(version));
  }
  QuizSet set;
  set.schema_version = version.get<int>();
  if (set.schema_version != kQuizSchemaVersion) {
    check.fail("/schema_version", "this lesson reads schema version " +
                                      std::to_string(kQuizSchemaVersion) + ", the file has " +
                                      std::to_string(set.schema_version));
  }

  const json& quizzes = check.array_at(check.field(root, "", "quizzes"), "/quizzes", 1, kMaxQuizzes);
  for (std::size_t i = 0; i < quizzes.size(); ++i) {
    const std::string path = "/quizzes/" + std::to_string(i);
    Quiz quiz = check.quiz_at(quizzes[i], path);
    for (std::size_t j = 0; j < set.quizzes.size(); ++j) {
      if (set.quizzes[j].id == quiz.id) {
        check.fail(path + "/id", "duplicate quiz id \"" + quiz.id + "\" (also used by /quizzes/" +
                                     std::to_string(j) + ")");
      }
    }
    set.quizzes.push_back(std::move(quiz));
  }
  return set;
}

const QuizSet& lesson_quizzes() {
  // A throwing initialiser leaves the static unset, so a later call retries.
  static const QuizSet quizzes = [] {
    const std::string_view text = embedded_lesson("quizzes");
    if (text.empty()) throw LessonError("lessons/quizzes.json", "", "the file was not built into the core");
    return parse_quizzes(text, "lessons/quizzes.json");
  }();
  return quizzes;
}

Grade grade(const QuizSet& quizzes, std::string_view quiz_id, std::string_view choice_id) {
  const Quiz* quiz = quizzes.find(quiz_id);
  if (quiz == nullptr) throw std::invalid_argument("there is no quiz \"" + clipped(quiz_id) + "\"");
  const QuizChoice* choice = quiz->find_choice(choice_id);
  if (choice == nullptr) {
    throw std::invalid_argument("quiz \"" + quiz->id + "\" has no choice \"" + clipped(choice_id) + "\"");
  }
  return Grade{choice->correct, choice->explanation, quiz->answer().id};
}

std::vector<std::string> choice_order(const Quiz& quiz, std::uint32_t seed) {
  std::vector<std::string> order;
  for (const auto& choice : quiz.choices) order.push_back(choice.id);
  if (seed == 0) return order;
  // Fisher-Yates with the core's own generator, so the order is the same in
  // every browser; the quiz id makes each quiz's shuffle its own.
  Random random(stable_hash(quiz.id) ^ (static_cast<std::uint64_t>(seed) << 1));
  for (std::size_t i = order.size(); i > 1; --i) {
    const std::size_t j = static_cast<std::size_t>(random.next_u64() % i);
    std::swap(order[i - 1], order[j]);
  }
  return order;
}

Progress normalise_progress(const QuizSet& quizzes, const json& state) {
  Progress progress;
  progress.total = static_cast<int>(quizzes.quizzes.size());
  int dropped = 0;
  const auto& sections = lesson_sections();
  auto is_section = [&](const json& value) {
    return value.is_string() &&
           std::find(sections.begin(), sections.end(), value.get_ref<const std::string&>()) != sections.end();
  };

  if (state.is_object()) {
    if (auto it = state.find("answers"); it != state.end()) {
      if (it->is_object()) {
        for (auto answer = it->begin(); answer != it->end(); ++answer) {
          const Quiz* quiz = quizzes.find(answer.key());
          const bool known = quiz != nullptr && answer->is_string() &&
                             quiz->find_choice(answer->get_ref<const std::string&>()) != nullptr;
          if (known) progress.answers[quiz->id] = answer->get<std::string>();
          else ++dropped;
        }
      } else {
        ++dropped;
      }
    }
    if (auto it = state.find("section"); it != state.end()) {
      if (is_section(*it)) progress.section = it->get<std::string>();
      else ++dropped;
    }
    std::set<std::string> seen;
    if (auto it = state.find("seen"); it != state.end()) {
      if (it->is_array()) {
        for (const auto& entry : *it) {
          if (is_section(entry)) seen.insert(entry.get<std::string>());
          else ++dropped;
        }
      } else {
        ++dropped;
      }
    }
    if (auto it = state.find("choice_seed"); it != state.end()) {
      // Whole numbers only (JSON from text reads them as unsigned, built ones may be signed).
      const bool whole = it->is_number_integer();
      const bool positive = whole && (it->is_number_unsigned() || it->get<std::int64_t>() >= 1);
      const std::uint64_t seed = positive ? it->get<std::uint64_t>() : 0;
      if (seed >= 1 && seed <= UINT32_MAX) progress.choice_seed = static_cast<std::uint32_t>(seed);
      else ++dropped;
    }
    // Where the learner is reading has been seen, whatever the list says.
    seen.insert(progress.section);
    for (const auto& section : sections) {
      if (seen.count(section) > 0) progress.seen.push_back(section);
    }
  } else if (!state.is_null()) {
    ++dropped;
  }
  if (progress.seen.empty()) progress.seen.push_back(progress.section);

  for (const auto& [quiz_id, choice_id] : progress.answers) {
    ++progress.answered;
    if (quizzes.find(quiz_id)->find_choice(choice_id)->correct) ++progress.correct;
  }
  for (const auto& quiz : quizzes.quizzes) progress.choice_order[quiz.id] = choice_order(quiz, progress.choice_seed);
  progress.complete = progress.answered == progress.total && progress.seen.size() == sections.size();
  if (dropped > 0) {
    progress.notice = "dropped " + std::to_string(dropped) +
                      (dropped == 1 ? " unknown or invalid entry" : " unknown or invalid entries") +
                      " from the saved progress";
  }
  return progress;
}

Progress progress_from_text(const QuizSet& quizzes, std::string_view saved) {
  if (is_blank(saved)) return normalise_progress(quizzes, json());  // nothing saved yet
  Progress fresh = normalise_progress(quizzes, json());
  if (saved.size() > kMaxProgressBytes) {
    fresh.notice = "the saved progress was too large to be read, so it starts afresh";
    return fresh;
  }
  json state = json::parse(saved.begin(), saved.end(), nullptr, /*allow_exceptions=*/false);
  if (state.is_discarded()) {
    fresh.notice = "the saved progress could not be read, so it starts afresh";
    return fresh;
  }
  return normalise_progress(quizzes, state);
}

json progress_to_json(const Progress& progress) {
  json answers = json::object();
  for (const auto& [quiz_id, choice_id] : progress.answers) answers[quiz_id] = choice_id;
  return json{{"answers", answers},
              {"section", progress.section},
              {"seen", progress.seen},
              {"score", {{"correct", progress.correct}, {"answered", progress.answered}, {"total", progress.total}}},
              {"complete", progress.complete},
              {"notice", progress.notice},
              {"choice_seed", progress.choice_seed},
              {"choice_order", progress.choice_order}};
}

}  // namespace attn
