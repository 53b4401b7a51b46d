// The bridge to a page that embeds the lesson in an iframe (?embed=1, and
// optionally &section=<id>). It hides the page chrome, posts the content height
// ({"type":"attention-lesson:height","height":N}, plus Canvas LMS's
// {"subject":"lti.frameResize","height":N}) and the lesson's events
// ({"type":"attention-lesson:event","event":"section"|"quiz"|"prediction"|"complete",...}).
// Incoming messages are accepted only from the parent window, from its origin
// when known, and only in the documented shapes.
(function () {
  "use strict";
  var Lesson = window.Lesson = window.Lesson || {};
  var dom = Lesson.dom;

  var query = new URLSearchParams(window.location.search);
  var isEmbed = query.get("embed") === "1";
  var framed = window.parent && window.parent !== window;
  var parentOrigin = (function () {
    try {
      var origin = document.referrer ? new URL(document.referrer).origin : "";
      return origin && origin !== "null" ? origin : null;
    } catch (e) { return null; }
  })();
  var lastHeight = -1;

  function post(message) {
    if (!framed) return;
    try { window.parent.postMessage(message, parentOrigin || "*"); } catch (e) { /* parent gone */ }
  }

  function contentHeight() {
    return Math.ceil(document.documentElement.getBoundingClientRect().height);
  }

  function postHeight(force) {
    var height = contentHeight();
    if (!force && height === lastHeight) return;
    lastHeight = height;
    post({ type: "attention-lesson:height", height: height });
    post({ subject: "lti.frameResize", height: height });
  }

  function onMessage(event) {
    if (event.source !== window.parent) return;
    if (parentOrigin && event.origin !== parentOrigin) return;
    var data = event.data;
    if (!dom.isObject(data) || typeof data.type !== "string") return;
    if (data.type === "attention-lesson:show" && typeof data.section === "string" &&
        Lesson.progress.SECTIONS.indexOf(data.section) >= 0) {
      Lesson.scrollsync.goTo(data.section);
    } else if (data.type === "attention-lesson:get-height") {
      postHeight(true);
    }
  }

  function startSection() {
    var wanted = query.get("section");
    return Lesson.progress.SECTIONS.indexOf(wanted) >= 0 ? wanted : null;
  }

  function init() {
    if (isEmbed) document.documentElement.classList.add("embed");
    if (!framed) return;
    document.addEventListener("attention-lesson:event", function (event) {
      var detail = event.detail;
      if (!dom.isObject(detail)) return;
      var message = { type: "attention-lesson:event" };
      Object.keys(detail).forEach(function (k) { message[k] = detail[k]; });
      post(message);
    });
    window.addEventListener("message", onMessage);
    if (typeof ResizeObserver === "function") {
      new ResizeObserver(function () { postHeight(false); }).observe(document.documentElement);
    }
    window.addEventListener("load", function () { postHeight(true); });
    postHeight(true);
  }

  Lesson.embed = { init: init, isEmbed: isEmbed, startSection: startSection };
})();
