// The UTF-8 tokenizer: decode one code point at a time, classify it, and grow
// or close the current token. No locale or ICU: the classes below are explicit
// code point ranges, so the same text splits the same way natively and in wasm.
#include "core/tokenizer.h"

#include <cstdint>

namespace attn {

namespace {

enum class CharClass {
  separator,    // spaces, controls, zero-width spaces, bidi controls: end a token, never kept
  joiner,       // ZWJ, ZWNJ, soft hyphen: kept inside a token, dropped when standalone
  mark,         // combining marks, variation selectors, skin tones: stay with the previous token
  word,         // letters and digits of any script
  apostrophe,   // ' and U+2019: inside a word between word characters, else punctuation
  punctuation,  // one token each
  ideograph,    // CJK ideographs: one token each
  emoji,        // one token each, joined by ZWJ into one
  regional,     // regional indicator letters: two make one flag
};

struct CodePoint {
  std::uint32_t value = 0;
  std::size_t length = 1;  // bytes consumed; 1 for an invalid byte
  bool valid = false;
};

// Decodes the code point at text[pos]. Overlong forms, surrogates, values past
// U+10FFFF and truncated sequences are invalid; the caller skips one byte.
CodePoint decode(std::string_view text, std::size_t pos) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char lead = byte(pos);
  if (lead < 0x80) return {lead, 1, true};
  std::size_t length;
  std::uint32_t value, minimum;
  if ((lead & 0xE0) == 0xC0) length = 2, value = lead & 0x1Fu, minimum = 0x80;
  else if ((lead & 0xF0) == 0xE0) length = 3, value = lead & 0x0Fu, minimum = 0x800;
  else if ((lead & 0xF8) == 0xF0) length = 4, value = lead & 0x07u, minimum = 0x10000;
  else return {};
  if (pos + length > text.size()) return {};
  for (std::size_t i = 1; i < length; ++i) {
    const unsigned char next = byte(pos + i);
    if ((next & 0xC0) != 0x80) return {};
    value = (value << 6) | (next & 0x3Fu);
  }
  if (value < minimum || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) return {};
  return {value, length, true};
}

bool in(std::uint32_t c, std::uint32_t first, std::uint32_t last) { return c >= first && c <= last; }

CharClass classify(std::uint32_t c) {
  if (c < 0x80) {
    if (c <= 0x20 || c == 0x7F) return CharClass::separator;
    if (c == '\'') return CharClass::apostrophe;
    if ((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) return CharClass::word;
    return CharClass::punctuation;
  }
  // Invisible characters first: they decide whether a token ends.
  if (in(c, 0x80, 0xA0) || c == 0x1680 || in(c, 0x2000, 0x200B) || in(c, 0x200E, 0x200F) ||
      in(c, 0x2028, 0x202F) || in(c, 0x205F, 0x206F) || c == 0x3000 || c == 0xFEFF || c == 0x180E)
    return CharClass::separator;
  if (c == 0x200C || c == 0x200D || c == 0xAD) return CharClass::joiner;
  if (in(c, 0x0300, 0x036F) || in(c, 0x1AB0, 0x1AFF) || in(c, 0x1DC0, 0x1DFF) || in(c, 0x20D0, 0x20FF) ||
      in(c, 0xFE00, 0xFE0F) || in(c, 0xFE20, 0xFE2F) || in(c, 0x1F3FB, 0x1F3FF) || in(c, 0xE0020, 0xE007F) ||
      in(c, 0xE0100, 0xE01EF))
    return CharClass::mark;
  if (c == 0x2019) return CharClass::apostrophe;
  if (in(c, 0x1F1E6, 0x1F1FF)) return CharClass::regional;
  if (in(c, 0x1F000, 0x1FAFF) || in(c, 0x2600, 0x27BF) || in(c, 0x2B00, 0x2BFF) || in(c, 0x2300, 0x23FF))
    return CharClass::emoji;
  if (in(c, 0x3400, 0x4DBF) || in(c, 0x4E00, 0x9FFF) || in(c, 0xF900, 0xFAFF) || in(c, 0x20000, 0x3134F))
    return CharClass::ideograph;
  // Latin-1 punctuation and symbols, except the letters and numbers among them.
  if (in(c, 0xA1, 0xBF) && c != 0xAA && c != 0xB5 && c != 0xBA && !in(c, 0xB2, 0xB3) && c != 0xB9 &&
      !in(c, 0xBC, 0xBE))
    return CharClass::punctuation;
  if (c == 0xD7 || c == 0xF7) return CharClass::punctuation;
  // General punctuation, currency, arrows, maths, boxes and shapes.
  if (in(c, 0x2010, 0x2027) || in(c, 0x2030, 0x205E) || in(c, 0x20A0, 0x20CF) || in(c, 0x2190, 0x22FF) ||
      in(c, 0x2500, 0x25FF) || in(c, 0x2E00, 0x2E7F))
    return CharClass::punctuation;
  // CJK, full-width, Arabic, Hebrew and Devanagari punctuation.
  if (in(c, 0x3001, 0x303F) || in(c, 0xFF01, 0xFF0F) || in(c, 0xFF1A, 0xFF20) || in(c, 0xFF3B, 0xFF40) ||
      in(c, 0xFF5B, 0xFF65) || c == 0x060C || c == 0x061B || c == 0x061F || in(c, 0x066A, 0x066D) ||
      c == 0x06D4 || c == 0x05BE || c == 0x05C0 || c == 0x05C3 || c == 0x05C6 || in(c, 0x05F3, 0x05F4) ||
      in(c, 0x0964, 0x0965) || in(c, 0xFE10, 0xFE19) || in(c, 0xFE30, 0xFE4F) || in(c, 0xFE50, 0xFE6B))
    return CharClass::punctuation;
  return CharClass::word;  // every other script's letters, digits and marks
}

// Grows tokens over the text. `open` is the token still accepting characters.
class Splitter {
 public:
  explicit Splitter(std::string_view text) : text_(text) {}

  std::vector<Token> run() {
    std::size_t pos = 0;
    while (pos < text_.size()) {
      const CodePoint cp = decode(text_, pos);
      if (!cp.valid) {  // skip one invalid byte; it ends the token, like a space
        close();
        ++pos;
        continue;
      }
      step(classify(cp.value), pos, cp.length);
      pos += cp.length;
    }
    close();
    return std::move(tokens_);
  }

 private:
  void step(CharClass cls, std::size_t pos, std::size_t length) {
    const bool after_joiner = last_was_joiner_;
    last_was_joiner_ = cls == CharClass::joiner;
    switch (cls) {
      case CharClass::separator:
        close();
        return;
      case CharClass::joiner:
        if (open_) extend(pos, length);  // a standalone joiner is dropped
        return;
      case CharClass::mark:
        if (open_) extend(pos, length);
        else open(CharClass::word, pos, length);  // a mark with nothing before it: a word of its own
        return;
      case CharClass::word:
        if (open_ && kind_ == CharClass::word) extend(pos, length);
        else open(CharClass::word, pos, length);
        return;
      case CharClass::apostrophe:
        if (open_ && kind_ == CharClass::word && next_is_word(pos + length)) extend(pos, length);
        else open(CharClass::punctuation, pos, length);
        return;
      case CharClass::emoji:
        if (open_ && kind_ == CharClass::emoji && after_joiner) extend(pos, length);
        else open(CharClass::emoji, pos, length);
        return;
      case CharClass::regional:
        if (open_ && kind_ == CharClass::regional && regional_count_ == 1) {
          extend(pos, length);
          regional_count_ = 2;
        } else {
          open(CharClass::regional, pos, length);
          regional_count_ = 1;
        }
        return;
      case CharClass::punctuation:
      case CharClass::ideograph:
        open(cls, pos, length);  // one character each; marks may still attach
        return;
    }
  }

  bool next_is_word(std::size_t pos) const {
    if (pos >= text_.size()) return false;
    const CodePoint cp = decode(text_, pos);
    return cp.valid && classify(cp.value) == CharClass::word;
  }

  void open(CharClass kind, std::size_t pos, std::size_t length) {
    close();
    open_ = true;
    kind_ = kind;
    begin_ = pos;
    end_ = pos + length;
  }

  void extend(std::size_t pos, std::size_t length) { end_ = pos + length; }

  void close() {
    if (!open_) return;
    Token token;
    token.text = std::string(text_.substr(begin_, end_ - begin_));
    token.byte_begin = begin_;
    token.byte_end = end_;
    tokens_.push_back(std::move(token));
    open_ = false;
  }

  std::string_view text_;
  std::vector<Token> tokens_;
  bool open_ = false;
  CharClass kind_ = CharClass::word;
  std::size_t begin_ = 0, end_ = 0;
  int regional_count_ = 0;
  bool last_was_joiner_ = false;
};

}  // namespace

std::vector<Token> tokenize(std::string_view text) { return Splitter(text).run(); }

Tokenized tokenize_limited(std::string_view text, std::size_t max_tokens) {
  Tokenized result;
  result.tokens = tokenize(text);
  result.total = result.tokens.size();
  if (result.total > max_tokens) {
    result.tokens.resize(max_tokens);
    result.notice = "Only the first " + std::to_string(max_tokens) + " of " + std::to_string(result.total) +
                    " tokens are shown.";
  }
  return result;
}

std::string lookup_key(std::string_view token_text) {
  std::string key;
  key.reserve(token_text.size());
  for (std::size_t i = 0; i < token_text.size();) {
    const CodePoint cp = decode(token_text, i);
    if (!cp.valid) {
      ++i;
      continue;
    }
    if (cp.value == 0x2019) key += '\'';
    else if (cp.value == 0x200C || cp.value == 0x200D || cp.value == 0xAD) {
      // invisible: "co\u00ADoperate" is looked up as "cooperate"
    } else if (cp.value >= 'A' && cp.value <= 'Z') key += static_cast<char>(cp.value - 'A' + 'a');
    else key.append(token_text.substr(i, cp.length));
    i += cp.length;
  }
  return key;
}

}  // namespace attn
