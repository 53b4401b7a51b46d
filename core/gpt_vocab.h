// The trained model's vocabulary: the lesson's own tokenizer (core/tokenizer.h),
// lowercased by lookup_key, so the trained model splits any sentence into the
// same tokens as the designed model does. Id 0 is <bos>, id 1 is <unk>, then
// the corpus's most frequent words, most frequent first.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/tokenizer.h"

namespace attn {

constexpr int kBosId = 0;
constexpr int kUnkId = 1;
inline constexpr const char* kBosWord = "<bos>";
inline constexpr const char* kUnkWord = "<unk>";

class GptVocab {
 public:
  GptVocab() = default;
  // words[0] must be <bos> and words[1] <unk>; throws std::invalid_argument on
  // duplicates or a wrong start.
  explicit GptVocab(std::vector<std::string> words);

  int size() const { return static_cast<int>(words_.size()); }
  const std::vector<std::string>& words() const { return words_; }
  // The id of a token's lookup key, or kUnkId.
  int id_of(std::string_view token_text) const;

 private:
  std::vector<std::string> words_;
  std::unordered_map<std::string, int> index_;
};

// <bos>, <unk> and the `keep` most frequent keys; ties broken alphabetically
// so the vocabulary does not depend on the order the corpus was read in.
GptVocab build_vocab(const std::map<std::string, long>& key_counts, int keep);

}  // namespace attn
