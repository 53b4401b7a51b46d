// Loads the figures' module as early as the page allows. This script is async
// in <head>, so attention.wasm downloads and compiles while the browser still
// parses and lays out the prose; the page's other scripts wait for all of that
// (defer), and lesson.js picks the module up from here.
(function () {
  "use strict";
  var Lesson = window.Lesson = window.Lesson || {};
  var outcome = null, readyCallbacks = [], abortCallbacks = [];

  function settle(result) {
    if (outcome) return;
    outcome = result;
    readyCallbacks.splice(0).forEach(function (callback) { callback(outcome); });
  }

  function message(error, fallback) {
    return error && error.message ? error.message : (typeof error === "string" && error) || fallback;
  }

  // Over http(s) attention.js fetches attention.wasm, which the browser compiles
  // off the main thread while it downloads. Browsers refuse fetch() on file://,
  // so a page opened from a folder loads attention-offline.js instead: the same
  // module with the wasm inside it.
  function scriptName() {
    return window.location.protocol === "file:" ? "attention-offline.js" : "attention.js";
  }

  function instantiate() {
    if (typeof window.createAttentionLesson !== "function") {
      settle({ error: scriptName() + " did not load" });
      return;
    }
    var onAbort = function (error) {
      var text = message(error, "the module stopped");
      if (!outcome) settle({ error: text });
      else abortCallbacks.forEach(function (callback) { callback(text); });
    };
    try {
      window.createAttentionLesson({ onAbort: onAbort }).then(
        function (module) { settle({ module: module }); },
        function (error) { settle({ error: message(error, "the module failed to start") }); });
    } catch (e) {
      settle({ error: message(e, "the module failed to start") });
    }
  }

  if (typeof WebAssembly !== "object") {
    settle({ error: "this browser has no WebAssembly" });
  } else if (typeof window.createAttentionLesson === "function") {
    instantiate();
  } else {
    var script = document.createElement("script");
    script.src = scriptName();
    script.onload = instantiate;
    script.onerror = instantiate;
    document.head.appendChild(script);
  }

  Lesson.module = {
    // Calls back once, with { module } or { error: "what went wrong" }.
    whenSettled: function (callback) {
      if (outcome) callback(outcome); else readyCallbacks.push(callback);
    },
    // Calls back if the module aborts after it started.
    onAbort: function (callback) { abortCallbacks.push(callback); }
  };
})();
