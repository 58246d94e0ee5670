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
                 .filter(el => el.checkVisibility())
                 .map(el => ({rule: el.dataset.rule, severity: el.dataset.severity, file: el.dataset.file, status: el.dataset.status}))"""
        )

    def visible_auto_rows(self) -> list[dict]:
        return self.page.evaluate(
            """() => [...document.querySelectorAll('li.auto-row')]
                 .filter(el => el.checkVisibility())
                 .map(el => ({rule: el.dataset.rule, file: el.dataset.file, count: parseInt(el.dataset.count, 10)}))"""
        )

    def visible_groups(self) -> list[str]:
        return self.page.evaluate(
            "() => [...document.querySelectorAll('section.file')].filter(s => s.checkVisibility()).map(s => s.dataset.file)"
        )


def _nonzero(summary: dict) -> dict:
    """The DOM also shows zero rows for severities and effort classes ('0 errors'); the JSON leaves them out.
    The effort figures are text in the page (a sentence, a range), compared separately."""
    out = dict(summary)
    for key in ("by_severity", "effort"):
        out[key] = {k: n for k, n in summary.get(key, {}).items() if n}
    return out


def _comparable(expected: dict, dom: dict) -> dict:
    return {k: v for k, v in expected.items() if (v != {} or k in dom) and not k.startswith("effort_")}


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
        assert _nonzero(dom) == _comparable(expected, dom)
        assert dom["findings"] == 8 and dom["by_severity"] == {"error": 2, "warning": 3, "note": 3}
        assert page.get_by_test_id("summary-manual").inner_text() == str(expected["manual"])
        assert page.get_by_test_id("effort-sentence").inner_text() == expected["effort_sentence"]
        assert page.get_by_test_id("summary-hours").inner_text() == "18–56"

        # hostile text shows as text
        poll = page.locator("section.file[data-file='workers/poll.py']")
        assert "</script><script>alert(1)</script>" in poll.inner_text() and "{{ 7*7 }}" in poll.inner_text()

        # manual work first, ranked by effort; auto-migrated sites folded into counts
        assert w.visible_groups()[:2] == ["app/chat.py", "workers/poll.py"]
        assert len(w.visible_findings()) == 4 and all(f["status"] == "manual" for f in w.visible_findings())
        assert page.locator("details.auto[open]").count() == 0
        assert w.visible_auto_rows() == []  # folded
        page.locator("section.file[data-file='app/render.py'] details.auto summary").click()
        assert [r["rule"] for r in w.visible_auto_rows()] == ["AM993"]

        # filters; the form is revealed by the script
        assert page.locator("#filters").is_visible()
        page.get_by_label("Rule", exact=True).select_option("AM991")
        assert {f["rule"] for f in w.visible_findings()} == {"AM991"} and len(w.visible_findings()) == 2
        assert w.visible_groups() == ["app/chat.py", "workers/poll.py"]
        assert "Showing 2 of 4 manual items" in page.get_by_test_id("filter-status").inner_text()
        assert "#rule=AM991" in page.url

        page.get_by_label("Rule", exact=True).select_option("")
        page.get_by_label("File", exact=True).select_option("workers/poll.py")
        page.get_by_label("Expand auto-migrated").check()
        assert w.visible_groups() == ["workers/poll.py"]
        assert [(r["rule"], r["count"]) for r in w.visible_auto_rows()] == [("AM990", 1)]
        page.get_by_label("Only manual work").check()
        assert w.visible_auto_rows() == [] and len(w.visible_findings()) == 2

        page.get_by_role("button", name="Show all").click()
        expect(page.locator("article.finding[hidden]")).to_have_count(0)
        assert "#" not in page.url or page.url.endswith("#")

        # a rule link in the summary table sets the rule filter
        page.locator("#by-rule").get_by_role("link", name="AM992", exact=True).click()
        assert page.get_by_label("Rule", exact=True).input_value() == "AM992"
        assert {f["rule"] for f in w.visible_findings()} == {"AM992"}
        page.get_by_role("button", name="Show all").click()

        # print layout: no filter controls, every manual item still there
        page.emulate_media(media="print")
        assert not page.locator("#filters").is_visible()
        assert len(w.visible_findings()) == 4
        page.emulate_media(media="screen")

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
        assert page.locator("article.finding").count() == 4  # the manual items
        assert page.locator("li.auto-row").count() == 4  # in closed <details>: one toggle away
        assert page.locator("svg.chart").count() == 3
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
        assert _nonzero(dom) == _comparable(data["summary"], dom)
        assert len(w.visible_findings()) == data["summary"]["manual"]
        w.page.get_by_label("Expand auto-migrated").check()
        assert sum(r["count"] for r in w.visible_auto_rows()) == data["summary"]["auto_fixed"]
        if data["summary"]["by_rule"]:
            rule = sorted(data["summary"]["by_rule"])[-1]
            w.page.get_by_label("Rule", exact=True).select_option(rule)
            shown = len(w.visible_findings()) + sum(r["count"] for r in w.visible_auto_rows())
            assert shown == data["summary"]["by_rule"][rule]
        w.page.screenshot(path=str(tmp_path / "examples.png"), full_page=True)
        assert w.console_errors == [] and w.dialogs == []
    finally:
        w.close()


def _git_project(root: Path) -> Path:
    """A small git work tree holding real programs from the codemod cases."""
    import shutil
    import subprocess

    cases = Path(__file__).resolve().parents[1] / "codemods"
    for rel in ("runs/basic_qa.py", "tool_calls/poll_loop_sync.py", "assistants/retrieve_or_create.py", "threads/lifecycle.py"):
        source = cases / rel
        if source.exists():
            target = root / "app" / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
    (root / "app" / "notes.py").write_text("def later():\n    # TODO(assistants-migrate): AM502 pick the config by name\n    return None\n")
    for args in (["init", "-q", "-b", "main"], ["add", "-A"],
                 ["-c", "user.email=t@example.org", "-c", "user.name=t", "commit", "-qm", "programs"]):
        subprocess.run(["git", *args], cwd=root, check=True, capture_output=True)
    return root


def test_report_workflow_in_chromium(browser, tmp_path):
    """audit of a git project -> charts render, filters survive a reload through the URL
    fragment, a source link opens the file (served on 127.0.0.1), and the page prints to PDF."""
    import functools
    import http.server
    import subprocess
    import sys
    import threading

    project = _git_project(tmp_path / "project")
    class Plain(http.server.SimpleHTTPRequestHandler):
        extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, ".py": "text/plain; charset=utf-8"}

        def log_message(self, *args):  # quiet test output
            pass

    handler = functools.partial(Plain, directory=str(project))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        template = f"http://127.0.0.1:{server.server_port}/{{path}}?commit={{commit}}#L{{line}}"
        out = tmp_path / "out"
        proc = subprocess.run(
            [sys.executable, "-m", "assistants_migrate", "audit", "app", "-o", str(out / "r.html"), "-o", str(out / "r.json"),
             "--source-url", template, "-q"],
            cwd=project, capture_output=True, text=True, timeout=300,
        )
        assert proc.returncode == 0, proc.stderr
        data = json.loads((out / "r.json").read_text())
        assert data["summary"]["manual"] >= 3 and data["project"]["branch"] == "main"
        w = Watched(browser, (out / "r.html").as_uri())
        page = w.page
        try:
            # header: project facts from git
            facts = page.get_by_test_id("header-facts").inner_text()
            assert data["project"]["commit"][:12] in facts and "main" in facts

            # charts: three inline SVGs with titles, drawn with real size and visible bars
            charts = page.locator("svg.chart")
            assert charts.count() == 3
            for i in range(3):
                chart = charts.nth(i)
                assert chart.locator("title").first.text_content().strip()
                box = chart.bounding_box()
                assert box and box["width"] > 200 and box["height"] > 30
            bars = page.locator("#chart-rules rect.chart-bar")
            assert bars.count() == len([r for r in data["summary"]["by_rule"] if any(
                not f["fixed"] and f["rule_id"] == r for f in data["findings"])][:10])
            assert all(float(bars.nth(i).get_attribute("width")) > 0 for i in range(bars.count()))
            fill = page.evaluate("() => getComputedStyle(document.querySelector('#chart-rules rect.chart-bar')).fill")
            assert fill not in ("", "none", "rgb(0, 0, 0)")

            # filters, then a reload with the URL fragment restores them
            manual_file = next(f["path"] for f in data["findings"] if not f["fixed"])
            page.get_by_label("File", exact=True).select_option(manual_file)
            page.get_by_label("Only manual work").check()
            shown = w.visible_findings()
            assert shown and all(f["file"] == manual_file for f in shown)
            url = page.url
            assert "file=" in url and "manual=1" in url
            page.reload(wait_until="load")
            assert page.get_by_label("File", exact=True).input_value() == manual_file
            assert page.get_by_label("Only manual work").is_checked()
            assert w.visible_findings() == shown
            fresh = browser.new_context()
            try:  # a second browser tab opened on the shared URL sees the same view
                other = fresh.new_page()
                other.goto(url, wait_until="load")
                assert other.locator("#filter-file").input_value() == manual_file
            finally:
                fresh.close()

            assert w.console_errors == []  # (the served source page may ask for a favicon: checked before it)

            # follow a source link: the file, served over HTTP, at its line
            link = page.locator("section.file:not([hidden]) a[data-testid=source-link]").first
            href = link.get_attribute("href")
            assert href.startswith(f"http://127.0.0.1:{server.server_port}/app/") and "#L" in href
            with page.expect_navigation():
                link.click()
            assert page.url == href
            source = page.locator("body").inner_text()
            assert source == (project / manual_file).read_text()[: len(source)] and source
            page.go_back(wait_until="load")

            # print: a PDF with the charts and the manual items
            page.emulate_media(media="print")
            pdf = page.pdf(path=str(tmp_path / "report.pdf"), format="A4", print_background=True)
            assert pdf.startswith(b"%PDF") and len(pdf) > 20_000
            assert w.dialogs == []
            assert all(u.startswith(("file:", f"http://127.0.0.1:{server.server_port}/")) for u in w.requests)
        finally:
            w.close()
    finally:
        server.shutdown()
        server.server_close()
