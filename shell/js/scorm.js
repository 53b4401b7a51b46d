// The SCORM runtime adapter: when the lesson runs inside a learning management
// system that offers a SCORM 1.2 (window.API) or SCORM 2004 (window.API_1484_11)
// runtime in a same-origin parent frame or opener, it reports the learner's
// score, completion, success and reading position there, keeps the progress
// JSON in the LMS's suspend data, and resumes from it on the next launch.
// Outside an LMS it finds no API and does nothing.
(function () {
  "use strict";
  var Lesson = window.Lesson = window.Lesson || {};
  var dom = Lesson.dom;

  var STORAGE_KEY = "attention-lesson:progress";   // progress.js's localStorage key
  var MAX_FRAME_HOPS = 12;       // how far up the frame tree an LMS may sit
  var DEFAULT_PASSING = 0.75;    // 3 of 4 quick checks right, unless the LMS says otherwise
  var MAX_SUSPEND_1_2 = 4096;    // SCORM 1.2's limit on cmi.suspend_data

  var query = new URLSearchParams(window.location.search);
  var wanted = query.get("scorm");   // "12", "2004", "1" or absent (any)

  // Looks for `name` on win and its ancestors. A cross-origin frame throws on
  // access; that ends the walk, since no runtime beyond it is reachable.
  function findIn(win, name) {
    for (var hops = 0; win && hops < MAX_FRAME_HOPS; hops++) {
      try {
        if (win[name] && typeof win[name] === "object") return win[name];
        if (!win.parent || win.parent === win) return null;
        win = win.parent;
      } catch (e) { return null; }
    }
    return null;
  }

  function findApi(name) {
    if (window.parent === window && !window.opener) return null;
    var api = window.parent !== window ? findIn(window.parent, name) : null;
    if (!api && window.opener) api = findIn(window.opener, name);
    return api;
  }

  // The two runtimes differ only in names; this table hides them.
  function adapterFor(version, api) {
    if (version === "2004") {
      return {
        version: "2004", api: api,
        init: function () { return api.Initialize(""); },
        get: function (k) { return api.GetValue(k); },
        set: function (k, v) { return api.SetValue(k, String(v)); },
        commit: function () { return api.Commit(""); },
        finish: function () { return api.Terminate(""); },
        keys: { location: "cmi.location", suspend: "cmi.suspend_data", entry: "cmi.entry",
                exit: "cmi.exit", sessionTime: "cmi.session_time" }
      };
    }
    return {
      version: "1.2", api: api,
      init: function () { return api.LMSInitialize(""); },
      get: function (k) { return api.LMSGetValue(k); },
      set: function (k, v) { return api.LMSSetValue(k, String(v)); },
      commit: function () { return api.LMSCommit(""); },
      finish: function () { return api.LMSFinish(""); },
      keys: { location: "cmi.core.lesson_location", suspend: "cmi.suspend_data", entry: "cmi.core.entry",
              exit: "cmi.core.exit", sessionTime: "cmi.core.session_time" }
    };
  }

  function discover() {
    var api;
    if (wanted !== "12") {
      api = findApi("API_1484_11");
      if (api && typeof api.Initialize === "function") return adapterFor("2004", api);
    }
    if (wanted !== "2004") {
      api = findApi("API");
      if (api && typeof api.LMSInitialize === "function") return adapterFor("1.2", api);
    }
    return null;
  }

  var lms = null;
  try { lms = discover(); } catch (e) { lms = null; }
  var started = false;
  var finished = false;
  var startedAt = Date.now();
  var lastWritten = {};

  // In an LMS the learner's record lives there, not in this browser: a shared
  // computer must not hand one learner's answers to the next. This runs
  // before lesson.js first reads the saved progress.
  if (lms) {
    try { if (window.localStorage) window.localStorage.removeItem(STORAGE_KEY); } catch (e) { /* no storage */ }
  }

  function truthy(result) { return result === true || result === "true"; }

  // Writes a value only when it changed, so a commit carries real changes.
  function put(key, value) {
    value = String(value);
    if (lastWritten[key] === value) return false;
    lastWritten[key] = value;
    lms.set(key, value);
    return true;
  }

  function passingScaled() {
    var raw = "";
    try {
      raw = lms.version === "2004" ? lms.get("cmi.scaled_passing_score") : lms.get("cmi.student_data.mastery_score");
    } catch (e) { raw = ""; }
    var n = parseFloat(raw);
    if (!isFinite(n)) return DEFAULT_PASSING;
    return lms.version === "2004" ? n : n / 100;   // 1.2's mastery score is a percentage
  }

  // What the LMS should hold for the current progress.
  function report() {
    if (!lms || !started || finished) return;
    var progress = Lesson.progress.get();
    if (!dom.isObject(progress)) return;
    var changed = false;
    var record = { answers: progress.answers || {}, section: progress.section, seen: progress.seen || [],
                   choice_seed: progress.choice_seed, predictions: progress.predictions || {} };
    var suspend = JSON.stringify(record);
    // Guesses on long sentences must not cost SCORM 1.2 the answers: they go first.
    if (lms.version === "1.2" && suspend.length > MAX_SUSPEND_1_2) {
      delete record.predictions;
      suspend = JSON.stringify(record);
    }
    if (lms.version !== "1.2" || suspend.length <= MAX_SUSPEND_1_2) changed = put(lms.keys.suspend, suspend) || changed;
    if (typeof progress.section === "string") changed = put(lms.keys.location, progress.section) || changed;

    var score = progress.score;
    var hasScore = dom.isObject(score) && score.total > 0 && score.answered > 0;
    var scaled = hasScore ? score.correct / score.total : 0;
    var percent = Math.round(scaled * 10000) / 100;
    var complete = progress.complete === true;
    var passed = scaled >= passingScaled() - 1e-9;

    if (lms.version === "2004") {
      if (hasScore) {
        changed = put("cmi.score.raw", percent) || changed;
        changed = put("cmi.score.min", 0) || changed;
        changed = put("cmi.score.max", 100) || changed;
        changed = put("cmi.score.scaled", Math.round(scaled * 10000) / 10000) || changed;
      }
      changed = put("cmi.completion_status", complete ? "completed" : "incomplete") || changed;
      if (complete) changed = put("cmi.success_status", passed ? "passed" : "failed") || changed;
      changed = put("cmi.exit", complete ? "normal" : "suspend") || changed;
    } else {
      if (hasScore) {
        changed = put("cmi.core.score.raw", percent) || changed;
        changed = put("cmi.core.score.min", 0) || changed;
        changed = put("cmi.core.score.max", 100) || changed;
      }
      changed = put("cmi.core.lesson_status", complete ? (passed ? "passed" : "failed") : "incomplete") || changed;
      changed = put("cmi.core.exit", complete ? "" : "suspend") || changed;
    }
    if (changed) lms.commit();
  }

  // SCORM 1.2 wants HHHH:MM:SS, SCORM 2004 an ISO 8601 duration.
  function sessionTime() {
    var seconds = Math.max(0, Math.round((Date.now() - startedAt) / 1000));
    if (lms.version === "2004") return "PT" + seconds + "S";
    var h = Math.floor(seconds / 3600), m = Math.floor(seconds / 60) % 60, s = seconds % 60;
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    return (h < 1000 ? ("000" + h).slice(-4) : String(h)) + ":" + pad(m) + ":" + pad(s);
  }

  function finish() {
    if (!lms || !started || finished) return;
    try {
      report();
      lms.set(lms.keys.sessionTime, sessionTime());
      lms.commit();
    } catch (e) { /* the LMS may already be closing */ }
    finished = true;
    try { lms.finish(); } catch (e) { /* nothing more to do */ }
  }

  // Replays saved progress through the page's own progress calls, which send
  // it through m.progress: unknown quiz or choice ids are dropped there.
  function restoreFrom(saved) {
    if (!dom.isObject(saved)) return;
    if (dom.isObject(saved.answers)) {
      Object.keys(saved.answers).forEach(function (quiz) {
        if (typeof saved.answers[quiz] === "string") Lesson.progress.setAnswer(quiz, saved.answers[quiz]);
      });
    }
    if (Array.isArray(saved.seen)) {
      saved.seen.forEach(function (section) {
        if (typeof section === "string") Lesson.progress.markSection(section);
      });
    }
    if (typeof saved.section === "string") Lesson.progress.markSection(saved.section);
    // The order of the quick checks' choices (the core checks the seed).
    if (typeof saved.choice_seed === "number") Lesson.progress.setChoiceSeed(saved.choice_seed);
    // The guesses of js/predict.js; progress.js checks their shape.
    if (dom.isObject(saved.predictions)) {
      Object.keys(saved.predictions).forEach(function (figure) {
        if (dom.isObject(saved.predictions[figure])) Lesson.progress.setPrediction(figure, saved.predictions[figure]);
      });
    }
  }

  // Called by lesson.js once progress has loaded and before the quizzes show
  // their saved answers: opens the LMS session and resumes from its record.
  function start() {
    if (!lms || started) return false;
    var opened = false;
    try { opened = truthy(lms.init()); } catch (e) { opened = false; }
    if (!opened) { lms = null; return false; }
    started = true;
    startedAt = Date.now();
    html().dataset.scorm = lms.version;
    var saved = null;
    try { saved = dom.parse(lms.get(lms.keys.suspend)); } catch (e) { saved = null; }
    restoreFrom(saved);
    report();
    document.addEventListener("attention-lesson:event", function () { report(); });
    window.addEventListener("pagehide", finish);
    window.addEventListener("beforeunload", finish);
    return true;
  }

  function html() { return document.documentElement; }

  Lesson.scorm = {
    start: start,
    finish: finish,
    version: function () { return lms && started ? lms.version : null; }
  };
})();
