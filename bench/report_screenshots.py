"""Screenshots of the audit report's summary for the README (and figures on a larger tree).

Copies a tree of programs into a scratch git work tree, runs `assistants-migrate audit`
on it (HTML, Markdown, JSON), opens the page in Debian's chromium (Playwright, no browser
download), and writes PNGs of the summary in light and dark mode. Prints the sizes of the
reports and the effort sentence.

Usage:
    python bench/report_screenshots.py OUT_DIR [--tree DIR] [--copies N] [--chromium PATH]

Without --tree, the tree is the repository's own collection (the codemod cases and the e2e
scenarios). --copies N puts N copies of it side by side, to measure a bigger project.
The README's pictures come from: python bench/report_screenshots.py docs
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def collection(dest: Path) -> None:
    sys.path.insert(0, str(REPO / "tests" / "report"))
    from report_samples import copy_collection  # the same programs the report tests audit

    copy_collection(dest)


def git(cwd: Path, *args: str) -> None:
    fixed = {"GIT_AUTHOR_DATE": "2026-01-01T00:00:00Z", "GIT_COMMITTER_DATE": "2026-01-01T00:00:00Z"}  # same commit id each run
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, env={**os.environ, **fixed})


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path, help="where the PNGs go")
    parser.add_argument("--tree", type=Path, help="programs to audit (default: the repository's own collection)")
    parser.add_argument("--copies", type=int, default=1, help="side-by-side copies of the tree (default 1)")
    parser.add_argument("--chromium", default=os.environ.get("ASSISTANTS_MIGRATE_CHROMIUM", "/usr/bin/chromium"))
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as scratch:
        project = Path(scratch) / "example-bots"
        for i in range(args.copies):
            dest = project / "src" / (f"part{i + 1}" if args.copies > 1 else "")
            if args.tree:
                shutil.copytree(args.tree, dest, dirs_exist_ok=True, ignore=shutil.ignore_patterns(".git"))
            else:
                collection(dest)
        git(project, "init", "-q", "-b", "main")
        git(project, "add", "-A")
        git(project, "-c", "user.email=bench@example.org", "-c", "user.name=bench", "commit", "-qm", "programs")
        git(project, "remote", "add", "origin", "https://github.com/example/example-bots.git")
        reports = Path(scratch) / "reports"
        proc = subprocess.run(
            [sys.executable, "-m", "assistants_migrate", "audit", "src", "-q",
             *(f"-o{reports / name}" for name in ("report.html", "report.md", "report.json"))],
            cwd=project, capture_output=True, text=True,
        )
        if proc.returncode != 0:
            print(proc.stderr, file=sys.stderr)
            return 1
        summary = json.loads((reports / "report.json").read_text())["summary"]
        print(f"files with findings: {summary['files_with_findings']}, manual: {summary['manual']}, "
              f"auto-migrated: {summary['auto_fixed']}")
        print(f"effort: {summary['effort_sentence']}")
        for name in ("report.html", "report.md", "report.json"):
            text = (reports / name).read_text(encoding="utf-8")
            print(f"{name}: {len(text.encode('utf-8')):,} bytes, {len(text):,} characters")

        args.out.mkdir(parents=True, exist_ok=True)
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=args.chromium, args=["--no-sandbox", "--disable-gpu"])
            try:
                for scheme in ("light", "dark"):
                    page = browser.new_page(viewport={"width": 1200, "height": 900}, color_scheme=scheme,
                                            device_scale_factor=1)
                    page.goto((reports / "report.html").as_uri(), wait_until="load")
                    target = args.out / f"report-summary-{scheme}.png"
                    page.locator("header.page-header").scroll_into_view_if_needed()
                    box_top = page.locator("header.page-header").bounding_box()
                    box_end = page.locator(".charts").bounding_box()
                    assert box_top and box_end
                    page.screenshot(path=str(target), full_page=True, clip={"x": 0, "y": 0, "width": 1200,
                                                            "height": box_end["y"] + box_end["height"] + 16})
                    print(f"wrote {target}")
                    page.close()
            finally:
                browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
