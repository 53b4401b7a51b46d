// Example generation for the phone-book task of learn_task.h.
#include "core/learn_task.h"

#include <stdexcept>

namespace attn {
namespace {

// A whole number in [0, n) from the top bits: the same on every platform.
int below(Random& random, int n) {
  return static_cast<int>((random.next_u64() >> 33) % static_cast<std::uint64_t>(n));
}

}  // namespace

void check_task_shape(const LearnTaskShape& s) {
  if (s.pairs < 1 || s.letters < s.pairs || s.letters > 26)
    throw std::invalid_argument("The learn task needs at least one pair and at most 26 letters, with no more pairs (" +
                                std::to_string(s.pairs) + ") than letters (" + std::to_string(s.letters) + ").");
  if (s.digits < 2 || s.digits > 10)
    throw std::invalid_argument("The learn task needs between 2 and 10 digits, not " + std::to_string(s.digits) + ".");
}

LearnExample random_example(const LearnTaskShape& s, Random& random) {
  check_task_shape(s);
  // Distinct letters: a partial Fisher-Yates shuffle of 0..letters-1.
  std::vector<int> pool(static_cast<std::size_t>(s.letters));
  for (int i = 0; i < s.letters; ++i) pool[static_cast<std::size_t>(i)] = i;
  LearnExample e;
  for (int p = 0; p < s.pairs; ++p) {
    const int pick = p + below(random, s.letters - p);
    std::swap(pool[static_cast<std::size_t>(p)], pool[static_cast<std::size_t>(pick)]);
    e.letter.push_back(pool[static_cast<std::size_t>(p)]);
    e.digit.push_back(below(random, s.digits));
  }
  const int asked = below(random, s.pairs);
  e.letter.push_back(e.letter[static_cast<std::size_t>(asked)]);
  e.digit.push_back(s.digits);  // "?"
  e.answer = e.digit[static_cast<std::size_t>(asked)];
  return e;
}

std::vector<LearnExample> random_batch(const LearnTaskShape& s, Random& random, int size) {
  if (size < 1) throw std::invalid_argument("A batch needs at least one example.");
  std::vector<LearnExample> batch;
  batch.reserve(static_cast<std::size_t>(size));
  for (int i = 0; i < size; ++i) batch.push_back(random_example(s, random));
  return batch;
}

LearnExample fixed_example(const LearnTaskShape& s) {
  check_task_shape(s);
  // Letters counted down from the end of the alphabet in use (always
  // distinct) and digits spread out; the question asks about the second slot,
  // which is neither the first slot nor next to the question.
  LearnExample e;
  for (int p = 0; p < s.pairs; ++p) {
    e.letter.push_back(s.letters - 1 - p);
    e.digit.push_back((3 + 5 * p) % s.digits);
  }
  const std::size_t asked = s.pairs > 1 ? 1 : 0;
  e.letter.push_back(e.letter[asked]);
  e.digit.push_back(s.digits);
  e.answer = e.digit[asked];
  return e;
}

std::vector<std::string> slot_labels(const LearnTaskShape& s, const LearnExample& e) {
  std::vector<std::string> labels;
  for (std::size_t i = 0; i < e.letter.size(); ++i) {
    std::string label(1, static_cast<char>('A' + e.letter[i]));
    label += '=';
    label += e.digit[i] == s.digits ? std::string("?") : std::to_string(e.digit[i]);
    labels.push_back(label);
  }
  return labels;
}

}  // namespace attn
