// Tells the figures about the learner's system settings: the colour scheme
// (and when it changes) and a wish for reduced motion.
(function () {
  "use strict";
  var Lesson = window.Lesson = window.Lesson || {};

  function follow(query, apply) {
    if (!window.matchMedia) return;
    var list = window.matchMedia(query);
    apply(list.matches);
    if (list.addEventListener) list.addEventListener("change", function (e) { apply(e.matches); });
  }

  function init() {
    follow("(prefers-color-scheme: dark)", function (dark) {
      Lesson.figure.command({ cmd: "set", theme: dark ? "dark" : "light" });
    });
    follow("(prefers-reduced-motion: reduce)", function (reduce) {
      Lesson.figure.command({ cmd: "set", reduced_motion: reduce });
    });
  }

  Lesson.theme = { init: init };
})();
