// Boots the lesson: takes the module that js/module.js loads, starts the
// figures on #figure, builds the quizzes, restores progress and the shared-link
// state, then follows the reader's scrolling. If WebGL2 or WebAssembly is
// missing, the page says so and keeps teaching with what it has. Sets the test
// hooks of docs/PAGE.md.
(function () {
  "use strict";
  var Lesson = window.Lesson;
  var dom = Lesson.dom;
  var html = document.documentElement;

  function whenDrawn(callback) {
    window.requestAnimationFrame(function () { window.requestAnimationFrame(callback); });
  }

  function exposeDebug() {
    window.lessonDebug = {
      command: function (request) { return Lesson.figure.command(request); },
      state: function () {
        return Lesson.figure.command({ cmd: "state", figure: Lesson.figure.shown() || "flow" });
      }
    };
  }

  // Where to start reading: a shared link first, then the embedding page's
  // choice, then where the learner left off.
  function startAt(fromHash) {
    var target = fromHash || Lesson.embed.startSection() || Lesson.progress.get().section;
    var section = document.getElementById(target || "opening");
    if (!section || !section.matches("section[data-figure]")) section = document.getElementById("opening");
    if (section.id !== "opening") section.scrollIntoView({ behavior: "instant", block: "start" });
    Lesson.scrollsync.activate(section, true);
  }

  function startWithoutModule(reason) {
    afterFirstPaint(function () {
      Lesson.fallback.noWasm(reason);
      Lesson.quiz.unavailable();
      Lesson.controls.init();
      Lesson.scrollsync.init();
      startAt(Lesson.hashstate.restore(false));
      html.dataset.lessonReady = "no-wasm";
    });
  }

  // Start-up runs as a chain of tasks that yield to the browser between them, so
  // a click or a scroll waits behind at most one of them: in one go it was a
  // single 1.9 s task in Lighthouse. The figure in view comes first; the facts of
  // the other sections follow one figure per task. The first tasks stay long on
  // a cold load: creating the WebGL context waits for the GPU process, and V8
  // compiles each wasm function on its first call, on this thread
  // (docs/PERFORMANCE.md).
  function inTurn(steps, done) {
    var i = 0;
    (function next() {
      if (i === steps.length) { done(); return; }
      steps[i++]();
      window.setTimeout(next, 0);
    })();
  }

  // What needs no WebGL runs as soon as the module is ready, usually while the
  // browser is still presenting the text: the page's listeners, and the first
  // command, with which the figure in view computes its trace. That took ~70 ms
  // off the way to the first figure (docs/PERFORMANCE.md).
  function prepare(module) {
    Lesson.figure.init(module);
    Lesson.controls.init();
    Lesson.formula.init();
    Lesson.exporter.init();
    Lesson.hashstate.init();
    Lesson.figure.onState(Lesson.captions.onState);
    Lesson.theme.init();
  }

  function start(module) {
    var started = null, drawing = false;
    var rest = [
      function () {
        Lesson.quiz.init();
        Lesson.progress.load();
        Lesson.scorm.start();  // in an LMS: open the session and resume from its suspend data
        Lesson.quiz.restore(Lesson.progress.get());
        var fromHash = Lesson.hashstate.restore(true);
        if (!drawing) {
          Lesson.fallback.noWebGL(dom.isObject(started) && started.error ? started.error : "");
        }
        Lesson.scrollsync.init();
        startAt(fromHash);
        exposeDebug();
      }
    ];
    // Every figure's facts, so each section's numbers are filled in.
    Lesson.figure.FIGURES.forEach(function (id) {
      rest.push(function () { Lesson.figure.command({ cmd: "state", figure: id }); });
    });
    var restStarted = false;
    function startRest() {
      if (restStarted) return;
      restStarted = true;
      inTurn(rest, function () {
        whenDrawn(function () { html.dataset.lessonReady = drawing ? "1" : "no-webgl"; });
      });
    }
    // In a task of its own, apart from the module's instantiation.
    window.setTimeout(function () {
      try { started = dom.parse(module.startApp("#figure")); } catch (e) { started = { error: String(e && e.message || e) }; }
      drawing = dom.isObject(started) && started.ok === true;
      if (!drawing) { window.setTimeout(startRest, 0); return; }
      // The rest waits for the first figure, so none of it runs between the
      // renderer's set-up and the frame that draws it (~30 ms on a warm load).
      // A hidden tab draws no frames: the timer keeps the start-up going.
      whenDrawn(function () {
        // What scripts/bench.sh page reports as the time to the first figure.
        if (window.performance && performance.mark) performance.mark("lesson-first-figure");
        window.setTimeout(startRest, 0);
      });
      window.setTimeout(startRest, 1000);
    }, 0);
  }

  // js/module.js loads the module from <head>; it is async, so it may run
  // after this script.
  function whenModuleLoaderRan(then) {
    if (Lesson.module) { then(); return; }
    var tag = document.querySelector('script[src$="js/module.js"]');
    if (!tag) { startWithoutModule("js/module.js is not on the page"); return; }
    tag.addEventListener("load", then);
    tag.addEventListener("error", function () { startWithoutModule("js/module.js did not load"); });
  }

  function boot() {
    var failed = false;
    var fail = function (text) {
      if (failed) return;
      failed = true;
      startWithoutModule(text);
    };
    whenModuleLoaderRan(function () {
      Lesson.module.onAbort(fail);
      Lesson.module.whenSettled(function (result) {
        if (result.error) { fail(result.error); return; }
        var guarded = function (step) {
          if (failed) return;
          try { step(result.module); } catch (e) {
            if (window.console) console.error(e);
            fail(e && e.message ? e.message : "the module failed to start");
          }
        };
        // A task apart from the module's instantiation, then the rest once the text is shown.
        window.setTimeout(function () {
          guarded(prepare);
          afterFirstPaint(function () { guarded(start); });
        }, 0);
      });
    });
  }

  // The figures start once the text is on screen, so it never waits for them.
  // "On screen" is the first contentful paint's timing entry, which arrives
  // when the frame has been shown: the GPU process sets itself up around that
  // first frame (half a second in a software renderer), and a WebGL context
  // asked for before it is done blocks this thread until it is (the first paint
  // moved from 0.5 to 1.3 s, or startApp became a 0.7 s task). Browsers without
  // paint timing wait two animation frames; hidden tabs draw none, and the
  // timer is for anything else that stops them.
  var painted = false, waiting = [];
  function painting() {
    if (painted) return;
    painted = true;
    waiting.forEach(function (callback) { callback(); });
  }
  function afterFirstPaint(callback) {
    if (painted) callback(); else waiting.push(callback);
  }
  function whenTextShown(callback) {
    var types = window.PerformanceObserver && PerformanceObserver.supportedEntryTypes;
    if (!types || types.indexOf("paint") < 0) { whenDrawn(callback); return; }
    new PerformanceObserver(function (list, observer) {
      if (!list.getEntriesByName("first-contentful-paint").length) return;
      observer.disconnect();
      callback();
    }).observe({ type: "paint", buffered: true });
  }
  if (document.visibilityState === "hidden") window.setTimeout(painting, 0);
  else whenTextShown(function () { window.setTimeout(painting, 0); });
  window.setTimeout(painting, 3000);

  Lesson.embed.init();
  Lesson.progress.load();
  boot();
})();
