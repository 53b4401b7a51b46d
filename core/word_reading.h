// How the embedding stage reads one token in its sentence: as a lexicon word,
// as a first name, or as an unknown word. Capitalisation and the token's place
// in the sentence decide (docs/MODEL.md, "Names"):
//  - a word that is not capitalised is looked up in the lexicon only
//    (a lowercase "rose" is not Rose);
//  - a capitalised word at a sentence start is a lexicon word if the lexicon has
//    it, else a listed first name, else unknown (a hashed vector);
//  - a capitalised word elsewhere is a listed first name ("Will", "Rose") unless
//    the lexicon calls it a time word (English capitalises "Tuesday" and "June"
//    whoever is named so), else a lexicon word ("I"), else a first name whose
//    gender the demo does not know.
// "Capitalised" means an upper-case first letter and at least one lower-case
// letter after it, so acronyms ("NASA") and "I" are not names; upper and lower
// case are told apart in ASCII, Latin-1, Greek and Cyrillic.
#pragma once

#include <string_view>
#include <vector>

#include "core/first_names.h"
#include "core/lexicon.h"
#include "core/tokenizer.h"

namespace attn {

struct WordReading {
  Vector features;                              // one value per lexicon feature
  bool known = true;                            // false: a hashed vector
  NameGender name_gender = NameGender::none;    // how it was read as a first name, if it was
};

// For each token, whether it starts a sentence: the first word, or the first
// word after . ! ? (possibly with closing quotes or brackets between), or the
// first word of a quotation ("Bob said, "She is here"").
std::vector<bool> sentence_starts(const std::vector<Token>& tokens);

// True when the word has an upper-case first letter and a lower-case letter after it.
bool is_capitalised(std::string_view word);

// The features of one token, read by the rules above. A first name gets
// person 1, name 1 and female 1 or male 1 by its gender (neither when unknown),
// and nothing else: no hash noise, so the coreference head ranks names by
// gender alone (core/demo_heads.cpp).
WordReading read_word(const Lexicon& lexicon, const FirstNames& names, std::string_view token_text,
                      bool at_sentence_start);

// Reads every token of a sentence in its place (sentence_starts, then
// read_word): sets each token's known and name_gender, and writes its features
// into the first `columns` columns of its row of `embeddings` (n x d); a column
// past the lexicon's features is the model's "constant", 1.
void read_sentence(const Lexicon& lexicon, const FirstNames& names, std::vector<Token>& tokens, int columns,
                   Matrix& embeddings);

}  // namespace attn
