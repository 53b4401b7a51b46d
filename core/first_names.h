// First names and their gender, from two public datasets imported by
// scripts/import_names.mjs (docs/MODEL.md, "Names"). A name in both datasets has
// unknown gender.
//
// File shape (lessons/names/first_names.json, lessons/first_names_starter.json):
//   {"about": "...", "source": {...},
//    "female": ["aaren", ...], "male": ["aaron", ...], "unknown": ["alexis", ...]}
// Names are lowercase letters (with inner apostrophes), sorted, each in one list.
//
// The core starts with the starter set compiled in: the names the lesson's own
// sentences use. The page installs the full list when the learner first types a
// sentence (web/bindings.cpp loadNames); native code may install it directly.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/tokenizer.h"  // NameGender

namespace attn {

struct FirstNames {
  std::unordered_map<std::string, NameGender> genders;  // lowercase name -> female, male or unknown
  std::string source;                                   // which packages and versions

  // The gender of a name given by its lookup key (core/tokenizer.h), or none.
  NameGender gender_of(std::string_view key) const;
  int count(NameGender gender) const;
};

// Parses and validates a names file. Throws LessonError naming file_name, the
// JSON path and what is wrong.
FirstNames parse_first_names(const std::string& json_text, const std::string& file_name);

// The names the embedding stage reads sentences with: the compiled-in starter
// set until install_first_names replaces it.
std::shared_ptr<const FirstNames> installed_first_names();
void install_first_names(FirstNames names);

// Changes whenever install_first_names runs, so caches of traces can tell a
// trace read with the old names from one read with the new.
std::uint32_t first_names_generation();

// "female", "male", "unknown", or "" for none: the spelling of docs/API.md.
const char* name_gender_name(NameGender gender);

}  // namespace attn
