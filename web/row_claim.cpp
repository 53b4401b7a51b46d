// The canvas's row sentence (web/row_claim.h): wording only, every number and
// every choice of word comes from the core's row facts.
#include "web/row_claim.h"

#include "web/draw.h"

namespace lesson {

std::string row_claim(const nlohmann::json& facts) {
  if (!facts.contains("decisive") || !facts.contains("argmax_token") || !facts.contains("query")) return "";
  const std::string query = draw::quote(facts.value("query", ""));
  if (!facts.value("decisive", false)) {
    std::string text = "The row of " + query + " is flat: no word gets much more than the even share of " +
                       std::to_string(facts.value("even_percent", 0)) + "% each.";
    const std::string hint = facts.value("hint_head", "");
    if (!hint.empty()) text += " Try the " + hint + " head.";
    return text;
  }
  const std::string share = std::to_string(facts.value("argmax_percent", 0)) + "%";
  if (facts.value("argmax_index", -1) == facts.value("query_index", -2))
    return query + " keeps its largest share, " + share + ", on itself.";
  return query + " gives its largest share, " + share + ", to " + draw::quote(facts.value("argmax_token", "")) + ".";
}

}  // namespace lesson
