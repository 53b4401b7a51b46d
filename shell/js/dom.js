// Small DOM helpers shared by the page's scripts. Everything that puts text on
// the page goes through textContent: nothing from the module, the URL, the
// learner or another frame is ever parsed as HTML.
(function () {
  "use strict";
  var Lesson = window.Lesson = window.Lesson || {};

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (name) {
        if (attrs[name] === false || attrs[name] == null) return;
        node.setAttribute(name, attrs[name] === true ? "" : String(attrs[name]));
      });
    }
    if (text != null) node.textContent = String(text);
    return node;
  }

  // Writes text only when it differs: every write makes the browser lay the
  // page out again, and states arrive with each interaction.
  function setText(node, text) {
    if (node.textContent !== text) node.textContent = text;
  }

  // The same for a property (value, checked, disabled, hidden) or an attribute:
  // assigning even an unchanged value restyles and repaints the control.
  function setProperty(node, name, value) {
    if (node[name] !== value) node[name] = value;
  }
  function setAttribute(node, name, value) {
    if (node.getAttribute(name) !== value) node.setAttribute(name, value);
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }

  function all(selector, root) {
    return Array.prototype.slice.call((root || document).querySelectorAll(selector));
  }

  // Parses JSON text; returns null instead of throwing, so one malformed
  // answer never stops the page.
  function parse(text) {
    if (typeof text !== "string") return null;
    try { return JSON.parse(text); } catch (e) { return null; }
  }

  function isObject(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }

  // The section element whose figure is `figureId`. The sections never change,
  // so each is looked up once.
  var sections = {};
  function sectionOf(figureId) {
    if (!(figureId in sections)) {
      sections[figureId] = all("section[data-figure]").filter(function (s) {
        return s.dataset.figure === figureId;
      })[0] || null;
    }
    return sections[figureId];
  }

  var reducedMotion = window.matchMedia ?
    window.matchMedia("(prefers-reduced-motion: reduce)") : null;

  function scrollToSection(section) {
    if (!section) return;
    var smooth = reducedMotion ? !reducedMotion.matches : false;
    section.scrollIntoView({ behavior: smooth ? "smooth" : "instant", block: "start" });
  }

  // Lesson events (section reached, quiz answered, lesson complete) go out as
  // one DOM event, so the embed bridge or a course-site adapter can listen
  // without the lesson knowing about them.
  // Loads a classic script once and calls back with whether it set the global
  // it promises (a lazily loaded data file: works from file:// and under the
  // page's script-src 'self', where fetch would not).
  function loadDataScript(src, globalName, then) {
    if (typeof window[globalName] === "string") { then(true); return; }
    var script = document.createElement("script");
    script.src = src;
    script.onload = function () { then(typeof window[globalName] === "string"); };
    script.onerror = function () { then(false); };
    document.head.appendChild(script);
  }

  function emit(name, detail) {
    var payload = { event: name };
    Object.keys(detail || {}).forEach(function (k) { payload[k] = detail[k]; });
    document.dispatchEvent(new CustomEvent("attention-lesson:event", { detail: payload }));
  }

  Lesson.dom = { el: el, emit: emit, setText: setText, setProperty: setProperty, setAttribute: setAttribute,
                 loadDataScript: loadDataScript, clear: clear, all: all, parse: parse, isObject: isObject,
                 sectionOf: sectionOf, scrollToSection: scrollToSection,
                 reducedMotion: reducedMotion };
})();
