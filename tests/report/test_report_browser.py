"""The HTML report in a real browser (Debian's chromium, driven by Playwright, no download).

Opens the report over file://, checks there are no console errors, no dialogs and no
network requests, that the summary numbers in the DOM equal those of the JSON report
of the same Report, and that the rule, severity and file filters change what is shown.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from report_samples import make_code_report, make_data_report

from assistants_migrate.report import render, write_reports

CHROMIUM = Path(os.environ.get("ASSISTANTS_MIGRATE_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} is not installed (apt-get install chromium; CI installs it)"),
]


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright python package is not installed")
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        try:
            yield b
        finally:
            b.close()


class Watched:
    """A page plus everything it complained about."""

    def __init__(self, browser, url: str):
        self.context = browser.new_context(viewport={"width": 1280, "height": 900}, java_script_enabled=True)
        self.page = self.context.new_page()
        self.page.set_default_timeout(10_000)
        self.console_errors: list[str] = []
        self.dialogs: list[str] = []
        self.requests: list[str] = []
        self.page.on("console", lambda m: m.type in ("error", "warning") and self.console_errors.append(f"{m.type}: {m.text}"))
        self.page.on("pageerror", lambda e: self.console_errors.append(f"pageerror: {e}"))
        self.page.on("dialog", self._dialog)
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.goto(url, wait_until="load")

    def _dialog(self, dialog):
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def close(self):
        self.context.close()

    # -- reading the page

    def summary(self) -> dict:
        return self.page.evaluate(
            """() => {
                const out = {};
                for (const el of document.querySelectorAll('[data-summary]')) {
                    const name = el.dataset.summary, n = parseInt(el.textContent.trim(), 10);
                    if (el.dataset.key === undefined) { out[name] = n; }
                    else { (out[name] = out[name] || {})[el.dataset.key] = n; }
                }
                return out;
            }"""
        )

    def visible_findings(self) -> list[dict]:
        return self.page.evaluate(
            """() => [...document.querySelectorAll('article.finding')]
                 .filter(el => el.offsetParent !== null)
                 .map(el => ({rule: el.dataset.rule, severity: el.dataset.severity, file: el.dataset.file, status: el.dataset.status}))"""
        )

    def visible_groups(self) -> list[str]:
        return self.page.evaluate(
            "() => [...document.querySelectorAll('section.file')].filter(s => s.offsetParent !== null).map(s => s.dataset.file)"
        )


def _nonzero(summary: dict) -> dict:
    """The DOM also shows zero rows for severities and effort classes ('0 errors'); the JSON leaves them out."""
    out = dict(summary)
    for key in ("by_severity", "effort"):
        out[key] = {k: n for k, n in summary.get(key, {}).items() if n}
    return out


def _open(browser, tmp_path, report, name="report") -> tuple[Watched, dict]:
    html_path, json_path = tmp_path / f"{name}.html", tmp_path / f"{name}.json"
    write_reports(report, [(html_path, "html"), (json_path, "json")])
    return Watched(browser, html_path.as_uri()), json.loads(json_path.read_text(encoding="utf-8"))


def test_html_report_in_chromium(browser, tmp_path):
    from playwright.sync_api import expect

    report = make_code_report()
    w, data = _open(browser, tmp_path, report)
    try:
        page = w.page
        # summary numbers in the DOM == the JSON report of the same Report
        dom = w.summary()
        expected = data["summary"]
        assert _nonzero(dom) == {k: v for k, v in expected.items() if v != {} or k in dom}
        assert dom["findings"] == 8 and dom["by_severity"] == {"error": 2, "warning": 3, "note": 3}
        assert page.get_by_test_id("summary-findings").inner_text() == str(expected["findings"])
        assert page.get_by_test_id("summary-manual").inner_text() == str(expected["manual"])
        assert page.get_by_test_id("summary-files-scanned").inner_text() == str(expected["files_scanned"])

        # hostile text shows as text
        assert "</script><script>alert(1)</script>" in page.locator("#file-4").inner_text()
        assert "{{ 7*7 }}" in page.locator("#file-4").inner_text()

        # the filters work (the form is revealed by the script)
        assert page.locator("#filters").is_visible()
        assert len(w.visible_findings()) == 8
        page.get_by_label("Rule", exact=True).select_option("AM991")
        shown = w.visible_findings()
        assert len(shown) == 2 and {f["rule"] for f in shown} == {"AM991"}
        assert w.visible_groups() == ["app/chat.py", "workers/poll.py"]
        assert "Showing 2 of 8 findings" in page.get_by_test_id("filter-status").inner_text()

        page.get_by_label("Rule", exact=True).select_option("")
        page.get_by_label("Severity", exact=True).select_option("note")
        shown = w.visible_findings()
        assert len(shown) == 3 and {f["severity"] for f in shown} == {"note"}

        page.get_by_label("File", exact=True).select_option("workers/poll.py")
        shown = w.visible_findings()
        assert shown == [{"rule": "AM990", "severity": "note", "file": "workers/poll.py", "status": "auto-migrated"}]
        assert w.visible_groups() == ["workers/poll.py"]

        page.get_by_label("Severity", exact=True).select_option("")
        page.get_by_label("Only manual work").check()
        shown = w.visible_findings()
        assert len(shown) == 2 and all(f["status"] == "manual" and f["file"] == "workers/poll.py" for f in shown)

        page.get_by_label("Severity", exact=True).select_option("note")  # nothing left
        assert w.visible_findings() == [] and page.locator("#no-match").is_visible()

        page.get_by_role("button", name="Show all").click()
        expect(page.locator("article.finding[hidden]")).to_have_count(0)
        assert len(w.visible_findings()) == 8 and not page.locator("#no-match").is_visible()

        # a summary link sets the rule filter
        page.get_by_role("link", name="AM992", exact=True).first.click()
        page.get_by_label("Rule", exact=True).select_option("AM992")
        assert {f["rule"] for f in w.visible_findings()} == {"AM992"}
        page.get_by_role("button", name="Show all").click()
        expect(page.locator("article.finding[hidden]")).to_have_count(0)

        # print layout: no filter controls, everything still there
        page.emulate_media(media="print")
        assert not page.locator("#filters").is_visible()
        assert len(w.visible_findings()) == 8
        page.emulate_media(media="screen")

        page.screenshot(path=str(tmp_path / "report.png"), full_page=True)
        assert (tmp_path / "report.png").stat().st_size > 10_000

        assert w.console_errors == []
        assert w.dialogs == [], "a script from the findings ran"
        assert [u for u in w.requests if not u.startswith("file:")] == []
    finally:
        w.close()


def test_data_report_in_chromium(browser, tmp_path):
    w, data = _open(browser, tmp_path, make_data_report(), name="data")
    try:
        dom = w.summary()
        assert dom["counts"] == data["summary"]["counts"]
        assert dom["by_file"] == data["summary"]["by_file"]
        assert "files_scanned" not in dom
        assert w.page.locator(".snippet").count() == 0
        w.page.get_by_label("Object", exact=True).select_option("thread_zzz999")
        assert [f["file"] for f in w.visible_findings()] == ["thread_zzz999"]
        w.page.screenshot(path=str(tmp_path / "data.png"), full_page=True)
        assert w.console_errors == [] and w.dialogs == []
    finally:
        w.close()


def test_without_javascript_everything_is_shown(browser, tmp_path):
    path = tmp_path / "nojs.html"
    path.write_text(render(make_code_report(), "html"), encoding="utf-8")
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(path.as_uri())
        assert page.locator("article.finding").count() == 8
        assert not page.locator("#filters").is_visible()  # no dead controls
    finally:
        context.close()


EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.mark.skipif(not any(EXAMPLES.glob("*.py")), reason="no examples/*.py to audit")
def test_audit_of_the_examples_in_chromium(browser, tmp_path):
    """The real pipeline: `audit examples -o x.html -o x.json`, then the same DOM checks."""
    import subprocess
    import sys

    html_path, json_path = tmp_path / "examples.html", tmp_path / "examples.json"
    proc = subprocess.run(
        [sys.executable, "-m", "assistants_migrate", "audit", ".", "-o", str(html_path), "-o", str(json_path), "--fail-on", "never"],
        cwd=EXAMPLES, capture_output=True, text=True, timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    data = json.loads(json_path.read_text(encoding="utf-8"))
    w = Watched(browser, html_path.as_uri())
    try:
        dom = w.summary()
        assert _nonzero(dom) == {k: v for k, v in data["summary"].items() if v != {} or k in dom}
        assert len(w.visible_findings()) == data["summary"]["findings"]
        if data["summary"]["by_rule"]:
            rule = sorted(data["summary"]["by_rule"])[-1]
            w.page.get_by_label("Rule", exact=True).select_option(rule)
            assert len(w.visible_findings()) == data["summary"]["by_rule"][rule]
        w.page.screenshot(path=str(tmp_path / "examples.png"), full_page=True)
        assert w.console_errors == [] and w.dialogs == []
    finally:
        w.close()
