// Writes the matrices a figure shows (figure_matrices) as CSV blocks or JSON,
// with the token labels, so a learner can check the numbers elsewhere.
#include "web/export.h"

#include <cstdio>

#include "web/figures.h"

namespace lesson {
namespace {

using nlohmann::json;

// RFC 4180 quoting: tokens can be commas or quotes themselves.
std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\n") == std::string::npos) return text;
  std::string quoted = "\"";
  for (char c : text) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}

std::string number(float value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.6g", static_cast<double>(value));
  return buffer;
}

std::string to_csv(const std::vector<NamedMatrix>& matrices) {
  std::string text;
  for (const NamedMatrix& m : matrices) {
    text += "# " + m.name + " (" + std::to_string(m.values.rows()) + " x " +
            std::to_string(m.values.cols()) + ")\n";
    text += csv_field("");
    for (const std::string& label : m.column_labels) text += "," + csv_field(label);
    text += "\n";
    for (Eigen::Index r = 0; r < m.values.rows(); ++r) {
      text += csv_field(r < static_cast<Eigen::Index>(m.row_labels.size()) ? m.row_labels[r] : "");
      for (Eigen::Index c = 0; c < m.values.cols(); ++c) text += "," + number(m.values(r, c));
      text += "\n";
    }
    text += "\n";
  }
  return text;
}

json to_json(const FigureState& fig, const std::vector<NamedMatrix>& matrices) {
  json out = {{"figure", figure_name(fig.id)}, {"settings", settings_to_json(fig.settings)}};
  json list = json::array();
  for (const NamedMatrix& m : matrices) {
    json rows = json::array();
    for (Eigen::Index r = 0; r < m.values.rows(); ++r) {
      json row = json::array();
      for (Eigen::Index c = 0; c < m.values.cols(); ++c) row.push_back(m.values(r, c));
      rows.push_back(row);
    }
    list.push_back({{"name", m.name}, {"rows", m.row_labels}, {"columns", m.column_labels},
                    {"values", rows}});
  }
  out["matrices"] = list;
  return out;
}

}  // namespace

json export_figure(FigureState& fig, const std::string& format) {
  const std::vector<NamedMatrix> matrices = figure_matrices(fig);
  const std::string base = std::string("attention-") + figure_name(fig.id);
  if (format == "json") return {{"text", to_json(fig, matrices).dump(2)}, {"filename", base + ".json"}};
  return {{"text", to_csv(matrices)}, {"filename", base + ".csv"}};
}

}  // namespace lesson
