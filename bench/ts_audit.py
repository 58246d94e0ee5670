"""Benchmark: what the TypeScript/JavaScript audit adds to `assistants-migrate audit`
(not a test: prints figures, asserts nothing).

A generated tree of --files files (default 10,000) with no Assistants usage, shaped
like a full-stack repository: a Python backend and a TypeScript/JavaScript front end
(--script-share of the files, default one half), plus stylesheets, JSON and Markdown
that discovery passes over, and a `node_modules` it never enters. Some front-end files
import "openai" for Chat Completions, a few mention `beta` in other senses (feature
flags), so the prefilter has real work and some files get parsed.

Measured: CPU time (user + system) of the real command, `audit TREE --format json -q
--jobs 1`, with and without `--python-only` (best of --repeats runs each, alternating;
wall time is printed too, but on a shared machine it also measures the neighbours). Target: the
TypeScript/JavaScript scanning takes under 20% of the audit's time,
(t_all - t_python_only) / t_all < 0.20; the increase over a Python-only audit of the
same tree, (t_all - t_python_only) / t_python_only, is printed too. Both depend on the
share of script files: a script file costs about what a Python file costs (a read and
a byte scan), so the figures are given for the --script-share asked for.

Usage: python bench/ts_audit.py [--files 10000] [--script-share 0.5] [--repeats 5] [--dir DIR]
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PYTHON = '''"""Service {i}: ordinary backend code."""
import json
import resource
import logging

log = logging.getLogger(__name__)


def handle_{i}(request):
    payload = json.loads(request.body)
    log.info("order %s", payload.get("id"))
    return {{"status": "ok", "total": sum(item["price"] for item in payload.get("items", []))}}
'''

COMPONENT = '''import React, {{ useEffect, useState }} from "react";
import {{ fetchOrders }} from "../api/orders";

export function Orders{i}({{ userId }}: {{ userId: string }}) {{
  const [orders, setOrders] = useState<Array<{{ id: string; total: number }}>>([]);
  useEffect(() => {{
    fetchOrders(userId).then(setOrders);
  }}, [userId]);
  return (
    <ul className="orders">
      {{orders.map((o) => (
        <li key={{o.id}}>{{o.id}}: {{o.total.toFixed(2)}}</li>
      ))}}
    </ul>
  );
}}
'''

SERVICE = '''import type {{ Request, Response }} from "express";

interface Order {{ id: string; items: {{ price: number }}[] }}

export async function total{i}(req: Request, res: Response): Promise<void> {{
  const order: Order = req.body;
  const sum = order.items.reduce((acc, item) => acc + item.price, 0);
  res.json({{ id: order.id, total: sum }});
}}
'''

CHAT = '''import OpenAI from "openai";

const openai = new OpenAI();

export async function summarise{i}(text: string): Promise<string> {{
  const completion = await openai.chat.completions.create({{
    model: "gpt-4o-mini",
    messages: [{{ role: "user", content: `Summarise: ${{text}}` }}],
  }});
  return completion.choices[0].message.content ?? "";
}}
'''

FLAGS = '''// feature flags {i}
export const flags = {{ beta: process.env.ENABLE_BETA === "1", newCheckout: false }};

export function isBeta(user: {{ groups: string[] }}): boolean {{
  return flags.beta || user.groups.includes("beta-testers");
}}
'''

SCRIPT = '''const express = require("express");

const router = express.Router();

router.get("/health/{i}", (req, res) => {{
  res.json({{ ok: true, uptime: process.uptime() }});
}});

module.exports = router;
'''

OTHER = {".css": ".c{i} {{ color: #333; }}\n", ".json": '{{"name": "pkg-{i}", "version": "1.0.{i}"}}\n',
         ".md": "# Notes {i}\n\nNothing to see.\n"}


def script_file(i: int) -> tuple[str, str]:
    """(suffix, text) of the i-th front-end file: mostly components and services, some chat, a few flags."""
    if i % 50 == 0:
        return ".ts", FLAGS.format(i=i)
    if i % 20 == 0:
        return ".ts", CHAT.format(i=i)
    if i % 3 == 0:
        return ".tsx", COMPONENT.format(i=i)
    if i % 3 == 1:
        return ".ts", SERVICE.format(i=i)
    return ".js", SCRIPT.format(i=i)


def make_tree(root: Path, files: int, script_share: float) -> dict[str, int]:
    scripts = int(files * script_share)
    others = files // 10
    pythons = files - scripts - others
    for i in range(pythons):
        folder = root / "backend" / f"pkg{i // 200:03}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"service_{i}.py").write_text(PYTHON.format(i=i))
    for i in range(scripts):
        folder = root / "web" / "src" / f"part{i // 200:03}"
        folder.mkdir(parents=True, exist_ok=True)
        suffix, text = script_file(i)
        (folder / f"module_{i}{suffix}").write_text(text)
    for i in range(others):
        suffix = list(OTHER)[i % len(OTHER)]
        folder = root / "web" / "assets" / f"a{i // 200:03}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"asset_{i}{suffix}").write_text(OTHER[suffix].format(i=i))
    modules = root / "web" / "node_modules" / "openai"  # never entered: its own code mentions beta.threads
    modules.mkdir(parents=True)
    for i in range(200):
        (modules / f"resource_{i}.js").write_text("exports.x = (c) => c.beta.threads.runs.create();\n")
    return {"python": pythons, "typescript/javascript": scripts, "other": others}


def audit(tree: Path, *extra: str) -> tuple[float, float, dict]:
    """(wall seconds, CPU seconds user+sys, report) of one run of the real command (with --jobs 1:
    a tree without usage parses nothing, so the one process does all the work)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "assistants_migrate", "audit", str(tree), "--format", "json", "-q",
                           "--jobs", "1", *extra], capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        raise SystemExit(f"audit failed ({proc.returncode}): {proc.stderr[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return elapsed, cpu, json.loads(proc.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", type=int, default=10_000)
    parser.add_argument("--script-share", type=float, default=0.5, help="share of TypeScript/JavaScript files")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--dir", type=Path, default=None, help="where to build the tree (default: a temporary dir)")
    args = parser.parse_args()

    base = Path(tempfile.mkdtemp(prefix="ts-audit-bench-", dir=args.dir))
    try:
        tree = base / "repo"
        counts = make_tree(tree, args.files, args.script_share)
        print(f"tree: {sum(counts.values())} files ({', '.join(f'{n} {k}' for k, n in counts.items())}), "
              "no Assistants usage; plus 200 files in node_modules")
        audit(tree)  # warm the page cache and the interpreter's bytecode
        walls: dict[str, list[float]] = {"python only": [], "with TS/JS": []}
        cpus: dict[str, list[float]] = {"python only": [], "with TS/JS": []}
        reports = {}
        for _ in range(args.repeats):
            for label, extra in (("python only", ("--python-only",)), ("with TS/JS", ())):
                elapsed, cpu, report = audit(tree, *extra)
                walls[label].append(elapsed)
                cpus[label].append(cpu)
                reports[label] = report
        for label in walls:
            summary = reports[label]["summary"]
            print(f"{label:>12}: CPU best {min(cpus[label]):.3f} s, wall best {min(walls[label]):.3f} s of {args.repeats} "
                  f"(files scanned {summary['files_scanned']}, parsed {summary['files_parsed']}, "
                  f"findings {summary['findings']})")
        # CPU time is the figure: on a shared machine, wall time also measures the neighbours
        py, both = min(cpus["python only"]), min(cpus["with TS/JS"])
        print(f"TypeScript/JavaScript scanning takes {(both - py) / both:.1%} of the audit's CPU time (target < 20%); "
              f"{(both - py) / py:+.1%} over the same audit with --python-only")
    finally:
        shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
