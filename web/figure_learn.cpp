// "Watch it learn": the loss falling, the held-out accuracy rising, and each
// head's attention on one fixed question sharpening onto the matching slot.
// Training runs here in slices of about 10 ms per frame, and asks for the
// next frame until it is paused, converges (>= 95% held-out accuracy) or
// reaches the step cap, so no frame waits on training.
#include "web/figure_learn.h"

#include <algorithm>
#include <chrono>
#include <memory>
#include <stdexcept>

#include "core/learn_api.h"
#include "web/draw.h"
#include "web/fonts.h"
#include "web/main_loop.h"
#include "web/theme.h"

namespace lesson {
namespace {

using nlohmann::json;

constexpr double kSliceBudgetMs = 10.0;
// At most this many steps per frame, so the learner can watch: the task is
// learned in ~150 steps, which unthrottled would take a handful of frames.
constexpr int kMaxStepsPerFrame = 2;
constexpr int kHistoryRows = 12;    // attention snapshots drawn per head

struct LearnRun {
  std::unique_ptr<attn::LearnSession> session;
  bool training = false;
  std::string error;
};

LearnRun& run() {
  static LearnRun state;
  if (!state.session) state.session = std::make_unique<attn::LearnSession>(attn::LearnOptions{});
  return state;
}

bool finished(const attn::LearnSession& s) { return s.converged() || s.at_step_cap(); }

// One frame's share of training.
void train_slice() {
  LearnRun& r = run();
  if (!r.training) return;
  const auto start = std::chrono::steady_clock::now();
  try {
    for (int ran = 0; ran < kMaxStepsPerFrame && !finished(*r.session); ++ran) {
      r.session->step(1);
      const std::chrono::duration<double, std::milli> spent = std::chrono::steady_clock::now() - start;
      if (spent.count() >= kSliceBudgetMs) break;
    }
  } catch (const std::invalid_argument& e) {
    r.error = e.what();
    r.training = false;
  }
  if (finished(*r.session)) r.training = false;
  note_canvas_change();  // tells the page and asks for the next frame
}

int steps_requested(const json& request) {
  if (!request.contains("steps")) return 1;
  const json& v = request["steps"];
  if (!v.is_number_integer() || v.get<long long>() < 1 || v.get<long long>() > 100000)
    throw std::invalid_argument("\"steps\" must be a whole number from 1 to 100000.");
  return v.get<int>();
}

// Step numbers where a snapshot is drawn: evenly spread, always the latest.
std::vector<std::size_t> history_rows(std::size_t count) {
  std::vector<std::size_t> rows;
  const std::size_t shown = std::min<std::size_t>(count, kHistoryRows);
  for (std::size_t i = 0; i < shown; ++i)
    rows.push_back(shown == 1 ? count - 1 : i * (count - 1) / (shown - 1));
  return rows;
}

attn::Matrix head_history(const attn::LearnSession& s, std::size_t head, std::vector<std::string>& labels) {
  const std::vector<attn::AttentionSnapshot>& snaps = s.snapshots();
  const std::vector<std::size_t> rows = history_rows(snaps.size());
  attn::Matrix m(static_cast<Eigen::Index>(rows.size()), snaps.front().heads[head].cols());
  labels.clear();
  for (std::size_t i = 0; i < rows.size(); ++i) {
    m.row(static_cast<Eigen::Index>(i)) = snaps[rows[i]].heads[head].row(0);
    labels.push_back("step " + std::to_string(snaps[rows[i]].step));
  }
  return m;
}

}  // namespace

json learn_command(const json& request) {
  LearnRun& r = run();
  FigureState& fig = figure(FigureId::learn);
  try {
    const std::string action = request.value("action", std::string("state"));
    if (action != "train" && action != "pause" && action != "step" && action != "reset" && action != "state")
      throw std::invalid_argument("The learn action must be train, pause, step, reset or state, not \"" + action + "\".");
    const attn::LearnOptions current = r.session->options();
    const attn::LearnOptions next = attn::learn_options_from_json(request, current);
    const int steps = action == "step" ? steps_requested(request) : 0;
    if (action == "reset" || next.seed != current.seed || next.heads != current.heads) {
      r.session = std::make_unique<attn::LearnSession>(next);  // a different model: start again
      r.training = false;
    } else if (next.learning_rate != current.learning_rate) {
      r.session->set_learning_rate(next.learning_rate);
    }
    r.error.clear();
    if (action == "train") r.training = !finished(*r.session);
    if (action == "pause") r.training = false;
    if (action == "step") {
      r.training = false;
      r.session->step(steps);
    }
  } catch (const std::exception& e) {
    r.error = e.what();
  }
  fig.error = r.error;
  request_frames();
  return learn_figure_state(fig);
}

json learn_figure_state(FigureState& fig) {
  LearnRun& r = run();
  const attn::LearnSession& s = *r.session;
  json learn = attn::learn_state_json(s);
  learn["training"] = r.training;
  json heads = json::array();
  for (int h = 0; h < s.options().heads; ++h) heads.push_back("head " + std::to_string(h + 1));
  const std::vector<std::string> slots = attn::slot_labels(s.shape().task, s.example());
  return {{"figure", "learn"},
          {"settings", {{"seed", s.options().seed}, {"learning_rate", s.options().learning_rate},
                        {"heads", s.options().heads}}},
          {"tokens", slots},
          {"unknown", std::vector<bool>(slots.size(), false)},
          {"selected", static_cast<int>(slots.size()) - 1},
          {"head_names", heads},
          {"facts", attn::learn_facts(s)},
          {"theme", app().theme == Theme::dark ? "dark" : "light"},
          {"notice", ""},
          {"error", fig.error},
          {"learn", learn}};
}

void draw_learn(FigureState& fig) {
  train_slice();
  fig.error = run().error;
  const attn::LearnSession& s = *run().session;
  const Palette& p = palette();
  draw::Area area = draw::figure_area();
  const std::string loss = s.losses().empty() ? "-" : draw::fixed(static_cast<float>(s.losses().back()), 3);
  std::string status = run().training ? "training" : s.converged() ? "learned" : s.at_step_cap() ? "stopped at the step cap" : "paused";
  draw::title(area, "Watch attention learn",
              "step " + std::to_string(s.steps()) + "  \xC2\xB7  loss " + loss + "  \xC2\xB7  accuracy " +
                  draw::percent(static_cast<float>(s.accuracy())) + "  \xC2\xB7  " + status);

  // Loss and accuracy, side by side.
  // 100 px is about the least a plot with its legend and axes can use; a
  // phone's canvas needs the rest for the heads' snapshots below.
  draw::Area plots = area.take_top(std::max(100.f, area.height() * 0.42f));
  draw::Area left = plots.take_left(plots.width() * 0.5f - 6.f);
  plots.take_left(12.f);
  const json state = attn::learn_state_json(s, 200);
  std::vector<double> loss_xs{0.0}, loss_ys{s.losses().empty() ? 0.0 : s.losses().front()};
  for (const auto& point : state["loss_history"]) {
    loss_xs.push_back(point[0].get<double>());
    loss_ys.push_back(point[1].get<double>());
  }
  if (s.losses().empty()) loss_xs.clear(), loss_ys.clear();
  draw::line_plot(left, loss_xs, {{"training loss (cross-entropy)", loss_ys, p.query}}, "step", "loss");
  std::vector<double> acc_xs, acc_ys;
  for (const auto& point : state["accuracy_history"]) {
    acc_xs.push_back(point[0].get<double>());
    acc_ys.push_back(point[1].get<double>());
  }
  draw::line_plot(plots, acc_xs, {{"held-out accuracy", acc_ys, p.value}}, "step", "share right");

  // Each head's attention from the question slot, one row per snapshot:
  // the rows darken onto the matching slot as the head learns.
  area.take_top(10.f);
  const std::vector<std::string> slots = attn::slot_labels(s.shape().task, s.example());
  area.take_top(draw::text_wrapped(area.min, "The question " + draw::quote(slots.back()) +
                                                 ": where each head looks, step by step",
                                   p.text, area.width(), fonts().bold) + 6.f);
  const int heads = s.options().heads;
  const float width = (area.width() - 12.f * static_cast<float>(heads - 1)) / static_cast<float>(heads);
  for (int h = 0; h < heads; ++h) {
    draw::Area cell = area.take_left(width);
    if (h + 1 < heads) area.take_left(12.f);
    std::vector<std::string> rows;
    const attn::Matrix history = head_history(s, static_cast<std::size_t>(h), rows);
    draw::HeatmapStyle style;
    style.hue = p.key;
    style.probabilities = true;
    style.numbers = false;
    style.highlight_row = static_cast<int>(history.rows()) - 1;
    const draw::HeatmapResult hm =
        draw::heatmap(cell, "head " + std::to_string(h + 1), history, rows, slots, style);
    if (hm.row >= 0 && hm.column >= 0)
      draw::tooltip(rows[static_cast<std::size_t>(hm.row)] + ": head " + std::to_string(h + 1) + " gives " +
                    draw::quote(slots[static_cast<std::size_t>(hm.column)]) + " " +
                    draw::percent(history(hm.row, hm.column)) + " of its attention");
  }
}

std::vector<NamedMatrix> learn_matrices(FigureState&) {
  const attn::LearnSession& s = *run().session;
  const std::vector<std::string> slots = attn::slot_labels(s.shape().task, s.example());
  std::vector<NamedMatrix> out;
  for (int h = 0; h < s.options().heads; ++h) {
    std::vector<std::string> rows;
    attn::Matrix history = head_history(s, static_cast<std::size_t>(h), rows);
    out.push_back({"attention of the question slot, head " + std::to_string(h + 1), rows, slots, std::move(history)});
  }
  return out;
}

}  // namespace lesson
