// The clickable formula: each part (Q, K, V, K^T, sqrt(d_k), softmax, the
// product with V), in the typeset formula or in the button row under it,
// opens its card and asks the formula figure to highlight the same part. The
// buttons are ordinary data-figure-setting controls (controls.js sends them);
// the card follows the figure's state, so card and figure always agree.
(function () {
  "use strict";
  var Lesson = window.Lesson = window.Lesson || {};
  var dom = Lesson.dom;

  function showCard(part) {
    dom.all("[data-part-card]").forEach(function (card) {
      card.hidden = card.dataset.partCard !== part;
    });
    dom.all(".formula-math [data-part]").forEach(function (node) {
      node.classList.toggle("is-selected", node.dataset.part === part);
    });
    dom.all(".part-buttons [data-part]").forEach(function (button) {
      button.setAttribute("aria-pressed", String(button.dataset.part === part));
    });
  }

  function choose(part) {
    showCard(part);
    if (!Lesson.figure.module()) return;
    if (Lesson.figure.shown() !== "formula") Lesson.figure.show("formula");
    Lesson.controls.send("formula", { formula_part: part });
  }

  // The typeset formula answers mouse and touch; the buttons under it are the
  // same choices for the keyboard and screen readers (focusable parts inside
  // <math> would be nested interactive content).
  function init() {
    var box = document.getElementById("formula");
    if (!box) return;
    box.addEventListener("click", function (event) {
      var typeset = event.target.closest(".formula-math [data-part]");
      if (typeset) { choose(typeset.dataset.part); return; }
      var button = event.target.closest(".part-buttons [data-part]");
      if (button) showCard(button.dataset.part);
    });
    showCard("");
    Lesson.figure.onState(function (state) {
      if (state.figure !== "formula" || !state.settings) return;
      var part = state.settings.formula_part;
      if (typeof part === "string") showCard(part);
    });
  }

  Lesson.formula = { init: init };
})();
