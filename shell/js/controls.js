// Wires the HTML controls to the figures: every element with
// data-figure-setting sends {"cmd":"set", "figure": <its section's figure>,
// <setting>: value}; every new state puts the controls back in line with the
// module's settings (so a refused value snaps back), rebuilds the word and
// head lists, and shows the current step's text. A preset button sends its
// sentence, then its head (data-head, by name) and its query word.
(function () {
  "use strict";
  var Lesson = window.Lesson = window.Lesson || {};
  var dom = Lesson.dom;

  function figureOf(node) {
    var section = node.closest("section[data-figure]");
    return section ? section.dataset.figure : null;
  }

  function listValues(control) {
    return control.dataset.values ? control.dataset.values.split(",").map(Number) : null;
  }

  function readValue(control) {
    var type = control.dataset.type;
    if (control.type === "checkbox") return control.checked;
    var raw = control.tagName === "BUTTON" ? control.dataset.value : control.value;
    var values = listValues(control);
    if (values) return values[Number(raw)];
    if (type === "bool") return raw === "true";
    if (type === "number") return Number(raw);
    return raw;
  }

  function showError(figureId, text) {
    var slot = document.querySelector('[data-message="' + figureId + '"]');
    if (!slot) return;
    slot.textContent = text;
    slot.classList.add("is-error");
  }

  // Sends settings to a figure and reports a refusal next to its controls.
  function send(figureId, settings) {
    var state = Lesson.figure.set(figureId, settings);
    if (state && state.error && !state.figure) showError(figureId, String(state.error));
    return state;
  }

  function onControl(event) {
    var control = event.target.closest("[data-figure-setting]");
    if (!control || control.closest("form.sentence-form") && control.type === "text") return;
    if (control.type === "radio" && !control.checked) return;
    var figureId = figureOf(control);
    if (!figureId) return;
    var settings = {};
    settings[control.dataset.figureSetting] = readValue(control);
    send(figureId, settings);
  }

  // -- keeping controls in line with the state ------------------------------

  // Options are relabelled in place, so switching between 4 and 8 heads adds
  // or removes only the difference.
  function fillOptions(select, labels, key) {
    if (select.dataset.optionsKey === key) return;
    select.dataset.optionsKey = key;
    var options = select.options;
    labels.forEach(function (label, i) {
      var text = (i + 1) + ". " + label;
      if (i < options.length) dom.setText(options[i], text);
      else select.appendChild(dom.el("option", { value: i }, text));
    });
    while (options.length > labels.length) select.remove(options.length - 1);
  }

  function syncControl(control, state) {
    var setting = control.dataset.figureSetting;
    var settings = state.settings || {};
    if (control.classList.contains("token-select")) {
      var tokens = Array.isArray(state.tokens) ? state.tokens.map(String) : [];
      fillOptions(control, tokens, JSON.stringify(tokens));
      if (typeof state.selected === "number") dom.setProperty(control, "value", String(state.selected));
      return;
    }
    if (control.classList.contains("head-select")) {
      var heads = Array.isArray(state.head_names) ? state.head_names.map(String) : [];
      fillOptions(control, heads, JSON.stringify(heads));
      if (typeof settings.head === "number") dom.setProperty(control, "value", String(settings.head));
      return;
    }
    if (!(setting in settings)) return;
    var value = settings[setting];
    var values = listValues(control);
    if (control.tagName === "BUTTON") {
      dom.setAttribute(control, "aria-pressed", String(String(value) === control.dataset.value));
    } else if (control.type === "checkbox") {
      dom.setProperty(control, "checked", !!value);
    } else if (control.type === "radio") {
      dom.setProperty(control, "checked", String(value) === control.value);
    } else if (values) {
      var index = values.indexOf(Number(value));
      if (index >= 0) dom.setProperty(control, "value", String(index));
      dom.setAttribute(control, "aria-valuetext", Lesson.format.value(value));
    } else if (control.type === "text") {
      if (document.activeElement !== control) dom.setProperty(control, "value", String(value));
    } else {
      dom.setProperty(control, "value", String(value));
    }
  }

  function syncSteps(section, kind, step) {
    dom.all('[data-step-text="' + kind + '"]', section).forEach(function (node) {
      dom.setProperty(node, "hidden", Number(node.dataset.step) !== step);
    });
  }

  // Each section's controls and outputs, found once (the page's markup is fixed).
  var found = {};
  function controlsOf(figureId, section) {
    if (!found[figureId]) {
      found[figureId] = { controls: dom.all("[data-figure-setting]", section),
                          outputs: dom.all("output[data-shows]", section) };
    }
    return found[figureId];
  }

  function onState(state) {
    var section = dom.sectionOf(state.figure);
    if (!section) return;
    var settings = state.settings || {};
    var parts = controlsOf(state.figure, section);
    var facts = state.facts || {};
    if (state.figure === "rnn" && typeof facts.max_distance === "number") {
      // The distance slider stops where the figure's sentence ends (the core says where).
      dom.all('input[data-figure-setting="rnn_distance"]', section).forEach(function (slider) {
        dom.setAttribute(slider, "max", String(facts.max_distance));
      });
    }
    parts.controls.forEach(function (control) {
      syncControl(control, state);
    });
    parts.outputs.forEach(function (output) {
      var value = settings[output.dataset.shows];
      if (value != null) dom.setText(output, Lesson.format.value(value));
    });
    if (state.figure === "walkthrough" && typeof settings.step === "number") {
      syncSteps(section, "walkthrough", settings.step);
      var label = document.getElementById("walkthrough-step-label");
      if (label) dom.setText(label, Lesson.captions.stepLabel(settings.step));
      // aria-disabled, not disabled: a disabled button drops the keyboard focus
      // to the page the moment Next reaches step 8 (or Previous step 1).
      dom.all("[data-step-delta]", section).forEach(function (button) {
        var next = settings.step + Number(button.dataset.stepDelta);
        dom.setAttribute(button, "aria-disabled", next < 1 || next > 8 ? "true" : "false");
      });
    }
    if (state.figure === "analogy" && typeof settings.analogy_step === "number") {
      syncSteps(section, "analogy", settings.analogy_step);
    }
  }

  // -- presets, sentence forms and the step buttons --------------------------

  function selectWord(figureId, word) {
    var state = Lesson.figure.state(figureId);
    if (!state || !Array.isArray(state.tokens) || !word) return;
    var wanted = word.toLowerCase();
    for (var i = state.tokens.length - 1; i >= 0; i--) {
      if (String(state.tokens[i]).toLowerCase() === wanted) { send(figureId, { selected: i }); return; }
    }
  }

  // A preset names its head (data-head="sense"); the module's head_names say
  // which index that is. A lookup, no arithmetic.
  function selectHead(figureId, name) {
    var state = Lesson.figure.state(figureId);
    var names = state && Array.isArray(state.head_names) ? state.head_names : [];
    var index = names.indexOf(name);
    if (name && index >= 0) send(figureId, { head: index });
  }

  function onPreset(button) {
    var figureId = button.dataset.presetFigure;
    var state = send(figureId, { sentence: button.dataset.sentence });
    if (state && !state.error) {
      selectHead(figureId, button.dataset.head);
      selectWord(figureId, button.dataset.query);
    }
    var input = document.querySelector('form[data-form-figure="' + figureId + '"] input[name="sentence"]');
    if (input) input.value = button.dataset.sentence;
  }

  function onSubmit(event) {
    var form = event.target.closest("form.sentence-form");
    if (!form) return;
    event.preventDefault();
    var input = form.querySelector('input[name="sentence"]');
    send(form.dataset.formFigure, { sentence: input.value });
  }

  function onStep(button) {
    var state = Lesson.figure.state("walkthrough");
    var step = state && state.settings && typeof state.settings.step === "number" ? state.settings.step : 1;
    var next = Math.min(8, Math.max(1, step + Number(button.dataset.stepDelta)));
    if (next !== step) send("walkthrough", { step: next });
  }

  function onClick(event) {
    var button = event.target.closest("button");
    if (!button) return;
    if (button.classList.contains("preset")) onPreset(button);
    else if (button.dataset.stepDelta) onStep(button);
    else if (button.dataset.figureSetting) onControl(event);
  }

  // Range inputs fire many events while dragging: send at most once a frame.
  var pendingRange = null;
  function onInput(event) {
    if (event.target.type !== "range" || !event.target.dataset.figureSetting) return;
    if (pendingRange) { pendingRange = event; return; }
    pendingRange = event;
    window.requestAnimationFrame(function () {
      var latest = pendingRange;
      pendingRange = null;
      onControl(latest);
    });
  }

  var initialised = false;
  function init() {
    if (initialised) return;
    initialised = true;
    var root = document.getElementById("lesson-text");
    // A range also sends on "change" (the drag or key press is over): that final value
    // must arrive even if the frame-throttled "input" path has not run yet.
    root.addEventListener("change", onControl);
    root.addEventListener("input", onInput);
    root.addEventListener("click", onClick);
    root.addEventListener("submit", onSubmit);
    Lesson.figure.onState(onState);
  }

  Lesson.controls = { init: init, send: send, selectWord: selectWord };
})();
