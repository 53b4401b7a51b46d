// The trained model's vocabulary (gpt_vocab.h).
#include "core/gpt_vocab.h"

#include <algorithm>
#include <stdexcept>

namespace attn {

GptVocab::GptVocab(std::vector<std::string> words) : words_(std::move(words)) {
  if (words_.size() < 2 || words_[0] != kBosWord || words_[1] != kUnkWord)
    throw std::invalid_argument("a vocabulary starts with \"<bos>\" and \"<unk>\"");
  for (std::size_t i = 0; i < words_.size(); ++i)
    if (!index_.emplace(words_[i], static_cast<int>(i)).second)
      throw std::invalid_argument("the word \"" + words_[i] + "\" appears twice in the vocabulary");
}

int GptVocab::id_of(std::string_view token_text) const {
  const auto found = index_.find(lookup_key(token_text));
  // <bos> and <unk> are not words a sentence can spell: "<" is punctuation.
  return found == index_.end() || found->second < 2 ? kUnkId : found->second;
}

GptVocab build_vocab(const std::map<std::string, long>& key_counts, int keep) {
  std::vector<std::pair<std::string, long>> ranked(key_counts.begin(), key_counts.end());
  std::stable_sort(ranked.begin(), ranked.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });  // map order breaks ties
  std::vector<std::string> words{kBosWord, kUnkWord};
  for (const auto& [key, count] : ranked) {
    if (static_cast<int>(words.size()) >= keep + 2) break;
    if (key == kBosWord || key == kUnkWord) continue;
    words.push_back(key);
  }
  return GptVocab(std::move(words));
}

}  // namespace attn
