// Predict, then reveal (sections 1 and 5): before the weights are shown, the
// learner picks the word they expect the query word to look at most, then the
// page says how the guess fared. Every number and rank comes from the core's
// row facts (decisive, argmax_*, even_percent, hint_head, row_percents,
// row_ranks); this file only compares token indices and writes words. It keeps
// the canvas's hide_weights setting and the answer-naming prose
// ([data-reveal="<figure>"]) in step with the guess.
//
// A guess belongs to one row: the sentence, model settings, head and query
// word. With no saved guess the figure asks (weights hidden); after a guess or
// "Show me the answer" it shows the weights, and keeps showing them when the
// learner then explores other words, saying which word the last guess was for
// and offering to guess again.
(function () {
  "use strict";
  var Lesson = window.Lesson = window.Lesson || {};
  var dom = Lesson.dom;
  var fmt = function (v) { return Lesson.format.value(v); };

  // The settings that decide a row's weights (the walkthrough's step does not).
  var ROW_SETTINGS = ["sentence", "heads", "d_model", "positional", "causal", "scale", "temperature",
                      "seed", "max_tokens", "model", "head", "selected"];
  var ANSWER_STEP = 6;  // the walkthrough step that first shows weights

  var built = {};  // figure id -> the row key its choices were built for

  function quote(word) { return "\u201c" + fmt(word) + "\u201d"; }

  function ordinal(n) {
    var tens = n % 100, ones = n % 10;
    var suffix = tens >= 11 && tens <= 13 ? "th" : ones === 1 ? "st" : ones === 2 ? "nd" : ones === 3 ? "rd" : "th";
    return n + suffix;
  }

  function rowKey(state) {
    var settings = dom.isObject(state.settings) ? state.settings : {};
    return JSON.stringify(ROW_SETTINGS.map(function (name) { return settings[name]; }));
  }

  function tokens(state) { return Array.isArray(state.tokens) ? state.tokens : []; }

  function headName(state) {
    var names = Array.isArray(state.head_names) ? state.head_names : [];
    var head = state.settings && state.settings.head;
    return typeof names[head] === "string" ? names[head] : "";
  }

  // "asking" (no guess yet: weights hidden), "revealed" (a guess or a skip for
  // this row) or "other" (the last guess was for another row).
  function mode(state) {
    var saved = Lesson.progress.prediction(state.figure);
    if (!saved) return "asking";
    return saved.row === rowKey(state) ? "revealed" : "other";
  }

  function widget(figureId) { return document.querySelector('[data-predict="' + figureId + '"]'); }

  function part(root, name) { return root.querySelector("[data-predict-" + name + "]"); }

  // Whether the answer is still the learner's to guess: the canvas's
  // hide_weights setting (the walkthrough draws it from step 6 on) and the
  // figure description both follow this.
  function hidesWeights(state) {
    if (!dom.isObject(state) || Lesson.progress.PREDICTION_FIGURES.indexOf(state.figure) < 0) return false;
    if (!widget(state.figure)) return false;
    return mode(state) === "asking";
  }

  // The figure description (js/captions.js) while the answer is hidden: what
  // is on the canvas, without a word about where the query looks.
  function description(state) {
    var hidden = "the weights stay hidden until you make your guess in the text.";
    var query = tokens(state)[state.selected];
    var words = "The figure shows the sentence's words" + (query != null ? ", " + quote(query) + " selected" : "");
    if (state.figure !== "walkthrough") return words + "; " + hidden;
    var step = (state.settings && state.settings.step) || 1;
    return Lesson.captions.stepLabel(step) + "." + (step >= ANSWER_STEP ? " The words only: " + hidden : "");
  }

  // One radio per word the query can see (the causal mask hides the rest),
  // labelled with the word; a word that occurs twice also gets its position.
  function buildChoices(root, state) {
    var words = tokens(state);
    var ranks = dom.isObject(state.facts) && Array.isArray(state.facts.row_ranks) ? state.facts.row_ranks : [];
    var box = part(root, "choices");
    dom.clear(box);
    words.forEach(function (word, i) {
      if (ranks[i] == null) return;
      var repeated = words.indexOf(word) !== words.lastIndexOf(word);
      var input = dom.el("input", { type: "radio", name: "predict-" + state.figure, value: String(i) });
      var label = dom.el("label", { "class": "predict-choice" });
      var text = quote(word) + (repeated ? " (word " + (i + 1) + ")" : "") + (i === state.selected ? " itself" : "");
      label.appendChild(input);
      label.appendChild(dom.el("span", null, text));
      box.appendChild(label);
    });
  }

  function chosen(root) {
    var input = root.querySelector("[data-predict-choices] input:checked");
    return input ? Number(input.value) : null;
  }

  // How the guess fared, in the core's numbers.
  function resultText(state, saved) {
    var f = dom.isObject(state.facts) ? state.facts : {};
    var words = tokens(state);
    var query = quote(words[state.selected]);
    var percents = Array.isArray(f.row_percents) ? f.row_percents : [];
    var ranks = Array.isArray(f.row_ranks) ? f.row_ranks : [];
    if (typeof f.decisive !== "boolean" || typeof f.argmax_index !== "number") return "";
    var visible = ranks.filter(function (r) { return r != null; }).length;
    var guess = saved.guess;
    var picked = guess >= 0 && percents[guess] != null ?
      "You picked " + quote(words[guess]) + ": it gets " + fmt(percents[guess]) + "%" : "";
    if (!f.decisive) {
      // Flat under the core's rule: no weight rises far above the even split.
      var flat = query + " has no clear favourite: no word it can see gets much more than the even split of " +
        fmt(f.even_percent) + "% each, so no single word is the answer.";
      var hint = f.hint_head ? " The " + quote(f.hint_head) + " head has a clear favourite for " + query +
        ": try it." : "";
      return (picked ? picked + ". " : "") + flat + hint;
    }
    var answer = quote(f.argmax_token) + " gets the largest share, " + fmt(f.argmax_percent) + "%.";
    if (guess === f.argmax_index) return picked + ", the largest share. Well predicted.";
    if (picked) return picked + ", " + ordinal(ranks[guess]) + " of " + visible + ". " + answer;
    return "The answer: " + answer;
  }

  function otherText(state, saved) {
    return "Your last guess was for " + quote(saved.query) + (saved.head ? " under the " + quote(saved.head) + " head" : "") +
      ". The weights stay shown while you explore; you can guess again for " + quote(tokens(state)[state.selected]) + ".";
  }

  function render(state) {
    var root = widget(state.figure);
    if (!root) return;
    var m = mode(state);
    var key = rowKey(state);
    var saved = Lesson.progress.prediction(state.figure);
    var words = tokens(state);
    var query = words[state.selected];
    dom.all("[data-reveal=\"" + state.figure + "\"]").forEach(function (node) {
      dom.setProperty(node, "hidden", m === "asking");
    });
    if (query == null) { dom.setProperty(root, "hidden", true); return; }
    dom.setProperty(root, "hidden", false);
    dom.setText(part(root, "query"), quote(query));
    // Rebuilt only for a new row, so a choice made survives other updates;
    // a state without the row's facts (an error) builds nothing to keep.
    if (built[state.figure] !== key) {
      buildChoices(root, state);
      built[state.figure] = dom.isObject(state.facts) && Array.isArray(state.facts.row_ranks) ? key : null;
    }
    var asking = m === "asking";
    dom.all("input", part(root, "choices")).forEach(function (input) {
      dom.setProperty(input, "disabled", !asking);
      if (m === "revealed") dom.setProperty(input, "checked", Number(input.value) === saved.guess);
    });
    dom.setProperty(part(root, "choices"), "hidden", m === "other");
    dom.setProperty(part(root, "check"), "hidden", !asking);
    dom.setProperty(part(root, "skip"), "hidden", !asking);
    dom.setProperty(part(root, "again"), "hidden", m !== "other");
    dom.setText(part(root, "again"), "Guess for " + quote(query));
    var result = part(root, "result");
    if (m === "revealed") dom.setText(result, resultText(state, saved));
    else if (m === "other") dom.setText(result, otherText(state, saved));
    else if (result.dataset.hint !== "1") dom.setText(result, "");
  }

  function record(figureId, guess) {
    var state = Lesson.figure.state(figureId);
    if (!state) return;
    Lesson.progress.setPrediction(figureId, { row: rowKey(state), query: String(tokens(state)[state.selected]),
                                              head: headName(state), guess: guess });
    dom.emit("prediction", { figure: figureId, guess: guess,
                             matched: dom.isObject(state.facts) && state.facts.argmax_index === guess });
    sync(Lesson.figure.state(figureId));
  }

  function onClick(event) {
    var button = event.target.closest("[data-predict-check], [data-predict-skip], [data-predict-again]");
    var root = button && button.closest("[data-predict]");
    if (!root) return;
    var figureId = root.dataset.predict;
    var result = part(root, "result");
    result.dataset.hint = "";
    if (button.hasAttribute("data-predict-check")) {
      var guess = chosen(root);
      if (guess === null) {
        result.dataset.hint = "1";
        dom.setText(result, "Pick a word first, or choose \u201cShow me the answer\u201d.");
        return;
      }
      record(figureId, guess);
    } else if (button.hasAttribute("data-predict-skip")) {
      record(figureId, -1);
    } else {
      Lesson.progress.setPrediction(figureId, null);
      sync(Lesson.figure.state(figureId));
      var first = root.querySelector("[data-predict-choices] input");
      if (first) first.focus();
    }
  }

  // Brings the canvas setting and the widget in line with the state. Moving on
  // past the answer step without guessing shows the weights: that counts as
  // "Show me the answer".
  function sync(state) {
    if (!dom.isObject(state) || Lesson.progress.PREDICTION_FIGURES.indexOf(state.figure) < 0) return;
    if (!widget(state.figure) || !dom.isObject(state.settings)) return;
    if (state.figure === "walkthrough" && state.settings.step > ANSWER_STEP && mode(state) === "asking" &&
        tokens(state).length) {
      record("walkthrough", -1);
      return;
    }
    var hide = hidesWeights(state);
    if (state.settings.hide_weights !== hide) {
      state = Lesson.figure.set(state.figure, { hide_weights: hide });
      if (!dom.isObject(state) || state.error) return;
    }
    render(state);
  }

  Lesson.figure.onState(function (state) { sync(state); });
  document.addEventListener("click", onClick);

  Lesson.predict = { hidesWeights: hidesWeights, description: description };
})();
