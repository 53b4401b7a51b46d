// When the figures cannot be drawn, the page still teaches. Without WebGL2 the
// canvas gives way to an HTML table of the current figure's attention weights
// (computed by the core through m.explain) and its facts; without WebAssembly
// a message says what is missing and the prose reads on.
(function () {
  "use strict";
  var Lesson = window.Lesson = window.Lesson || {};
  var dom = Lesson.dom;

  var mode = null;          // null, "no-webgl" or "no-wasm"
  var MAX_TABLE_TOKENS = 24;
  var MODEL_SETTINGS = ["sentence", "heads", "d_model", "positional", "causal", "scale",
                        "temperature", "seed", "max_tokens", "model"];

  function say(text) {
    var box = document.getElementById("figure-message");
    box.textContent = text;
    box.hidden = false;
  }

  function currentFigure() {
    var section = Lesson.scrollsync.current();
    return section ? section.dataset.figure : "flow";
  }

  function weightsTable(state) {
    var settings = state.settings || {};
    if (typeof settings.sentence !== "string") return null;
    var request = { stages: false };
    MODEL_SETTINGS.forEach(function (k) { if (settings[k] != null) request[k] = settings[k]; });
    var trace;
    try { trace = dom.parse(Lesson.figure.module().explain(JSON.stringify(request))); }
    catch (e) { trace = null; }
    if (!dom.isObject(trace) || trace.error || !Array.isArray(trace.heads)) return null;
    var headIndex = typeof settings.head === "number" ? settings.head : 0;
    var head = trace.heads[headIndex] || trace.heads[0];
    if (!head || !Array.isArray(head.weights)) return null;
    var tokens = (trace.tokens || []).map(String);
    var n = Math.min(tokens.length, MAX_TABLE_TOKENS);

    var table = dom.el("table", { "class": "weights-table" });
    table.appendChild(dom.el("caption", null, "Attention weights of the \u201c" + String(head.name) +
      "\u201d head. Each row is a query word; each column is a word it attends to." +
      (tokens.length > n ? " Only the first " + n + " of " + tokens.length + " words are shown." : "")));
    var thead = dom.el("thead");
    var headRow = dom.el("tr");
    headRow.appendChild(dom.el("td"));
    tokens.slice(0, n).forEach(function (t) { headRow.appendChild(dom.el("th", { scope: "col" }, t)); });
    thead.appendChild(headRow);
    table.appendChild(thead);
    var body = dom.el("tbody");
    for (var i = 0; i < n; i++) {
      var row = dom.el("tr", { "class": i === state.selected ? "is-selected" : null });
      row.appendChild(dom.el("th", { scope: "row" }, tokens[i]));
      for (var j = 0; j < n; j++) row.appendChild(dom.el("td", null, Lesson.format.percent((head.weights[i] || [])[j])));
      body.appendChild(row);
    }
    table.appendChild(body);
    return table;
  }

  function factsList(state) {
    if (!dom.isObject(state.facts) || !Object.keys(state.facts).length) return null;
    var list = dom.el("dl", { "class": "facts-list" });
    Object.keys(state.facts).forEach(function (name) {
      if (/_index$/.test(name)) return;  // positions for the figure, not for reading
      list.appendChild(dom.el("dt", null, name.replace(/_/g, " ")));
      list.appendChild(dom.el("dd", null, Lesson.format.value(state.facts[name])));
    });
    return list;
  }

  function update() {
    if (mode !== "no-webgl") return;
    var box = document.getElementById("figure-fallback");
    var figureId = currentFigure();
    var state = Lesson.figure.state(figureId) || Lesson.figure.command({ cmd: "state", figure: figureId });
    dom.clear(box);
    box.hidden = false;
    if (!dom.isObject(state) || !state.figure) return;
    box.appendChild(dom.el("h2", { "class": "fallback-title" }, "The numbers behind: " +
      (Lesson.captions.FIGURE_NAMES[figureId] || figureId)));
    // Before the learner's guess (js/predict.js) the numbers stay hidden here
    // as they do on the canvas: the table and the facts would give the answer away.
    if (state.settings && state.settings.hide_weights === true) {
      box.appendChild(dom.el("p", null, "The weights stay hidden until you make your guess in the text."));
      return;
    }
    var table = weightsTable(state);
    if (table) {
      var scroller = dom.el("div", { "class": "table-scroll", tabindex: "0", role: "region",
                                     "aria-label": "Attention weights table" });
      scroller.appendChild(table);
      box.appendChild(scroller);
    }
    var facts = factsList(state);
    if (facts) box.appendChild(facts);
  }

  function noWebGL(reason) {
    mode = "no-webgl";
    document.getElementById("figure").hidden = true;
    say("This browser could not start WebGL2, so the drawn figure is replaced by the same numbers in a table. " +
        "Everything else works." + (reason ? " Technical detail: " + String(reason) : ""));
    Lesson.figure.onState(function (state) {
      if (state.figure === currentFigure()) update();
    });
    document.documentElement.classList.add("no-figure");
  }

  function noWasm(reason) {
    mode = "no-wasm";
    document.getElementById("figure").hidden = true;
    document.documentElement.classList.add("no-figure");
    say("The live figures need WebAssembly, which could not run in this browser" +
        (reason ? " (" + String(reason) + ")" : "") +
        ". The text still reads in full, but the numbers the figures compute are left out, shown as \u2014.");
    dom.all("[data-fact], [data-claim]").forEach(function (span) {
      if (span.classList.contains("num") || span.textContent === "\u2026") span.textContent = "\u2014";
    });
    // Controls that would only talk to the missing module are switched off.
    dom.all("#lesson-text [data-figure-setting], #lesson-text button, .sentence-form input").forEach(function (control) {
      control.disabled = true;
    });
    var caption = document.getElementById("flow-caption");
    if (caption) caption.textContent = "The live caption needs the figure, which could not start.";
    var description = document.getElementById("figure-description");
    if (description) description.textContent = "No figure: WebAssembly is not available.";
  }

  Lesson.fallback = { noWebGL: noWebGL, noWasm: noWasm, update: update,
                      mode: function () { return mode; } };
})();
