/* assistants-migrate report: client-side filters. Inlined into report.html.j2.
   Reads only data-* attributes written by the template; never builds HTML from text.
   The filter state lives in the URL fragment (#rule=AM601&file=app.py&manual=1&auto=1),
   so a filtered view can be bookmarked, shared and reloaded. */
(function () {
  "use strict";
  var form = document.getElementById("filters");
  if (!form) { return; }
  var controls = {
    rule: document.getElementById("filter-rule"),
    severity: document.getElementById("filter-severity"),
    file: document.getElementById("filter-file"),
    manual: document.getElementById("filter-manual"),
    auto: document.getElementById("filter-auto")
  };
  var status = document.getElementById("filter-status");
  var noMatch = document.getElementById("no-match");
  var items = Array.prototype.slice.call(document.querySelectorAll("article.finding, li.auto-row"));
  var groups = Array.prototype.slice.call(document.querySelectorAll("section.file"));
  var autoBlocks = Array.prototype.slice.call(document.querySelectorAll("details.auto"));
  var totalManual = document.querySelectorAll("article.finding").length;
  var totalAuto = 0;
  autoBlocks.forEach(function (d) { totalAuto += parseInt(d.getAttribute("data-auto"), 10) || 0; });

  function state() {
    return {
      rule: controls.rule.value, severity: controls.severity.value, file: controls.file.value,
      manual: controls.manual.checked, auto: controls.auto.checked
    };
  }

  function toFragment(s) {
    var parts = [];
    ["rule", "severity", "file"].forEach(function (k) {
      if (s[k]) { parts.push(k + "=" + encodeURIComponent(s[k])); }
    });
    if (s.manual) { parts.push("manual=1"); }
    if (s.auto) { parts.push("auto=1"); }
    return parts.join("&");
  }

  function hasOption(select, value) {
    return Array.prototype.some.call(select.options, function (o) { return o.value === value; });
  }

  /* A fragment such as "rule=AM601&manual=1" sets the controls; "#file-3" (an anchor) does not. */
  function fromFragment(hash) {
    var text = (hash || "").replace(/^#/, "");
    if (text.indexOf("=") < 0) { return false; }
    var s = { rule: "", severity: "", file: "", manual: false, auto: false };
    text.split("&").forEach(function (pair) {
      var at = pair.indexOf("=");
      if (at < 0) { return; }
      var key = pair.slice(0, at), value;
      try { value = decodeURIComponent(pair.slice(at + 1).replace(/\+/g, " ")); } catch (e) { return; }
      if (key === "manual" || key === "auto") { s[key] = value === "1"; }
      else if (Object.prototype.hasOwnProperty.call(s, key)) { s[key] = value; }
    });
    ["rule", "severity", "file"].forEach(function (k) {
      controls[k].value = hasOption(controls[k], s[k]) ? s[k] : "";
    });
    controls.manual.checked = s.manual;
    controls.auto.checked = s.auto;
    return true;
  }

  /* Items carry their rule, severity and status; their file is the enclosing section's. */
  items.forEach(function (el) {
    var section = el.closest("section.file");
    el.setAttribute("data-file", section ? section.getAttribute("data-file") : "");
    if (el.tagName !== "ARTICLE") { el.setAttribute("data-status", "auto-migrated"); }
  });

  function matches(el, s) {
    return (!s.rule || el.getAttribute("data-rule") === s.rule) &&
           (!s.severity || el.getAttribute("data-severity") === s.severity) &&
           (!s.file || el.getAttribute("data-file") === s.file) &&
           (!s.manual || el.getAttribute("data-status") === "manual");
  }

  function apply(writeUrl) {
    var s = state(), manual = 0, auto = 0;
    items.forEach(function (el) {
      var ok = matches(el, s);
      el.hidden = !ok;
      if (ok) {
        if (el.tagName === "ARTICLE") { manual += 1; }
        else { auto += parseInt(el.getAttribute("data-count"), 10) || 0; }
      }
    });
    autoBlocks.forEach(function (d) {
      d.hidden = d.querySelector("li.auto-row:not([hidden])") === null;
      d.open = s.auto;
    });
    groups.forEach(function (g) {
      g.hidden = g.querySelector("article.finding:not([hidden]), li.auto-row:not([hidden])") === null;
    });
    if (noMatch) { noMatch.hidden = manual + auto !== 0; }
    var filtered = s.rule || s.severity || s.file || s.manual;
    status.textContent = filtered
      ? "Showing " + manual + " of " + totalManual + " manual items and " + auto + " of " + totalAuto + " auto-migrated sites (filtered)."
      : "Showing all " + totalManual + " manual items and " + totalAuto + " auto-migrated sites.";
    status.setAttribute("data-shown", String(manual));
    status.setAttribute("data-shown-auto", String(auto));
    if (writeUrl) {
      var fragment = toFragment(s);
      var url = window.location.pathname + window.location.search + (fragment ? "#" + fragment : "");
      try { window.history.replaceState(null, "", url); } catch (e) { /* file:// in some browsers */ }
    }
  }

  Object.keys(controls).forEach(function (k) {
    controls[k].addEventListener("change", function () { apply(true); });
  });
  form.addEventListener("submit", function (e) { e.preventDefault(); apply(true); });
  form.addEventListener("reset", function () { window.setTimeout(function () { apply(true); }, 0); });

  /* Links that set a filter (<a href="#rule=AM601" data-filter="rule" data-value="AM601">) go to the findings. */
  function showFindings() {
    var target = document.getElementById("findings");
    if (target && target.scrollIntoView) { target.scrollIntoView(); }
  }
  Array.prototype.forEach.call(document.querySelectorAll("a[data-filter], a[data-filter-link]"), function (a) {
    a.addEventListener("click", function (e) {
      var href = a.getAttribute("href") || "";
      e.preventDefault();
      if (fromFragment(href)) { apply(true); showFindings(); }
    });
  });
  window.addEventListener("hashchange", function () {
    if (fromFragment(window.location.hash)) { apply(false); showFindings(); }
  });

  /* Printing shows the examples and the auto-migrated lists folded into <details>. */
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
  var restored = fromFragment(window.location.hash);
  apply(false);
  if (restored) { showFindings(); }
})();
