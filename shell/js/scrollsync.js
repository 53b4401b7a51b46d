// Keeps the figure on the section being read: an IntersectionObserver watches a
// thin band of the viewport, and the section crossing it becomes current (its
// figure is shown, it counts as seen, the hash and the embed bridge are told).
// Each section's "show me" button does the same on demand.
(function () {
  "use strict";
  var Lesson = window.Lesson = window.Lesson || {};
  var dom = Lesson.dom;

  var current = null;
  var observer = null;
  var wide = window.matchMedia ? window.matchMedia("(min-width: 60rem)") : null;

  function activate(section, force) {
    if (!section || (!force && section === current)) return;
    var changed = section !== current;
    current = section;
    dom.all("section[data-figure]").forEach(function (s) { s.classList.toggle("is-current", s === section); });
    if (Lesson.figure.module()) {
      if (force || Lesson.figure.shown() !== section.dataset.figure) Lesson.figure.show(section.dataset.figure);
    }
    Lesson.fallback.update();
    Lesson.progress.markSection(section.id);
    Lesson.hashstate.setSection(section.id);
    if (changed) dom.emit("section", { section: section.id, figure: section.dataset.figure });
  }

  // Visible height of each section, for the framed case below.
  var visible = new Map();

  function largestVisible() {
    var best = null;
    var bestHeight = 0;
    visible.forEach(function (height, section) {
      if (height > bestHeight) { best = section; bestHeight = height; }
    });
    return best;
  }

  function observe() {
    if (observer) observer.disconnect();
    visible.clear();
    if (window.parent !== window) {
      // In a cross-origin frame the browser ignores rootMargin, so a band
      // cannot be drawn: the section showing the most of itself wins.
      var steps = [];
      for (var i = 0; i <= 20; i++) steps.push(i / 20);
      observer = new IntersectionObserver(function (entries) {
        entries.forEach(function (entry) {
          if (entry.isIntersecting) visible.set(entry.target, entry.intersectionRect.height);
          else visible.delete(entry.target);
        });
        activate(largestVisible());
      }, { threshold: steps });
    } else {
      // The band sits below the sticky figure on narrow screens.
      var margin = wide && wide.matches ? "-35% 0px -60% 0px" : "-62% 0px -33% 0px";
      observer = new IntersectionObserver(function (entries) {
        entries.forEach(function (entry) { if (entry.isIntersecting) activate(entry.target); });
      }, { rootMargin: margin, threshold: 0 });
    }
    dom.all("section[data-figure]").forEach(function (s) { observer.observe(s); });
  }

  // The last section may be too short to reach the band: at the very bottom
  // of the page it becomes current anyway.
  var scrollPending = false;
  function onScroll() {
    if (scrollPending) return;
    scrollPending = true;
    window.requestAnimationFrame(function () {
      scrollPending = false;
      var bottom = window.innerHeight + window.scrollY >= document.documentElement.scrollHeight - 4;
      if (bottom) {
        var sections = dom.all("section[data-figure]");
        activate(sections[sections.length - 1]);
      }
    });
  }

  var initialised = false;

  // The figure panel's real height, for the narrow layout's scroll padding
  // (css/layout.css): it changes with the canvas, the description and zoom.
  function trackPanelHeight() {
    var panel = document.getElementById("figure-panel");
    if (!panel || typeof ResizeObserver !== "function") return;
    new ResizeObserver(function () {
      document.documentElement.style.setProperty("--figure-panel-height",
        Math.ceil(panel.getBoundingClientRect().height) + "px");
    }).observe(panel);
  }

  function init() {
    if (initialised) return;
    initialised = true;
    trackPanelHeight();
    document.addEventListener("click", function (event) {
      var button = event.target.closest("button.show-figure");
      if (button) activate(button.closest("section[data-figure]"), true);
    });
    if (typeof IntersectionObserver === "function") {
      observe();
      if (wide && wide.addEventListener) wide.addEventListener("change", observe);
    }
    window.addEventListener("scroll", onScroll, { passive: true });
  }

  function goTo(sectionId) {
    var section = document.getElementById(sectionId);
    if (!section || !section.matches("section[data-figure]")) return;
    dom.scrollToSection(section);
    activate(section);
  }

  Lesson.scrollsync = { init: init, goTo: goTo, activate: activate,
                        current: function () { return current; } };
})();
