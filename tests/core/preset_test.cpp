// Every example button of the page (shell/index.html, class="preset") keeps
// the promise of its title: on the head it names (data-head) and with the
// walkthrough's settings, its query word's row is decisive under the lesson's
// rule and its largest weight is on the promised word (data-expect). The
// buttons are read from the page itself, so a preset added there is covered.
#include <gtest/gtest.h>

#include <cctype>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "core/explain.h"
#include "core/facts.h"

namespace attn {
namespace {

using Attributes = std::map<std::string, std::string>;

std::string unescape(std::string text) {
  const std::pair<const char*, const char*> entities[] = {
      {"&quot;", "\""}, {"&#39;", "'"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&amp;", "&"}};
  for (const auto& [entity, plain] : entities) {
    for (std::size_t at = text.find(entity); at != std::string::npos; at = text.find(entity, at + 1))
      text.replace(at, std::string(entity).size(), plain);
  }
  return text;
}

std::vector<Attributes> preset_buttons() {
  std::ifstream file(ATTN_SHELL_DIR "/index.html");
  std::stringstream html;
  html << file.rdbuf();
  const std::string page = html.str();
  const std::regex button(R"(<button\b([^>]*)>)");
  const std::regex attribute(R"re(([\w-]+)="([^"]*)")re");
  std::vector<Attributes> presets;
  for (auto b = std::sregex_iterator(page.begin(), page.end(), button); b != std::sregex_iterator(); ++b) {
    const std::string tag = (*b)[1];
    Attributes attributes;
    for (auto a = std::sregex_iterator(tag.begin(), tag.end(), attribute); a != std::sregex_iterator(); ++a)
      attributes[(*a)[1]] = unescape((*a)[2]);
    const std::string classes = " " + attributes["class"] + " ";
    if (classes.find(" preset ") != std::string::npos) presets.push_back(attributes);
  }
  return presets;
}

std::string lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

TEST(presets, the_page_has_examples_and_each_names_its_head_query_and_promise) {
  const std::vector<Attributes> presets = preset_buttons();
  ASSERT_GE(presets.size(), 5u) << "could not read the preset buttons of shell/index.html";
  for (const Attributes& p : presets) {
    for (const char* key : {"data-sentence", "data-query", "data-head", "data-expect", "data-preset-figure"})
      EXPECT_FALSE(p.count(key) == 0 || p.at(key).empty()) << p.at("data-sentence") << " lacks " << key;
  }
}

TEST(presets, each_lands_decisively_on_the_word_its_title_promises) {
  for (const Attributes& p : preset_buttons()) {
    const std::string sentence = p.at("data-sentence");
    SCOPED_TRACE(sentence);
    // The walkthrough's settings are the figure defaults (web/app_state.h
    // FigureSettings), which are ExplainOptions' defaults: 3 heads,
    // sinusoidal positions, scaled, no mask, temperature 1, seed 1.
    const ExplainOptions options;
    ASSERT_NE(options.positional, Positional::none) << "the word-order presets need positions";
    const ExplainTrace trace = explain(sentence, options);
    const int head = head_index(trace, p.at("data-head"));
    ASSERT_GE(head, 0) << "no head named " << p.at("data-head");
    // The page selects the last token that matches the query, ignoring case (js/controls.js).
    int query = -1;
    for (int i = 0; i < static_cast<int>(trace.tokens.size()); ++i)
      if (lower(trace.tokens[i].text) == lower(p.at("data-query"))) query = i;
    ASSERT_GE(query, 0) << "no token " << p.at("data-query");

    // The argmax and the rule, by hand from the weights (no mask: every key is visible).
    const Matrix& w = trace.heads[static_cast<std::size_t>(head)].attention.weights;
    Eigen::Index best = 0;
    for (Eigen::Index j = 1; j < w.cols(); ++j)
      if (w(query, j) > w(query, best)) best = j;
    const double even = 1.0 / static_cast<double>(w.cols());
    EXPECT_GE(w(query, best), even + 0.2 * (1.0 - even)) << "the row is flat on head " << p.at("data-head");
    EXPECT_EQ(trace.tokens[static_cast<std::size_t>(best)].text, p.at("data-expect"));

    const nlohmann::json facts = walkthrough_facts(trace, head, query);
    EXPECT_EQ(facts["decisive"], true);
    EXPECT_EQ(facts["argmax_token"], p.at("data-expect"));
    EXPECT_EQ(facts["head_role"], p.at("data-head"));
  }
}

}  // namespace
}  // namespace attn
