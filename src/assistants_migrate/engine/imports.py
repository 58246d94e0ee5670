"""Adding and removing top-level imports without a scope analysis.

libcst's AddImportsVisitor and RemoveImportsVisitor each traverse the whole module,
and the latter resolves scope metadata (about 13x the cost of the parse). Codemods
only ever need `from m import name` / `import m` at the top of a module, so:

- an import is added after the last top-level import (after the docstring and
  `from __future__` imports when there is none), unless it is already there;
- an import is removed only when its name no longer occurs anywhere else in the
  rendered module as a word (strings and comments count as uses: when in doubt, keep).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import libcst as cst


@dataclass(frozen=True)
class ImportSpec:
    module: str
    obj: str | None = None  # None: `import module`
    asname: str | None = None

    @property
    def bound_name(self) -> str:
        return self.asname or self.obj or self.module.split(".")[0]

    def statement(self) -> cst.SimpleStatementLine:
        if self.obj is None:
            text = f"import {self.module}" + (f" as {self.asname}" if self.asname else "")
        else:
            text = f"from {self.module} import {self.obj}" + (f" as {self.asname}" if self.asname else "")
        return cst.parse_statement(text + "\n")  # type: ignore[return-value]


def _dotted(expr: cst.BaseExpression | None) -> str:
    if isinstance(expr, cst.Name):
        return expr.value
    if isinstance(expr, cst.Attribute):
        return f"{_dotted(expr.value)}.{expr.attr.value}"
    return ""


def _imports_of(stmt: cst.CSTNode) -> list[cst.Import | cst.ImportFrom]:
    if isinstance(stmt, cst.SimpleStatementLine):
        return [s for s in stmt.body if isinstance(s, (cst.Import, cst.ImportFrom))]
    return []


def _provides(node: cst.Import | cst.ImportFrom, spec: ImportSpec) -> bool:
    if isinstance(node, cst.ImportFrom):
        if spec.obj is None or node.relative or _dotted(node.module) != spec.module:
            return False
        if isinstance(node.names, cst.ImportStar):
            return spec.asname is None
        return any(
            _dotted(a.name) == spec.obj and (a.asname.name.value if a.asname else None) == spec.asname  # type: ignore[union-attr]
            for a in node.names
        )
    if spec.obj is not None:
        return False
    return any(
        _dotted(a.name) == spec.module and (a.asname.name.value if a.asname else None) == spec.asname  # type: ignore[union-attr]
        for a in node.names
    )


def _is_docstring(stmt: cst.CSTNode) -> bool:
    return (
        isinstance(stmt, cst.SimpleStatementLine)
        and len(stmt.body) == 1
        and isinstance(stmt.body[0], cst.Expr)
        and isinstance(stmt.body[0].value, (cst.SimpleString, cst.ConcatenatedString))
    )


def add_imports(module: cst.Module, specs: list[ImportSpec]) -> cst.Module:
    body = list(module.body)
    for spec in specs:
        if any(_provides(node, spec) for stmt in body for node in _imports_of(stmt)):
            continue
        position = 0
        for index, stmt in enumerate(body):
            if _imports_of(stmt) or (index == 0 and _is_docstring(stmt)):
                position = index + 1
        body.insert(position, spec.statement())
    return module.with_changes(body=body)


def remove_imports(module: cst.Module, specs: list[ImportSpec]) -> cst.Module:
    body = list(module.body)
    for spec in specs:
        for index, stmt in enumerate(body):
            imports = _imports_of(stmt)
            if not any(_provides(node, spec) for node in imports):
                continue
            rest = module.with_changes(body=body[:index] + body[index + 1 :]).code
            if re.search(rf"(?<![\w.]){re.escape(spec.bound_name)}\b", rest):
                break  # still used (or mentioned): keep it
            replacement = _without(stmt, spec)  # type: ignore[arg-type]
            if replacement is None:
                del body[index]
            else:
                body[index] = replacement
            break
    return module.with_changes(body=body)


def _without(stmt: cst.SimpleStatementLine, spec: ImportSpec) -> cst.SimpleStatementLine | None:
    new_body: list[cst.BaseSmallStatement] = []
    for small in stmt.body:
        if isinstance(small, (cst.Import, cst.ImportFrom)) and _provides(small, spec) and not isinstance(small.names, cst.ImportStar):
            kept = [
                a
                for a in small.names  # type: ignore[union-attr]
                if not (_dotted(a.name) == (spec.obj or spec.module)
                        and (a.asname.name.value if a.asname else None) == spec.asname)  # type: ignore[union-attr]
            ]
            if kept:
                kept[-1] = kept[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
                if isinstance(small, cst.ImportFrom) and len(kept) == 1 and small.lpar is not None:
                    small = small.with_changes(lpar=None, rpar=None)
                new_body.append(small.with_changes(names=kept))
            continue
        new_body.append(small)
    if not new_body:
        return None
    new_body[-1] = new_body[-1].with_changes(semicolon=cst.MaybeSentinel.DEFAULT)
    return stmt.with_changes(body=new_body)
