// Loading, validating and installing the first-name lists. Every problem is
// reported with the file name, the JSON path and what is wrong, like the lexicon.
#include "core/first_names.h"

#include <atomic>
#include <mutex>
#include <nlohmann/json.hpp>

#include "core/embedded_lessons.h"
#include "core/lesson_error.h"

namespace attn {

namespace {

using nlohmann::json;

constexpr const char* kLists[] = {"female", "male", "unknown"};
constexpr NameGender kListGenders[] = {NameGender::female, NameGender::male, NameGender::unknown};

// Lowercase ASCII letters, with apostrophes only between letters ("o'neil"):
// what one token's lookup key can be, so every listed name can match a word.
bool is_name_key(const std::string& name) {
  if (name.empty() || name.front() == '\'' || name.back() == '\'') return false;
  for (std::size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    if (c == '\'' && name[i - 1] != '\'') continue;
    if (c < 'a' || c > 'z') return false;
  }
  return true;
}

FirstNames parse(const std::string& text, const std::string& file) {
  const auto fail = [&file](const std::string& path, const std::string& what) { throw LessonError(file, path, what); };
  json root;
  try {
    root = json::parse(text);
  } catch (const json::exception& e) {
    fail("", std::string("the file is not valid JSON (") + e.what() + ")");
  }
  if (!root.is_object())
    fail("", std::string("expected an object with \"female\", \"male\" and \"unknown\" lists, found ") +
                 root.type_name());
  for (const auto& item : root.items()) {
    const std::string& key = item.key();
    if (key != "about" && key != "source" && key != "female" && key != "male" && key != "unknown")
      fail("/" + key, "unknown field; a names file has \"female\", \"male\", \"unknown\", \"source\" and \"about\"");
  }
  FirstNames names;
  if (root.contains("source")) names.source = root["source"].is_string() ? root["source"].get<std::string>()
                                                                          : root["source"].dump();
  for (std::size_t l = 0; l < 3; ++l) {
    const std::string list_path = std::string("/") + kLists[l];
    if (!root.contains(kLists[l])) fail("", std::string("missing the \"") + kLists[l] + "\" list");
    const json& list = root[kLists[l]];
    if (!list.is_array()) fail(list_path, std::string("expected an array of names, found ") + list.type_name());
    std::string previous;
    for (std::size_t i = 0; i < list.size(); ++i) {
      const std::string path = list_path + "/" + std::to_string(i);
      if (!list[i].is_string()) fail(path, std::string("expected a name (a string), found ") + list[i].type_name());
      const std::string name = list[i].get<std::string>();
      if (!is_name_key(name))
        fail(path, "\"" + name + "\" is not a lowercase name of letters a-z (apostrophes only between letters)");
      if (i > 0 && name <= previous)
        fail(path, "the names are not sorted: \"" + name + "\" comes after \"" + previous + "\"");
      previous = name;
      const auto [it, added] = names.genders.emplace(name, kListGenders[l]);
      if (!added)
        fail(path, "\"" + name + "\" is also in the " + name_gender_name(it->second) +
                       " list; a name in both datasets belongs in \"unknown\" only");
    }
  }
  if (names.genders.empty()) fail("", "the file lists no names");
  return names;
}

struct Installed {
  std::mutex mutex;
  std::shared_ptr<const FirstNames> names;
  std::atomic<std::uint32_t> generation{0};
};

Installed& installed() {
  static Installed state;
  return state;
}

}  // namespace

NameGender FirstNames::gender_of(std::string_view key) const {
  const auto it = genders.find(std::string(key));
  return it == genders.end() ? NameGender::none : it->second;
}

int FirstNames::count(NameGender gender) const {
  int n = 0;
  for (const auto& entry : genders) n += entry.second == gender ? 1 : 0;
  return n;
}

FirstNames parse_first_names(const std::string& json_text, const std::string& file_name) {
  return parse(json_text, file_name);
}

std::shared_ptr<const FirstNames> installed_first_names() {
  Installed& state = installed();
  const std::lock_guard<std::mutex> lock(state.mutex);
  if (!state.names)
    state.names = std::make_shared<const FirstNames>(
        parse(std::string(embedded_lesson("first_names_starter")), "lessons/first_names_starter.json"));
  return state.names;
}

void install_first_names(FirstNames names) {
  Installed& state = installed();
  const std::lock_guard<std::mutex> lock(state.mutex);
  state.names = std::make_shared<const FirstNames>(std::move(names));
  ++state.generation;
}

std::uint32_t first_names_generation() { return installed().generation.load(); }

const char* name_gender_name(NameGender gender) {
  switch (gender) {
    case NameGender::female: return "female";
    case NameGender::male: return "male";
    case NameGender::unknown: return "unknown";
    case NameGender::none: break;
  }
  return "";
}

}  // namespace attn
