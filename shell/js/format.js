// Turns the module's values into display text. Formatting only: rounding for
// display and thousands separators; the values themselves come from the core.
(function () {
  "use strict";
  var Lesson = window.Lesson = window.Lesson || {};

  var grouped = (typeof Intl !== "undefined" && Intl.NumberFormat) ?
    new Intl.NumberFormat("en", { maximumFractionDigits: 2 }) : null;

  function number(value) {
    if (!isFinite(value)) return String(value);
    if (Number.isInteger(value)) {
      return grouped && Math.abs(value) >= 10000 ? grouped.format(value) : String(value);
    }
    if (Math.abs(value) >= 100) return grouped ? grouped.format(value) : value.toFixed(1);
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
