// The "Watch it learn" section: its Train, Pause, One step and Reset buttons,
// the learning-rate and seed settings, and a live caption of step, loss and
// accuracy. The training itself runs in the module (core/learn_session.h),
// one slice per drawn frame; this script only sends commands and shows the
// numbers the module reports.
(function () {
  "use strict";
  var Lesson = window.Lesson = window.Lesson || {};

  var POLL_MS = 250;  // how often the caption follows a running session
  var polling = null;
  var section = null;

  function find(selector) { return section ? section.querySelector(selector) : null; }

  function setText(selector, text) {
    var node = find(selector);
    if (node) node.textContent = text;
  }

  function format(value) {
    return Lesson.format && Lesson.format.value ? Lesson.format.value(value) : String(value);
  }

  // The settings as a request, or a message saying what is wrong with them.
  function settings() {
    var request = {};
    var rate = find('[data-learn-setting="learning_rate"]');
    var seed = find('[data-learn-setting="seed"]');
    if (rate) request.learning_rate = Number(rate.value);
    if (seed) {
      var value = Number(seed.value);
      if (seed.value.trim() === "" || !Number.isInteger(value) || value < 0 || value > 4294967295) {
        return { problem: "The seed must be a whole number from 0 to 4294967295." };
      }
      request.seed = value;
    }
    return request;
  }

  function fillFacts(facts) {
    if (!facts || typeof facts !== "object") return;
    Lesson.dom.all('[data-fact^="learn."]').forEach(function (span) {
      var key = span.dataset.fact.slice("learn.".length);
      if (Object.prototype.hasOwnProperty.call(facts, key) && facts[key] !== null) {
        span.textContent = format(facts[key]);
      }
    });
  }

  function caption(learn) {
    var parts = ["Step " + format(learn.step)];
    if (typeof learn.loss === "number") parts.push("loss " + learn.loss.toFixed(3));
    parts.push("held-out accuracy " + Math.round(learn.accuracy * 100) + "%");
    var status;
    if (learn.training) status = "training";
    else if (learn.converged) status = "learned: 95% first reached at step " + format(learn.converged_at);
    else if (learn.at_step_cap) status = "stopped at the step limit of " + format(learn.max_steps);
    else if (learn.step === 0) status = "ready: press Train";
    else status = "paused";
    return parts.join(", ") + " (" + status + ").";
  }

  function show(state) {
    if (!state || typeof state !== "object") return;
    setText("[data-learn-error]", state.error || "");
    if (!state.learn) return;
    setText("[data-learn-caption]", caption(state.learn));
    fillFacts(state.facts);
    if (state.learn.training) startPolling(); else stopPolling();
  }

  function send(request) {
    if (!Lesson.figure || !Lesson.figure.module()) {
      setText("[data-learn-error]", "The training runs in the lesson's module, which has not loaded.");
      return null;
    }
    request.cmd = "learn";
    var state = Lesson.figure.command(request);
    show(state);
    return state;
  }

  function poll() {
    polling = null;
    var state = send({ action: "state" });
    // Keep following while the module trains; show() restarts the timer.
    if (!state || !state.learn) stopPolling();
  }

  function startPolling() {
    if (polling === null) polling = window.setTimeout(poll, POLL_MS);
  }

  function stopPolling() {
    if (polling !== null) window.clearTimeout(polling);
    polling = null;
  }

  function showFigure() {
    if (Lesson.figure && Lesson.figure.module()) Lesson.figure.command({ cmd: "show", figure: "learn" });
  }

  function onAction(event) {
    var button = event.target.closest("[data-learn-action]");
    if (!button) return;
    var request = settings();
    if (request.problem) {
      setText("[data-learn-error]", request.problem);
      return;
    }
    request.action = button.dataset.learnAction;
    showFigure();  // training advances one slice per drawn frame of this figure
    send(request);
  }

  function onSetting(event) {
    if (!event.target.closest("[data-learn-setting]")) return;
    var request = settings();
    if (request.problem) {
      setText("[data-learn-error]", request.problem);
      return;
    }
    // A new seed starts a new model; a new learning rate applies from the next step.
    request.action = "state";
    send(request);
  }

  function onLessonEvent(event) {
    var detail = event.detail || {};
    if (detail.event !== "section") return;
    if (detail.section === "learn") {
      showFigure();
      send({ action: "state" });
    }
  }

  function init() {
    section = document.getElementById("learn");
    if (!section) return;
    section.addEventListener("click", onAction);
    section.addEventListener("change", onSetting);
    section.addEventListener("click", function (event) {
      if (event.target.closest(".show-figure")) showFigure();
    });
    document.addEventListener("attention-lesson:event", onLessonEvent);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
