// The URL hash holds the state worth sharing: the section, the walkthrough's
// sentence, head, step and selected word, and the playground's settings and heads
// (designed, or trained: p.model=trained), e.g.
//   #section=playground&p.sentence=dog%20bites%20man&p.heads=4
// Values from the hash are only ever sent to the module as settings (which
// validates them) or shown with textContent; they are never parsed as HTML.
(function () {
  "use strict";
  var Lesson = window.Lesson = window.Lesson || {};
  var dom = Lesson.dom;

  var MAX_TEXT = 20000;
  var WALKTHROUGH = { sentence: "string", head: "number", selected: "number", step: "number" };
  var PLAYGROUND = { sentence: "string", heads: "number", d_model: "number", positional: "string",
                     causal: "bool", scale: "bool", temperature: "number", seed: "number",
                     layout: "string", head: "number", selected: "number" };

  // The hash is written once the state settles: replacing a URL costs the page
  // several milliseconds, which a burst of clicks or a dragged slider would pay
  // on every change. A state that keeps changing is still written every MAX_WAIT_MS.
  var SETTLE_MS = 300;
  var MAX_WAIT_MS = 1000;

  var enabled = false;
  var timer = null;
  var pendingSince = 0;   // when the oldest unwritten change happened, or 0
  var section = null;
  var playgroundDefaults = null;

  function typed(raw, type) {
    if (type === "number") {
      var n = Number(raw);
      return raw !== "" && isFinite(n) ? n : undefined;
    }
    if (type === "bool") {
      if (raw === "1" || raw === "true") return true;
      if (raw === "0" || raw === "false") return false;
      return undefined;
    }
    return raw.length <= MAX_TEXT ? raw : raw.slice(0, MAX_TEXT);
  }

  function params() {
    try { return new URLSearchParams(window.location.hash.replace(/^#/, "")); }
    catch (e) { return new URLSearchParams(""); }
  }

  function pick(p, prefix, schema) {
    var out = {};
    Object.keys(schema).forEach(function (key) {
      var raw = p.get(prefix + key);
      if (raw == null) return;
      var value = typed(raw, schema[key]);
      if (value !== undefined) out[key] = value;
    });
    return out;
  }

  // Applies one figure's settings from the hash, one at a time so a bad value
  // costs only itself: the sentence first, so the selected word refers to the
  // new sentence's tokens. Refusals are collected and shown together.
  function apply(figureId, settings) {
    var order = ["sentence"].concat(Object.keys(settings).filter(function (k) {
      return ["sentence", "selected", "head", "step"].indexOf(k) < 0;
    }), ["head", "step", "selected"]);
    var refusals = [];
    order.forEach(function (key) {
      if (!(key in settings)) return;
      var one = {};
      one[key] = settings[key];
      var state = Lesson.figure.set(figureId, one);
      if (state && state.error) refusals.push(String(state.error));
    });
    var slot = document.querySelector('[data-link-message="' + figureId + '"]');
    if (slot && refusals.length) slot.textContent = "Some settings in the link were not used. " + refusals.join(" ");
    var input = document.querySelector('form[data-form-figure="' + figureId + '"] input[name="sentence"]');
    if (input && typeof settings.sentence === "string") input.value = settings.sentence;
  }

  // Reads the hash; sends its settings when the module is there. Returns the
  // section it names (or null).
  function restore(withModule) {
    var p = params();
    var wanted = p.get("section");
    section = Lesson.progress.SECTIONS.indexOf(wanted) >= 0 ? wanted : null;
    if (withModule) {
      var pg = Lesson.figure.state("playground");
      playgroundDefaults = pg && pg.settings ? pg.settings : {};
      apply("walkthrough", pick(p, "", WALKTHROUGH));
      apply("playground", pick(p, "p.", PLAYGROUND));
      // The trained heads load their weights first (js/trained.js), so they are
      // chosen the way the learner's click chooses them, after the sentence.
      if (p.get("p.model") === "trained" && Lesson.trained) Lesson.trained.choose("trained");
    }
    enabled = true;
    return section;
  }

  function encode() {
    var p = new URLSearchParams();
    if (section) p.set("section", section);
    var w = Lesson.figure.state("walkthrough");
    if (w && w.settings) {
      if (typeof w.settings.sentence === "string" && w.settings.sentence.length <= MAX_TEXT) p.set("sentence", w.settings.sentence);
      if (typeof w.selected === "number") p.set("selected", String(w.selected));
      if (typeof w.settings.head === "number") p.set("head", String(w.settings.head));
      if (typeof w.settings.step === "number") p.set("step", String(w.settings.step));
    }
    var pg = Lesson.figure.state("playground");
    if (pg && pg.settings) {
      Object.keys(PLAYGROUND).forEach(function (key) {
        var value = key === "selected" ? pg.selected : pg.settings[key];
        if (value == null) return;
        if (playgroundDefaults && playgroundDefaults[key] === value) return;
        if (key === "sentence" && String(value).length > MAX_TEXT) return;
        p.set("p." + key, typeof value === "boolean" ? (value ? "1" : "0") : String(value));
      });
      if (pg.settings.model === "trained") p.set("p.model", "trained");
    }
    return p.toString();
  }

  function write() {
    timer = null;
    pendingSince = 0;
    if (!enabled) return;
    var hash = encode();
    if (window.location.hash.replace(/^#/, "") === hash) return;
    try { window.history.replaceState(null, "", "#" + hash); } catch (e) { /* some frames forbid it */ }
  }

  function schedule() {
    if (!enabled) return;
    var now = Date.now();
    if (!pendingSince) pendingSince = now;
    if (timer) window.clearTimeout(timer);
    timer = window.setTimeout(write, Math.min(SETTLE_MS, pendingSince + MAX_WAIT_MS - now));
  }

  function setSection(id) {
    section = id;
    schedule();
  }

  function link() {
    if (timer) { window.clearTimeout(timer); }
    write();
    var url = window.location.href.split("#")[0];
    return url + "#" + encode();
  }

  function init() {
    Lesson.figure.onState(function (state) {
      if (state.figure === "walkthrough" || state.figure === "playground") schedule();
    });
  }

  Lesson.hashstate = { init: init, restore: restore, setSection: setSection, link: link };
})();
