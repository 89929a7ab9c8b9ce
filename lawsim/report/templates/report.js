// The report's scenario explorer: reads the controls, asks every compiled law version
// (LAWSIM_EXPLORER, generated from the IR) and writes the answers as text (never as HTML).
(function () {
  "use strict";
  var explorer = window.LAWSIM_EXPLORER;
  var form = document.getElementById("explorer-form");
  if (!explorer || !form) return;
  var controls = Array.prototype.slice.call(form.querySelectorAll("[data-fact]"));
  var toggles = Array.prototype.slice.call(form.querySelectorAll("[data-assumption]"));
  var notice = document.getElementById("explorer-impossible");

  function scenario() {
    var out = {};
    controls.forEach(function (c) {
      out[c.getAttribute("data-fact")] = c.getAttribute("data-kind") === "int" ? parseInt(c.value, 10) : c.value;
    });
    return out;
  }

  function assumptions() {
    var out = {};
    toggles.forEach(function (t) { out[t.getAttribute("data-assumption")] = t.checked; });
    return out;
  }

  function remedyWords(remedy) {
    if (remedy.status === "available") return remedy.plaintiffs.join(", ").replace(/_/g, " ") + " may sue for " +
      remedy.relief.join(", ").replace(/_/g, " ");
    if (remedy.status === "none") return "no remedy";
    if (remedy.status === "conflict") return "unsettled";
    return "not a violation";
  }

  function set(row, cls, text) { row.querySelector("." + cls).textContent = text; }

  function update() {
    var s = scenario(), a = assumptions(), broken = [];
    var bad = controls.filter(function (c) {
      if (c.getAttribute("data-kind") !== "int") return false;
      var v = parseInt(c.value, 10);
      return isNaN(v) || v < parseInt(c.min, 10) || v > parseInt(c.max, 10);
    });
    explorer.versions.forEach(function (v) {
      v.impossible(s).forEach(function (caption) { if (broken.indexOf(caption) === -1) broken.push(caption); });
    });
    if (bad.length) broken.unshift("a number is outside its range");
    notice.hidden = !broken.length;
    notice.textContent = broken.length ? "This situation cannot happen: " + broken.join("; ") + ". Change the facts." : "";
    var first = null;
    explorer.versions.forEach(function (v, i) {
      var row = document.querySelector('tr[data-version="' + v.name.replace(/["\\]/g, "\\$&") + '"]');
      if (!row) return;
      if (broken.length) {
        set(row, "verdict", "\u2014"); set(row, "remedy", ""); set(row, "reason", ""); set(row, "differs", "");
        return;
      }
      try {
        var out = v.evaluate(s, a), remedy = remedyWords(out.remedy);
        if (i === 0) first = [out.verdict, remedy];
        set(row, "verdict", out.verdict);
        set(row, "remedy", remedy);
        set(row, "reason", out.reason + " " + out.remedy.reason);
        // Said in words as well as shown, so the difference does not rest on colour.
        var differs = i > 0 && first !== null && (first[0] !== out.verdict || first[1] !== remedy);
        set(row, "differs", differs ? "changed" : "");
        row.className = differs ? "differs" : "";
      } catch (e) {
        set(row, "verdict", "\u2014"); set(row, "remedy", ""); set(row, "reason", String(e.message));
        set(row, "differs", "");
      }
    });
  }

  controls.concat(toggles).forEach(function (c) {
    c.addEventListener("change", update);
    c.addEventListener("input", update);
  });
  update();
  // A printed report shows the exact conditions of every finding.
  window.addEventListener("beforeprint", function () {
    Array.prototype.forEach.call(document.querySelectorAll("details.detail"), function (d) { d.open = true; });
  });
})();
