// Loads the full list of first names the first time the learner uses a sentence
// of their own: a sentence form is submitted, or a shared link carries one. The
// core starts with only the names the lesson's own sentences use, which keeps the
// first visit small (docs/PERFORMANCE.md). names/first_names.js is a classic
// script that sets window.ATTENTION_FIRST_NAMES to the JSON text, like the
// trained model's file (js/trained.js), so it works from file:// and under
// script-src 'self'. After m.loadNames every figure is asked for its state again:
// the module's trace cache knows the names changed and recomputes.
(function () {
  "use strict";
  var Lesson = window.Lesson = window.Lesson || {};
  var dom = Lesson.dom;

  var status = "starter";   // then "loading", "loaded" or "failed"

  function refreshFigures() {
    Lesson.figure.FIGURES.forEach(function (id) {
      if (id !== "learn" && Lesson.figure.state(id)) Lesson.figure.set(id, {});
    });
  }

  // Loads once. A failure leaves the starter names in use; the figures stay
  // correct for them (an unlisted name then reads as a name of unknown gender).
  function load() {
    var module = Lesson.figure && Lesson.figure.module();
    if (status !== "starter" || !module || typeof module.loadNames !== "function") return;
    status = "loading";
    dom.loadDataScript("names/first_names.js", "ATTENTION_FIRST_NAMES", function (ok) {
      var answer = ok ? dom.parse(module.loadNames(window.ATTENTION_FIRST_NAMES)) : null;
      if (!dom.isObject(answer) || answer.error) {
        status = "failed";
        if (window.console) console.warn("First names not loaded: " + (answer && answer.error || "names/first_names.js is missing"));
        return;
      }
      status = "loaded";
      refreshFigures();
    });
  }

  function linkHasSentence() {
    try {
      var p = new URLSearchParams(window.location.hash.replace(/^#/, ""));
      return p.has("sentence") || p.has("p.sentence");
    } catch (e) { return false; }
  }

  function init() {
    document.addEventListener("submit", function (event) {
      if (event.target.closest && event.target.closest("form.sentence-form")) load();
    });
    // The first state means the module is there; a shared link is read then.
    var checkedLink = false;
    Lesson.figure.onState(function () {
      if (checkedLink) return;
      checkedLink = true;
      if (linkHasSentence()) load();
    });
    window.addEventListener("hashchange", function () { if (linkHasSentence()) load(); });
  }

  Lesson.names = { load: load, status: function () { return status; } };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
