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
#include <string>
#include <string_view>
#include <vector>

#include "core/tokenizer.h"  // NameGender

namespace attn {

// Sorted lists searched by bisection rather than a hash map: the lists arrive
// sorted, and a map type of its own cost the page's module about 1 KB gzipped.
struct FirstNames {
  std::vector<std::string> female, male, unknown;  // lowercase, sorted, disjoint
  std::string source;                              // which packages and versions

  // The gender of a name given by its lookup key (core/tokenizer.h), or none.
  NameGender gender_of(std::string_view key) const;
  const std::vector<std::string>& list(NameGender gender) const;  // none: the unknown list
};

// Parses and validates a names file. Throws LessonError naming file_name, the
// JSON path and what is wrong.
FirstNames parse_first_names(const std::string& json_text, const std::string& file_name);

// The names the embedding stage reads sentences with: the compiled-in starter
// set until install_first_names replaces it. Like the trained model
// (core/gpt_explain.h), installing is for the page's one thread, between traces.
const FirstNames& installed_first_names();
void install_first_names(FirstNames names);

// Changes whenever install_first_names runs, so caches of traces can tell a
// trace read with the old names from one read with the new.
std::uint32_t first_names_generation();

// "female", "male", "unknown", or "" for none: the spelling of docs/API.md.
const char* name_gender_name(NameGender gender);

}  // namespace attn
