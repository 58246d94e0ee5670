"""Comments (and notebook magics, which are masked as comments) are never dropped.

Codemods remove statements (a dead polling loop), fold them into others (a message
list read as `run.output_text`) or rebuild them from parts; any of these can lose the
comments the statement carried. The engine, not each codemod, puts them back:

- a statement that is replaced keeps the comments its replacement no longer has:
  they go above the (first) replacing statement;
- a statement that is removed leaves its comment lines (and the blank lines around
  them) in its place: above the next statement of its block, or at the block's end.
"""

from __future__ import annotations

import io
import tokenize
from collections import Counter
from collections.abc import Mapping, Sequence

import libcst as cst

_RENDER = cst.Module(body=[])


def comment_texts(nodes: Sequence[cst.CSTNode]) -> list[str]:
    """The comments in `nodes`, in source order."""
    texts: list[str] = []
    for node in nodes:
        code = _RENDER.code_for_node(node)
        if "#" not in code:
            continue  # the common case: nothing to tokenize
        try:
            texts.extend(
                token.string
                for token in tokenize.generate_tokens(io.StringIO(code).readline)
                if token.type == tokenize.COMMENT
            )
        except (tokenize.TokenError, SyntaxError):
            texts.extend(_walk_comments(node))
    return texts


def _walk_comments(node: cst.CSTNode) -> list[str]:
    out: list[str] = []
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, cst.Comment):
            out.append(current.value)
        else:
            stack.extend(reversed(current.children))
    return out


def missing(before: list[str], after: list[str]) -> list[str]:
    """Comments of `before` (in order) that `after` no longer has (counted as a multiset)."""
    left = Counter(after)
    lost = []
    for text in before:
        if left[text]:
            left[text] -= 1
        else:
            lost.append(text)
    return lost


def comment_lines(texts: Sequence[str]) -> list[cst.EmptyLine]:
    return [cst.EmptyLine(indent=True, comment=cst.Comment(text)) for text in texts]


def _removed(result: object) -> bool:
    return (
        isinstance(result, cst.RemovalSentinel)
        or (isinstance(result, cst.FlattenSentinel) and not result.nodes)
        or (isinstance(result, cst.SimpleStatementLine) and not result.body)
    )


class CommentKeeper:
    """Used by the engine's traversal: `statement_left` on every statement a codemod changed,
    `block_left` on every block (IndentedBlock, Module) before the codemods see it."""

    def __init__(self, lines: Sequence[str] = (), spans: Mapping[int, tuple[int, int, int, int]] | None = None) -> None:
        # the source's lines and the original statements' line spans: a statement whose lines hold
        # no `#` has no comment to lose, and finding that out costs no rendering
        self._lines = lines
        self._spans = spans or {}
        self.orphans: dict[int, list[cst.EmptyLine]] = {}  # id(removed original statement) -> its lines
        self._widths: dict[int, int] = {}  # id(original statement) -> statements it became, when not 1

    def statement_left(self, original: cst.CSTNode, result: object) -> object:
        """`result` with the comments of `original` it lost; a removal records them as orphans."""
        before = comment_texts([original]) if self._may_have_comments(original) else []
        if _removed(result):
            self._widths[id(original)] = 0
            if before:
                leading = list(getattr(original, "leading_lines", ()))
                inner = missing(before, [line.comment.value for line in leading if line.comment is not None])
                self.orphans[id(original)] = [*leading, *comment_lines(inner)]
            return cst.RemovalSentinel.REMOVE
        nodes = list(result.nodes) if isinstance(result, cst.FlattenSentinel) else [result]
        if len(nodes) != 1:
            self._widths[id(original)] = len(nodes)
        if not before:
            return result
        lost = missing(before, comment_texts(nodes))  # type: ignore[arg-type]
        first = nodes[0]
        if not lost or not hasattr(first, "leading_lines"):
            return result
        original_leading = list(getattr(original, "leading_lines", ()))
        leading_comments = [line.comment.value for line in original_leading if line.comment is not None]
        if not first.leading_lines and leading_comments and not missing(leading_comments, lost):
            # rebuilt without its leading lines: give it back the original ones, blank lines and all
            new_leading = [*original_leading, *comment_lines(missing(lost, leading_comments))]
        else:
            new_leading = [*first.leading_lines, *comment_lines(lost)]
        nodes[0] = first.with_changes(leading_lines=new_leading)  # type: ignore[attr-defined]
        return cst.FlattenSentinel(nodes) if isinstance(result, cst.FlattenSentinel) else nodes[0]

    def _may_have_comments(self, original: cst.CSTNode) -> bool:
        span = self._spans.get(id(original))
        if span is None:
            return True
        first, last = span[0], span[2]
        while first > 1 and (not self._lines[first - 2].strip() or self._lines[first - 2].lstrip().startswith("#")):
            first -= 1  # the comment lines above it belong to it
        return any("#" in line for line in self._lines[first - 1 : last])

    def block_left(self, original: cst.IndentedBlock | cst.Module, updated: cst.IndentedBlock | cst.Module):  # type: ignore[no-untyped-def]
        """Put the comment lines of statements removed from this block above the statement that
        now follows them (or at the block's end); an emptied block gets a `pass`."""
        if not self.orphans and updated.body:
            return updated
        inserts: list[tuple[int, list[cst.EmptyLine]]] = []
        position = 0
        for child in original.body:
            lines = self.orphans.pop(id(child), None)
            if lines:
                inserts.append((position, lines))
            position += self._widths.pop(id(child), 1)
        body = list(updated.body)
        if not inserts and body:
            return updated
        tail: list[cst.EmptyLine] = []
        for position, lines in inserts:
            if position < len(body):
                continue
            tail.extend(lines)
        for position, lines in reversed(inserts):
            if position < len(body):
                statement = body[position]
                body[position] = statement.with_changes(leading_lines=[*lines, *statement.leading_lines])
        if not body and isinstance(updated, cst.IndentedBlock):
            body = [cst.SimpleStatementLine(body=[cst.Pass()], leading_lines=tail)]
            tail = []
        return updated.with_changes(body=body, footer=[*tail, *updated.footer])

    def take_orphans(self, original: cst.CSTNode) -> list[cst.EmptyLine]:
        """The comment lines a removed statement left (for a caller that places them itself)."""
        self._widths.pop(id(original), None)
        return self.orphans.pop(id(original), [])


def render_lines(lines: Sequence[cst.EmptyLine], newline: str) -> str:
    """Comment lines at the top level, as text."""
    return cst.Module(body=[], header=list(lines), default_newline=newline).code
