// The playground's exports: PNG of the canvas (after a synchronous render), the
// shown figure's matrices as CSV or JSON (text made by the module), and a link
// that reproduces the current state. Downloads use Blob URLs, so they work
// offline and from file://.
(function () {
  "use strict";
  var Lesson = window.Lesson = window.Lesson || {};

  function say(text) {
    var slot = document.querySelector('[data-message="export"]');
    if (slot) slot.textContent = text;
  }

  // Module-made file names are still cleaned: they end up in a download attribute.
  function safeName(name, fallback) {
    var clean = String(name || "").replace(/[^A-Za-z0-9._-]+/g, "-").slice(0, 80);
    return clean && clean !== "." ? clean : fallback;
  }

  function download(blob, filename) {
    var url = URL.createObjectURL(blob);
    var link = Lesson.dom.el("a", { href: url, download: filename });
    document.body.appendChild(link);
    link.click();
    link.remove();
    window.setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
    say("Saved " + filename + ".");
  }

  function showPlayground() {
    if (Lesson.figure.shown() !== "playground") Lesson.figure.show("playground");
  }

  function exportPng() {
    var canvas = document.getElementById("figure");
    if (document.documentElement.dataset.lessonReady !== "1") {
      say("There is no drawn figure to save: this browser could not start WebGL2.");
      return;
    }
    showPlayground();
    Lesson.figure.command({ cmd: "render" });
    canvas.toBlob(function (blob) {
      if (blob) download(blob, "attention-playground.png");
      else say("The browser could not turn the figure into a PNG.");
    }, "image/png");
  }

  function exportText(format) {
    showPlayground();
    var answer = Lesson.figure.command({ cmd: "export", format: format });
    if (!answer || typeof answer.text !== "string") {
      say(answer && answer.error ? String(answer.error) : "The export failed.");
      return;
    }
    var type = format === "csv" ? "text/csv" : "application/json";
    download(new Blob([answer.text], { type: type }),
             safeName(answer.filename, "attention-playground." + format));
  }

  function copyLink() {
    var url = Lesson.hashstate.link();
    var field = document.getElementById("share-link");
    field.value = url;
    var fallback = function () {
      field.focus();
      field.select();
      say("The link is in the box above: copy it from there.");
    };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(url).then(function () {
        say("Link copied. Anyone who opens it sees this exact state.");
      }, fallback);
    } else {
      fallback();
    }
  }

  function init() {
    document.addEventListener("click", function (event) {
      var button = event.target.closest("button");
      if (!button) return;
      if (button.dataset.export === "png") exportPng();
      else if (button.dataset.export) exportText(button.dataset.export);
      else if (button.id === "copy-link") copyLink();
    });
  }

  Lesson.exporter = { init: init };
})();
