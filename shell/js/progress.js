// The learner's progress: quiz answers, the section being read, the sections
// seen and the guesses made before the weights were shown (js/predict.js).
// Saved in localStorage when there is one (a sandboxed frame may have none, or
// throw on access), always through m.progress, which drops unknown quiz or
// choice ids and scores what is left; the guesses it does not know are checked
// here by shape. Every entry of the contents counts as a section, "Watch it
// learn" included: the same list as the core's lesson_sections().
(function () {
  "use strict";
  var Lesson = window.Lesson = window.Lesson || {};
  var dom = Lesson.dom;

  var KEY = "attention-lesson:progress";
  var SECTIONS = ["opening", "why", "formula", "analogy", "walkthrough", "production",
                  "playground", "learn", "takeaway"];

  // The figures that ask for a guess, and the largest saved row key kept
  // (a sentence of up to 4,000 characters with its settings).
  var PREDICTION_FIGURES = ["flow", "walkthrough"];
  var MAX_ROW_KEY = 6000;

  var current = { answers: {}, section: null, seen: [], score: null, complete: false, predictions: {} };
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

  function isText(value, limit) { return typeof value === "string" && value.length <= limit; }

  // A saved guess: for which row (js/predict.js's key), the query word and the
  // head it was about, and the token index picked (-1: skipped).
  function checkPredictions(raw) {
    var out = {};
    if (!dom.isObject(raw)) return out;
    PREDICTION_FIGURES.forEach(function (figure) {
      var p = raw[figure];
      if (!dom.isObject(p) || !isText(p.row, MAX_ROW_KEY) || !isText(p.query, 200) || !isText(p.head, 200)) return;
      if (typeof p.guess !== "number" || Math.floor(p.guess) !== p.guess || p.guess < -1 || p.guess > 511) return;
      out[figure] = { row: p.row, query: p.query, head: p.head, guess: p.guess };
    });
    return out;
  }

  function normalise(raw) {
    var predictions = checkPredictions(dom.isObject(raw) ? raw.predictions : null);
    var result = normaliseAnswers(raw);
    result.state.predictions = predictions;
    var saved = dom.parse(result.text);
    if (dom.isObject(saved)) {
      saved.predictions = predictions;
      result.text = JSON.stringify(saved);
    }
    return result;
  }

  function normaliseAnswers(raw) {
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

  // The contents' name for each section, for the takeaway's "still to read".
  function sectionName(id) {
    var link = document.querySelector('nav.toc a[href="#' + id + '"]');
    return link ? link.textContent.trim() : id;
  }

  function list(words) {
    if (words.length < 2) return words.join("");
    return words.slice(0, -1).join(", ") + " and " + words[words.length - 1];
  }

  function plural(n, one, many) { return n + " " + (n === 1 ? one : many); }

  // What the takeaway says: what the learner has done and what is left. Every
  // number is a count the core (score) or the saved lists give.
  function summary() {
    var seen = Array.isArray(current.seen) ? current.seen : [];
    var score = dom.isObject(current.score) ? current.score : null;
    // A skipped guess ("Show me the answer") is not a guess, but it is not
    // left to do either: the answer has been seen.
    var guessed = PREDICTION_FIGURES.filter(function (f) {
      return dom.isObject(current.predictions[f]) && current.predictions[f].guess >= 0;
    });
    var open = PREDICTION_FIGURES.filter(function (f) { return !dom.isObject(current.predictions[f]); });
    var skipped = PREDICTION_FIGURES.length - guessed.length - open.length;
    var done = [seen.length + " of " + SECTIONS.length + " sections seen"];
    if (score && typeof score.total === "number" && score.total > 0) {
      done.push(score.answered + " of " + plural(score.total, "quick check", "quick checks") + " answered" +
        (score.answered > 0 ? " (" + score.correct + " right)" : ""));
    }
    done.push(guessed.length + " of " + PREDICTION_FIGURES.length + " guesses made" +
      (skipped > 0 ? " (" + skipped + (skipped === 1 ? " answer" : " answers") + " shown without one)" : ""));
    var left = [];
    var unseen = SECTIONS.filter(function (s) { return seen.indexOf(s) < 0; }).map(sectionName);
    if (unseen.length) left.push("read " + list(unseen));
    if (score && score.answered < score.total) {
      var unanswered = score.total - score.answered;
      left.push(score.answered === 0 ? "answer the " + plural(unanswered, "quick check", "quick checks") :
        "answer " + plural(unanswered, "more quick check", "more quick checks"));
    }
    if (open.length) {
      left.push("make the " + (open.length === 1 ? "guess" : "guesses") + " in " + list(open.map(function (f) {
        var section = dom.sectionOf(f);
        return section ? sectionName(section.id) : f;
      })));
    }
    var text = "So far: " + list(done) + ".";
    if (left.length) text += " Still to do: " + list(left) + ".";
    else text += " You have done everything the lesson offers.";
    if (current.complete && left.length) text += " The lesson counts as finished: every section seen and every quick check answered.";
    return text;
  }

  function render() {
    var seen = Array.isArray(current.seen) ? current.seen.length : 0;
    var text = seen + " of " + SECTIONS.length + " sections seen";
    var score = current.score;
    if (dom.isObject(score) && typeof score.total === "number" && score.answered > 0) {
      text += " \u00b7 quick checks: " + score.correct + " of " + score.total + " right";
    }
    var bar = document.getElementById("progress");
    if (bar) {
      dom.setProperty(bar, "max", SECTIONS.length);
      bar.value = seen;
      bar.textContent = text;
      bar.setAttribute("aria-valuetext", text);
    }
    var label = document.getElementById("progress-text");
    if (label) label.textContent = text;
    // Not a live region: it changes with every section seen, anywhere on the
    // page, and is read where it stands, at the end of the takeaway.
    var final = document.getElementById("final-score");
    if (final) {
      dom.setText(final, summary());
      dom.setProperty(final, "hidden", false);
    }
  }

  function save() {
    var result = normalise({ answers: current.answers, section: current.section, seen: current.seen,
                             choice_seed: current.choice_seed, predictions: current.predictions });
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

  // Records a guess (or a skip: guess -1) for a figure's row; null forgets it,
  // so the figure asks again.
  function setPrediction(figure, prediction) {
    if (PREDICTION_FIGURES.indexOf(figure) < 0) return;
    var predictions = {};
    Object.keys(current.predictions).forEach(function (k) { predictions[k] = current.predictions[k]; });
    if (prediction) predictions[figure] = prediction; else delete predictions[figure];
    current.predictions = predictions;
    save();
  }

  // A seed saved elsewhere (an LMS's record, js/scorm.js) wins over this
  // browser's, so the choices keep their order from one launch to the next.
  function setChoiceSeed(seed) {
    if (typeof seed !== "number" || seed === current.choice_seed) return;
    current.choice_seed = seed;
    save();
  }

  Lesson.progress = {
    SECTIONS: SECTIONS,
    setChoiceSeed: setChoiceSeed,
    PREDICTION_FIGURES: PREDICTION_FIGURES,
    setPrediction: setPrediction,
    prediction: function (figure) { return current.predictions[figure] || null; },
    summary: summary,
    load: load,
    markSection: markSection,
    setAnswer: setAnswer,
    get: function () { return current; }
  };
})();
