// First names: the loader refuses malformed lists, the reading rules of
// core/word_reading.h, and the coreference head's preference for names of the
// pronoun's gender, checked on names drawn at random from the full datasets.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/api.h"
#include "core/embedded_lessons.h"
#include "core/explain.h"
#include "core/first_names.h"
#include "core/lesson_error.h"
#include "core/random.h"
#include "core/word_reading.h"
#include "tests/core/full_names.h"

namespace attn {
namespace {

class with_full_names : public WithFullNames {};

std::string load_error(const std::string& text) {
  try {
    parse_first_names(text, "names.json");
  } catch (const LessonError& e) {
    return e.what();
  }
  return "no error";
}

TEST(first_names, malformed_lists_are_refused_with_path_and_reason) {
  const auto has = [](const std::string& message, const std::string& part) {
    EXPECT_NE(message.find(part), std::string::npos) << message;
  };
  has(load_error("{\"female\": [\"ann\""), "not valid JSON");
  has(load_error("[]"), "expected an object");
  has(load_error(R"({"female": ["ann"], "male": []})"), "missing the \"unknown\" list");
  has(load_error(R"({"female": ["Ann"], "male": [], "unknown": []})"), "/female/0");
  has(load_error(R"({"female": ["ann-marie"], "male": [], "unknown": []})"), "lowercase name");
  has(load_error(R"({"female": ["bea", "ann"], "male": [], "unknown": []})"), "not sorted");
  has(load_error(R"({"female": ["ann"], "male": ["ann"], "unknown": []})"), "/male/0");
  has(load_error(R"({"female": [3], "male": [], "unknown": []})"), "expected a name");
  has(load_error(R"({"female": [], "male": [], "unknown": [], "extra": 1})"), "unknown field");
  has(load_error(R"({"female": [], "male": [], "unknown": []})"), "no names");
  EXPECT_EQ(load_error(R"({"female": ["ann", "o'hara"], "male": ["bo"], "unknown": ["sam"]})"), "no error");
}

TEST(first_names, full_list_holds_both_datasets_and_the_starter_set_is_part_of_it) {
  const FirstNames full = full_first_names();
  // The packages list 4,951 and 3,898 names; a few differ only in case or have
  // a hyphen (two tokens), so slightly fewer remain, 419 of them in both.
  EXPECT_GT(full.female.size() + full.unknown.size(), 4900u);
  EXPECT_GT(full.male.size() + full.unknown.size(), 3850u);
  EXPECT_EQ(full.unknown.size(), 419u);
  EXPECT_EQ(full.gender_of("alice"), NameGender::female);
  EXPECT_EQ(full.gender_of("bob"), NameGender::male);
  EXPECT_EQ(full.gender_of("robin"), NameGender::unknown);
  EXPECT_EQ(full.gender_of("zorbla"), NameGender::none);
  const FirstNames starter = starter_first_names();
  EXPECT_GE(starter.female.size() + starter.male.size(), 2u);
  for (NameGender gender : {NameGender::female, NameGender::male, NameGender::unknown})
    for (const std::string& name : starter.list(gender)) EXPECT_EQ(full.gender_of(name), gender) << name;
}

TEST(word_reading, sentence_starts_follow_full_stops_and_opening_quotes) {
  const std::vector<Token> tokens = tokenize("Ann left. \"Bo said, \"Cy came\" (Di) and Ed? Fay");
  const std::vector<bool> starts = sentence_starts(tokens);
  std::vector<std::string> starting;
  for (std::size_t i = 0; i < tokens.size(); ++i)
    if (starts[i]) starting.push_back(tokens[i].text);
  EXPECT_EQ(starting, (std::vector<std::string>{"Ann", "Bo", "Cy", "Fay"}));
}

TEST(word_reading, capitalised_means_an_upper_case_letter_then_a_lower_case_one) {
  for (const char* word : {"Alice", "O'Neil", "McKay", "Élodie", "Ольга"}) EXPECT_TRUE(is_capitalised(word)) << word;
  for (const char* word : {"alice", "I", "NASA", "3D", "'Bo", ""}) EXPECT_FALSE(is_capitalised(word)) << word;
}

TEST_F(with_full_names, rules_for_lowercase_sentence_start_and_mid_sentence_words) {
  const Lexicon& lexicon = lesson_lexicon();
  const FirstNames& names = installed_first_names();
  const auto gender = [&](const char* word, bool start) { return read_word(lexicon, names, word, start).name_gender; };
  EXPECT_EQ(gender("rose", false), NameGender::none);            // lowercase: a flower, not Rose
  EXPECT_EQ(gender("Rose", false), NameGender::female);
  EXPECT_EQ(gender("Rose", true), NameGender::female);           // the lexicon has no "rose"
  EXPECT_EQ(gender("Will", false), NameGender::male);            // mid-sentence: a name
  EXPECT_EQ(gender("Will", true), NameGender::none);             // at a start: the lexicon's "will"
  EXPECT_EQ(gender("Tuesday", false), NameGender::none);         // a listed name, but a time word
  EXPECT_EQ(gender("Alice's", false), NameGender::female);       // possessive
  EXPECT_EQ(gender("Zorbla", false), NameGender::unknown);       // capitalised, known to no list
  const WordReading at_start = read_word(lexicon, names, "Zorbla", true);
  EXPECT_EQ(at_start.name_gender, NameGender::none);             // a sentence start says nothing
  EXPECT_FALSE(at_start.known);
  // An unknown-gender name is exactly person + name: no hash noise to tilt it.
  const Vector zorbla = read_word(lexicon, names, "Zorbla", false).features;
  for (int f = 0; f < static_cast<int>(lexicon.features.size()); ++f) {
    const std::string& feature = lexicon.features[static_cast<std::size_t>(f)];
    EXPECT_EQ(zorbla(f), feature == "person" || feature == "name" ? 1.0f : 0.0f) << feature;
  }
}

TEST(word_reading, starter_set_already_reads_the_running_example) {
  const ExplainTrace t = explain("Alice emailed Bob because she had a question");
  EXPECT_EQ(t.tokens[0].name_gender, NameGender::female);
  EXPECT_EQ(t.tokens[2].name_gender, NameGender::male);
  EXPECT_EQ(t.tokens[4].name_gender, NameGender::none);
}

TEST_F(with_full_names, json_api_reports_name_gender_and_load_names_refuses_a_bad_list) {
  using nlohmann::json;
  const json out = json::parse(explain_json(R"({"sentence": "Yesterday Rose met Zorbla and he smiled", "stages": false})"));
  ASSERT_FALSE(out.contains("error")) << out.dump();
  EXPECT_EQ(out["name_gender"], json::parse(R"([null, "female", null, "unknown", null, null, null])"));
  const std::uint32_t generation = first_names_generation();
  const json refused = json::parse(load_names_json(R"({"female": ["Rose"], "male": [], "unknown": []})"));
  EXPECT_NE(refused.value("error", "").find("/female/0"), std::string::npos) << refused.dump();
  EXPECT_EQ(first_names_generation(), generation);  // nothing was installed
  const json loaded = json::parse(load_names_json(R"({"female": ["rose"], "male": ["zorbla"], "unknown": []})"));
  EXPECT_EQ(loaded, json::parse(R"({"ok": true, "female": 1, "male": 1, "unknown": 0, "source": ""})"));
  EXPECT_NE(first_names_generation(), generation);
  const json again = json::parse(explain_json(R"({"sentence": "Yesterday Rose met Zorbla and he smiled", "stages": false})"));
  EXPECT_EQ(again["name_gender"][3], "male");
}

// -- the coreference head and gender --------------------------------------------

enum class Kind { female_only, male_only, in_both_lists, in_neither_list };

// The rank a pronoun of `pronoun_gender` gives a name of `kind`: 2 for the same
// gender, 1 for a name of unknown gender, 0 for the other gender.
int rank(Kind kind, NameGender pronoun_gender) {
  if (kind == Kind::in_both_lists || kind == Kind::in_neither_list) return 1;
  const bool female = kind == Kind::female_only;
  return female == (pronoun_gender == NameGender::female) ? 2 : 0;
}

std::string capitalise(std::string name) {
  name[0] = static_cast<char>(name[0] - 'a' + 'A');
  return name;
}

// Names of one kind, drawn by `random`. Dataset names that are also lexicon
// words ("Bill", "Joy") are left out: their reading at a sentence start is the
// word's, by design. "In neither list" are made-up capitalised words.
class NameDraw {
 public:
  explicit NameDraw(const FirstNames& names) {
    const Lexicon& lexicon = lesson_lexicon();
    const auto usable = [&](const std::vector<std::string>& list) {
      std::vector<std::string> out;
      for (const std::string& name : list)
        if (!word_vector(lexicon, name).known) out.push_back(name);
      return out;
    };
    female_ = usable(names.female);
    male_ = usable(names.male);
    both_ = usable(names.unknown);
  }

  std::string draw(Kind kind, Random& random, const FirstNames& names) const {
    if (kind == Kind::in_neither_list) {
      for (;;) {
        std::string word;
        const int length = 4 + static_cast<int>(random.uniform() * 5);
        for (int i = 0; i < length; ++i) word += static_cast<char>('a' + static_cast<int>(random.uniform() * 26));
        if (names.gender_of(word) == NameGender::none && !word_vector(lesson_lexicon(), word).known)
          return capitalise(word);
      }
    }
    const auto& list = kind == Kind::female_only ? female_ : kind == Kind::male_only ? male_ : both_;
    return capitalise(list[static_cast<std::size_t>(random.uniform() * static_cast<float>(list.size()))]);
  }

 private:
  std::vector<std::string> female_, male_, both_;
};

struct Frame {
  const char* text;     // {A} and {B} are the names, {P} the pronoun
  int pronoun_form;     // 0 subject, 1 object, 2 possessive, 3 reflexive
};

std::string fill(std::string text, const std::string& a, const std::string& b, const std::string& p) {
  for (const auto& [slot, word] : {std::pair<std::string, std::string>{"{A}", a}, {"{B}", b}, {"{P}", p}})
    text.replace(text.find(slot), slot.size(), word);
  return text;
}

Eigen::Index token_index(const ExplainTrace& trace, const std::string& text, std::size_t from = 0) {
  for (std::size_t i = from; i < trace.tokens.size(); ++i)
    if (trace.tokens[i].text == text) return static_cast<Eigen::Index>(i);
  ADD_FAILURE() << "no token " << text;
  return 0;
}

TEST_F(with_full_names, coreference_prefers_the_pronouns_gender_then_unknown_never_the_other) {
  const FirstNames names = full_first_names();
  const NameDraw draw(names);
  const std::vector<Frame> frames = {
      {"Yesterday {A} emailed {B} because {P} had a question.", 0},
      {"The letter from {A} to {B} said that everyone had thanked {P}.", 1},
      {"When {A} met {B} at the bank, the teller praised {P} savings.", 2},
      {"I think {A} told {B} that the dog had hurt {P}.", 3},
  };
  const char* female_forms[] = {"she", "her", "her", "herself"};
  const char* male_forms[] = {"he", "him", "his", "himself"};
  const Kind kinds[] = {Kind::female_only, Kind::male_only, Kind::in_both_lists, Kind::in_neither_list};
  Random random(20261208);
  int checked = 0;
  for (Positional positional : {Positional::sinusoidal, Positional::none, Positional::learned, Positional::rotary}) {
    ExplainOptions options;
    options.positional = positional;
    for (const Frame& frame : frames)
      for (NameGender pronoun : {NameGender::female, NameGender::male})
        for (Kind first : kinds)
          for (Kind second : kinds) {
            if (rank(first, pronoun) == rank(second, pronoun)) continue;  // no preference to check
            const std::string a = draw.draw(first, random, names);
            std::string b = draw.draw(second, random, names);
            while (b == a) b = draw.draw(second, random, names);
            const std::string p = (pronoun == NameGender::female ? female_forms : male_forms)[frame.pronoun_form];
            const std::string sentence = fill(frame.text, a, b, p);
            const ExplainTrace trace = explain(sentence, options);
            const Eigen::Index ia = token_index(trace, a), ib = token_index(trace, b, static_cast<std::size_t>(ia) + 1);
            const Eigen::Index ip = token_index(trace, p, static_cast<std::size_t>(ib) + 1);
            const Matrix& weights = trace.heads[0].attention.weights;  // the coreference head
            const Eigen::Index expected = rank(first, pronoun) > rank(second, pronoun) ? ia : ib;
            const Eigen::Index other = expected == ia ? ib : ia;
            EXPECT_GT(weights(ip, expected), weights(ip, other))
                << sentence << " (positional " << static_cast<int>(positional) << "): \"" << p << "\" gives "
                << weights(ip, ia) << " to " << a << " and " << weights(ip, ib) << " to " << b;
            ++checked;
          }
  }
  EXPECT_EQ(checked, 4 * 4 * 2 * 10);  // ten ordered pairs of kinds with a preference, per pronoun
}

}  // namespace
}  // namespace attn
