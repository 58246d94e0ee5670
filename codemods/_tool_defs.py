"""Function tools defined in another module in the Assistants/Chat shape.

`tools=[add_tool_definition]`, where another module of the project defines
`add_tool_definition = {"type": "function", "function": {"name": "add", ...}}`: the rewrite of
the assistant's call cannot reshape that literal (the defining module is often no candidate
at all: it never mentions openai), and Responses wants the flat shape; given the nested one
the API answers 400 ("Missing required parameter: 'tools[0].name'"). Phase 1 records, per
module, the module-level names bound to such a literal and the names each module imports;
the join tells the rewrite of a module which of its imported names are nested function
tools, so their use in a migrated tool list is flattened there (`tools.flatten_imported`).
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Mapping

from assistants_migrate.engine.index import IndexFact, absolute_module

# (module-level names bound to a nested function tool, {local name: (module, name) it is imported from})
Collected = tuple[frozenset[str], dict[str, tuple[str, str]]]


def _nested_function_tool(node: ast.expr | None) -> bool:
    if not isinstance(node, ast.Dict):
        return False
    keys = {k.value: v for k, v in zip(node.keys, node.values) if isinstance(k, ast.Constant)}
    kind = keys.get("type")
    return isinstance(kind, ast.Constant) and kind.value == "function" and isinstance(keys.get("function"), ast.Dict)


def collect(tree: ast.Module, module: str) -> Collected:
    defined: set[str] = set()
    imported: dict[str, tuple[str, str]] = {}
    for statement in tree.body:
        if isinstance(statement, ast.Assign) and len(statement.targets) == 1 and \
                isinstance(statement.targets[0], ast.Name) and _nested_function_tool(statement.value):
            defined.add(statement.targets[0].id)
        elif isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name) and \
                _nested_function_tool(statement.value):
            defined.add(statement.target.id)
        elif isinstance(statement, ast.ImportFrom):
            source = absolute_module(statement, module)
            for alias in statement.names:
                imported[alias.asname or alias.name] = (source, alias.name)
    return frozenset(defined), imported


def join(modules: Mapping[str, Collected], resolve: Callable[[str, str], str | None]) -> dict[str, frozenset[str]]:
    """{module key: the names it imports that another project module binds to a nested function tool}."""
    out: dict[str, frozenset[str]] = {}
    for key, (_, imported) in modules.items():
        names = set()
        for local, (source, name) in imported.items():
            target = resolve(key, source)
            if target is not None and target in modules and name in modules[target][0]:
                names.add(local)
        if names:
            out[key] = frozenset(names)
    return out


# a definition module need not mention openai: any file with a `"function":` key is worth indexing;
# linked: join resolves only the modules a module imports from
INDEX_FACT = IndexFact("nested_function_tools", collect, join, triggers=(rb"[\"']function[\"']\s*:",), linked=True)


def imported_nested_tools(ctx: object) -> frozenset[str]:
    """The names this file imports that are function tools in the nested (Assistants/Chat) shape."""
    joined = ctx.project.get(INDEX_FACT.name) or {}  # type: ignore[attr-defined]
    return joined.get(ctx.module, frozenset())  # type: ignore[attr-defined]
