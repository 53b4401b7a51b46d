// The "Watch it learn" task: a tiny phone book that only attention can read.
//
// Each example is a row of slots. The first `pairs` slots each pair a letter
// with a digit ("C=7"); the last slot asks for one of those letters ("C=?").
// The answer is the digit paired with the asked letter. Because the letter
// and its digit sit in the same slot, the answer depends on which slot
// matches the question, not on which digits are present: a model that
// averages the slots can only guess among the digits it sees (about 1 in
// `pairs`); a model whose attention finds the matching slot gets it right.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/random.h"

namespace attn {

struct LearnTaskShape {
  int letters = 8;  // letters A, B, ... that can be asked about
  int digits = 8;   // digits 0..digits-1 that can be answered
  int pairs = 4;    // letter=digit slots before the question slot
};

// One example: slot s holds letter[s] and digit[s]; the last slot holds the
// asked letter and digit == shape.digits, the "?" that marks the question.
struct LearnExample {
  std::vector<int> letter;
  std::vector<int> digit;
  int answer = 0;  // the digit paired with the asked letter
};

// Throws std::invalid_argument unless 1 <= pairs <= letters <= 26 and 2 <= digits <= 10.
void check_task_shape(const LearnTaskShape& shape);

// A random example: `pairs` distinct letters with random digits, then a
// question about one of them. Consumes numbers from `random` only.
LearnExample random_example(const LearnTaskShape& shape, Random& random);
std::vector<LearnExample> random_batch(const LearnTaskShape& shape, Random& random, int size);

// The example whose attention the figure draws: the same for every seed.
LearnExample fixed_example(const LearnTaskShape& shape);

// "C=7" for a slot, "C=?" for the question slot.
std::vector<std::string> slot_labels(const LearnTaskShape& shape, const LearnExample& example);

}  // namespace attn
