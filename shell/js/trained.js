// The playground's "Heads: designed | trained" choice. Choosing "trained" loads
// the trained model once (models/trained_gpt.js, a classic script that sets
// window.ATTENTION_TRAINED_GPT to the JSON text, so it also works from file://
// and under script-src 'self'), hands the text to the module (m.loadModel),
// and switches the playground's figure to the trained heads. Settings that
// belong to the designed model are switched off meanwhile. The table below the
// figure shows what the module computed (m.explain with "model": "trained"),
// and what the row says comes from the playground's facts; nothing here
// computes a weight.
(function () {
  "use strict";
  var Lesson = window.Lesson = window.Lesson || {};
  var dom = Lesson.dom;

  var FIGURE = "playground";
  var DESIGNED_ONLY = ["heads", "d_model", "temperature", "positional", "seed", "causal", "scale"];
  var loading = null;   // "loading", "loaded" or "failed"
  var section = null;

  function message(text, isError) {
    var slot = section.querySelector("[data-trained-message]");
    slot.textContent = text || "";
    slot.classList.toggle("is-error", !!isError);
  }

  // Loads the weights into the module once; calls back with an error text or "".
  function ensureLoaded(then) {
    if (loading === "loaded") { then(""); return; }
    var module = Lesson.figure.module();
    if (!module || typeof module.loadModel !== "function") { then("The lesson's module is not loaded."); return; }
    loading = "loading";
    message("Loading the trained model\u2026");
    dom.loadDataScript("models/trained_gpt.js", "ATTENTION_TRAINED_GPT", function (ok) {
      if (!ok) { loading = "failed"; then("The trained model's file (models/trained_gpt.js) could not be loaded."); return; }
      var answer = dom.parse(module.loadModel(window.ATTENTION_TRAINED_GPT));
      if (!dom.isObject(answer) || answer.error) {
        loading = "failed";
        then("The trained model was refused: " + String(answer && answer.error || "no answer"));
        return;
      }
      loading = "loaded";
      then("");
    });
  }

  function choose(model) {
    if (model !== "trained") { Lesson.controls.send(FIGURE, { model: "designed" }); return; }
    ensureLoaded(function (error) {
      if (error) { message(error, true); syncChoice(Lesson.figure.state(FIGURE)); return; }
      message("");
      Lesson.controls.send(FIGURE, { model: "trained" });
    });
  }

  function syncChoice(state) {
    var model = state && state.settings && state.settings.model === "trained" ? "trained" : "designed";
    dom.all("input[data-trained-choice]", section).forEach(function (radio) {
      dom.setProperty(radio, "checked", radio.value === model);
    });
    return model;
  }

  // One row of the selected head: where the selected query word's attention goes.
  function headTable(state) {
    var settings = state.settings || {};
    var request = { sentence: settings.sentence, model: "trained", stages: false, max_tokens: settings.max_tokens };
    var trace = dom.parse(Lesson.figure.module().explain(JSON.stringify(request)));
    if (!dom.isObject(trace) || trace.error || !Array.isArray(trace.heads)) return null;
    var head = trace.heads[settings.head] || trace.heads[0];
    var query = Math.min(state.selected || 0, trace.tokens.length - 1);
    var row = head.weights[query] || [];
    var table = dom.el("table", { "class": "weights-table", "data-trained-table": head.name });
    table.appendChild(dom.el("caption", null, "Trained head " + head.name + ": where \u201c" + trace.tokens[query] +
      "\u201d looks (weights computed by the module; later words are masked)."));
    var names = dom.el("tr"), values = dom.el("tr");
    names.appendChild(dom.el("td"));
    values.appendChild(dom.el("th", { scope: "row" }, trace.tokens[query]));
    for (var j = 0; j <= query; j++) {
      names.appendChild(dom.el("th", { scope: "col" }, trace.tokens[j]));
      values.appendChild(dom.el("td", null, Lesson.format.percent(row[j])));
    }
    var thead = dom.el("thead"), tbody = dom.el("tbody");
    thead.appendChild(names);
    tbody.appendChild(values);
    table.appendChild(thead);
    table.appendChild(tbody);
    var guesses = (trace.next_words || [])[query] || [];
    var text = guesses.map(function (g) { return "\u201c" + g.word + "\u201d " + Lesson.format.percent(g.probability); });
    return { table: table, guesses: text.join(", ") };
  }

  var designedControls = null;
  function designedOnly() {
    if (!designedControls) {
      designedControls = dom.all(DESIGNED_ONLY.map(function (setting) {
        return '[data-figure-setting="' + setting + '"]';
      }).join(", "), section);
    }
    return designedControls;
  }

  function onState(state) {
    if (!state || state.figure !== FIGURE) return;
    var trained = syncChoice(state) === "trained";
    designedOnly().forEach(function (control) {
      dom.setProperty(control, "disabled", trained);
    });
    var panel = section.querySelector("[data-trained-panel]");
    dom.setProperty(panel, "hidden", !trained);
    var slot = panel.querySelector("[data-trained-table-slot]");
    dom.clear(slot);
    if (!trained || !Array.isArray(state.tokens) || !state.tokens.length) return;
    var shown = headTable(state);
    if (!shown) return;
    var scroller = dom.el("div", { "class": "table-scroll", tabindex: "0", role: "region",
                                   "aria-label": "Trained head weights" });
    scroller.appendChild(shown.table);
    slot.appendChild(scroller);
    // What the row says, under the lesson's rule (js/claims.js, from the core's facts).
    var claim = Lesson.claims.sentence(state.facts || {}, "share");
    if (claim) slot.appendChild(dom.el("p", { "class": "caption", "data-trained-claim": "" }, claim));
    slot.appendChild(dom.el("p", { "class": "caption", "data-trained-guesses": "" },
      "Its guesses for the next word: " + (shown.guesses || "none") + "."));
  }

  function init() {
    section = document.getElementById(FIGURE);
    if (!section || !section.querySelector("[data-trained-panel]")) return;
    section.addEventListener("change", function (event) {
      var radio = event.target.closest("input[data-trained-choice]");
      if (radio && radio.checked) choose(radio.value);
    });
    Lesson.figure.onState(onState);
  }

  Lesson.trained = { init: init, choose: choose };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
