"""Snapshot cases: every `tests/codemods/<module>/*.py` is an input program, and
`tests/codemods/<module>/snapshots/<name>/after.py` its expected rewrite
(update with `pytest tests/codemods --snapshot-update`)."""

from __future__ import annotations

import ast
import pathlib

from assistants_migrate.engine.codemod import Options
from assistants_migrate.engine.registry import all_codemods
from assistants_migrate.engine.transform import TransformResult, transform_source
from assistants_migrate.findings import MARKER_PREFIX

CASES_ROOT = pathlib.Path(__file__).resolve().parent
CONFIGS_MODULE = "assistant_configs"  # cases that need `--configs` use this module name


def case_files() -> list[pathlib.Path]:
    return sorted(p for p in CASES_ROOT.glob("*/*.py") if not p.name.startswith("_"))


def case_id(path: pathlib.Path) -> str:
    return f"{path.parent.name}/{path.stem}"


def snapshot_file(path: pathlib.Path) -> pathlib.Path:
    return path.parent / "snapshots" / path.stem / "after.py"


def options_for(source: str) -> Options:
    # a case opts into the generated configs module with a marker comment on its first line
    return Options(configs_module=CONFIGS_MODULE) if source.startswith("# uses-configs") else Options()


def rewrite(source: str, path: str = "case.py", *, skip_cold: bool = True) -> TransformResult:
    return transform_source(source, path, all_codemods(), options_for(source), skip_cold=skip_cold)


FLOW_MARKER = f"{MARKER_PREFIX} AM011 "  # a thread flow kept whole on the Assistants API: one marker at its root


def excused_lines(code: str) -> set[int]:
    """Lines of statements that carry a TODO marker: manual work the tool pointed at. A kept flow's
    marker, at the flow's root, excuses every top-level def, class or module code of the file that
    still calls the threads API (a flow's calls stay together, and it has one marker)."""
    lines = code.splitlines()
    excused: set[int] = set()
    tree = ast.parse(code)
    flow_kept = any(line.lstrip().startswith(FLOW_MARKER) for line in lines)
    for unit in tree.body:
        end = unit.end_lineno or unit.lineno
        if flow_kept and any(".beta.threads" in line for line in lines[unit.lineno - 1 : end]):
            if isinstance(unit, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                excused.update(range(unit.lineno, end + 1))
            else:  # module-level code is one unit
                excused.update(n for u in tree.body if not isinstance(
                    u, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) for n in range(u.lineno, (u.end_lineno or u.lineno) + 1))
    for node in ast.walk(tree):
        if not isinstance(node, ast.stmt):
            continue
        start = node.lineno
        if hasattr(node, "decorator_list") and node.decorator_list:
            start = min(d.lineno for d in node.decorator_list)
        above = start - 2
        while above >= 0 and lines[above].lstrip().startswith("#"):
            if lines[above].lstrip().startswith(MARKER_PREFIX):
                end = node.end_lineno or node.lineno
                # a compound statement is excused only on its header lines, not its whole body
                if isinstance(node, (ast.If, ast.For, ast.While, ast.With, ast.Try, ast.FunctionDef, ast.ClassDef,
                                     ast.AsyncFor, ast.AsyncWith, ast.AsyncFunctionDef)):
                    end = node.body[0].lineno - 1
                excused.update(range(node.lineno, end + 1))
                break
            above -= 1
    return excused
