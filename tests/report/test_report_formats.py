"""Content, escaping and determinism of the html, md and json reports."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import jsonschema
import pytest
from report_samples import TEMPLATE, XSS, finding, make_code_report

from assistants_migrate.findings import Severity
from assistants_migrate.report import FORMATS, format_for_path, render, write_reports
from assistants_migrate.report.model import Report
from assistants_migrate.report.schema import REPORT_JSON_SCHEMA, schema_text
from assistants_migrate.report.templates import md_code, md_escape, md_fence, safe_url
from assistants_migrate.report.view import highlight_line

SCHEMA_FILE = Path(__file__).resolve().parents[2] / "src" / "assistants_migrate" / "report" / "report.schema.json"


# ------------------------------------------------------------------ determinism


@pytest.mark.parametrize("fmt", FORMATS)
def test_rendering_twice_gives_identical_bytes(fmt):
    first = render(make_code_report(), fmt)
    # a second Report from the same findings in another order: sorting makes it the same
    shuffled = make_code_report()
    shuffled = Report(**{**shuffled.__dict__, "findings": list(reversed(shuffled.findings))})
    assert render(shuffled, fmt).encode() == first.encode()
    assert render(make_code_report(), fmt) == first
    assert first.endswith("\n")


@pytest.mark.parametrize("fmt", FORMATS)
def test_no_timestamp_unless_given(fmt):
    stamp = "2026-09-01T12:34:56Z"
    assert stamp not in render(make_code_report(), fmt)
    assert stamp in render(make_code_report(timestamp=stamp), fmt)


def test_render_rejects_unknown_format(code_report):
    with pytest.raises(ValueError, match="unknown report format"):
        render(code_report, "pdf")


def test_format_for_path_and_write_reports(tmp_path, code_report):
    assert format_for_path(Path("a/report.HTML")) == "html"
    assert format_for_path(Path("r.sarif.json")) == "sarif"
    assert format_for_path(Path("r.md")) == "md"
    assert format_for_path(Path("r.txt")) is None
    outputs = [(tmp_path / f"out/report.{ext}", fmt) for ext, fmt in (("html", "html"), ("md", "md"), ("json", "json"), ("sarif", "sarif"))]
    write_reports(code_report, outputs)
    for path, fmt in outputs:
        assert path.read_text(encoding="utf-8") == render(code_report, fmt)


# ------------------------------------------------------------------ JSON


def test_json_validates_against_documented_schema(code_report, data_report):
    jsonschema.Draft202012Validator.check_schema(REPORT_JSON_SCHEMA)
    validator = jsonschema.Draft202012Validator(REPORT_JSON_SCHEMA, format_checker=jsonschema.FormatChecker())
    for report in (code_report, data_report, make_code_report(timestamp="2026-09-01T00:00:00Z"), Report("code", "empty", [])):
        data = json.loads(render(report, "json"))
        errors = sorted(validator.iter_errors(data), key=lambda e: list(e.path))
        assert not errors, [f"{list(e.path)}: {e.message}" for e in errors]


def test_json_schema_file_is_the_documented_schema():
    assert SCHEMA_FILE.read_text(encoding="utf-8") == schema_text()


def test_json_schema_rejects_a_broken_report(code_report):
    data = json.loads(render(code_report, "json"))
    data["findings"][0]["severity"] = "fatal"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, REPORT_JSON_SCHEMA, cls=jsonschema.Draft202012Validator)


def test_json_content(code_report):
    data = json.loads(render(code_report, "json"))
    s = data["summary"]
    assert s["findings"] == 8 and s["manual"] == 4 and s["auto_fixed"] == 4
    assert s["by_severity"] == {"error": 2, "warning": 3, "note": 3}
    assert s["by_file"] == {"app/chat.py": 3, "app/render.py": 1, "notebooks/explore.ipynb": 1, "workers/poll.py": 3}
    assert s["effort"] == {"M": 2, "L": 2}
    assert [r["id"] for r in data["rules"]] == ["AM990", "AM991", "AM992", "AM993"]
    assert [(f["path"], f["line"]) for f in data["findings"]] == sorted((f["path"], f["line"]) for f in data["findings"])
    assert data["findings"][-1]["snippet"].startswith(f"        log('{XSS}')")


# ------------------------------------------------------------------ HTML


class _Collector(HTMLParser):
    """Collects text, tags, attributes and script bodies of a page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        (self.scripts if self._in_script else self.text).append(data)


def _parse(page: str) -> _Collector:
    c = _Collector()
    c.feed(page)
    c.close()
    return c


def test_html_is_self_contained(code_report):
    page = render(code_report, "html")
    assert page.startswith("<!DOCTYPE html>")
    doc = _parse(page)
    tags = [t for t, _ in doc.tags]
    assert tags.count("script") == 1 and tags.count("style") == 1
    for tag, attrs in doc.tags:
        assert tag not in ("link", "img", "iframe", "object", "embed")
        assert "src" not in attrs, (tag, attrs)
        assert not (attrs.get("style")), "inline style attributes would be blocked by the CSP"
    assert "@import" not in page and "url(" not in page
    assert re.search(r"Content-Security-Policy\" content=\"default-src 'none'", page)
    # landmarks, labels
    for landmark in ("header", "nav", "main", "footer"):
        assert landmark in tags
    ids = {a.get("id") for _, a in doc.tags}
    labelled = {a.get("for") for t, a in doc.tags if t == "label"}
    assert {"filter-rule", "filter-severity", "filter-file", "filter-manual"} <= labelled <= ids
    assert len([i for _, a in doc.tags if (i := a.get("id"))]) == len({i for _, a in doc.tags if (i := a.get("id"))}), "ids are unique"


def test_html_summary_comes_first_and_matches_summary(code_report):
    page = render(code_report, "html")
    assert page.index('id="summary"') < page.index('id="findings"') < page.index('id="rules"')
    s = code_report.summary()
    for key in ("findings", "manual", "auto_fixed", "files_scanned", "files_parsed", "files_changed", "files_failed", "files_with_findings"):
        m = re.search(rf'data-summary="{key}">(\d+)<', page)
        assert m and int(m.group(1)) == s[key], key
    for rule_id, n in s["by_rule"].items():
        assert re.search(rf'data-summary="by_rule" data-key="{rule_id}">{n}<', page)
    for path, n in s["by_file"].items():
        assert f'data-summary="by_file" data-key="{path}">{n}<' in page
    assert 'data-summary="effort" data-key="L">2<' in page
    assert 'data-summary="effort" data-key="S">0<' in page


def test_html_per_file_details(code_report):
    page = render(code_report, "html")
    doc = _parse(page)
    articles = [a for t, a in doc.tags if t == "article" and "finding" in (a.get("class") or "")]
    assert len(articles) == 4 and all(a["data-status"] == "manual" for a in articles)  # manual items in full
    assert {a["data-severity"] for a in articles} == {"error", "warning"}
    rows = [a for t, a in doc.tags if t == "li" and "auto-row" in (a.get("class") or "")]
    assert sorted((a["data-rule"], a["data-count"]) for a in rows) == [("AM990", "1")] * 3 + [("AM993", "1")]
    sections = [a["data-file"] for t, a in doc.tags if t == "section" and a.get("class") == "file"]
    assert sections[:2] == ["app/chat.py", "workers/poll.py"]  # manual work first, most effort first
    text = "".join(doc.text)
    # line, rule id + title, message, what to do, docs link, effort
    assert "Line 30:5" in text and "AM991" in text and "Run polled in a requires_action loop" in text
    assert "assistant_id comes from the environment (ASSISTANT_ID)" in text
    assert "Feed function_call_output items back in." in text
    assert '<a href="https://developers.openai.com/api/docs/assistants/migration#from-runs-to-responses">' in page
    assert "Effort L" in text
    # snippet with line numbers, the finding's lines marked, Python highlighted
    assert '<span class="l m"><span class="ln">30</span>' in page
    assert '<span class="l m"><span class="ln">34</span>' in page
    assert '<span class="l"><span class="ln">100</span>' in page
    assert '<span class="kw">while</span>' in page
    assert '<span class="s">\'requires_action\'</span>' in page
    # backticks in rule titles are code, in the option list they are dropped
    assert "Message text read through <code>content[0].text.value</code> | pipes" in page
    assert ">AM993: Message text read through content[0].text.value | pipes (1)</option>" in page
    # the before/after example of a rule
    assert "thread = client.conversations.create()" in text


def test_html_escapes_hostile_text(code_report):
    page = render(code_report, "html")
    assert XSS not in page
    assert "alert(1)" in page  # it is shown, as text
    assert "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "{{ 7*7 }}" in page and ">49<" not in page
    doc = _parse(page)
    assert len(doc.scripts) == 1 and "alert" not in doc.scripts[0]
    assert f"Polling loop near {XSS} and {TEMPLATE}" in "".join(doc.text)


def test_html_escapes_hostile_paths_and_rule_metadata():
    evil_path = 'src/"><img src=x onerror=alert(1)>.py'
    f = finding("AM993", evil_path, 1, 1, snippet="x = 1\n", message="<b>bold</b>")
    f = f.__class__(**{**f.__dict__, "docs_url": "javascript:alert(1)"})
    page = render(Report("code", "T <script>", [f]), "html")
    assert "<img" not in page and "<b>bold" not in page and page.count("<script") == 1
    assert 'href="javascript:' not in page
    assert "<title>T &lt;script&gt;</title>" in page


def test_html_data_report_has_no_snippets_or_lines(data_report):
    page = render(data_report, "html")
    doc = _parse(page)
    text = "".join(doc.text)
    assert "Objects with findings" in text and "Findings by object" in text
    assert 'class="snippet"' not in page and "Line " not in text
    assert 'data-summary="counts" data-key="messages">1200<' in page
    assert "Files scanned" not in text
    assert XSS not in page


def test_html_empty_report():
    page = render(Report("code", "Nothing", [], files_scanned=3), "html")
    assert "No findings" in page and 'id="filters"' not in page
    assert 'data-summary="files_scanned">3<' in page


def test_unknown_rule_still_renders():
    from assistants_migrate.findings import Finding

    f = Finding("AM979", Severity.WARNING, "x.py", 2, 1, 2, 5, "Something new", False, what_to_do="Do `x`.")
    for fmt in FORMATS:
        out = render(Report("code", "T", [f]), fmt)
        assert "AM979" in out


# ------------------------------------------------------------------ Markdown


def test_markdown_content(code_report):
    md = render(code_report, "md")
    lines = md.splitlines()
    assert lines[0] == "# Assistants API audit"
    assert md.index("## Summary") < md.index("## Manual work by file") < md.index("## Rules in this report")
    assert "**About 18–56 engineer-hours of manual work (4 items in 2 files).**" in md
    assert "8 findings in 4 files: **4 need manual work**, 4 auto-migrated." in md
    assert "Files scanned: 57, parsed: 9, changed: 3, failed: 1." in md
    assert "| Error | 2 |" in md and "| Warning | 3 |" in md and "| Note | 3 |" in md
    assert "| L: a day or more, data or architecture work | 2 | 8–24 |" in md
    assert "| `app/chat.py` | 2 | 9–28 | 1 | 3 |" in md
    assert md.index("### `app/chat.py`") < md.index("### `workers/poll.py`") < md.index("### `app/render.py`")
    assert "### `workers/poll.py`" in md
    assert "#### Line 30:5: AM991 Run polled in a requires\\_action loop" in md
    assert "> 30 |     run = client.beta.threads.runs.create(" in md
    assert "  100 |         log(" in md
    assert "**What to do:** Rewrite the loop around `responses.create`." in md
    assert "[Migration guide for AM991](https://developers.openai.com/api/docs/assistants/migration#from-runs-to-responses)" in md
    # every table row has the same number of cells as its header (pipes are escaped)
    for block in re.findall(r"((?:^\|.*\|\n)+)", md, flags=re.MULTILINE):
        rows = block.strip("\n").split("\n")
        widths = {len(re.findall(r"(?<!\\)\|", row)) for row in rows}
        assert len(widths) == 1, rows
    assert "| Message text read through `content[0].text.value` \\| pipes |" in md
    assert "auto-migrated: `AM993` ×1" in md  # auto-migrated sites are counted, not listed
    assert "| skipped by prefilter | 4 |" in render(make_code_report(counts={"skipped_by_prefilter": 4}), "md")


def test_markdown_escapes_hostile_text(code_report, data_report):
    for md in (render(code_report, "md"), render(data_report, "md")):
        outside_code = re.sub(r"^```.*?^```", "", md, flags=re.MULTILINE | re.DOTALL)
        assert "<script>" not in outside_code and "</script>" not in outside_code
        assert "49" not in md.replace("1200", "")
    md = render(code_report, "md")
    assert "Polling loop near &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; and {{ 7\\*7 }}" in md
    # inside the fenced snippet the source is verbatim
    assert f"  100 |         log('{XSS}')  # {TEMPLATE}" in md


def test_markdown_data_report(data_report):
    md = render(data_report, "md")
    assert "## Findings by object" in md and "### `thread_abc123`" in md
    assert "#### AM998 Thread is gone on the server" in md
    assert "```" not in md and "Line " not in md and "Files scanned" not in md
    assert "| messages | 1200 |" in md
    assert "TODO marker" not in md


def test_markdown_helpers():
    assert md_escape("a|b *c* <x> & [y](z)") == "a\\|b \\*c\\* &lt;x&gt; &amp; \\[y\\](z)"
    assert md_escape("# title") == "\\# title" and md_escape("0.1.0") == "0.1.0"
    assert str(md_code("a`b")) == "``a`b``" and str(md_code("`x`")) == "`` `x` ``"
    assert str(md_code("a|b", cell=True)) == "`a\\|b`"
    assert str(md_fence("x\n```\ny")).startswith("````\n")
    assert safe_url("javascript:alert(1)") == "" and safe_url("https://x.y/#a") == "https://x.y/#a"


def test_highlighter_keeps_text():
    for line in ["    while run.status == 'requires_action':  # poll", "x = f'{a}' + \"b\\\"\" + 1_000.5j", "s = 'unterminated", ""]:
        pieces = highlight_line(line)
        assert "".join(t for _, t in pieces) == line
    assert ("kw", "while") in highlight_line("while True:")
    assert ("c", "# poll") in highlight_line("x  # poll")
