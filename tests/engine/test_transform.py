"""The engine on its own, with a small codemod defined here: fragment parsing and splicing,
markers, findings positions, and import edits must behave exactly like a whole-file run."""

from __future__ import annotations

import libcst as cst
import pytest

from assistants_migrate.engine.codemod import Codemod
from assistants_migrate.engine.transform import transform_source
from assistants_migrate.findings import Effort, Rule, Severity, register

RENAME, LEGACY = "AM981", "AM982"
register(
    Rule(RENAME, "old_api() is new_api()", Severity.NOTE, "test", "test", True, Effort.S, "engine-test"),
    Rule(LEGACY, "legacy() needs a human", Severity.WARNING, "test", "test", False, Effort.M, "engine-test"),
)


class Renamer(Codemod):
    """old_api() -> new_api() (imports it from newlib, drops oldlib); legacy() gets a marker;
    a `drop_me()` statement is removed; `split_me()` becomes two statements; `rebuild_me(...)`
    is rebuilt from its argument values (the comments between them are not carried)."""

    TRIGGERS = (rb"old_api|legacy|drop_me|split_me|rebuild_me",)
    HOT_WORDS = ("old_api", "legacy", "drop_me", "split_me", "rebuild_me")

    def leave_SimpleStatementLine(self, original_node, updated_node):  # noqa: N802
        bare = updated_node.with_changes(leading_lines=[], trailing_whitespace=cst.TrailingWhitespace())
        code = cst.Module(body=[bare]).code.strip()
        if code == "drop_me()":
            return cst.RemoveFromParent()
        if code == "split_me()":
            first = cst.parse_statement("first()\n").with_changes(leading_lines=updated_node.leading_lines)
            return cst.FlattenSentinel([first, cst.parse_statement("second()\n")])
        return updated_node

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.Call:
        if isinstance(updated_node.func, cst.Name) and updated_node.func.value == "rebuild_me":
            return cst.Call(cst.Name("rebuilt"), [cst.Arg(a.value) for a in updated_node.args])
        if isinstance(updated_node.func, cst.Name) and updated_node.func.value == "old_api":
            self.report(RENAME)
            self.add_import("newlib", "new_api")
            self.remove_import("oldlib", "old_api")
            return updated_node.with_changes(func=cst.Name("new_api"))
        if isinstance(updated_node.func, cst.Name) and updated_node.func.value == "legacy":
            self.todo(LEGACY, "call the new thing instead")
        return updated_node


def run(source: str, *, skip_cold: bool = True):
    return transform_source(source, "t.py", [Renamer], skip_cold=skip_cold)


BIG_COLD = "".join(f"def cold_{i}(x):\n    # unrelated\n    return x + {i}\n\n\n" for i in range(30))

CASES = {
    "fragment": "from oldlib import old_api\nimport os\n\n" + BIG_COLD + "def hot():\n    return old_api(1)\n",
    "no_newline_at_eof": BIG_COLD + "value = old_api(2)",
    "semicolons": BIG_COLD + "a = 1; b = old_api(a)\nc = 3\n",
    "decorated": BIG_COLD + "@decorator(\n    old_api(0)\n)\ndef f():\n    pass\n",
    "crlf": (BIG_COLD + "x = old_api(1)\nlegacy()\n").replace("\n", "\r\n"),
    "marker_in_nested_block": BIG_COLD + "class A:\n    def m(self):\n        if True:\n            legacy()  # keep me\n",
    "comments_between": BIG_COLD + "# a comment about x\nx = old_api(1)  # trailing\n\n# tail comment\n",
    "form_feed": "\x0c\n" + BIG_COLD + "x = old_api(1)\n",
    "small_file": "from oldlib import old_api\nold_api(1)\n",
    "removal_keeps_docstring": '"""Module docstring."""\n# about drop\ndrop_me()\n' + BIG_COLD + "# about the tail\ndrop_me()\nx = 1\n",
    "flatten": '"""Doc."""\n' + BIG_COLD + "# lead comment\nsplit_me()\n",
    "removal_keeps_comments": BIG_COLD + "# about drop\ndrop_me()  # trailing\nx = 1\n\ndef f():\n    # inner\n"
    "    drop_me()  # t2\n    return 1\n\ndef g():\n    y = 2\n    # last\n    drop_me()\n\ndef h():\n    # only\n"
    "    drop_me()\n\n# top tail\ndrop_me()\n",
    "removal_at_end_without_newline": BIG_COLD + "x = 1\n# gone\ndrop_me()  # t",
    "rebuilt_call_keeps_comments": BIG_COLD + "def f():\n    # lead\n    return rebuild_me(\n        1,  # first\n"
    "        # second\n        2,\n    )  # after\n",
    "indented_blank_line_after_block": BIG_COLD + "for i in x:\n    old_api(i)\n    \ny = old_api  # hot, unchanged\n",
    "indented_blank_line_before_cold": BIG_COLD + "if a:\n    old_api(1)\n    \nz = 3\n",
    "name_propagation": BIG_COLD + "def f():\n    fn = old_api\n    return fn\n\ndef g():\n    fn = 1\n    return fn\n",
}


@pytest.mark.parametrize("name", CASES)
def test_fragment_equals_whole_file(name: str) -> None:
    source = CASES[name]
    fast, full = run(source), run(source, skip_cold=False)
    assert fast.code == full.code
    assert [(f.rule_id, f.line, f.column, f.end_line) for f in fast.findings] == [
        (f.rule_id, f.line, f.column, f.end_line) for f in full.findings
    ]
    assert run(fast.code).code == fast.code  # idempotent


def test_splice_keeps_everything_else_byte_for_byte() -> None:
    result = run(CASES["comments_between"])
    assert result.code == CASES["comments_between"].replace("x = old_api(1)", "x = new_api(1)").replace(
        BIG_COLD, "from newlib import new_api\n" + BIG_COLD, 1
    )


def test_markers_and_positions() -> None:
    source = CASES["marker_in_nested_block"]
    result = run(source)
    assert "            # TODO(assistants-migrate): AM982 call the new thing instead\n            legacy()  # keep me\n" in result.code
    [finding] = result.findings
    line = source.splitlines().index("            legacy()  # keep me") + 1
    assert (finding.line, finding.column, finding.snippet) == (line, 13, "            legacy()  # keep me")
    assert run(result.code).code == result.code
    assert [f.rule_id for f in run(result.code).findings] == [LEGACY]  # still reported, marker not repeated


def test_crlf_and_missing_final_newline_survive() -> None:
    result = run(CASES["crlf"])
    assert "\r\n# TODO(assistants-migrate): AM982 call the new thing instead\r\nlegacy()\r\n" in result.code
    assert "\n" not in result.code.replace("\r\n", "")
    assert run(CASES["no_newline_at_eof"]).code.endswith("value = new_api(2)")


def test_import_edits() -> None:
    source = '"""doc"""\nfrom oldlib import old_api, other\nimport os\n\nold_api(other)\n'
    assert run(source).code == '"""doc"""\nfrom oldlib import other\nimport os\nfrom newlib import new_api\n\nnew_api(other)\n'
    # still used elsewhere: the old import stays; already imported: not added twice
    source = "from newlib import new_api\nfrom oldlib import old_api\nold_api(1)\nf = old_api\n"
    out = run(source).code
    assert out.count("from newlib import new_api") == 1 and "from oldlib import old_api" in out


def test_cold_statements_are_not_visited() -> None:
    """Visiting only hot statements is the point: a cold call is never seen."""
    seen: list[str] = []

    class Spy(Renamer):
        def visit_Call(self, node: cst.Call) -> None:
            if isinstance(node.func, cst.Name):
                seen.append(node.func.value)

    transform_source(BIG_COLD + "print(len('x'))\nold_api(1)\n", "t.py", [Spy])
    assert seen == ["old_api"]


def test_removing_two_whole_import_statements() -> None:
    from assistants_migrate.engine.imports import ImportSpec, remove_imports

    module = cst.parse_module("from a import x\nfrom b import y\nimport c\nprint(c)\n")
    out = remove_imports(module, [ImportSpec("a", "x"), ImportSpec("b", "y"), ImportSpec("c")])
    assert out.code == "import c\nprint(c)\n"


def test_removal_and_flatten_in_fragment_mode() -> None:
    out = run(CASES["removal_keeps_docstring"]).code
    assert out.startswith('"""Module docstring."""\n')
    assert "drop_me" not in out and out.endswith("x = 1\n")
    assert run(CASES["flatten"]).code.endswith("\n\n\n# lead comment\nfirst()\nsecond()\n")


def _comments(code: str) -> list[str]:
    import io
    import tokenize

    return sorted(t.string for t in tokenize.generate_tokens(io.StringIO(code).readline) if t.type == tokenize.COMMENT)


@pytest.mark.parametrize("name", ["removal_keeps_comments", "removal_at_end_without_newline", "rebuilt_call_keeps_comments"])
def test_removed_and_rebuilt_statements_keep_their_comments(name: str) -> None:
    source = CASES[name]
    out = run(source).code
    assert "drop_me" not in out and "rebuild_me" not in out
    assert _comments(out) == _comments(source)


def test_removed_statements_comments_stay_in_place() -> None:
    out = run(CASES["removal_keeps_comments"]).code
    assert out.endswith("# about drop\n# trailing\nx = 1\n\ndef f():\n    # inner\n    # t2\n    return 1\n\n"
                        "def g():\n    y = 2\n    # last\n\ndef h():\n    # only\n    pass\n\n# top tail\n")
    assert run(CASES["removal_at_end_without_newline"]).code.endswith("x = 1\n# gone\n# t")
    assert "    # lead\n    # first\n    # second\n    return rebuilt(1, 2)  # after\n" in run(
        CASES["rebuilt_call_keeps_comments"]).code


def test_a_removed_import_leaves_its_comments() -> None:
    from assistants_migrate.engine.imports import ImportSpec, edit_imports_text, remove_imports

    source = "# for the old API\nfrom oldlib import old_api  # pinned\nimport os\nprint(os)\n"
    expected = "# for the old API\n# pinned\nimport os\nprint(os)\n"
    assert remove_imports(cst.parse_module(source), [ImportSpec("oldlib", "old_api")]).code == expected
    assert edit_imports_text(source, [], [ImportSpec("oldlib", "old_api")], "\n") == expected
    assert run(source.replace("print(os)", "old_api(os)")).code == (
        "# for the old API\n# pinned\nimport os\nfrom newlib import new_api\nnew_api(os)\n")


HOT = "from oldlib import old_api\n"


@pytest.mark.parametrize(
    "source",
    [
        HOT + "for i in x:\n    old_api(i)\n    \ny = 2\n",  # the block owns its indented blank line
        HOT + "x = 1\ndrop_me()\ny = 2\n",
        HOT + "# head\n\n# first\nold_api(1)\n\n# tail\n",
        HOT + "split_me()\nold_api(3)\n",
        HOT + "old_api(1)\nx = old_api(2)",  # no final newline
        HOT + "if a:\n    old_api(1)\n\n# end",
        HOT + "old_api(1)\n\n        ",
    ],
)
def test_whole_file_mode_renders_only_what_changed_and_equals_a_full_render(source: str, monkeypatch) -> None:
    """Small files are parsed whole; their changed statements are spliced like fragments."""
    from assistants_migrate.engine import transform

    spliced = run(source, skip_cold=False).code
    monkeypatch.setattr(transform, "_rendered_ranges", lambda *args: None)  # forces module.code
    assert spliced == run(source, skip_cold=False).code


def test_walk_equals_libcst_visit(monkeypatch) -> None:
    """The engine's traversal skips punctuation and keeps unchanged nodes; libcst's own gives the same."""
    from assistants_migrate.engine.transform import BatchedTransformer

    ours = {name: (run(src).code, [f.sort_key() for f in run(src).findings]) for name, src in CASES.items()}
    monkeypatch.setattr(BatchedTransformer, "walk", lambda self, module: module.visit(self))
    theirs = {name: (run(src).code, [f.sort_key() for f in run(src).findings]) for name, src in CASES.items()}
    assert ours == theirs


class _Recorder(cst.CSTVisitor):
    """Records every visit and leave it is called for; skips the inside of lambdas (a False visit)."""

    def __init__(self) -> None:
        super().__init__()
        self.calls: list[tuple[str, str]] = []

    def visit_Name(self, node: cst.Name) -> None:
        self.calls.append(("visit", node.value))

    def leave_Name(self, original_node: cst.Name) -> None:
        self.calls.append(("leave", original_node.value))

    def visit_Call(self, node: cst.Call) -> None:
        self.calls.append(("call", cst.Module([]).code_for_node(node.func)))

    def visit_Lambda(self, node: cst.Lambda) -> bool:
        self.calls.append(("lambda", ""))
        return False

    def leave_FunctionDef(self, original_node: cst.FunctionDef) -> None:
        self.calls.append(("def", original_node.name.value))


def _snapshot_sources() -> list:
    from pathlib import Path

    root = Path(__file__).resolve().parents[1] / "codemods"
    return sorted(root.glob("*/*.py")) + sorted(root.glob("*/snapshots/*/after.py"))


_VARIED = """\
@decorate(lambda x: x + y, key=lambda: z)
async def f(a, *b, c=d, **e) -> g:
    async with h() as (i, j):
        k = [m(n) for n in o if p(n)]
        await q(f"{r!r:>{s}}", *t, **u)
    match v:
        case {"w": w1, **rest} if w1:
            return (lambda: w1)()
    try:
        x1 = y1[1:2, ::3]
    except* E as err:
        del err
"""


@pytest.mark.parametrize("path", [None, *_snapshot_sources()], ids=lambda p: f"{p.parent.name}/{p.stem}" if p else "varied")
def test_fast_visit_calls_a_visitor_as_libcst_does(path) -> None:
    """`fast_visit` must call a read-only visitor exactly as `node.visit` does: same calls, same order,
    a False visit skipping the children."""
    from assistants_migrate.engine.transform import fast_visit

    module = cst.parse_module(path.read_text(encoding="utf-8") if path else _VARIED)
    by_libcst, by_engine = _Recorder(), _Recorder()
    module.visit(by_libcst)
    fast_visit(module, by_engine)
    assert by_engine.calls == by_libcst.calls
    assert by_libcst.calls  # the case has names to visit


def test_fast_visit_leaves_visitors_it_cannot_stand_in_for_to_libcst() -> None:
    """A visitor hooking whitespace nodes or attributes is visited by libcst itself (same result)."""
    from assistants_migrate.engine.transform import fast_visit

    class Comments(cst.CSTVisitor):
        def __init__(self) -> None:
            super().__init__()
            self.found: list[str] = []

        def visit_Comment(self, node: cst.Comment) -> None:
            self.found.append(node.value)

    visitor = Comments()
    fast_visit(cst.parse_module("x = 1  # one\n# two\ny = f(x)  # three\n"), visitor)
    assert visitor.found == ["# one", "# two", "# three"]
