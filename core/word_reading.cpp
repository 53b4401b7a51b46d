// Reading a token as a lexicon word, a first name or an unknown word
// (the rules are in core/word_reading.h).
#include "core/word_reading.h"

#include <string>

namespace attn {

namespace {

enum class LetterCase { upper, lower, other };

// The code point starting at byte i (advancing i), or 0 for an invalid byte.
char32_t next_code_point(std::string_view s, std::size_t& i) {
  const auto byte = [&s](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char lead = byte(i);
  int length = lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xE ? 3 : (lead >> 3) == 0x1E ? 4 : 0;
  if (length == 0 || i + static_cast<std::size_t>(length) > s.size()) {
    ++i;
    return 0;
  }
  char32_t cp = length == 1 ? lead : lead & (0x7F >> length);
  for (int k = 1; k < length; ++k) cp = (cp << 6) | (byte(i + static_cast<std::size_t>(k)) & 0x3F);
  i += static_cast<std::size_t>(length);
  return cp;
}

LetterCase letter_case(char32_t c) {
  if ((c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0xDE && c != 0xD7) || (c >= 0x391 && c <= 0x3A9) ||
      (c >= 0x410 && c <= 0x42F))
    return LetterCase::upper;
  if ((c >= 'a' && c <= 'z') || (c >= 0xDF && c <= 0xFF && c != 0xF7) || (c >= 0x3B1 && c <= 0x3C9) ||
      (c >= 0x430 && c <= 0x44F))
    return LetterCase::lower;
  return LetterCase::other;
}

bool is_any_of(std::string_view text, std::initializer_list<std::string_view> marks) {
  for (std::string_view mark : marks)
    if (text == mark) return true;
  return false;
}

bool ends_sentence(std::string_view t) { return is_any_of(t, {".", "!", "?", "…", "。", "？", "！"}); }
// Marks a word may sit behind without losing its place at a sentence start.
bool is_bracket_or_quote(std::string_view t) {
  return is_any_of(t, {"\"", "'", "“", "”", "‘", "’", "«", "»", "(", ")", "[", "]", "{", "}"});
}
// Marks that always open something: the word after them starts a sentence.
bool always_opens(std::string_view t) { return is_any_of(t, {"“", "‘", "«", "¿", "¡"}); }

// A straight quote that opens a quotation: nothing between it and the next
// token, and a space (or nothing) before it.
bool opens_quotation(const std::vector<Token>& tokens, std::size_t i) {
  if (!is_any_of(tokens[i].text, {"\"", "'"}) || i + 1 >= tokens.size()) return false;
  if (tokens[i + 1].byte_begin != tokens[i].byte_end) return false;
  return i == 0 || tokens[i - 1].byte_end < tokens[i].byte_begin;
}

// The first name a word spells, possessive 's or ' dropped ("Alice's").
NameGender listed_name(const FirstNames& names, const std::string& key) {
  if (const NameGender gender = names.gender_of(key); gender != NameGender::none) return gender;
  for (std::string_view possessive : {"'s", "'"}) {
    if (key.size() > possessive.size() && key.compare(key.size() - possessive.size(), possessive.size(), possessive) == 0)
      return names.gender_of(std::string_view(key).substr(0, key.size() - possessive.size()));
  }
  return NameGender::none;
}

WordReading name_reading(const Lexicon& lexicon, NameGender gender) {
  WordReading reading{Vector::Zero(static_cast<Eigen::Index>(lexicon.features.size())), true, gender};
  const auto set = [&](const char* feature) {
    if (const int index = lexicon.feature_index(feature); index >= 0) reading.features(index) = 1.0f;
  };
  set("person");
  set("name");
  if (gender == NameGender::female) set("female");
  if (gender == NameGender::male) set("male");
  return reading;
}

WordReading lexicon_reading(const WordVector& word) { return {word.features, word.known, NameGender::none}; }

bool is_time_word(const Lexicon& lexicon, const WordVector& word) {
  const int time = lexicon.feature_index("time");
  return word.known && time >= 0 && word.features(time) >= 1.0f;
}

}  // namespace

std::vector<bool> sentence_starts(const std::vector<Token>& tokens) {
  std::vector<bool> starts(tokens.size(), false);
  bool start = true;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const std::string& text = tokens[i].text;
    if (ends_sentence(text) || always_opens(text) || opens_quotation(tokens, i)) {
      start = true;
    } else if (!is_bracket_or_quote(text)) {
      starts[i] = start;
      start = false;
    }
  }
  return starts;
}

bool is_capitalised(std::string_view word) {
  std::size_t i = 0;
  if (word.empty() || letter_case(next_code_point(word, i)) != LetterCase::upper) return false;
  while (i < word.size())
    if (letter_case(next_code_point(word, i)) == LetterCase::lower) return true;
  return false;
}

WordReading read_word(const Lexicon& lexicon, const FirstNames& names, std::string_view token_text,
                      bool at_sentence_start) {
  const WordVector word = word_vector(lexicon, token_text);
  if (!is_capitalised(token_text)) return lexicon_reading(word);
  const NameGender listed = listed_name(names, lookup_key(token_text));
  if (at_sentence_start) {
    if (word.known) return lexicon_reading(word);
    return listed != NameGender::none ? name_reading(lexicon, listed) : lexicon_reading(word);
  }
  if (listed != NameGender::none && !is_time_word(lexicon, word)) return name_reading(lexicon, listed);
  if (word.known) return lexicon_reading(word);
  return name_reading(lexicon, NameGender::unknown);
}

void read_sentence(const Lexicon& lexicon, const FirstNames& names, std::vector<Token>& tokens, int columns,
                   Matrix& embeddings) {
  const std::vector<bool> starts = sentence_starts(tokens);
  const auto features = static_cast<int>(lexicon.features.size());
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const WordReading word = read_word(lexicon, names, tokens[i].text, starts[i]);
    tokens[i].known = word.known;
    tokens[i].name_gender = word.name_gender;
    const auto row = static_cast<Eigen::Index>(i);
    for (int f = 0; f < columns; ++f) embeddings(row, f) = f < features ? word.features(f) : 1.0f;
  }
}

}  // namespace attn
