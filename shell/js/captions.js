// Words about the figures, built from each figure's state: the opening caption,
// the aria-live description of the figure on show, the canvas label, notices
// and the "unknown words" note. Only wording happens here; every number is a
// fact from the core.
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

  function flowSentence(f) {
    if (!has(f, "query", "top_token", "top_percent", "bottom_token", "bottom_percent")) return "";
    // A flat row has no favourite: naming the same word as largest and smallest
    // would read as nonsense.
    if (f.top_percent === f.bottom_percent) {
      return quote(f.query) + " spreads its attention evenly, " + fmt(f.top_percent) + "% to each word.";
    }
    return quote(f.query) + " gives " + fmt(f.top_percent) + "% of its attention to " +
      quote(f.top_token) + " and " + fmt(f.bottom_percent) + "% to " + quote(f.bottom_token) + ".";
  }

  function selectedToken(state) {
    var tokens = Array.isArray(state.tokens) ? state.tokens : [];
    return typeof state.selected === "number" && tokens[state.selected] != null ?
      tokens[state.selected] : null;
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
        parts.push("Hard argmax: all the weight goes to " + quote(f.argmax_token) + ".");
      } else if (has(f, "soft_1_token", "soft_1_percent", "soft_2_token", "soft_2_percent")) {
        parts.push("Softmax: " + quote(f.soft_1_token) + " " + fmt(f.soft_1_percent) + "%, " +
          quote(f.soft_2_token) + " " + fmt(f.soft_2_percent) + "%" +
          (has(f, "soft_3_token", "soft_3_percent") ?
            ", " + quote(f.soft_3_token) + " " + fmt(f.soft_3_percent) + "%" : "") + ".");
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
      if (!has(f, "query", "top_token", "top_percent")) return "";
      if (step === 1) return "Step 1 of 3: " + quote(f.query) + " broadcasts its query.";
      if (step === 2) {
        return "Step 2 of 3: " + quote(f.top_token) + " matches best with " + fmt(f.top_percent) + "%" +
          (has(f, "low_token", "low_percent") ?
            "; " + quote(f.low_token) + " matches worst with " + fmt(f.low_percent) + "%." : ".");
      }
      return "Step 3 of 3: " + (has(f, "top_value_share_percent") ?
        fmt(f.top_value_share_percent) + "% of " + quote(f.query) + "'s new vector comes from " +
        quote(f.top_token) + "'s value." : "the pronoun's new vector is a blend of the values.");
    },
    walkthrough: function (s, f) {
      var step = (s.settings && s.settings.step) || 1;
      var text = stepLabel(step) + ".";
      if (has(f, "query", "top_token", "top_percent")) {
        text += " " + quote(f.query) + " gives its largest share, " + fmt(f.top_percent) +
          "%, to " + quote(f.top_token) + ".";
      }
      return text;
    },
    production: function (s, f) {
      if (!has(f, "positional", "orders_identical_up_to_permutation")) return "";
      return "Positional encoding " + quote(f.positional) + ": \u201cdog bites man\u201d and \u201cman bites dog\u201d " +
        (f.orders_identical_up_to_permutation ?
          "get the same weights once the words are lined up." :
          "get different weights even after lining the words up.") +
        (has(f, "orders_max_difference") ? " Largest difference: " + fmt(f.orders_max_difference) + "." : "");
    },
    playground: function (s, f) {
      if (!has(f, "n", "heads", "d_k")) return "";
      var word = selectedToken(s);
      return fmt(f.n) + " tokens, " + fmt(f.heads) + " heads of width " + fmt(f.d_k) + "." +
        (word != null ? " Query word: " + quote(word) + "." : "");
    },
    takeaway: function () {
      return "Queries search, keys are matched, and the values come back blended by softmax weights.";
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

  function updateUnknownNote(state) {
    var note = document.querySelector('[data-unknown-note="' + state.figure + '"]');
    if (!note) return;
    var tokens = Array.isArray(state.tokens) ? state.tokens : [];
    var unknown = Array.isArray(state.unknown) ? state.unknown : [];
    var words = [];
    tokens.forEach(function (t, i) {
      if (unknown[i] === true && words.indexOf(String(t)) < 0) words.push(String(t));
    });
    if (!words.length) { dom.setProperty(note, "hidden", true); dom.setText(note, ""); return; }
    var shown = words.slice(0, 8).map(quote).join(", ") + (words.length > 8 ? " and " + (words.length - 8) + " more" : "");
    var trained = state.settings && state.settings.model === "trained";  // shell/js/trained.js
    dom.setText(note, trained ?
      "The trained model's vocabulary has no " + shown + ": it reads each of them as <unk>, one shared token." :
      "The demo model knows nothing about " + shown +
      ". Each still gets a fixed made-up vector so the maths runs, but its attention pattern carries no meaning.");
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
