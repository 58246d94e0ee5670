"""Run every codemod over one source text in a single traversal.

Two ways to get there, with the same result (a test compares them on every case):

- *fragment*: when hot statements are a small part of the file, libcst parses only
  the hot top-level statements, joined into one smaller module. The codemods see that
  module (cold statements are never visited anyway); each rewritten top-level
  statement is rendered and spliced back over its own lines of the original text,
  so everything else stays byte for byte.
- *whole*: parse the whole file (small files, mostly-hot files, `skip_cold=False`,
  and whenever a codemod changes the module's top-level shape).

Import edits requested by codemods are applied last, to the top level of the full
result (engine/imports.py).
"""

from __future__ import annotations

import ast
import dataclasses
import functools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import libcst as cst

from assistants_migrate.engine import index as project_index
from assistants_migrate.engine.codemod import (
    STATEMENT_TYPES,
    Codemod,
    FileContext,
    Options,
    apply_markers,
    hot_words,
    index_facts,
)
from assistants_migrate.engine.comments import CommentKeeper, render_lines
from assistants_migrate.engine.hotspots import Analysis, Group, analyze, map_statements
from assistants_migrate.engine.imports import ParseOnce, add_imports, edit_imports_text, remove_imports
from assistants_migrate.engine.workers import cyclic_gc_paused
from assistants_migrate.findings import Finding

FRAGMENT_MAX_HOT_SHARE = 0.6  # above this share of hot lines, parsing the whole file is as cheap
# Lines with their endings, split only where Python splits lines (str.splitlines also splits at form feeds).
_LINES_WITH_ENDS = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")


class RenderGuardError(Exception):
    """The codemods produced text that does not parse: never written."""


@dataclass
class TransformResult:
    code: str
    findings: list[Finding]
    # modules the rewritten code imports that must exist: name -> the text to create it with
    required_modules: dict[str, str] = dataclasses.field(default_factory=dict)
    # set by a rule selection (engine/selection.py): findings dropped, and surfaces left out
    suppressed: int = 0
    held_back: int = 0
    left_out: tuple[str, ...] = ()

    def changed(self, source: str) -> bool:
        return self.code != source


TopLevelResult = cst.CSTNode | cst.RemovalSentinel | cst.FlattenSentinel


class BatchedTransformer(cst.CSTTransformer):
    """Dispatches each node to every codemod's visit_/leave_ methods, in order."""

    def __init__(self, codemods: Sequence[Codemod], ctx: FileContext, cold: set[int], *, spliced: bool = False) -> None:
        super().__init__()
        self.ctx = ctx
        self.cold = cold
        self.spliced = spliced  # top-level results are spliced into the text (not rendered as a module)
        self.top_level: list[TopLevelResult] = []  # what each top-level statement became, in order
        self.top_level_dirty: list[bool] = []  # whether a codemod replaced anything inside it
        self.top_level_orphans: list[list[cst.EmptyLine]] = []  # comment lines a removed one leaves
        self._dirty = False
        self.comments = CommentKeeper(ctx.lines, ctx.statements.spans)
        self._changed_here: list[bool] = []  # per statement being visited: a codemod replaced a node of its own
        self._visit: dict[str, list[Callable]] = {}
        self._leave: dict[str, list[Callable]] = {}
        for codemod in codemods:
            visits, leaves = _handler_names(type(codemod))
            for key, name in visits:
                self._visit.setdefault(key, []).append(getattr(codemod, name))
            for key, name in leaves:
                self._leave.setdefault(key, []).append(getattr(codemod, name))
        # node types with attribute-level hooks (visit_Call_func ...): most runs have none
        self._attribute_types = {key.split("_", 1)[0] for key in (*self._visit, *self._leave) if "_" in key}

    def on_visit(self, node: cst.CSTNode) -> bool:
        if type(node) in _STATEMENT_CLASSES:
            if id(node) in self.cold:
                return False
            self.ctx.stmt_stack.append(node)
            self._changed_here.append(False)
        for fn in self._visit.get(type(node).__name__, ()):
            fn(node)
        return True

    def on_leave(self, original_node: cst.CSTNode, updated_node: cst.CSTNode):  # type: ignore[override]
        if id(original_node) in self.cold:
            self._record_top_level(original_node, updated_node)
            return updated_node  # not entered, so no codemod saw it (libcst still calls leave)
        if isinstance(updated_node, (cst.IndentedBlock, cst.Module)) and not (self.spliced and isinstance(updated_node, cst.Module)):
            updated_node = self.comments.block_left(original_node, updated_node)  # type: ignore[arg-type]
        result: TopLevelResult = updated_node
        node_type = type(updated_node)
        for fn in self._leave.get(node_type.__name__, ()):
            received = result
            result = fn(original_node, result)
            if result is not received:
                self._dirty = True
                if self._changed_here:
                    self._changed_here[-1] = True
            if type(result) is not node_type:
                break
        if type(original_node) in _STATEMENT_CLASSES:
            self.ctx.stmt_stack.pop()
            if self._changed_here.pop():
                result = self.comments.statement_left(original_node, result)  # type: ignore[assignment]
            markers = self.ctx.markers.get(id(original_node))
            if markers:
                self._dirty = True
                if isinstance(result, cst.FlattenSentinel) and result.nodes:
                    first, *rest = result.nodes
                    result = cst.FlattenSentinel([apply_markers(first, markers), *rest])
                elif isinstance(result, cst.CSTNode):
                    result = apply_markers(result, markers)
            self._record_top_level(original_node, result)
        return result

    def _record_top_level(self, original: cst.CSTNode, result: TopLevelResult) -> None:
        if type(original) in _STATEMENT_CLASSES and not self.ctx.stmt_stack:
            self.top_level.append(result)
            self.top_level_dirty.append(self._dirty)
            self.top_level_orphans.append(self.comments.take_orphans(original) if self.spliced else [])
            self._dirty = False

    # -- the traversal -------------------------------------------------------------------
    # libcst's own `node.visit(transformer)` rebuilds every node it enters and enters every
    # whitespace and punctuation node (about two thirds of a tree). `walk` calls the same
    # on_visit/on_leave in the same order, but skips nodes that hold only whitespace and
    # punctuation (no codemod handles them) and rebuilds a node only when a child changed.

    def walk(self, node: cst.CSTNode) -> TopLevelResult:
        if self.on_visit(node):
            updated = self._walk_children(node)
        else:
            updated = node
        return self.on_leave(node, updated)

    def _walk_children(self, node: cst.CSTNode) -> cst.CSTNode:
        changes: dict[str, Any] | None = None
        node_type = type(node)
        attribute_hooks = node_type.__name__ in self._attribute_types
        for name, default in _child_fields(node):
            value = getattr(node, name)
            if value is None or value.__class__ in _TOKEN_TYPES or isinstance(value, cst.MaybeSentinel):
                continue
            if attribute_hooks:
                self.on_visit_attribute(node, name)
            if isinstance(value, tuple):
                new_value: Any = self._walk_sequence(value, body=name == "body" and node_type in _BODY_OWNERS)
            else:
                new_value = self.walk(value)
                if isinstance(new_value, cst.FlattenSentinel):
                    raise TypeError(f"a {type(value).__name__} in {node_type.__name__}.{name} cannot become a sequence")
                if isinstance(new_value, cst.RemovalSentinel):
                    if default is None or isinstance(default, cst.MaybeSentinel):
                        new_value = default
                    else:
                        raise TypeError(f"{node_type.__name__}.{name} cannot be removed")
            if attribute_hooks:
                self.on_leave_attribute(node, name)
            if new_value is not value:
                if changes is None:
                    changes = {}
                changes[name] = new_value
        return node if changes is None else node.with_changes(**changes)

    def _walk_sequence(self, children: tuple[Any, ...], *, body: bool) -> tuple[Any, ...]:
        out: list[Any] = []
        changed = False
        for child in children:
            if child.__class__ in _TOKEN_TYPES:
                out.append(child)
                continue
            new = self.walk(child)
            if new is child:
                out.append(child)
                continue
            changed = True
            if isinstance(new, cst.RemovalSentinel):
                continue
            # in a block, a statement line left empty by a removal inside it is dropped (as libcst does)
            for item in new.nodes if isinstance(new, cst.FlattenSentinel) else (new,):
                if body and not child._is_removable() and item._is_removable():
                    continue
                out.append(item)
        return tuple(out) if changed else children

    def on_visit_attribute(self, node: cst.CSTNode, attribute: str) -> None:
        name = type(node).__name__
        if name in self._attribute_types:
            for fn in self._visit.get(f"{name}_{attribute}", ()):
                fn(node)

    def on_leave_attribute(self, original_node: cst.CSTNode, attribute: str) -> None:
        name = type(original_node).__name__
        if name in self._attribute_types:
            for fn in self._leave.get(f"{name}_{attribute}", ()):
                fn(original_node)


def fast_visit(node: cst.CSTNode, visitor: cst.CSTVisitor) -> None:
    """`node.visit(visitor)` for a read-only visitor, the way `walk` does it for the codemods: same
    visit_/leave_ calls in the same order, without entering whitespace and punctuation nodes or
    going through libcst's per-node dispatch. A visitor that hooks those nodes, attributes, or
    on_visit/on_leave themselves gets libcst's own traversal."""
    handlers = _scan_handlers(type(visitor))
    if handlers is None:
        node.visit(visitor)
        return
    visits, leaves = handlers
    _scan(node, {key: getattr(visitor, name) for key, name in visits.items()},
          {key: getattr(visitor, name) for key, name in leaves.items()})


def _scan(node: cst.CSTNode, visits: dict[str, Callable], leaves: dict[str, Callable]) -> None:
    name = node.__class__.__name__
    visit = visits.get(name)
    if visit is None or visit(node) is not False:
        for field_name, _ in _child_fields(node):
            value = getattr(node, field_name)
            if value is None or value.__class__ in _TOKEN_TYPES or isinstance(value, cst.MaybeSentinel):
                continue
            if isinstance(value, (tuple, list)):
                for child in value:
                    if child.__class__ not in _TOKEN_TYPES:
                        _scan(child, visits, leaves)
            else:
                _scan(value, visits, leaves)
    leave = leaves.get(name)
    if leave is not None:
        leave(node)


def _scan_handlers(cls: type) -> tuple[dict[str, str], dict[str, str]] | None:
    """(node type name -> method name) of a visitor's visit_ and leave_ methods; None when `fast_visit`
    cannot stand in for libcst's traversal. Read from the classes' own namespaces, not `dir()`: most
    visitors are classes defined inside the function that uses them, new at each call."""
    base = cst.CSTVisitor
    if not issubclass(cls, base) or issubclass(cls, cst.CSTTransformer):
        return None
    visits: dict[str, str] = {}
    leaves: dict[str, str] = {}
    for klass in reversed(cls.__mro__[: cls.__mro__.index(base)]):
        for name in vars(klass):
            if name in _TRAVERSAL_HOOKS:
                return None
            if not name.startswith(("visit_", "leave_")):
                continue
            key = name[6:]
            if "_" in key or key in _TOKEN_NAMES:
                return None  # an attribute hook (visit_Call_func) or a whitespace/punctuation node
            (visits if name.startswith("visit_") else leaves)[key] = name
    return visits, leaves


def _token_types() -> frozenset[type]:
    """libcst node types that hold only whitespace, comments and punctuation."""
    modules = ("libcst._nodes.whitespace", "libcst._nodes.op")
    found = {
        value for value in vars(cst).values()
        if isinstance(value, type) and issubclass(value, cst.CSTNode) and value.__module__ in modules
    }
    found |= {cst.LeftParen, cst.RightParen, cst.LeftSquareBracket, cst.RightSquareBracket,
              cst.LeftCurlyBrace, cst.RightCurlyBrace, cst.Asynchronous}
    return frozenset(t for t in found if not getattr(t, "__abstractmethods__", None))


_TOKEN_TYPES = _token_types()
# isinstance() against libcst's abstract bases goes through abc: a set of concrete classes is a hash lookup
_STATEMENT_CLASSES = frozenset(
    value for value in vars(cst).values()
    if isinstance(value, type) and issubclass(value, STATEMENT_TYPES) and not getattr(value, "__abstractmethods__", None)
)
_TOKEN_NAMES = frozenset(t.__name__ for t in _TOKEN_TYPES)
_TRAVERSAL_HOOKS = frozenset({"on_visit", "on_leave", "on_visit_attribute", "on_leave_attribute"})
_BODY_OWNERS = (cst.Module, cst.IndentedBlock)  # their `body` drops statement lines a removal emptied


class _FieldOrder(cst.CSTVisitor):
    """Records the order in which libcst visits a node's fields (and enters none of them)."""

    def __init__(self) -> None:
        super().__init__()
        self.names: list[str] = []

    def on_visit(self, node: cst.CSTNode) -> bool:
        return False

    def on_visit_attribute(self, node: cst.CSTNode, attribute: str) -> None:
        if attribute not in self.names:
            self.names.append(attribute)


_FIELD_ORDER: dict[type, tuple[tuple[str, Any], ...]] = {}
# fields a type's first node did not announce while empty: libcst visits some only when they hold
# something (FormattedStringExpression.format_spec), so a node where one does teaches the order again
_UNANNOUNCED: dict[type, tuple[str, ...]] = {}
_SCALARS = (str, int, float, bool)


def _child_fields(node: cst.CSTNode) -> tuple[tuple[str, Any], ...]:
    """(field name, default) of a node type's children, in libcst's visiting order (learnt from
    the first node of the type, and again from one that holds a field the first left empty)."""
    node_type = type(node)
    known = _FIELD_ORDER.get(node_type)
    if known is not None and not any(_holds_nodes(getattr(node, name)) for name in _UNANNOUNCED[node_type]):
        return known
    fields = dataclasses.fields(node_type)
    defaults = {f.name: f.default for f in fields}
    recorder = _FieldOrder()
    node._visit_and_replace_children(recorder)
    order = tuple((name, defaults.get(name, dataclasses.MISSING)) for name in recorder.names)
    if known is not None and len(order) <= len(known):
        return order  # this node's own order; the one kept is as complete already
    _FIELD_ORDER[node_type] = order
    _UNANNOUNCED[node_type] = tuple(
        f.name for f in fields
        if f.name not in recorder.names and not isinstance(getattr(node, f.name), _SCALARS)
    )
    return order


def _holds_nodes(value: Any) -> bool:
    return isinstance(value, cst.CSTNode) or (isinstance(value, (tuple, list)) and len(value) > 0)


@functools.lru_cache(maxsize=None)
def _handler_names(cls: type) -> tuple[tuple[tuple[str, str], ...], tuple[tuple[str, str], ...]]:
    """(node key, method name) of the visit_/leave_ methods a codemod class really defines."""
    visits, leaves = [], []
    for name in dir(cls):
        if not name.startswith(("visit_", "leave_")):
            continue
        if getattr(cls, name) is getattr(cst.CSTTransformer, name, None):
            continue  # the no-op default: dispatching to it would only cost time
        (visits if name.startswith("visit_") else leaves).append((name[6:], name))
    return tuple(visits), tuple(leaves)


def _run_codemods(
    module: cst.Module,
    ast_statements: Sequence[ast.stmt],
    analysis: Analysis,
    source: str,
    path: str,
    codemods: Sequence[type[Codemod]],
    options: Options,
    project: project_index.ProjectIndex,
    *,
    sentinel: bool = False,
    keep_cold: frozenset[tuple[int, int]] = frozenset(),
) -> tuple[cst.Module, FileContext, BatchedTransformer]:
    statements = map_statements(module.body[1:] if sentinel else module.body, ast_statements, analysis)
    if sentinel:
        statements.cold.add(id(module.body[0]))
    if keep_cold:  # sites a rule selection or a suppression comment keeps as they are (engine/selection.py)
        statements.cold.update(key for key, span in statements.spans.items() if (span[0], span[2]) in keep_cold)
    ctx = FileContext(path=path, source=source, options=options, statements=statements, lines=analysis.lines,
                      project=project, module=project.key_of(path))
    batched = BatchedTransformer([cls(ctx) for cls in codemods], ctx, statements.cold, spliced=sentinel)
    new_module = batched.walk(module)
    assert isinstance(new_module, cst.Module)
    return new_module, ctx, batched


def _splice(
    ranges: Sequence[tuple[int, int]], source_line_texts: list[str], new_module: cst.Module, batched: BatchedTransformer,
    *, sentinel: bool,
) -> str | None:
    """Put each rewritten top-level statement back over its original lines (`ranges`: first and last
    line of what each statement after the `pass` sentinel, if any, renders as); only what changed is
    rendered. None when the module's top level no longer lines up with the statements visited."""
    skip = 1 if sentinel else 0
    top_level = batched.top_level[skip:]
    dirty = batched.top_level_dirty[skip:]
    orphans = batched.top_level_orphans[skip:]
    if len(top_level) != len(ranges):
        return None
    expected: list[cst.CSTNode] = list(new_module.body[:skip])
    for result in top_level:
        if isinstance(result, cst.FlattenSentinel):
            expected.extend(result.nodes)
        elif isinstance(result, cst.CSTNode):
            expected.append(result)
    if len(expected) != len(new_module.body) or any(a is not b for a, b in zip(expected, new_module.body)):
        return None  # a codemod added or moved top-level statements itself
    out = list(source_line_texts)
    for (first, last), result, changed, left in reversed(list(zip(ranges, top_level, dirty, orphans))):
        if not changed:
            continue  # no codemod replaced anything in it: the original text stands
        if isinstance(result, cst.FlattenSentinel):
            text = "".join(new_module.code_for_node(node) for node in result.nodes)
        elif isinstance(result, cst.CSTNode):
            text = new_module.code_for_node(result)
        else:
            text = render_lines(left, new_module.default_newline) if left else ""  # removed: its comment lines stay
        original = "".join(out[first - 1 : last])
        if not original.endswith(("\n", "\r")) and text.endswith(new_module.default_newline):
            text = text[: -len(new_module.default_newline)]  # the file's last line had no newline
        if text != original:
            out[first - 1 : last] = [text]
    return "".join(out)


def _rendered_ranges(module: cst.Module, groups: Sequence[Group], line_texts: list[str]) -> list[tuple[int, int]] | None:
    """The lines each top-level statement of a whole-file module renders as: its leading lines
    (libcst's own count), itself, and the trailing lines its blocks own (up to the next one's).
    None where that cannot be told: without a final newline libcst counts the lines after the last
    statement its own way, so there only a last simple statement (which owns no trailing line) qualifies."""
    if len(module.body) != len(groups) or not groups:
        return None
    firsts = [g.start - len(getattr(stmt, "leading_lines", ())) for g, stmt in zip(groups, module.body)]
    if line_texts[-1].endswith(("\n", "\r")):
        last = len(line_texts) - len(module.footer)
    elif isinstance(module.body[-1], cst.SimpleStatementLine) and line_texts[-1].strip():
        last = groups[-1].end
    else:
        return None
    ends = [f - 1 for f in firsts[1:]] + [last]
    return list(zip(firsts, ends))


def _same_nodes(a: Sequence[cst.CSTNode], b: Sequence[cst.CSTNode]) -> bool:
    return len(a) == len(b) and all(x is y for x, y in zip(a, b))


def transform_source(
    source: str,
    path: str,
    codemods: Sequence[type[Codemod]],
    options: Options = Options(),
    *,
    skip_cold: bool = True,
    project: project_index.ProjectIndex | None = None,
    keep_cold: frozenset[tuple[int, int]] = frozenset(),
) -> TransformResult:
    """Parse, transform and render `source`. Raises libcst.ParserSyntaxError for bad input
    and RenderGuardError when the result would not parse. Without a `project` (one file
    seen alone), the file is its own project.

    A codemod may find after the traversal that part of the file must stay as it was for the
    result to be consistent (`Codemod.flow_pins`: an object whose flow has a part with no
    equivalent); the file is then rewritten once more from the original with those pins.
    Statements whose (first line, last line) is in `keep_cold` are not visited (engine/selection.py)."""
    with cyclic_gc_paused():
        return _transform_source(source, path, codemods, options, skip_cold=skip_cold, project=project,
                                 keep_cold=keep_cold)


def _transform_source(
    source: str,
    path: str,
    codemods: Sequence[type[Codemod]],
    options: Options,
    *,
    skip_cold: bool,
    project: project_index.ProjectIndex | None,
    keep_cold: frozenset[tuple[int, int]],
) -> TransformResult:
    if source and not source.endswith(("\n", "\r")):
        # libcst renders such a file as if it ended with a newline and drops that newline again; doing the
        # same here lets the last top-level statement be spliced like any other (not the whole file rendered)
        newline = _first_newline(source)
        result = _transform_source(source + newline, path, codemods, options, skip_cold=skip_cold, project=project,
                                  keep_cold=keep_cold)
        if result.code.endswith(newline):
            result.code = result.code[: -len(newline)]
        return result
    analysis = analyze(source, hot_words(tuple(codemods)) if skip_cold else ())
    if project is None:
        tree = analysis.tree if analysis is not None else source
        project = project_index.single_file(tree, project_index.EMPTY.key_of(path), index_facts(tuple(codemods)))
    parsed: dict[str, cst.Module] = {}  # libcst trees are never changed in place: the rerun reuses them
    result, ctx = _transform_once(source, path, codemods, options, skip_cold, project, analysis, keep_cold, parsed)
    if ctx is None:
        return result
    pins = frozenset().union(*(cls.flow_pins(ctx, result.code) for cls in codemods))
    if pins <= options.pins:
        return result
    pinned = dataclasses.replace(options, pins=options.pins | pins)
    return _transform_once(source, path, codemods, pinned, skip_cold, project, analysis, keep_cold, parsed)[0]


def _transform_once(
    source: str,
    path: str,
    codemods: Sequence[type[Codemod]],
    options: Options,
    skip_cold: bool,
    project: project_index.ProjectIndex,
    analysis: Analysis | None,
    keep_cold: frozenset[tuple[int, int]] = frozenset(),
    parsed: dict[str, cst.Module] | None = None,
) -> tuple[TransformResult, FileContext | None]:
    parsed = {} if parsed is None else parsed

    def parse_module(text: str) -> cst.Module:
        module = parsed.get(text)
        if module is None:
            module = parsed[text] = cst.parse_module(text)
        return module

    if analysis is None:  # `ast` rejects it (newer syntax?): libcst decides, whole file, everything visited
        module = parse_module(source)
        empty = Analysis(ast.Module(body=[], type_ignores=[]), [], [], [0])
        new_module, ctx, _ = _run_codemods(module, [], empty, source, path, codemods, options, project)
        return _finish(source, new_module.code, ctx, judge_with_ast=False), ctx

    hot_groups = [g for g in analysis.groups if g.hot]
    if not hot_groups:
        return TransformResult(code=source, findings=[]), None  # nothing any codemod would visit
    if skip_cold and analysis.hot_line_share <= FRAGMENT_MAX_HOT_SHARE:
        line_texts = _LINES_WITH_ENDS.findall(source)
        newline = _first_newline(source)
        # a `pass` first keeps the comments above the first hot statement attached to it (not to a header)
        fragment = "pass" + newline + "".join("".join(line_texts[g.lead - 1 : g.end]) for g in hot_groups)
        try:
            module = parse_module(fragment)
        except cst.ParserSyntaxError:
            module = None  # let the whole-file parse report the error with the file's own line numbers
        if module is not None:
            ast_statements = [node for g in hot_groups for node in g.nodes]
            new_module, ctx, batched = _run_codemods(
                module, ast_statements, analysis, source, path, codemods, options, project, sentinel=True,
                keep_cold=keep_cold,
            )
            code = _splice([(g.lead, g.end) for g in hot_groups], line_texts, new_module, batched, sentinel=True)
            if code is not None:
                return _finish(source, code, ctx, judge_with_ast=True), ctx
    module = parse_module(source)
    all_statements = list(analysis.tree.body)
    new_module, ctx, batched = _run_codemods(module, all_statements, analysis, source, path, codemods, options, project,
                                             keep_cold=keep_cold)
    code = None
    line_texts = _LINES_WITH_ENDS.findall(source)
    ranges = _rendered_ranges(module, analysis.groups, line_texts)
    if ranges is not None and _same_nodes(new_module.header, module.header) and _same_nodes(new_module.footer, module.footer):
        code = _splice(ranges, line_texts, new_module, batched, sentinel=False)  # render only what changed
    return _finish(source, new_module.code if code is None else code, ctx, judge_with_ast=True), ctx


def _first_newline(source: str) -> str:
    match = re.search(r"\r\n|\r|\n", source)
    return match.group(0) if match else "\n"


def _finish(source: str, code: str, ctx: FileContext, *, judge_with_ast: bool) -> TransformResult:
    parse = ParseOnce()
    if (ctx.import_adds or ctx.import_removes) and judge_with_ast:
        try:
            edited = edit_imports_text(code, ctx.import_adds, ctx.import_removes, _first_newline(code), parse)
        except SyntaxError as exc:
            raise RenderGuardError(f"rewritten code does not parse: {exc}") from exc
        if edited is not None:
            code = edited
            ctx.import_adds, ctx.import_removes = [], []
    if ctx.import_adds or ctx.import_removes:
        module = cst.parse_module(code)
        if ctx.import_adds:
            module = add_imports(module, ctx.import_adds)
        if ctx.import_removes:
            module = remove_imports(module, ctx.import_removes)
        code = module.code
    if code != source:
        _guard(code, judge_with_ast=judge_with_ast, parse=parse)
    return TransformResult(code=code, findings=sorted(ctx.findings, key=Finding.sort_key),
                           required_modules=dict(ctx.required_modules) if code != source else {})


def _guard(code: str, *, judge_with_ast: bool, parse: ParseOnce) -> None:
    """The rendered text must parse; `ast` is the judge when it accepted the original."""
    try:
        if judge_with_ast:
            parse(code)
        else:
            cst.parse_module(code)
    except (SyntaxError, cst.ParserSyntaxError, ValueError) as exc:
        raise RenderGuardError(f"rewritten code does not parse: {exc}") from exc
