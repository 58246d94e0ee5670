/* assistants-migrate report: client-side filters. Inlined into report.html.j2.
   Reads only data-* attributes written by the template; never builds HTML from text. */
(function () {
  "use strict";
  var form = document.getElementById("filters");
  if (!form) { return; }
  var ruleSel = document.getElementById("filter-rule");
  var sevSel = document.getElementById("filter-severity");
  var fileSel = document.getElementById("filter-file");
  var manualBox = document.getElementById("filter-manual");
  var status = document.getElementById("filter-status");
  var findings = Array.prototype.slice.call(document.querySelectorAll("article.finding"));
  var groups = Array.prototype.slice.call(document.querySelectorAll("section.file"));
  var noMatch = document.getElementById("no-match");
  var total = findings.length;

  function apply() {
    var rule = ruleSel.value, sev = sevSel.value, file = fileSel.value, manual = manualBox.checked;
    var shown = 0;
    findings.forEach(function (el) {
      var ok = (!rule || el.getAttribute("data-rule") === rule) &&
               (!sev || el.getAttribute("data-severity") === sev) &&
               (!file || el.getAttribute("data-file") === file) &&
               (!manual || el.getAttribute("data-status") === "manual");
      el.hidden = !ok;
      if (ok) { shown += 1; }
    });
    groups.forEach(function (g) {
      g.hidden = g.querySelector("article.finding:not([hidden])") === null;
    });
    if (noMatch) { noMatch.hidden = shown !== 0; }
    var filtered = rule || sev || file || manual;
    status.textContent = filtered
      ? "Showing " + shown + " of " + total + " findings (filtered)."
      : "Showing all " + total + " findings.";
    status.setAttribute("data-shown", String(shown));
  }

  [ruleSel, sevSel, fileSel, manualBox].forEach(function (c) { c.addEventListener("change", apply); });
  form.addEventListener("submit", function (e) { e.preventDefault(); apply(); });
  form.addEventListener("reset", function () { window.setTimeout(apply, 0); });

  /* Links in the summary tables can set a filter: <a data-filter="rule" data-value="AM101"> */
  Array.prototype.forEach.call(document.querySelectorAll("[data-filter]"), function (a) {
    a.addEventListener("click", function () {
      var sel = { rule: ruleSel, severity: sevSel, file: fileSel }[a.getAttribute("data-filter")];
      if (sel) { sel.value = a.getAttribute("data-value"); apply(); }
    });
  });

  /* Printing shows the examples and explanations folded into <details>. */
  window.addEventListener("beforeprint", function () {
    Array.prototype.forEach.call(document.querySelectorAll("details"), function (d) {
      if (!d.open) { d.setAttribute("data-print-opened", ""); d.open = true; }
    });
  });
  window.addEventListener("afterprint", function () {
    Array.prototype.forEach.call(document.querySelectorAll("details[data-print-opened]"), function (d) {
      d.removeAttribute("data-print-opened"); d.open = false;
    });
  });

  form.hidden = false;
  apply();
})();
