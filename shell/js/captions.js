// Words about the figures, built from each figure's state: the opening caption,
// the aria-live description of the figure on show, the canvas label, notices,
// the "unknown words" note and the prose's claim slots (js/claims.js). Only
// wording happens here; every number is a fact from the core.
(function () {
  "use strict";
  var Lesson = window.Lesson = window.Lesson || {};
  var dom = Lesson.dom;
  var fmt = function (v) { return Lesson.format.value(v); };

  var STEP_NAMES = ["Tokens", "Embeddings", "Projections", "Raw scores", "Scaling",
                    "Softmax", "Output", "Multiple heads"];
  var FIGURE_NAMES = {
    flow: "attention flow in a sentence",
    rnn: "an RNN chain beside an attention graph, and the cost of each",
    formula: "the attention formula and its scores",
    analogy: "the conference analogy on the running example",
    walkthrough: "the step-by-step computation",
    production: "multi-head attention and positional encodings",
    playground: "the playground",
    learn: "a tiny attention model training: its loss, accuracy and attention patterns",
    takeaway: "the summary: a soft lookup table"
  };

  function has(facts) {
    var names = Array.prototype.slice.call(arguments, 1);
    return dom.isObject(facts) && names.every(function (n) { return facts[n] != null; });
  }

  function quote(word) { return "\u201c" + fmt(word) + "\u201d"; }

  // The row's claim (js/claims.js), and on a decisive row the least attended
  // word too; a flat row names no word at all.
  function flowSentence(f) {
    var claim = Lesson.claims.sentence(f, "share");
    if (!claim || !f.decisive || !has(f, "bottom_token", "bottom_percent") || !f.bottom_token) return claim;
    return claim + " The least, " + fmt(f.bottom_percent) + "%, goes to " + quote(f.bottom_token) + ".";
  }

  var describers = {
    flow: function (s, f) {
      var text = flowSentence(f);
      return text && has(f, "head") ? text + " Head: " + fmt(f.head) + "." : text;
    },
    rnn: function (s, f) {
      if (!has(f, "distance", "rnn_percent", "attention_hops")) return "";
      return "Across " + fmt(f.distance) + " steps, " + fmt(f.rnn_percent) +
        "% of the first word's influence survives through the RNN; attention links the two words in " +
        fmt(f.attention_hops) + " step.";
    },
    formula: function (s, f) {
      var settings = s.settings || {};
      var parts = [];
      if (settings.hard_argmax && has(f, "argmax_token")) {
        parts.push("Hard argmax: all the weight goes to " + quote(f.argmax_token) +
          (f.decisive === false ? ", though the softmax row is flat and that pick means nothing: the scores are equal, or nearly so." : "."));
      } else {
        parts.push(Lesson.claims.sentence(f, "softmax"));
      }
      if (has(f, "dk", "top_percent_scaled", "top_percent_unscaled")) {
        parts.push("With d_k = " + fmt(f.dk) + ", the largest weight is " +
          fmt(f.top_percent_scaled) + "% with scaling and " + fmt(f.top_percent_unscaled) +
          "% without.");
      }
      return parts.join(" ");
    },
    analogy: function (s, f) {
      var step = (s.settings && s.settings.analogy_step) || 1;
      if (!has(f, "query")) return "";
      if (step === 1) return "Step 1 of 3: " + quote(f.query) + " broadcasts its query.";
      if (step === 2) return "Step 2 of 3: " + Lesson.claims.sentence(f, "match");
      return "Step 3 of 3: " + Lesson.claims.sentence(f, "blend");
    },
    walkthrough: function (s, f) {
      var step = (s.settings && s.settings.step) || 1;
      var text = stepLabel(step) + ".";
      var claim = Lesson.claims.sentence(f, "share");
      return claim ? text + " Head: " + fmt(f.head) + ". " + claim : text;
    },
    production: function (s, f) {
      if (!has(f, "positional", "orders_identical_up_to_permutation")) return "";
      return "Positional encoding " + quote(f.positional) + ": \u201cdog bites man\u201d and \u201cman bites dog\u201d " +
        (f.orders_identical_up_to_permutation ?
          "get the same weights in every head once the words are lined up." :
          "get different weights even after lining the words up, in the heads that read positions.") +
        (has(f, "orders_max_difference") ? " Largest difference over all heads: " + fmt(f.orders_max_difference) + "." : "");
    },
    playground: function (s, f) {
      if (!has(f, "n", "heads", "d_k")) return "";
      var claim = Lesson.claims.sentence(f, "share");
      return fmt(f.n) + " tokens, " + fmt(f.heads) + " heads of width " + fmt(f.d_k) + "." +
        (claim ? " Head " + fmt(f.head) + ": " + claim : "");
    },
    takeaway: function (s, f) {
      var claim = Lesson.claims.sentence(f, "share");
      return "Queries search, keys are matched, and the values come back blended by softmax weights." +
        (claim ? " On the running example (" + fmt(f.head) + " head): " + claim : "");
    }
  };

  function stepLabel(step) {
    return "Step " + step + " of 8: " + (STEP_NAMES[step - 1] || "");
  }

  function describe(state) {
    // Before the learner's guess (js/predict.js) the words must not give the answer away.
    if (Lesson.predict && Lesson.predict.hidesWeights(state)) return Lesson.predict.description(state);
    var describer = describers[state.figure];
    var text = describer ? describer(state, state.facts || {}) : "";
    return text || "The figure shows " + (FIGURE_NAMES[state.figure] || "the lesson") + ".";
  }

  // Says which words the model knows nothing about, and which capitalised
  // words it reads as first names of a gender it does not know (the module's
  // "unknown" and "name_gender" per token; docs/MODEL.md, "Names").
  function updateUnknownNote(state) {
    var note = document.querySelector('[data-unknown-note="' + state.figure + '"]');
    if (!note) return;
    var tokens = Array.isArray(state.tokens) ? state.tokens : [];
    var unknown = Array.isArray(state.unknown) ? state.unknown : [];
    var genders = Array.isArray(state.name_gender) ? state.name_gender : [];
    var words = [], names = [];
    tokens.forEach(function (t, i) {
      if (unknown[i] === true && words.indexOf(String(t)) < 0) words.push(String(t));
      if (genders[i] === "unknown" && names.indexOf(String(t)) < 0) names.push(String(t));
    });
    function listed(list) {
      return list.slice(0, 8).map(quote).join(", ") + (list.length > 8 ? " and " + (list.length - 8) + " more" : "");
    }
    var parts = [];
    var trained = state.settings && state.settings.model === "trained";  // shell/js/trained.js
    if (words.length) {
      parts.push(trained ?
        "The trained model's vocabulary has no " + listed(words) + ": it reads each of them as <unk>, one shared token." :
        "The demo model knows nothing about " + listed(words) +
        ". Each still gets a fixed made-up vector so the maths runs, but its attention pattern carries no meaning.");
    }
    if (names.length) {
      parts.push(listed(names) + (names.length === 1 ? " is read as a name" : " are read as names") +
        " whose gender the demo model does not know. For \u201cshe\u201d or \u201che\u201d, the coreference head" +
        " ranks such a name below names of the pronoun's gender and above names of the other gender.");
    }
    if (!parts.length) { dom.setProperty(note, "hidden", true); dom.setText(note, ""); return; }
    dom.setText(note, parts.join(" "));
    dom.setProperty(note, "hidden", false);
  }

  function updateMessage(state) {
    var slot = document.querySelector('[data-message="' + state.figure + '"]');
    if (!slot) return;
    // A sentence the page shortened says so itself: the module's notice then
    // counts the tokens of the shortened text, not of what the learner pasted.
    var cut = Lesson.figure.cutNote(state.figure);
    var limit = state.settings && typeof state.settings.max_tokens === "number" ?
      " The figure reads at most " + fmt(state.settings.max_tokens) + " tokens." : "";
    var notice = cut ? cut + (state.notice ? limit : "") : state.notice;
    var text = state.error || notice || "";
    dom.setText(slot, typeof text === "string" ? text : "");
    slot.classList.toggle("is-error", !!state.error);
  }

  function onState(state) {
    Lesson.claims.fill(state);
    if (state.figure === "flow") {
      var caption = document.getElementById("flow-caption");
      var sentence = flowSentence(state.facts || {});
      if (caption && sentence) dom.setText(caption, sentence);
    }
    updateUnknownNote(state);
    updateMessage(state);
    if (state.figure === Lesson.figure.shown()) {
      var description = document.getElementById("figure-description");
      var text = describe(state);
      // Rewriting the same words would make screen readers say them again.
      if (description) dom.setText(description, text);
      var canvas = document.getElementById("figure");
      if (canvas) dom.setAttribute(canvas, "aria-label", "Live figure: " + (FIGURE_NAMES[state.figure] || state.figure));
    }
  }

  Lesson.captions = { describe: describe, stepLabel: stepLabel, onState: onState,
                      FIGURE_NAMES: FIGURE_NAMES };
})();
