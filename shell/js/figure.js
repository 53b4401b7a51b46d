// The page's one door to the module's figures: sends commands (JSON in, state
// out), remembers the latest state of each figure, fills the prose's
// data-fact spans from it, and tells listeners when a state changes, whether
// the page or the canvas (a click, a tap, arrow keys) changed it.
(function () {
  "use strict";
  var Lesson = window.Lesson = window.Lesson || {};
  var dom = Lesson.dom;

  var FIGURES = ["flow", "rnn", "formula", "analogy", "walkthrough", "production",
                 "playground", "learn", "takeaway"];

  // A paste far longer than any figure can read (the playground reads at most
  // 512 tokens) is cut here, before the module sees it, so a 10,000-word paste
  // costs no more than a full playground and is never refused as too long.
  // 512 tokens of ordinary text fit well inside this many characters.
  var MAX_SENTENCE_CHARS = 4000;

  var module = null;
  var states = {};        // figure id -> its latest state object
  var cutNotes = {};      // figure id -> why its sentence was shortened, or absent
  var listeners = [];
  var shown = null;       // the figure on the canvas

  function notify(state, source) {
    listeners.forEach(function (listener) {
      try { listener(state, source); } catch (e) { if (window.console) console.error(e); }
    });
  }

  function remember(state, source) {
    if (!dom.isObject(state) || FIGURES.indexOf(state.figure) < 0) return;
    states[state.figure] = state;
    fillFacts(state);
    notify(state, source);
  }

  function wordCount(text) {
    var words = String(text).trim().split(/\s+/);
    return words[0] === "" ? 0 : words.length;
  }

  // The first MAX_SENTENCE_CHARS characters, ending on a word boundary and
  // never inside a surrogate pair; null when the text is short enough.
  function cutSentence(text) {
    if (text.length <= MAX_SENTENCE_CHARS) return null;
    var cut = text.slice(0, MAX_SENTENCE_CHARS);
    var lastSpace = cut.search(/\s\S*$/);
    if (lastSpace > MAX_SENTENCE_CHARS / 2) cut = cut.slice(0, lastSpace);
    var last = cut.charCodeAt(cut.length - 1);
    if (last >= 0xd800 && last <= 0xdbff) cut = cut.slice(0, -1);
    return cut;
  }

  function shortenSentence(request) {
    if (request.cmd !== "set" || typeof request.sentence !== "string") return request;
    var figureId = request.figure || shown;
    var cut = cutSentence(request.sentence);
    if (cut === null) { delete cutNotes[figureId]; return request; }
    var copy = {};
    Object.keys(request).forEach(function (k) { copy[k] = request[k]; });
    copy.sentence = cut;
    cutNotes[figureId] = "Your text is long (about " + Lesson.format.value(wordCount(request.sentence)) +
      " words), so only its beginning is used.";
    return copy;
  }

  // Sends one command; returns the parsed answer. A broken answer or a thrown
  // exception becomes {"error": ...} so callers have one shape to handle.
  function command(request) {
    if (!module) return { error: "The lesson's module is not loaded." };
    var answer;
    request = shortenSentence(request);
    try {
      answer = dom.parse(module.command(JSON.stringify(request)));
    } catch (e) {
      return { error: "The figure could not handle that request." };
    }
    if (!dom.isObject(answer)) return { error: "The figure gave no answer." };
    if (request.cmd === "show" && answer.figure && !answer.error) shown = answer.figure;
    if (request.cmd !== "export") remember(answer, "page");
    return answer;
  }

  function set(figureId, settings) {
    var request = { cmd: "set", figure: figureId };
    Object.keys(settings).forEach(function (k) { request[k] = settings[k]; });
    return command(request);
  }

  function show(figureId) {
    if (FIGURES.indexOf(figureId) < 0) return null;
    return command({ cmd: "show", figure: figureId });
  }

  function state(figureId) {
    return states[figureId] || null;
  }

  // Each figure's data-fact spans, found once: the prose does not change, and
  // a state arrives with every interaction.
  var factSpans = {};
  function spansOf(figureId) {
    if (!factSpans[figureId]) {
      var prefix = figureId + ".";
      factSpans[figureId] = dom.all("[data-fact]").filter(function (span) {
        return span.dataset.fact.indexOf(prefix) === 0;
      }).map(function (span) { return { span: span, key: span.dataset.fact.slice(prefix.length) }; });
    }
    return factSpans[figureId];
  }

  // Writes every fact of this figure into its data-fact spans.
  function fillFacts(state) {
    var facts = state.facts;
    if (!dom.isObject(facts)) return;
    spansOf(state.figure).forEach(function (fact) {
      if (Object.prototype.hasOwnProperty.call(facts, fact.key)) {
        dom.setText(fact.span, Lesson.format.value(facts[fact.key]));
      }
    });
  }

  function init(loadedModule) {
    module = loadedModule;
    if (typeof module.onEvent === "function") {
      try {
        module.onEvent(function (json) {
          var event = dom.parse(json);
          if (dom.isObject(event)) remember(event, "canvas");
        });
      } catch (e) { /* no events: captions still follow the page's own commands */ }
    }
  }

  Lesson.figure = {
    FIGURES: FIGURES,
    init: init,
    command: command,
    set: set,
    show: show,
    state: state,
    shown: function () { return shown; },
    cutNote: function (figureId) { return cutNotes[figureId] || ""; },
    onState: function (listener) { listeners.push(listener); },
    module: function () { return module; }
  };
})();
