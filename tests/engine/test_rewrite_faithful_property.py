"""Property: files built from fragments (comments between and inside statements, magics, CR/CRLF/LF,
a BOM, trailing whitespace, no final newline) around real Assistants call sites. After `rewrite`:
every comment and magic line of the input is in the output; lines outside rewritten statements are
unchanged, in order; the line endings are the input's; a second run changes nothing."""

from __future__ import annotations

import io
import json
import re
import tempfile
import tokenize
from collections import Counter
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistants_migrate.engine.pipeline import run

HEADER = ["import time", "from openai import OpenAI", "", "client = OpenAI()"]

comment_text = st.text(
    alphabet=st.sampled_from(list("abcdefghijklmnopqrstuvwxyz0123456789 _-.,:()'\"é")), min_size=0, max_size=20
)
trailing_ws = st.sampled_from(["", "", " ", "  ", "\t"])


@st.composite
def comment(draw, indent: str = "") -> str:  # type: ignore[no-untyped-def]
    return f"{indent}# {draw(comment_text)}".rstrip() + draw(trailing_ws)


@st.composite
def maybe_comments(draw, indent: str = "") -> list[str]:  # type: ignore[no-untyped-def]
    return draw(st.lists(comment(indent), max_size=2))


@st.composite
def trailing(draw) -> str:  # type: ignore[no-untyped-def]
    """Nothing, or a trailing comment on the statement's line."""
    return draw(st.one_of(st.just(""), comment().map(lambda c: "  " + c)))


@st.composite
def api_fragment(draw, n: int) -> list[str]:  # type: ignore[no-untyped-def]
    """Real call sites the codemods rewrite, with comments where a user puts them."""
    kind = draw(st.sampled_from(["thread", "vector_store", "poll", "poll_with_log", "messages_fold"]))
    if kind == "thread":
        return [*draw(maybe_comments()), f"thread{n} = client.beta.threads.create(){draw(trailing())}"]
    if kind == "vector_store":
        return [*draw(maybe_comments()), f'vs{n} = client.beta.vector_stores.create(name="docs"){draw(trailing())}']
    if kind in ("poll", "poll_with_log"):
        body = [
            *draw(maybe_comments("        ")),
            *(['        print("waiting")' + draw(trailing())] if kind == "poll_with_log" else []),
            f"        time.sleep(1){draw(trailing())}",
            *draw(maybe_comments("        ")),
            f"        run = client.beta.threads.runs.retrieve(thread_id=thread_id, run_id=run.id){draw(trailing())}",
        ]
        return [
            f"def wait{n}(thread_id):",
            f'    run = client.beta.threads.runs.create(thread_id=thread_id, assistant_id="asst_1"){draw(trailing())}',
            *draw(maybe_comments("    ")),
            f'    while run.status in ("queued", "in_progress"):{draw(trailing())}',
            *body,
            *draw(maybe_comments("    ")),
            "    return run.status",
        ]
    return [
        f"def answer{n}(thread_id):",
        f'    run = client.beta.threads.runs.create_and_poll(thread_id=thread_id, assistant_id="asst_1")',
        *draw(maybe_comments("    ")),
        f"    messages = client.beta.threads.messages.list(thread_id=thread_id){draw(trailing())}",
        *draw(maybe_comments("    ")),
        "    return messages.data[0].content[0].text.value",
    ]


@st.composite
def neutral_fragment(draw, n: int) -> list[str]:  # type: ignore[no-untyped-def]
    return draw(st.sampled_from([[f"x{n} = {n}"], [f'print("plain {n}")'], [""], [f"# about {n}"]])) + [
        draw(comment())
    ][: draw(st.integers(0, 1))]


@st.composite
def program(draw):  # type: ignore[no-untyped-def]
    """(lines, protected): the lines of a program and, per line, whether the rewrite must keep it
    as it is (a line of no Assistants statement, at the top level)."""
    lines = list(HEADER)
    protected = [False] * len(HEADER)  # imports may be added or dropped
    for n in range(draw(st.integers(1, 6))):
        fragment = draw(st.one_of(api_fragment(n), neutral_fragment(n)))
        is_api = "client.beta" in "".join(fragment)
        lines.append("")
        protected.append(False)  # blank lines between fragments may be given to the statement after them
        for line in fragment:
            lines.append(line)
            protected.append(not is_api and not line.startswith("#"))
    if draw(st.booleans()):  # trailing whitespace on code lines
        lines = [line + draw(trailing_ws) if line and not line.startswith("#") and not line.endswith(":") else line
                 for line in lines]
    return lines, protected


def _comments(code: str) -> Counter[str]:
    return Counter(t.string.rstrip() for t in tokenize.generate_tokens(io.StringIO(code).readline)
                   if t.type == tokenize.COMMENT)


def _is_subsequence(needles: list[str], haystack: list[str]) -> bool:
    it = iter(haystack)
    return all(any(line == other for other in it) for line in needles)


def _rewrite(path: Path) -> str:
    result = run([str(path)], mode="write", jobs=1)
    [file] = result.files
    assert file.status in ("changed", "unchanged", "skipped"), (file.status, file.reason, [f.message for f in file.findings])
    return file.status


@settings(max_examples=60, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(program(), st.sampled_from(["\n", "\r\n", "\r"]), st.booleans(), st.booleans())
def test_rewrite_keeps_comments_bytes_and_is_idempotent(prog, newline: str, bom: bool, final_newline: bool) -> None:
    lines, protected = prog
    text = newline.join(lines) + (newline if final_newline else "")
    raw = (b"\xef\xbb\xbf" if bom else b"") + text.encode()
    compile(text, "gen.py", "exec")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "gen.py"
        path.write_bytes(raw)
        _rewrite(path)
        out_raw = path.read_bytes()
        assert out_raw.startswith(b"\xef\xbb\xbf") == bom
        out = out_raw.decode("utf-8-sig")
        # every comment is still there (markers may be added)
        assert not _comments(text.replace("\r", "\n")) - _comments(out.replace("\r", "\n"))
        # the same line endings, and the same ending of the file
        assert set(re.findall(r"\r\n|\r|\n", out)) <= {newline}
        assert out.endswith(newline) == text.endswith(newline)
        # lines of no Assistants statement are byte for byte there, in order
        out_lines = re.split(r"\r\n|\r|\n", out)
        assert _is_subsequence([line for line, keep in zip(lines, protected) if keep], out_lines)
        # a second run changes nothing
        assert _rewrite(path) != "changed" and path.read_bytes() == out_raw


# -- notebooks: masked magics ------------------------------------------------------------------------

magic = st.sampled_from(["%time x = 1", "!ls data/", "%matplotlib inline", "%env KEY=value", "%who"])


@st.composite
def cell(draw, n: int) -> list[str]:  # type: ignore[no-untyped-def]
    lines: list[str] = []
    for part in draw(st.lists(st.one_of(api_fragment(n), neutral_fragment(n), magic.map(lambda m: [m])),
                              min_size=1, max_size=3)):
        lines.extend(part)
    return lines


@settings(max_examples=30, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.lists(st.integers(0, 10**6), min_size=1, max_size=4).flatmap(
    lambda seeds: st.tuples(*[cell(n) for n in range(len(seeds))])))
def test_notebook_magics_and_comments_survive(cells) -> None:  # type: ignore[no-untyped-def]
    sources = [HEADER, *cells]
    nb = {"cells": [{"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [],
                     "source": [line + "\n" for line in c[:-1]] + [c[-1]]} for c in sources],
          "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    text = json.dumps(nb, indent=1, ensure_ascii=False) + "\n"
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "gen.ipynb"
        path.write_text(text)
        _rewrite(path)
        out = json.loads(path.read_text())
        for before, after in zip(nb["cells"], out["cells"]):
            old, new = "".join(before["source"]), "".join(after["source"])
            old_magics = Counter(line.strip() for line in old.splitlines() if line.lstrip().startswith(("%", "!")))
            new_magics = Counter(line.strip() for line in new.splitlines() if line.lstrip().startswith(("%", "!")))
            assert old_magics == new_magics
            old_comments = Counter(line.strip() for line in old.splitlines() if line.lstrip().startswith("#"))
            new_comments = Counter(line.strip() for line in new.splitlines() if line.lstrip().startswith("#"))
            assert not old_comments - new_comments
            if "client.beta" not in old and before is not nb["cells"][0]:  # (imports are edited in the first)
                assert after == before  # untouched cells as they were
        written = path.read_bytes()
        assert _rewrite(path) != "changed" and path.read_bytes() == written
