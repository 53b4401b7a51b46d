// Loading, validating and installing the first-name lists. Every problem is
// reported with the file name, the JSON path and what is wrong, like the lexicon.
#include "core/first_names.h"

#include <algorithm>
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

// Why `item` cannot be the next name of `out`, or "" when it can. One place
// that words every problem with a name keeps the module small.
std::string name_problem(const json& item, const std::vector<std::string>& out, const FirstNames& names) {
  if (!item.is_string()) return std::string("expected a name (a string), found ") + item.type_name();
  const std::string& name = item.get_ref<const std::string&>();
  if (!is_name_key(name)) return "\"" + name + "\" is not a lowercase name of letters a-z (apostrophes only between letters)";
  if (!out.empty() && name <= out.back()) return "the names are not sorted: \"" + name + "\" comes after \"" + out.back() + "\"";
  if (const NameGender earlier = names.gender_of(name); earlier != NameGender::none)
    return "\"" + name + "\" is also in the " + name_gender_name(earlier) +
           " list; a name in both datasets belongs in \"unknown\" only";
  return "";
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
  std::size_t total = 0;
  for (std::size_t l = 0; l < 3; ++l) {
    const std::string list_path = std::string("/") + kLists[l];
    if (!root.contains(kLists[l])) fail("", std::string("missing the \"") + kLists[l] + "\" list");
    const json& list = root[kLists[l]];
    if (!list.is_array()) fail(list_path, std::string("expected an array of names, found ") + list.type_name());
    std::vector<std::string>& out = l == 0 ? names.female : l == 1 ? names.male : names.unknown;
    for (std::size_t i = 0; i < list.size(); ++i) {
      const std::string problem = name_problem(list[i], out, names);
      if (!problem.empty()) fail(list_path + "/" + std::to_string(i), problem);
      out.push_back(list[i].get<std::string>());
    }
    total += out.size();
  }
  if (total == 0) fail("", "the file lists no names");
  return names;
}

struct Installed {
  FirstNames names;
  bool ready = false;
  std::uint32_t generation = 0;
};

Installed& installed() {
  static Installed state;
  return state;
}

}  // namespace

NameGender FirstNames::gender_of(std::string_view key) const {
  const std::string name(key);
  for (std::size_t l = 0; l < 3; ++l)
    if (std::binary_search(list(kListGenders[l]).begin(), list(kListGenders[l]).end(), name)) return kListGenders[l];
  return NameGender::none;
}

const std::vector<std::string>& FirstNames::list(NameGender gender) const {
  return gender == NameGender::female ? female : gender == NameGender::male ? male : unknown;
}

FirstNames parse_first_names(const std::string& json_text, const std::string& file_name) {
  return parse(json_text, file_name);
}

const FirstNames& installed_first_names() {
  Installed& state = installed();
  if (!state.ready) {
    state.names = parse(std::string(embedded_lesson("first_names_starter")), "lessons/first_names_starter.json");
    state.ready = true;
  }
  return state.names;
}

void install_first_names(FirstNames names) {
  Installed& state = installed();
  state.names = std::move(names);
  state.ready = true;
  ++state.generation;
}

std::uint32_t first_names_generation() { return installed().generation; }

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
