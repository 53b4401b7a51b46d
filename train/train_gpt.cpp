// Trains the lesson's word-level GPT (core/gpt_model.h) on the fortunes that
// Debian's `fortunes` package installs, and writes lessons/models/trained_gpt.json.
//
//   train_gpt --corpus /usr/share/games/fortunes --out FILE [--steps N] [--seed S]
//             [--batch B] [--lr LR] [--log-every N]
//
// Corpus: every plain fortune file in the folder (not the *.dat indexes, not the
// *.u8 links to the same files, not the offensive/ folder, not ascii-art, which
// is pictures rather than sentences). Entries are separated by lines holding
// only "%". Every 20th entry is held out. One thread: the time is one core's.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "core/gpt_file.h"
#include "core/gpt_train.h"
#include "core/gpt_vocab.h"
#include "core/tokenizer.h"

namespace fs = std::filesystem;
using namespace attn;

namespace {

struct Args {
  std::string corpus = "/usr/share/games/fortunes";
  std::string out = "lessons/models/trained_gpt.json";
  int steps = 12000;
  std::uint64_t seed = 8;
  int batch = 32;
  float learning_rate = 3e-3f;
  int log_every = 250;
  int vocab = 1000;
};

Args parse_args(int argc, char** argv) {
  Args a;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string key = argv[i], value = argv[i + 1];
    if (key == "--corpus") a.corpus = value;
    else if (key == "--out") a.out = value;
    else if (key == "--steps") a.steps = std::stoi(value);
    else if (key == "--seed") a.seed = std::stoull(value);
    else if (key == "--batch") a.batch = std::stoi(value);
    else if (key == "--lr") a.learning_rate = std::stof(value);
    else if (key == "--log-every") a.log_every = std::stoi(value);
    else if (key == "--vocab") a.vocab = std::stoi(value);
    else {
      std::cerr << "train_gpt: unknown option " << key << "\n";
      std::exit(2);
    }
  }
  return a;
}

std::vector<std::string> corpus_files(const std::string& folder) {
  std::vector<std::string> files;
  for (const auto& entry : fs::directory_iterator(folder)) {
    const std::string name = entry.path().filename().string();
    if (!entry.is_regular_file() || entry.is_symlink()) continue;  // *.u8 are links; offensive/ is a folder
    if (entry.path().extension() == ".dat" || entry.path().extension() == ".u8" || name == "ascii-art") continue;
    files.push_back(name);
  }
  std::sort(files.begin(), files.end());
  return files;
}

// Each fortune's token keys (lowercased), in file order.
std::vector<std::vector<std::string>> read_entries(const std::string& folder, const std::vector<std::string>& files) {
  std::vector<std::vector<std::string>> entries;
  for (const std::string& name : files) {
    std::ifstream in(fs::path(folder) / name);
    std::string line, text;
    const auto flush = [&] {
      std::vector<std::string> keys;
      for (const Token& token : tokenize(text)) keys.push_back(lookup_key(token.text));
      if (keys.size() >= 2) entries.push_back(std::move(keys));
      text.clear();
    };
    while (std::getline(in, line)) {
      if (line == "%") flush();
      else text += line + "\n";
    }
    flush();
  }
  return entries;
}

// <bos> + up to context - 1 tokens per sequence; long entries become several.
std::vector<GptSequence> to_sequences(const std::vector<std::vector<std::string>>& entries, const GptVocab& vocab,
                                      int context) {
  std::vector<GptSequence> out;
  const std::size_t span = static_cast<std::size_t>(context - 1);
  for (const auto& keys : entries) {
    for (std::size_t start = 0; start < keys.size(); start += span) {
      GptSequence seq{kBosId};
      for (std::size_t i = start; i < std::min(keys.size(), start + span); ++i) seq.push_back(vocab.id_of(keys[i]));
      if (seq.size() >= 2) out.push_back(std::move(seq));
    }
  }
  return out;
}

// Cross-entropy of held-out next tokens under the training set's word
// frequencies (add-one smoothed): what a model with no context would score.
double unigram_loss(const std::vector<GptSequence>& train, const std::vector<GptSequence>& heldout, int vocab) {
  std::vector<double> counts(static_cast<std::size_t>(vocab), 1.0);
  double total = vocab;
  for (const auto& seq : train)
    for (std::size_t i = 1; i < seq.size(); ++i) counts[static_cast<std::size_t>(seq[i])] += 1.0, total += 1.0;
  double loss = 0.0;
  long predicted = 0;
  for (const auto& seq : heldout)
    for (std::size_t i = 1; i < seq.size(); ++i) {
      loss -= std::log(counts[static_cast<std::size_t>(seq[i])] / total);
      ++predicted;
    }
  return loss / static_cast<double>(predicted);
}

long count_predicted(const std::vector<GptSequence>& data) {
  long n = 0;
  for (const auto& seq : data) n += static_cast<long>(seq.size()) - 1;
  return n;
}

}  // namespace

int main(int argc, char** argv) {
  const Args args = parse_args(argc, argv);
  const std::vector<std::string> files = corpus_files(args.corpus);
  if (files.empty()) {
    std::cerr << "train_gpt: no fortune files in " << args.corpus << " (is the fortunes package installed?)\n";
    return 1;
  }
  const auto entries = read_entries(args.corpus, files);
  std::vector<std::vector<std::string>> train_entries, heldout_entries;
  for (std::size_t i = 0; i < entries.size(); ++i) (i % 20 == 19 ? heldout_entries : train_entries).push_back(entries[i]);

  std::map<std::string, long> counts;
  for (const auto& keys : train_entries)
    for (const auto& key : keys) ++counts[key];
  const GptVocab vocab = build_vocab(counts, args.vocab);

  GptShape shape;
  shape.vocab = vocab.size();
  const auto train = to_sequences(train_entries, vocab, shape.context);
  const auto heldout = to_sequences(heldout_entries, vocab, shape.context);
  long unk = 0, words = 0;
  for (const auto& seq : train)
    for (std::size_t i = 1; i < seq.size(); ++i) unk += seq[i] == kUnkId, ++words;
  std::printf("corpus: %zu files, %zu fortunes (%zu held out), %ld training tokens (%.1f%% <unk>), %ld held-out\n",
              files.size(), entries.size(), heldout_entries.size(), words, 100.0 * unk / words,
              count_predicted(heldout));

  GptTrainOptions options;
  options.seed = args.seed;
  options.batch = args.batch;
  options.learning_rate = args.learning_rate;
  options.total_steps = args.steps;
  GptTrainer trainer(shape, options, &train);

  const auto start = std::chrono::steady_clock::now();
  double running = 0.0;
  for (int s = 1; s <= args.steps; ++s) {
    running += trainer.step();
    if (s % args.log_every == 0 || s == args.steps) {
      const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      std::printf("step %6d  loss %.3f  (%.1f steps/s, %.0f s)\n", s, running / args.log_every, s / seconds, seconds);
      std::fflush(stdout);
      running = 0.0;
    }
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  const double train_loss = gpt_mean_loss(trainer.params(), shape, train);
  const double heldout_loss = gpt_mean_loss(trainer.params(), shape, heldout);
  const double baseline = unigram_loss(train, heldout, shape.vocab);
  std::printf("held-out loss %.3f nats (perplexity %.1f); unigram baseline %.3f (perplexity %.1f); train loss %.3f\n",
              heldout_loss, std::exp(heldout_loss), baseline, std::exp(baseline), train_loss);
  std::printf("trained %d steps in %.1f s (%.1f steps/s, %.0f tokens/s)\n", args.steps, seconds, args.steps / seconds,
              args.steps * args.batch * static_cast<double>(words) / train.size() / seconds);

  TrainedGpt model;
  model.shape = shape;
  model.vocab = vocab;
  model.params = trainer.params();
  model.provenance = {
      {"corpus", "Debian package fortunes: /usr/share/games/fortunes (not offensive/, not ascii-art)"},
      {"corpus_files", files},
      {"fortunes", entries.size()},
      {"heldout", "every 20th fortune"},
      {"train_tokens", words},
      {"heldout_tokens", count_predicted(heldout)},
      {"seed", args.seed},
      {"steps", args.steps},
      {"batch", args.batch},
      {"learning_rate", std::round(args.learning_rate * 1e6) / 1e6},
      {"train_seconds", std::round(seconds)},
      {"train_loss", std::round(train_loss * 1000) / 1000},
      {"heldout_loss", std::round(heldout_loss * 1000) / 1000},
      {"unigram_loss", std::round(baseline * 1000) / 1000},
      {"command", "scripts/train.sh"}};
  std::ofstream(args.out) << trained_gpt_to_json(model) << "\n";
  std::printf("wrote %s (%ju bytes)\n", args.out.c_str(), static_cast<std::uintmax_t>(fs::file_size(args.out)));
  return 0;
}
