"""A mixed Python + TypeScript/JavaScript audit, opened in a real browser (Debian's chromium):
the page's summary (language table included) equals the JSON report's, each script finding
shows its language, and the page makes no request and logs no error."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("ASSISTANTS_MIGRATE_CHROMIUM", "/usr/bin/chromium"))
CASES = Path(__file__).parent / "cases"
PY_OLD = "import openai\nclient = openai.OpenAI()\nvs = client.beta.vector_stores.create(name='docs')\n"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} is not installed (apt-get install chromium; CI installs it)"),
]


def test_mixed_audit_in_chromium(tmp_path: Path) -> None:
    sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright python package is not installed")
    for name in ("runs.ts", "streaming.mjs", "chat.jsx"):
        shutil.copy(CASES / name, tmp_path / name)
    (tmp_path / "app.py").write_text(PY_OLD)
    proc = subprocess.run([sys.executable, "-m", "assistants_migrate", "audit", ".", "-o", "r.html", "-o", "r.json", "-q"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    data = json.loads((tmp_path / "r.json").read_text())
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                     args=["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"])
        try:
            page = browser.new_page()
            problems: list[str] = []
            requests: list[str] = []
            page.on("console", lambda m: m.type in ("error", "warning") and problems.append(m.text))
            page.on("pageerror", lambda e: problems.append(str(e)))
            page.on("request", lambda r: requests.append(r.url))
            page.goto((tmp_path / "r.html").as_uri(), wait_until="load")
            by_language = page.evaluate(
                """() => Object.fromEntries([...document.querySelectorAll('[data-summary="by_language"]')]
                     .map(el => [el.dataset.key, parseInt(el.textContent.trim(), 10)]))"""
            )
            shown = page.evaluate(
                """() => [...document.querySelectorAll('article.finding[data-language]')]
                     .map(el => [el.dataset.language, el.querySelector('.badge.lang').textContent.trim()])"""
            )
            guidance = page.locator('[data-testid="script-guidance"]').count()
        finally:
            browser.close()
    assert by_language == data["summary"]["by_language"]
    assert set(by_language) == {"python", "typescript", "javascript"}
    script = [f for f in data["findings"] if f["language"] in ("typescript", "javascript")]
    labels = {"typescript": "TypeScript", "javascript": "JavaScript", "python": "Python"}
    assert sorted(lang for lang, _ in shown if lang != "python") == sorted(f["language"] for f in script)
    assert all(labels[lang] == label for lang, label in shown)
    assert guidance == sum(1 for r in data["rules"] if "typescript" in r) > 0
    assert problems == [] and all(url.startswith(("file:", "data:", "about:")) for url in requests)
