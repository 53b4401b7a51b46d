// The lesson's claims about its demo model, held as tests (LESSON.md, "The
// lesson's model must tell the truth"). Each claim is checked over many
// sentences, both word orders and every positional encoding.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/explain.h"
#include "tests/core/all_close.h"
#include "tests/core/full_names.h"

namespace attn {
namespace {

const Positional kAllPositional[] = {Positional::none, Positional::sinusoidal, Positional::learned,
                                     Positional::rotary};

std::size_t index_of(const ExplainTrace& t, const std::string& word) {
  for (std::size_t i = 0; i < t.tokens.size(); ++i)
    if (t.tokens[i].text == word) return i;
  ADD_FAILURE() << "no token " << word;
  return 0;
}

const HeadTrace& head_named(const ExplainTrace& t, const std::string& name) {
  for (const HeadTrace& head : t.heads)
    if (head.name == name) return head;
  throw std::runtime_error("no head " + name);
}

// The token (other than the query itself) that the query gives most weight to.
std::string top_other(const ExplainTrace& t, const std::string& head, std::size_t query) {
  const Matrix& w = head_named(t, head).attention.weights;
  std::size_t best = query == 0 ? 1 : 0;
  for (std::size_t j = 0; j < t.tokens.size(); ++j)
    if (j != query && w(query, j) > w(query, best)) best = j;
  return t.tokens[best].text;
}

TEST(truth, default_sentence_she_attends_to_alice_above_everything_else) {
  for (Positional p : kAllPositional) {
    ExplainOptions options;
    options.positional = p;
    const ExplainTrace t = explain("Alice emailed Bob because she had a question", options);
    const std::size_t she = index_of(t, "she");
    EXPECT_EQ(top_other(t, "coreference", she), "Alice");
    const Matrix& w = head_named(t, "coreference").attention.weights;
    EXPECT_GT(w(she, 0), w(she, she)) << "she should look at Alice more than at itself";
    EXPECT_GT(w(she, 0), 0.5f) << "most of the attention should go to Alice";
  }
}

// Names beyond the lesson's own need the full list (the page loads it when the
// learner types a sentence). "Jo" is in both datasets: unknown gender, which
// "she" still prefers to a male name.
class truth_names : public WithFullNames {};

TEST_F(truth_names, gender_decides_not_position_or_name_length) {
  const std::vector<std::pair<std::string, std::string>> pairs = {
      {"Alice", "Bob"}, {"Mary", "John"}, {"Elizabeth", "Al"}, {"Jo", "Christopher"},
      {"Emma", "Oliver"}, {"Maria", "Ahmed"}, {"Mei", "Ivan"}, {"Sofia", "Luis"}};
  const std::vector<std::string> frames = {
      "{A} emailed {B} because {P} had a question",
      "{A} called {B} after {P} lost the keys",
      "{A} thanked {B} , and then {P} smiled"};
  for (Positional p : kAllPositional)
    for (const auto& [female, male] : pairs)
      for (const std::string& frame : frames)
        for (bool female_first : {true, false})
          for (const std::string pronoun : {"she", "he"}) {
            std::string s = frame;
            s.replace(s.find("{A}"), 3, female_first ? female : male);
            s.replace(s.find("{B}"), 3, female_first ? male : female);
            s.replace(s.find("{P}"), 3, pronoun);
            ExplainOptions options;
            options.positional = p;
            const ExplainTrace t = explain(s, options);
            const std::string expected = pronoun == "she" ? female : male;
            EXPECT_EQ(top_other(t, "coreference", index_of(t, pronoun)), expected) << s;
          }
}

TEST(truth, they_attends_to_a_plural_group) {
  const ExplainTrace t = explain("The students thanked the teacher because they had passed the exam");
  EXPECT_EQ(top_other(t, "coreference", index_of(t, "they")), "students");
}

TEST(truth, bank_attends_to_the_word_that_decides_its_sense) {
  struct Case { const char* sentence; const char* decider; };
  const Case cases[] = {
      {"She sat on the bank of the river", "river"},
      {"He deposited cash at the bank", "cash"},
      {"The bank by the lake was covered in reeds", "lake"},
      {"I need a loan from the bank", "loan"},
      {"The river bank was muddy", "river"},
      {"The bank gave my mother a loan", "loan"}};
  for (Positional p : kAllPositional)
    for (const Case& c : cases) {
      ExplainOptions options;
      options.positional = p;
      const ExplainTrace t = explain(c.sentence, options);
      const std::size_t bank = index_of(t, "bank");
      EXPECT_EQ(top_other(t, "sense", bank), c.decider) << c.sentence;
      const Matrix& w = head_named(t, "sense").attention.weights;
      EXPECT_GT(w(bank, index_of(t, c.decider)), w(bank, bank)) << c.sentence;
    }
}

TEST(truth, previous_head_attends_to_the_word_before_when_there_are_positions) {
  for (Positional p : {Positional::sinusoidal, Positional::learned, Positional::rotary}) {
    ExplainOptions options;
    options.positional = p;
    const ExplainTrace t = explain(
        "Alice , who had spent all morning at the library reading about rivers and old maps , finally emailed "
        "Bob because she had a question",
        options);
    const Matrix& w = head_named(t, "previous").attention.weights;
    for (Eigen::Index i = 1; i < w.rows(); ++i) {
      Eigen::Index best = 0;
      w.row(i).maxCoeff(&best);
      EXPECT_EQ(best, i - 1) << "positional " << static_cast<int>(p) << ", token " << i;
    }
  }
}

TEST(truth, previous_head_cannot_see_order_without_positions) {
  ExplainOptions options;
  options.positional = Positional::none;
  const ExplainTrace t = explain("dog bites man", options);
  const Matrix& w = head_named(t, "previous").attention.weights;
  ExpectAllClose(w, Matrix::Constant(3, 3, 1.0f / 3.0f), 1e-6f);
}

// weights_b(i, j) == weights_a(perm(i), perm(j)) for every head, with perm the
// word order change between "dog bites man" and "man bites dog".
float permutation_mismatch(const ExplainTrace& a, const ExplainTrace& b) {
  const int perm[3] = {2, 1, 0};
  float worst = 0.0f;
  for (std::size_t h = 0; h < a.heads.size(); ++h)
    for (int i = 0; i < 3; ++i)
      for (int j = 0; j < 3; ++j)
        worst = std::max(worst, std::abs(b.heads[h].attention.weights(i, j) -
                                          a.heads[h].attention.weights(perm[i], perm[j])));
  return worst;
}

TEST(truth, without_positions_word_orders_give_permuted_weights_in_every_head) {
  for (int heads : {3, 6, 16}) {
    ExplainOptions options;
    options.positional = Positional::none;
    options.heads = heads;
    const ExplainTrace a = explain("dog bites man", options), b = explain("man bites dog", options);
    EXPECT_LE(permutation_mismatch(a, b), 1e-6f) << heads << " heads";
    // The outputs are permuted rows too: same vectors, other order.
    for (int i = 0; i < 3; ++i) ExpectAllClose(b.output.row(i), a.output.row(2 - i), 1e-5f);
  }
}

TEST(truth, with_positions_word_orders_are_not_a_permutation) {
  for (Positional p : {Positional::sinusoidal, Positional::learned, Positional::rotary}) {
    ExplainOptions options;
    options.positional = p;
    options.heads = 4;
    const ExplainTrace a = explain("dog bites man", options), b = explain("man bites dog", options);
    EXPECT_GT(permutation_mismatch(a, b), 0.05f) << "positional " << static_cast<int>(p);
  }
}

TEST(truth, rows_sum_to_one_masked_entries_are_zero_and_output_is_weights_times_v) {
  for (Positional p : kAllPositional) {
    ExplainOptions options;
    options.positional = p;
    options.heads = 5;
    options.attention.causal = true;
    const ExplainTrace t = explain("Alice emailed Bob because she had a question", options);
    for (const HeadTrace& head : t.heads) {
      const Matrix& w = head.attention.weights;
      for (Eigen::Index i = 0; i < w.rows(); ++i) {
        EXPECT_NEAR(w.row(i).sum(), 1.0f, 1e-5f) << head.name;
        for (Eigen::Index j = i + 1; j < w.cols(); ++j) EXPECT_EQ(w(i, j), 0.0f) << head.name;
      }
      ExpectAllClose(head.attention.output, w * head.v, 1e-5f);
    }
  }
}

}  // namespace
}  // namespace attn
