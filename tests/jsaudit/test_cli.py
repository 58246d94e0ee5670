"""TypeScript/JavaScript through the real command: discovery, reports, --fail-on, rewrite."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from assistants_migrate.engine.discover import discover
from assistants_migrate.report.schema import REPORT_JSON_SCHEMA

CASES = Path(__file__).parent / "cases"
PY_OLD = "import openai\nclient = openai.OpenAI()\nvs = client.beta.vector_stores.create(name='docs')\n"
TS_CALL = 'import OpenAI from "openai";\nconst openai = new OpenAI();\nawait openai.beta.threads.create();\n'


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "assistants_migrate", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=300)


def write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)


def test_discovery_takes_scripts_and_skips_generated_ones(tmp_path: Path, monkeypatch) -> None:
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    write(tmp_path, {
        ".gitignore": "dist/\n*.generated.ts\n",
        "app.py": "", "web/a.ts": "", "web/b.tsx": "", "web/c.js": "", "web/d.jsx": "", "web/e.mjs": "",
        "web/f.cjs": "", "web/g.mts": "",
        "web/types.d.ts": "", "web/vendor.min.js": "", "web/api.generated.ts": "", "dist/bundle.js": "",
        "node_modules/openai/index.js": "", "web/node_modules/x/y.ts": "", "web/style.css": "", "web/data.json": "",
        "scripts/tool.ts": "",
    })
    monkeypatch.chdir(tmp_path)
    assert [f.display for f in discover(["."], exclude=["scripts/"]).files] == [
        "app.py", "web/a.ts", "web/b.tsx", "web/c.js", "web/d.jsx", "web/e.mjs", "web/f.cjs", "web/g.mts",
    ]
    # a file named explicitly is taken even when it would be skipped
    assert [f.display for f in discover(["web/types.d.ts"]).files] == ["web/types.d.ts"]


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    root.mkdir()
    for name in ("runs.ts", "streaming.mjs", "lookalikes.ts", "lookalikes.js"):
        shutil.copy(CASES / name, root / name)
    write(root, {"backend/app.py": PY_OLD, "node_modules/openai/x.ts": TS_CALL,
                 "web/vendor.js": ("var a=1;" * 600 + "openai.beta.threads.create();") * 2})
    return root


def test_audit_reports_scripts_in_every_format(tree: Path) -> None:
    proc = run_cli("audit", ".", "-o", "r.json", "-o", "r.sarif", "-o", "r.md", "-o", "r.html", "-q", cwd=tree)
    assert proc.returncode == 0, proc.stderr
    data = json.loads((tree / "r.json").read_text())
    jsonschema.validate(data, REPORT_JSON_SCHEMA)
    by_path = {}
    for f in data["findings"]:
        by_path.setdefault(f["path"], set()).add(f["language"])
    # lookalikes, node_modules and the minified bundle report nothing
    assert by_path == {"backend/app.py": {"python"}, "runs.ts": {"typescript"}, "streaming.mjs": {"javascript"}}
    summary = data["summary"]
    script = [f for f in data["findings"] if f["language"] != "python"]
    assert summary["by_language"]["typescript"] + summary["by_language"]["javascript"] == len(script)
    assert all(not f["fixed"] and f["severity"] in ("warning", "error") for f in script)
    assert summary["manual"] >= len(script)
    assert summary["effort"]["S"] + summary["effort"].get("M", 0) + summary["effort"].get("L", 0) == summary["manual"]
    # what to do is written for openai-node, not for Python's rewrite
    run_finding = next(f for f in script if f["rule_id"] == "AM501")
    assert "openai.responses.create({" in run_finding["what_to_do"]
    # the rule catalogue of the report adds openai-node guidance only where scripts have findings of a rule
    rules = {r["id"]: r for r in data["rules"]}
    assert "responses.create" in rules["AM501"]["typescript"]["examples"][0]["after"]
    assert "typescript" not in rules["AM101"]  # only the Python file moves vector stores here
    sarif = json.loads((tree / "r.sarif").read_text())
    languages = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]: r["properties"].get("language")
                 for r in sarif["runs"][0]["results"]}
    assert languages["runs.ts"] == "typescript" and languages["streaming.mjs"] == "javascript"
    md = (tree / "r.md").read_text()
    assert "| TypeScript | " in md and "· TypeScript" in md and "**In TypeScript/JavaScript**" in md
    html = (tree / "r.html").read_text()
    assert 'data-testid="script-guidance"' in html and 'data-language="typescript"' in html and 'data-summary="by_language" data-key="javascript"' in html


def test_fail_on_counts_script_findings(tmp_path: Path) -> None:
    write(tmp_path, {"web/app.ts": TS_CALL})
    assert run_cli("audit", ".", "--fail-on", "manual", "-q", cwd=tmp_path).returncode == 1
    write(tmp_path, {"web/app.ts": "// " + TS_CALL.replace("\n", "\n// ")})
    assert run_cli("audit", ".", "--fail-on", "any", "-q", cwd=tmp_path).returncode == 0


def test_rewrite_leaves_scripts_alone_and_says_so(tree: Path) -> None:
    before = {p: p.read_bytes() for p in tree.rglob("*") if p.is_file() and p.suffix != ".py"}
    proc = run_cli("rewrite", ".", "--report", "r.json", cwd=tree)
    assert proc.returncode == 0, proc.stderr
    assert {p: p.read_bytes() for p in before} == before
    assert "client.vector_stores.create" in (tree / "backend" / "app.py").read_text()
    summary = " ".join(proc.stderr.split())
    assert "2 TypeScript/JavaScript files hold Assistants usage that only `assistants-migrate audit` reports" in summary
    data = json.loads((tree / "r.json").read_text())
    assert data["summary"]["counts"]["script_files_audit_only"] == 2
    assert {f["path"] for f in data["findings"] if f["language"] == "typescript"} == {"runs.ts"}


def test_rule_selection_and_suppression_comments_apply_to_scripts(tmp_path: Path) -> None:
    write(tmp_path, {"web/app.ts": (
        'import OpenAI from "openai";\n'
        "const openai = new OpenAI();\n"
        "const thread = await openai.beta.threads.create(); // assistants-migrate: ignore[AM301]\n"
        "// noqa: AM401\n"
        'await openai.beta.threads.messages.create(thread.id, { role: "user", content: "hi" });\n'
        "const run = await openai.beta.threads.runs.createAndPoll(thread.id, { assistant_id: \"a\" });\n"
        "const again = await openai.beta.threads.retrieve(thread.id); # not a comment in TypeScript: noqa: AM301\n"
    )})

    def rules(*args: str) -> list[tuple[int, str]]:
        proc = run_cli("audit", ".", "--format", "json", "-q", *args, cwd=tmp_path)
        assert proc.returncode == 0, proc.stderr
        return [(f["line"], f["rule_id"]) for f in json.loads(proc.stdout)["findings"]]

    assert rules() == [(6, "AM501"), (7, "AM301")]
    assert rules("--ignore", "AM5") == [(7, "AM301")]
    assert rules("--select", "AM4") == []  # the messages call is silenced by its comment
