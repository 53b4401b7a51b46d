// Words for what one row of attention weights says, shared by every section:
// each sentence is built from the row facts the core computes (core/facts.h:
// decisive, argmax_*, even_percent, hint_head, head_role). A decisive row
// names its argmax and the argmax's weight; a flat row is called flat, with
// the even share and, when the core found one, a head that does have
// something to say. Nothing is computed here: the core decided which case
// holds and which word and number go in it.
(function () {
  "use strict";
  var Lesson = window.Lesson = window.Lesson || {};
  var dom = Lesson.dom;
  var fmt = function (v) { return Lesson.format.value(v); };

  function quote(word) { return "\u201c" + fmt(word) + "\u201d"; }

  function hasRow(f) {
    return dom.isObject(f) && typeof f.decisive === "boolean" && f.query != null &&
      f.argmax_token != null && f.argmax_percent != null && f.even_percent != null;
  }

  function onItself(f) { return f.argmax_index === f.query_index; }

  // The flat case, the same for every kind of claim.
  function flat(f) {
    var text = "The row of " + quote(f.query) + " is flat: no word gets much more than the even share of " +
      fmt(f.even_percent) + "% each, so this head has nothing to say about " + quote(f.query) + ".";
    if (f.hint_head) text += " Try the " + fmt(f.hint_head) + " head.";
    return text;
  }

  // kind: "share" (where the attention goes), "match" (whose key fits best),
  // "blend" (whose value weighs most in the output), "softmax" (the formula's
  // top weights). Returns "" when the facts are not about one row.
  function sentence(f, kind) {
    if (!hasRow(f)) return "";
    if (!f.decisive) return flat(f);
    var pct = fmt(f.argmax_percent) + "%";
    var self = onItself(f);
    if (kind === "match") {
      // The worst match is worth naming only beside a decisive best one.
      var worst = f.low_token && f.low_index !== f.argmax_index && f.low_percent != null ?
        " " + quote(f.low_token) + " scores worst, with " + fmt(f.low_percent) + "%." : "";
      return (self ? quote(f.query) + "'s own key matches its query best: it keeps " + pct + " of the attention on itself." :
        quote(f.argmax_token) + " matches best and gets " + pct + " of the attention.") + worst;
    }
    if (kind === "blend") {
      return "In the blend, " + (self ? "its own value" : quote(f.argmax_token) + "'s value") +
        " gets the largest weight, " + pct + "; the rest is shared among the other words.";
    }
    if (kind === "softmax") {
      var parts = [1, 2, 3].filter(function (r) {
        return f["soft_" + r + "_token"] && f["soft_" + r + "_percent"] != null;
      }).map(function (r) { return quote(f["soft_" + r + "_token"]) + " " + fmt(f["soft_" + r + "_percent"]) + "%"; });
      return "On the same scores softmax gives " + parts.join(", ") + "; every word keeps a little.";
    }
    return self ? quote(f.query) + " keeps its largest share, " + pct + ", on itself." :
      quote(f.query) + " gives its largest share, " + pct + ", to " + quote(f.argmax_token) + ".";
  }

  // What the demo model's head was made for (head_role from the core).
  var ROLES = {
    coreference: "this one was built to link pronouns to the names they stand for",
    sense: "this one was built to let an ambiguous word such as \u201cbank\u201d look at the words that settle its sense",
    previous: "this one was built to look at the word just before, which it finds through the positions",
    random: "this one is untrained: its weights are random numbers drawn from the seed, so its pattern means nothing",
    trained: "this one was learned by training, not designed by hand"
  };
  function role(f) { return dom.isObject(f) && ROLES[f.head_role] || ""; }

  // Fills the prose slots [data-claim="<figure>"] and [data-head-role="<figure>"].
  function fill(state) {
    var f = state.facts || {};
    dom.all('[data-claim="' + state.figure + '"]').forEach(function (slot) {
      var kind = slot.dataset.claimKind;
      var text = kind === "argmax-note" ?
        (hasRow(f) && !f.decisive ? " (on this flat row that pick means nothing: the scores are equal, or nearly so)" : "") :
        sentence(f, kind);
      if (text || kind === "argmax-note") dom.setText(slot, text);
    });
    dom.all('[data-head-role="' + state.figure + '"]').forEach(function (slot) {
      var text = role(f);
      if (text) dom.setText(slot, text);
    });
  }

  Lesson.claims = { sentence: sentence, role: role, fill: fill, quote: quote };
})();
