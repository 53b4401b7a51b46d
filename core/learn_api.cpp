// JSON options and state of a learn session (learn_api.h).
#include "core/learn_api.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace attn {
namespace {

using nlohmann::json;

[[noreturn]] void bad(const std::string& name, const std::string& why) {
  throw std::invalid_argument("The learn setting \"" + name + "\" " + why + ".");
}

// Means of consecutive runs of points, at most max_points of them; each
// point keeps the step at the end of its run.
json averaged(const std::vector<std::pair<long, double>>& points, int max_points) {
  json out = json::array();
  if (points.empty()) return out;
  const std::size_t per = (points.size() + static_cast<std::size_t>(max_points) - 1) / static_cast<std::size_t>(max_points);
  for (std::size_t begin = 0; begin < points.size(); begin += per) {
    const std::size_t end = std::min(points.size(), begin + per);
    double sum = 0.0;
    for (std::size_t i = begin; i < end; ++i) sum += points[i].second;
    out.push_back(json::array({points[end - 1].first, sum / static_cast<double>(end - begin)}));
  }
  return out;
}

std::string digit_text(const LearnTaskShape& s, int digit) {
  return digit == s.digits ? std::string("?") : std::to_string(digit);
}

}  // namespace

LearnOptions learn_options_from_json(const json& request, const LearnOptions& base) {
  if (!request.is_object()) throw std::invalid_argument("A learn request must be a JSON object.");
  LearnOptions o = base;
  if (request.contains("seed")) {
    const json& v = request["seed"];
    if (!v.is_number() || v.get<double>() != std::floor(v.get<double>()) || v.get<double>() < 0 ||
        v.get<double>() > 4294967295.0)
      bad("seed", "must be a whole number from 0 to 4294967295");
    o.seed = static_cast<std::uint64_t>(v.get<double>());
  }
  if (request.contains("learning_rate")) {
    const json& v = request["learning_rate"];
    if (!v.is_number() || !(v.get<double>() > 0.0) || v.get<double>() > 1.0)
      bad("learning_rate", "must be a number above 0 and at most 1");
    o.learning_rate = v.get<float>();
  }
  if (request.contains("heads")) {
    const json& v = request["heads"];
    if (!v.is_number_integer() || v.get<long long>() < 1 || v.get<long long>() > 8)
      bad("heads", "must be a whole number from 1 to 8");
    o.heads = v.get<int>();
  }
  check_learn_options(o);
  return o;
}

json learn_state_json(const LearnSession& session, int max_points) {
  if (max_points < 1) throw std::invalid_argument("A history needs at least one point.");
  const LearnOptions& o = session.options();
  const LearnTaskShape& task = session.shape().task;
  std::vector<std::pair<long, double>> losses;
  for (std::size_t i = 0; i < session.losses().size(); ++i)
    losses.emplace_back(static_cast<long>(i) + 1, session.losses()[i]);

  const LearnExample& e = session.example();
  const Matrix probs = session.example_probabilities();
  Eigen::Index predicted = 0;
  probs.row(0).maxCoeff(&predicted);
  json probabilities = json::array();
  for (Eigen::Index j = 0; j < probs.cols(); ++j) probabilities.push_back(probs(0, j));

  json attention = json::array();
  const AttentionSnapshot& now = session.snapshots().back();
  for (std::size_t h = 0; h < now.heads.size(); ++h) {
    json weights = json::array();
    for (Eigen::Index j = 0; j < now.heads[h].cols(); ++j) weights.push_back(now.heads[h](0, j));
    attention.push_back({{"name", "head " + std::to_string(h + 1)}, {"step", now.step}, {"weights", weights}});
  }

  return {{"step", session.steps()},
          {"loss", session.losses().empty() ? json(nullptr) : json(session.losses().back())},
          {"accuracy", session.accuracy()},
          {"converged", session.converged()},
          {"converged_at", session.converged_at()},
          {"at_step_cap", session.at_step_cap()},
          {"seed", o.seed},
          {"learning_rate", o.learning_rate},
          {"heads", o.heads},
          {"max_steps", o.max_steps},
          {"loss_history", averaged(losses, max_points)},
          {"accuracy_history", averaged(session.accuracies(), max_points)},
          {"example",
           {{"slots", slot_labels(task, e)},
            {"answer", digit_text(task, e.answer)},
            {"prediction", digit_text(task, static_cast<int>(predicted))},
            {"probabilities", probabilities}}},
          {"attention", attention}};
}

json learn_facts(const LearnSession& session) {
  const LearnTaskShape& task = session.shape().task;
  return {{"step", session.steps()},
          {"loss", session.losses().empty() ? json(nullptr) : json(session.losses().back())},
          {"accuracy_percent", std::round(session.accuracy() * 1000.0) / 10.0},
          {"chance_percent", std::round(1000.0 / task.digits) / 10.0},
          {"slot_guess_percent", std::round(1000.0 / task.pairs) / 10.0},
          {"converged", session.converged()},
          {"converged_at", session.converged_at()}};
}

}  // namespace attn
