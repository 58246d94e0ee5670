"""Issue #13's acceptance on the repository's own collection of programs (codemod cases and e2e
scenarios, copied into a git work tree with a GitHub origin): the audit's reports are the size a
pull request and a browser can take, point at the right places, and say how big the work is."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from report_samples import copy_collection

from assistants_migrate.report import PR_COMMENT_LIMIT
from assistants_migrate.report.effort import DEFAULT_EFFORT_HOURS, parse_effort_hours
from assistants_migrate.report.project import ProjectInfo, remote_blob_url


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "assistants_migrate", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=600)


def git(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout.strip()


def make_repo(root: Path) -> Path:
    copy_collection(root / "src")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "-c", "user.email=t@example.org", "-c", "user.name=t", "commit", "-qm", "collection")
    git(root, "remote", "add", "origin", "git@github.com:acme/bots.git")
    return root


@pytest.fixture(scope="module")
def audited(tmp_path_factory) -> dict:
    repo = make_repo(tmp_path_factory.mktemp("collection") / "bots")
    out = repo.parent / "out"
    proc = run_cli("audit", "src", *(f"-o{out / name}" for name in ("r.html", "r.md", "r.json", "r.sarif")), "-q", cwd=repo)
    assert proc.returncode == 0, proc.stderr
    return {
        "repo": repo,
        "stderr": proc.stderr,
        **{ext: (out / f"r.{ext}").read_text(encoding="utf-8") for ext in ("html", "md", "json", "sarif")},
    }


def test_html_page_of_the_collection_is_under_one_megabyte(audited):
    data = json.loads(audited["json"])
    assert data["summary"]["files_with_findings"] >= 50 and data["summary"]["auto_fixed"] >= 300
    assert len(audited["html"].encode("utf-8")) < 1_000_000


def test_charts_are_inline_svg_with_titles(audited):
    page = audited["html"]
    svgs = re.findall(r"<svg [^>]*>.*?</svg>", page, flags=re.DOTALL)
    assert len(svgs) == 3
    for svg in svgs:
        assert 'role="img"' in svg and "aria-labelledby=" in svg
        title = re.search(r"<title id=\"[^\"]+\">([^<]+)</title>", svg)
        desc = re.search(r"<desc id=\"[^\"]+\">([^<]+)</desc>", svg)
        assert title and title.group(1).strip() and desc and desc.group(1).strip()
    assert "<script src" not in page and "http://www.w3.org/2000/svg\" src" not in page
    data = json.loads(audited["json"])
    top_rule = max((r for r in data["summary"]["by_rule"]), key=lambda r: sum(
        1 for f in data["findings"] if f["rule_id"] == r and not f["fixed"]))
    assert top_rule in re.search(r'<svg [^>]*id="chart-rules".*?</svg>', page, flags=re.DOTALL).group()


def test_markdown_summary_fits_one_pull_request_comment(audited):
    md = audited["md"]
    assert len(md) <= PR_COMMENT_LIMIT
    assert "Summary only: the full report would be" in md and "--md-mode full" in audited["stderr"]
    data = json.loads(audited["json"])
    assert f"**{data['summary']['effort_sentence']}**" in md
    assert "| Rule | Title | Manual | Hours | Auto-migrated |" in md and "<details><summary>" in md
    full = run_cli("audit", "src", "--format", "md", "--md-mode", "full", "-q", cwd=audited["repo"])
    assert len(full.stdout) > PR_COMMENT_LIMIT and "Summary only" not in full.stdout


def test_effort_is_a_range_per_file_directory_and_project(audited):
    data = json.loads(audited["json"])
    manual = [f for f in data["findings"] if not f["fixed"]]
    hours = data["summary"]["effort_hours"]
    assert 0 < hours["low"] < hours["high"]
    by_class = data["summary"]["effort"]
    assert hours["low"] == pytest.approx(sum(DEFAULT_EFFORT_HOURS[c][0] * n for c, n in by_class.items()), abs=0.5 * len(manual))
    sentence = data["summary"]["effort_sentence"]
    assert re.fullmatch(r"About [\d.]+–[\d.]+ engineer-hours of manual work \(\d+ items in \d+ files\), \d+% of it in \d+ files\.", sentence)
    assert f"{len(manual)} items in {len({f['path'] for f in manual})} files" in sentence
    # other hours per class: the totals follow
    proc = run_cli("audit", "src", "--format", "json", "-q", "--effort-hours", "S=1-1,M=1-1,L=1-1", cwd=audited["repo"])
    again = json.loads(proc.stdout)["summary"]
    assert again["effort_hours"] == {"low": len(manual), "high": len(manual)}
    assert run_cli("audit", "src", "-q", "--effort-hours", "X=1", cwd=audited["repo"]).returncode == 2


def test_header_names_the_project_and_commit_without_a_date(audited):
    data = json.loads(audited["json"])
    commit = git(audited["repo"], "rev-parse", "HEAD")
    assert data["project"] == {"name": "bots", "root": "src", "commit": commit, "branch": "main", "dirty": False,
                               "source_url": "https://github.com/acme/bots/blob/{commit}/{path}#L{line}"}
    assert commit[:12] in audited["html"] and "timestamp" not in data
    first = next(f for f in data["findings"] if not f["fixed"] and f["line"])
    link = f"https://github.com/acme/bots/blob/{commit}/{first['path']}#L{first['line']}"
    assert f'href="{link}"' in audited["html"]
    stamped = run_cli("audit", "src", "--format", "json", "-q", "--timestamp", cwd=audited["repo"])
    assert json.loads(stamped.stdout)["timestamp"]


def test_sarif_uris_are_relative_to_the_repository_root(audited):
    repo = audited["repo"]
    sub = repo / "src" / "codemods"
    runs = {
        "top": json.loads(audited["sarif"]),
        "subdirectory": json.loads(run_cli("audit", ".", "--format", "sarif", "-q", cwd=sub).stdout),
        "absolute": json.loads(run_cli("audit", str(sub), "--format", "sarif", "-q", cwd=repo.parent).stdout),
    }
    uris = {}
    for name, sarif in runs.items():
        (run,) = sarif["runs"]
        locations = [r["locations"][0]["physicalLocation"]["artifactLocation"] for r in run["results"]]
        assert locations and all(loc["uriBaseId"] == "%SRCROOT%" for loc in locations)
        uris[name] = {loc["uri"] for loc in locations}
        for uri in uris[name]:
            assert (repo / uri).is_file(), (name, uri)
        assert all(r["level"] != "note" or not r["properties"]["fixed"] for r in run["results"])
        assert not any(r["properties"]["fixed"] for r in run["results"])  # auto-fixed sites: only on request
    assert all(u.startswith("src/codemods/") for u in uris["subdirectory"])
    assert uris["subdirectory"] == uris["absolute"] == {u for u in uris["top"] if u.startswith("src/codemods/")}
    with_notes = json.loads(run_cli("audit", ".", "--format", "sarif", "--sarif-notes", "-q", cwd=sub).stdout)
    results = with_notes["runs"][0]["results"]
    assert any(r["properties"]["fixed"] for r in results) and len(results) > len(runs["subdirectory"]["runs"][0]["results"])
    assert with_notes["runs"][0]["versionControlProvenance"][0]["repositoryUri"] == "https://github.com/acme/bots"


@pytest.mark.parametrize(
    ("remote", "url"),
    [
        ("git@github.com:acme/bots.git", "https://github.com/acme/bots/blob/{commit}/{path}#L{line}"),
        ("https://github.com/acme/bots", "https://github.com/acme/bots/blob/{commit}/{path}#L{line}"),
        ("ssh://git@gitlab.com/group/sub/proj.git", "https://gitlab.com/group/sub/proj/-/blob/{commit}/{path}#L{line}"),
        ("https://user@gitlab.example.org/g/p.git", "https://gitlab.example.org/g/p/-/blob/{commit}/{path}#L{line}"),
        ("https://git.example.org/g/p.git", ""),
        ("/srv/git/bots.git", ""),
        ("", ""),
    ],
)
def test_source_url_from_the_origin_remote(remote, url):
    assert remote_blob_url(remote) == url


def test_source_links_use_repository_paths(tmp_path):
    info = ProjectInfo(commit="abc", source_url="https://h/{commit}/{path}#L{line}", top_level=str(tmp_path),
                       cwd=str(tmp_path / "sub"))
    assert info.link("a b.py", 7) == "https://h/abc/sub/a%20b.py#L7"
    assert info.link("../x.py", 0) == "https://h/abc/x.py"
    assert info.repo_path(os.path.join(str(tmp_path), "sub", "y.py")) == "sub/y.py"


def test_effort_hours_parse_and_reject():
    assert parse_effort_hours(["S=0.5-2", "M=3"])["M"] == (3.0, 3.0)
    assert parse_effort_hours("L=10–20h")["L"] == (10.0, 20.0)
    assert parse_effort_hours({"s": [1, 2]})["S"] == (1.0, 2.0)
    for bad in ("M=4-1", "Q=1", "M=", "M=-1"):
        with pytest.raises(ValueError):
            parse_effort_hours(bad)


def test_report_settings_from_the_configuration(audited):
    repo = audited["repo"]
    (repo / "pyproject.toml").write_text(
        '[project]\nname = "bots-app"\n\n[tool.assistants-migrate]\n'
        'source-url = "https://git.example.org/bots/src/{commit}/{path}?line={line}"\n'
        'effort-hours = { S = 1, M = [2, 2], L = [3, 3] }\nmd-mode = "summary"\nsarif-notes = true\n'
    )
    try:
        data = json.loads(run_cli("audit", "src", "--format", "json", "-q", cwd=repo).stdout)
        by_class = data["summary"]["effort"]
        expected = by_class.get("S", 0) * 1 + by_class.get("M", 0) * 2 + by_class.get("L", 0) * 3
        assert data["summary"]["effort_hours"] == {"low": expected, "high": expected}
        assert data["project"]["name"] == "bots-app"
        assert data["project"]["source_url"].startswith("https://git.example.org/bots/src/")
        md = run_cli("audit", "src", "--format", "md", "-q", cwd=repo).stdout
        assert "<details><summary>" in md and "Summary only" not in md  # summary chosen, not forced
        sarif = json.loads(run_cli("audit", "src", "--format", "sarif", "-q", cwd=repo).stdout)
        assert any(r["properties"]["fixed"] for r in sarif["runs"][0]["results"])
        # a flag wins over the configuration, for the classes it names
        flagged = json.loads(run_cli("audit", "src", "--format", "json", "-q", "--effort-hours", "L=10-10",
                                     cwd=repo).stdout)["summary"]["effort_hours"]
        assert flagged["low"] == expected - 3 * by_class.get("L", 0) + 10 * by_class.get("L", 0)
        (repo / "pyproject.toml").write_text('[tool.assistants-migrate]\nmd-mode = "short"\n')
        assert run_cli("audit", "src", "-q", cwd=repo).returncode == 2
    finally:
        (repo / "pyproject.toml").unlink()
