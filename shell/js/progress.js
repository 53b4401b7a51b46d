// The learner's progress: quiz answers, the section being read and the
// sections seen. Saved in localStorage when there is one (a sandboxed frame may
// have none, or throw on access), always through m.progress, which drops
// unknown quiz or choice ids and scores what is left.
(function () {
  "use strict";
  var Lesson = window.Lesson = window.Lesson || {};
  var dom = Lesson.dom;

  var KEY = "attention-lesson:progress";
  var SECTIONS = ["opening", "why", "formula", "analogy", "walkthrough", "production",
                  "playground", "learn", "takeaway"];

  var current = { answers: {}, section: null, seen: [], score: null, complete: false };
  var wasComplete = false;

  function readStorage() {
    try { return window.localStorage ? window.localStorage.getItem(KEY) : null; }
    catch (e) { return null; }
  }

  function writeStorage(text) {
    try { if (window.localStorage) window.localStorage.setItem(KEY, text); }
    catch (e) { /* no storage here: progress lasts for this visit only */ }
  }

  // Without the module only the reading position can be checked, by whitelist.
  function basicCheck(raw) {
    var out = { answers: {}, section: null, seen: [], score: null, complete: false };
    if (!dom.isObject(raw)) return out;
    if (SECTIONS.indexOf(raw.section) >= 0) out.section = raw.section;
    if (Array.isArray(raw.seen)) {
      out.seen = SECTIONS.filter(function (s) { return raw.seen.indexOf(s) >= 0; });
    }
    if (dom.isObject(raw.answers)) out.answers = raw.answers;  // kept, not trusted
    if (typeof raw.choice_seed === "number") out.choice_seed = raw.choice_seed;  // kept for the module to check
    return out;
  }

  function normalise(raw) {
    var module = Lesson.figure.module();
    if (module && typeof module.progress === "function") {
      try {
        var text = module.progress(JSON.stringify(raw));
        var answer = dom.parse(text);
        if (dom.isObject(answer) && !answer.error) return { state: answer, text: text };
      } catch (e) { /* fall through to the basic check */ }
    }
    var basic = basicCheck(raw);
    return { state: basic, text: JSON.stringify({ answers: basic.answers, section: basic.section, seen: basic.seen,
                                                  choice_seed: basic.choice_seed }) };
  }

  function render() {
    var seen = Array.isArray(current.seen) ? current.seen.length : 0;
    var text = seen + " of " + SECTIONS.length + " sections seen";
    var score = current.score;
    if (dom.isObject(score) && typeof score.total === "number") {
      text += " \u00b7 quick checks: " + score.correct + " of " + score.total + " right";
    }
    var bar = document.getElementById("progress");
    if (bar) {
      bar.value = seen;
      bar.textContent = text;
      bar.setAttribute("aria-valuetext", text);
    }
    var label = document.getElementById("progress-text");
    if (label) label.textContent = text;
    var final = document.getElementById("final-score");
    if (final && dom.isObject(score) && score.answered > 0) {
      final.textContent = "Your quick checks: " + score.correct + " of " + score.total + " right" +
        (current.complete ? ". You have finished the lesson." : ".");
    }
  }

  function save() {
    var result = normalise({ answers: current.answers, section: current.section, seen: current.seen,
                             choice_seed: current.choice_seed });
    current = result.state;
    if (!dom.isObject(current.answers)) current.answers = {};
    if (!Array.isArray(current.seen)) current.seen = [];
    writeStorage(result.text);
    render();
    if (current.complete === true && !wasComplete) {
      wasComplete = true;
      dom.emit("complete", { score: current.score });
    }
  }

  // A learner's seed for the order of the quiz choices, drawn once and saved
  // with the progress (the core turns it into the order).
  function newChoiceSeed() {
    var seed = new Uint32Array(1);
    if (window.crypto && window.crypto.getRandomValues) window.crypto.getRandomValues(seed);
    else seed[0] = Math.floor(Math.random() * 4294967295);
    return seed[0] || 1;
  }

  // Reads what was saved; call again once the module is there to validate it
  // (and, on a first visit, to save a new choice seed).
  function load() {
    var raw = dom.parse(readStorage());
    var result = normalise(dom.isObject(raw) ? raw : {});
    current = result.state;
    if (!dom.isObject(current.answers)) current.answers = {};
    if (!Array.isArray(current.seen)) current.seen = [];
    wasComplete = current.complete === true;
    if (current.choice_seed === 0) {  // the module answered and no seed was saved
      current.choice_seed = newChoiceSeed();
      save();
      return current;
    }
    render();
    return current;
  }

  function markSection(section) {
    if (SECTIONS.indexOf(section) < 0) return;
    var isNew = current.seen.indexOf(section) < 0;
    if (!isNew && current.section === section) return;
    current.section = section;
    if (isNew) current.seen = current.seen.concat([section]);
    save();
  }

  function setAnswer(quiz, choice) {
    var answers = {};
    Object.keys(current.answers).forEach(function (k) { answers[k] = current.answers[k]; });
    answers[quiz] = choice;
    current.answers = answers;
    save();
    return current.score;
  }

  Lesson.progress = {
    SECTIONS: SECTIONS,
    load: load,
    markSection: markSection,
    setAnswer: setAnswer,
    get: function () { return current; }
  };
})();
