// The full list of first names for tests that need more names than the
// compiled-in starter set (the names the lesson's own sentences use).
#pragma once

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "core/embedded_lessons.h"
#include "core/first_names.h"

namespace attn {

// lessons/names/first_names.json, as the page's loadNames gets it.
inline FirstNames full_first_names() {
  static const std::string text = [] {
    const std::string path = std::string(ATTN_TEST_DATA_DIR) + "/../../lessons/names/first_names.json";
    std::ifstream in(path, std::ios::binary);
    EXPECT_TRUE(in) << "cannot read " << path;
    std::stringstream contents;
    contents << in.rdbuf();
    return contents.str();
  }();
  return parse_first_names(text, "lessons/names/first_names.json");
}

inline FirstNames starter_first_names() {
  return parse_first_names(std::string(embedded_lesson("first_names_starter")), "lessons/first_names_starter.json");
}

// Installs the full list for one test and puts the starter set back after it,
// so every other test sees the names the page starts with.
class WithFullNames : public ::testing::Test {
 protected:
  void SetUp() override { install_first_names(full_first_names()); }
  void TearDown() override { install_first_names(starter_first_names()); }
};

}  // namespace attn
