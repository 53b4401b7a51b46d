// The four quick checks: built from m.quizzes() into the .quiz[data-quiz]
// slots as radio groups with a Check button, graded by m.grade when it is
// pressed, with the explanation for the chosen answer. Answers go to progress;
// restored answers are shown again, and the choices appear in the learner's
// own saved order.
(function () {
  "use strict";
  var Lesson = window.Lesson = window.Lesson || {};
  var dom = Lesson.dom;

  function grade(quizId, choiceId) {
    var module = Lesson.figure.module();
    if (!module) return null;
    try {
      var result = dom.parse(module.grade(JSON.stringify({ quiz: quizId, choice: choiceId })));
      return dom.isObject(result) && !result.error ? result : null;
    } catch (e) { return null; }
  }

  function showResult(container, choiceId, result) {
    var feedback = container.querySelector(".quiz-feedback");
    dom.all("label", container).forEach(function (label) {
      var input = label.querySelector("input");
      label.classList.toggle("is-correct", !!result && input.value === choiceId && result.correct === true);
      label.classList.toggle("is-wrong", !!result && input.value === choiceId && result.correct !== true);
    });
    dom.clear(feedback);
    if (!result) {
      feedback.textContent = "This answer could not be checked.";
      return;
    }
    feedback.classList.toggle("is-correct", result.correct === true);
    feedback.classList.toggle("is-wrong", result.correct !== true);
    feedback.appendChild(dom.el("strong", { "class": "quiz-verdict" },
      result.correct === true ? "\u2713 Correct answer" : "\u2717 Not this one: try another answer"));
    feedback.appendChild(document.createTextNode(" "));
    feedback.appendChild(dom.el("span", { "class": "quiz-explanation" }, String(result.explanation || "")));
  }

  // Choosing only selects: arrowing through a radio group passes over every
  // choice, and none of them is an answer until the learner presses Check.
  function onChange(event) {
    var input = event.target;
    if (input.type !== "radio") return;
    var container = input.closest(".quiz[data-quiz]");
    var feedback = container.querySelector(".quiz-feedback");
    dom.all("label", container).forEach(function (label) { label.classList.remove("is-correct", "is-wrong"); });
    feedback.classList.remove("is-correct", "is-wrong");
    dom.setText(feedback, "");
  }

  function onCheck(event) {
    var button = event.target.closest("button.quiz-check");
    if (!button) return;
    var container = button.closest(".quiz[data-quiz]");
    var chosen = container.querySelector('input[type="radio"]:checked');
    if (!chosen) {
      dom.setText(container.querySelector(".quiz-feedback"), "Pick an answer first, then press Check.");
      return;
    }
    var quizId = container.dataset.quiz;
    var result = grade(quizId, chosen.value);
    showResult(container, chosen.value, result);
    if (!result) return;
    var score = Lesson.progress.setAnswer(quizId, chosen.value);
    dom.emit("quiz", { quiz: quizId, choice: chosen.value, correct: result.correct === true, score: score });
  }

  function build(container, quiz, number) {
    dom.clear(container);
    var fieldset = dom.el("fieldset", { "class": "quiz-fieldset" });
    var legend = dom.el("legend");
    legend.appendChild(dom.el("span", { "class": "quiz-kicker" }, "Quick check " + number));
    legend.appendChild(dom.el("span", { "class": "quiz-question" }, String(quiz.question || "")));
    fieldset.appendChild(legend);
    var choices = dom.el("div", { "class": "quiz-choices" });
    (Array.isArray(quiz.choices) ? quiz.choices : []).forEach(function (choice) {
      if (!dom.isObject(choice)) return;
      var label = dom.el("label", { "class": "quiz-choice" });
      label.appendChild(dom.el("input", { type: "radio", name: "quiz-" + container.dataset.quiz, value: String(choice.id) }));
      label.appendChild(dom.el("span", null, String(choice.text || "")));
      choices.appendChild(label);
    });
    fieldset.appendChild(choices);
    fieldset.appendChild(dom.el("button", { type: "button", "class": "quiz-check" }, "Check"));
    fieldset.appendChild(dom.el("p", { "class": "quiz-feedback", role: "status", "aria-live": "polite" }));
    container.appendChild(fieldset);
  }

  function message(text) {
    dom.all(".quiz[data-quiz]").forEach(function (container) {
      dom.clear(container);
      container.appendChild(dom.el("p", { "class": "quiz-unavailable" }, text));
    });
  }

  function init() {
    var module = Lesson.figure.module();
    var quizzes = null;
    try { quizzes = dom.parse(module.quizzes()); } catch (e) { quizzes = null; }
    if (!Array.isArray(quizzes)) {
      message("The quick checks could not be loaded from the lesson file.");
      return;
    }
    dom.all(".quiz[data-quiz]").forEach(function (container) {
      var index = -1;
      quizzes.forEach(function (q, i) { if (dom.isObject(q) && q.id === container.dataset.quiz) index = i; });
      if (index < 0) {
        dom.clear(container);
        container.appendChild(dom.el("p", { "class": "quiz-unavailable" }, "This quick check is missing from the lesson file."));
        return;
      }
      build(container, quizzes[index], index + 1);
      container.addEventListener("change", onChange);
      container.addEventListener("click", onCheck);
    });
  }

  // Puts each quiz's choices in this learner's order (the core's seeded shuffle,
  // saved with the progress), so the answer is not always in the same place.
  // Display only: the radios keep their choice ids, which are what is graded.
  function arrange(choiceOrder) {
    if (!dom.isObject(choiceOrder)) return;
    dom.all(".quiz[data-quiz]").forEach(function (container) {
      var order = choiceOrder[container.dataset.quiz];
      var list = container.querySelector(".quiz-choices");
      if (!Array.isArray(order) || !list) return;
      order.forEach(function (choiceId) {
        var label = dom.all("label", list).filter(function (l) {
          return l.querySelector("input").value === choiceId;
        })[0];
        if (label) list.appendChild(label);
      });
    });
  }

  // Orders the choices for this learner and shows saved answers again, graded,
  // without counting them as new answers.
  function restore(progress) {
    if (!dom.isObject(progress)) return;
    arrange(progress.choice_order);
    var answers = progress.answers;
    if (!dom.isObject(answers)) return;
    dom.all(".quiz[data-quiz]").forEach(function (container) {
      var choiceId = answers[container.dataset.quiz];
      if (typeof choiceId !== "string") return;
      var input = dom.all('input[type="radio"]', container).filter(function (r) { return r.value === choiceId; })[0];
      if (!input) return;
      input.checked = true;
      showResult(container, choiceId, grade(container.dataset.quiz, choiceId));
    });
  }

  function unavailable() {
    message("The quick checks are graded by the lesson's WebAssembly module, which could not run in this browser, so they are not shown. Every section's text still reads in full.");
  }

  Lesson.quiz = { init: init, restore: restore, unavailable: unavailable };
})();
