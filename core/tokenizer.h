// Splits a sentence into word and punctuation tokens, safely for any UTF-8.
//
// Rules, in the order a reader meets them:
//  - letters, digits and marks of any script make words; an apostrophe between
//    two word characters stays inside the word ("don't");
//  - each punctuation mark, each emoji (with its modifiers and zero-width-joined
//    partners) and each CJK ideograph is a token of its own;
//  - combining marks, variation selectors, zero-width joiners and non-joiners
//    stay with the token they follow; a standalone zero-width space is dropped;
//  - bytes that are not valid UTF-8 are skipped, never decoded or copied.
// Every token's text is the exact byte range [byte_begin, byte_end) of the input.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace attn {

// How the embedding stage read a token as a first name (core/word_reading.h):
// not as a name, or as a name of a known gender, or of a gender the demo does not know.
enum class NameGender { none, female, male, unknown };

struct Token {
  std::string text;
  std::size_t byte_begin = 0;     // where the token starts in the sentence (UTF-8 bytes)
  std::size_t byte_end = 0;
  bool known = true;              // false: neither lexicon nor names know it; its embedding is a hash
  NameGender name_gender = NameGender::none;
};

struct Tokenized {
  std::vector<Token> tokens;      // at most max_tokens of them
  std::size_t total = 0;          // tokens in the whole text, before truncation
  std::string notice;             // says so when tokens were cut off; empty otherwise
};

// Every token of the text.
std::vector<Token> tokenize(std::string_view text);

// The first max_tokens tokens, with a notice when there were more.
Tokenized tokenize_limited(std::string_view text, std::size_t max_tokens);

// The key a token is looked up by in the lexicon: ASCII lowercased, typographic
// apostrophes made plain, and invisible joiners and soft hyphens removed.
std::string lookup_key(std::string_view token_text);

}  // namespace attn
