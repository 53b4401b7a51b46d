// The figures: one draw function per figure (figure_<name>.cpp), and the
// matrices each one shows, for the CSV and JSON export.
#pragma once

#include <string>
#include <vector>

#include "core/explain.h"
#include "core/tensor.h"
#include "web/app_state.h"

namespace lesson {

struct NamedMatrix {
  std::string name;
  std::vector<std::string> row_labels, column_labels;
  attn::Matrix values;
};

// Draws the figure into the current ImGui window, which fills the canvas.
void draw_figure(FigureState& fig);
// The matrices the figure shows now, in the order it shows them.
std::vector<NamedMatrix> figure_matrices(FigureState& fig);

// One pair per figure, each in its own figure_<name>.cpp. They are called
// only when the figure has a trace.
void draw_flow(FigureState& fig);
std::vector<NamedMatrix> flow_matrices(FigureState& fig);
void draw_rnn(FigureState& fig);
std::vector<NamedMatrix> rnn_matrices(FigureState& fig);
void draw_formula(FigureState& fig);
std::vector<NamedMatrix> formula_matrices(FigureState& fig);
void draw_analogy(FigureState& fig);
std::vector<NamedMatrix> analogy_matrices(FigureState& fig);
void draw_walkthrough(FigureState& fig);
std::vector<NamedMatrix> walkthrough_matrices(FigureState& fig);
void draw_production(FigureState& fig);
std::vector<NamedMatrix> production_matrices(FigureState& fig);
void draw_playground(FigureState& fig);
std::vector<NamedMatrix> playground_matrices(FigureState& fig);
void draw_takeaway(FigureState& fig);
std::vector<NamedMatrix> takeaway_matrices(FigureState& fig);

// Token texts of a trace, the labels of most matrices.
std::vector<std::string> token_labels(const attn::ExplainTrace& trace);

}  // namespace lesson
