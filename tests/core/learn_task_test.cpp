// The phone-book task: well-formed examples whose answer is the asked letter's digit.
#include "core/learn_task.h"

#include <gtest/gtest.h>

#include <set>
#include <stdexcept>

namespace attn {
namespace {

TEST(learn_task, answer_is_the_digit_paired_with_the_asked_letter) {
  const LearnTaskShape shape;
  Random random(42);
  for (const LearnExample& e : random_batch(shape, random, 200)) {
    ASSERT_EQ(e.letter.size(), static_cast<std::size_t>(shape.pairs + 1));
    EXPECT_EQ(e.digit.back(), shape.digits);  // the question mark
    int matches = 0;
    for (int p = 0; p < shape.pairs; ++p) {
      if (e.letter[static_cast<std::size_t>(p)] == e.letter.back()) {
        ++matches;
        EXPECT_EQ(e.digit[static_cast<std::size_t>(p)], e.answer);
      }
    }
    EXPECT_EQ(matches, 1);  // letters are distinct, so exactly one slot answers
    const std::set<int> distinct(e.letter.begin(), e.letter.end() - 1);
    EXPECT_EQ(distinct.size(), static_cast<std::size_t>(shape.pairs));
  }
}

TEST(learn_task, every_slot_is_asked_about_sometimes) {
  const LearnTaskShape shape;
  Random random(3);
  std::set<std::size_t> asked;
  for (const LearnExample& e : random_batch(shape, random, 200))
    for (std::size_t p = 0; p + 1 < e.letter.size(); ++p)
      if (e.letter[p] == e.letter.back()) asked.insert(p);
  EXPECT_EQ(asked.size(), static_cast<std::size_t>(shape.pairs));
}

TEST(learn_task, fixed_example_is_labelled_as_letter_equals_digit) {
  LearnTaskShape shape;  // 8 letters, 8 digits, 4 pairs
  const LearnExample e = fixed_example(shape);
  const std::vector<std::string> expected{"H=3", "G=0", "F=5", "E=2", "G=?"};
  EXPECT_EQ(slot_labels(shape, e), expected);
  EXPECT_EQ(e.answer, 0);
}

TEST(learn_task, rejects_more_pairs_than_letters) {
  LearnTaskShape shape;
  shape.pairs = 9;
  EXPECT_THROW(check_task_shape(shape), std::invalid_argument);
  Random random(1);
  EXPECT_THROW(random_example(shape, random), std::invalid_argument);
}

}  // namespace
}  // namespace attn
