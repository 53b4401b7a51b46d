// Turns the module's values into display text. Formatting only: rounding for
// display and thousands separators; the values themselves come from the core.
(function () {
  "use strict";
  var Lesson = window.Lesson = window.Lesson || {};

  // Thousands separators by hand: the first Intl.NumberFormat a page builds
  // loads locale data, 50 to 125 ms of the start-up (docs/PERFORMANCE.md).
  function grouped(text) {
    var parts = text.split(".");
    parts[0] = parts[0].replace(/\B(?=(\d{3})+(?!\d))/g, ",");
    return parts.join(".");
  }

  function number(value) {
    if (!isFinite(value)) return String(value);
    if (Number.isInteger(value)) return Math.abs(value) >= 10000 ? grouped(String(value)) : String(value);
    // Up to two decimals from 100 up, without trailing zeros.
    if (Math.abs(value) >= 100) return grouped(String(parseFloat(value.toFixed(2))));
    if (Math.abs(value) > 0 && Math.abs(value) < 0.001) return value.toExponential(1);
    // Up to three decimals, without trailing zeros.
    return String(parseFloat(value.toFixed(3)));
  }

  function value(v) {
    if (v === true) return "yes";
    if (v === false) return "no";
    if (typeof v === "number") return number(v);
    if (v == null) return "";
    if (typeof v === "string") return v;
    return JSON.stringify(v);
  }

  // A weight in 0..1 shown as a whole percentage, for the fallback tables.
  function percent(weight) {
    return typeof weight === "number" && isFinite(weight) ? Math.round(weight * 100) + "%" : "";
  }

  Lesson.format = { number: number, value: value, percent: percent };
})();
