// The tokenizer on words, punctuation and the hard corners of Unicode.
#include "core/tokenizer.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace attn {
namespace {

std::vector<std::string> texts(const std::string& text) {
  std::vector<std::string> out;
  for (const Token& token : tokenize(text)) out.push_back(token.text);
  return out;
}

using Texts = std::vector<std::string>;

TEST(tokenizer, splits_words_and_punctuation) {
  EXPECT_EQ(texts("Alice emailed Bob."), (Texts{"Alice", "emailed", "Bob", "."}));
  EXPECT_EQ(texts("Wait, what?!"), (Texts{"Wait", ",", "what", "?", "!"}));
}

TEST(tokenizer, keeps_apostrophes_inside_words) {
  EXPECT_EQ(texts("don't stop"), (Texts{"don't", "stop"}));
  EXPECT_EQ(texts("don\u2019t"), (Texts{"don\u2019t"}));
  EXPECT_EQ(texts("'quoted'"), (Texts{"'", "quoted", "'"}));
}

TEST(tokenizer, byte_offsets_slice_the_original_text) {
  const std::string text = "  caf\u00e9, ok";
  for (const Token& token : tokenize(text)) EXPECT_EQ(text.substr(token.byte_begin, token.byte_end - token.byte_begin), token.text);
  EXPECT_EQ(tokenize(text)[0].byte_begin, 2u);
  EXPECT_EQ(tokenize(text)[0].byte_end, 7u);  // c a f + two bytes of e-acute
}

TEST(tokenizer, keeps_combining_marks_with_their_letter) {
  EXPECT_EQ(texts("cafe\u0301 au lait"), (Texts{"cafe\u0301", "au", "lait"}));
}

TEST(tokenizer, each_cjk_ideograph_is_a_token) {
  EXPECT_EQ(texts("\u6211\u7231\u4f60\u3002"), (Texts{"\u6211", "\u7231", "\u4f60", "\u3002"}));
}

TEST(tokenizer, emoji_with_modifiers_and_joiners_stay_whole) {
  const std::string family = "\U0001F468\u200D\U0001F469\u200D\U0001F467";  // man ZWJ woman ZWJ girl
  const std::string wave = "\U0001F44B\U0001F3FD";                            // waving hand, skin tone
  const std::string flag = "\U0001F1EB\U0001F1F7";                            // two regional indicators
  EXPECT_EQ(texts("hi" + wave + " " + family + flag + "\u2764\uFE0F"),
            (Texts{"hi", wave, family, flag, "\u2764\uFE0F"}));
}

TEST(tokenizer, right_to_left_words_split_on_spaces) {
  EXPECT_EQ(texts("\u05e9\u05dc\u05d5\u05dd \u05e2\u05d5\u05dc\u05dd"),
            (Texts{"\u05e9\u05dc\u05d5\u05dd", "\u05e2\u05d5\u05dc\u05dd"}));
  EXPECT_EQ(texts("\u0645\u0631\u062d\u0628\u0627\u061f"), (Texts{"\u0645\u0631\u062d\u0628\u0627", "\u061f"}));
}

TEST(tokenizer, drops_standalone_zero_width_spaces_and_keeps_joiners_in_words) {
  EXPECT_EQ(texts("a\u200Bb \u200B c"), (Texts{"a", "b", "c"}));
  EXPECT_EQ(texts("\u0645\u06cc\u200C\u062e\u0648\u0627\u0647\u0645"),  // Persian word with a ZWNJ
            (Texts{"\u0645\u06cc\u200C\u062e\u0648\u0627\u0647\u0645"}));
  EXPECT_TRUE(texts("\u200B\u200D\uFEFF").empty());
}

TEST(tokenizer, skips_invalid_utf8_without_splitting_a_sequence) {
  const std::string text = std::string("ab\xff") + "cd \xe2\x82" + " \xc3\xa9";  // bad byte, truncated euro, e-acute
  EXPECT_EQ(texts(text), (Texts{"ab", "cd", "\xc3\xa9"}));
  EXPECT_TRUE(texts("\xc0\xaf\xed\xa0\x80").empty());  // overlong slash, UTF-16 surrogate
}

TEST(tokenizer, whitespace_only_has_no_tokens) {
  EXPECT_TRUE(tokenize("").empty());
  EXPECT_TRUE(tokenize(" \t\n\u00a0\u3000").empty());
}

TEST(tokenizer, truncates_with_a_notice) {
  const Tokenized result = tokenize_limited("one two three four", 2);
  ASSERT_EQ(result.tokens.size(), 2u);
  EXPECT_EQ(result.total, 4u);
  EXPECT_NE(result.notice.find("2 of 4"), std::string::npos) << result.notice;
  EXPECT_TRUE(tokenize_limited("one two", 2).notice.empty());
}

TEST(tokenizer, lookup_key_lowercases_and_normalises_apostrophes) {
  EXPECT_EQ(lookup_key("Don\u2019t"), "don't");
  EXPECT_EQ(lookup_key("ALICE"), "alice");
  EXPECT_EQ(lookup_key("co\u00ADoperate"), "cooperate");
}

TEST(tokenizer, every_byte_string_of_a_small_alphabet_tokenizes_within_bounds) {
  // All 3-byte strings over bytes that start, continue or break UTF-8 sequences.
  const unsigned char alphabet[] = {'a', ' ', '\'', 0x80, 0xBF, 0xC3, 0xE2, 0xF0, 0xFF, 0xA9};
  for (unsigned char a : alphabet)
    for (unsigned char b : alphabet)
      for (unsigned char c : alphabet) {
        const std::string text{static_cast<char>(a), static_cast<char>(b), static_cast<char>(c)};
        for (const Token& token : tokenize(text)) {
          ASSERT_LT(token.byte_begin, token.byte_end);
          ASSERT_LE(token.byte_end, text.size());
        }
      }
}

}  // namespace
}  // namespace attn
