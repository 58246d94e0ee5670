"""Any file CPython compiles is handled, however deep; errors CPython reports carry its line."""

from __future__ import annotations

from pathlib import Path

from tests.engine.conftest import run_json

HEAD = "from openai import OpenAI\nclient = OpenAI()\n"
ELIF_CHAIN = HEAD + "def f(x):\n    if x == 0:\n        return client.beta.threads.create()\n" + "".join(
    f"    elif x == {i}:\n        return {i}\n" for i in range(1, 600)
)
NESTED = HEAD + "def g(x):\n" + "".join("    " * (i + 1) + f"if x > {i}:\n" for i in range(98)) + \
    "    " * 99 + "return client.beta.threads.create()\n"


def test_long_elif_chains_and_deep_nesting_are_rewritten(project: Path) -> None:
    for name, source in (("elif600.py", ELIF_CHAIN), ("nested98.py", NESTED)):
        compile(source, name, "exec")  # CPython takes both
        (project / name).write_text(source)
    # two files: the worker processes of the pool handle them, and the project index reads both
    code, data = run_json("rewrite", "--jobs", "2", ".", cwd=project)
    assert code == 0, data
    assert {f["path"]: f["status"] for f in data["files"]} == {"elif600.py": "changed", "nested98.py": "changed"}
    assert (project / "elif600.py").read_text() == ELIF_CHAIN.replace("beta.threads", "conversations")
    assert (project / "nested98.py").read_text() == NESTED.replace("beta.threads", "conversations")


def test_tab_error_and_nul_byte_are_reported_at_their_line(project: Path) -> None:
    (project / "tabs.py").write_text(HEAD + "def h():\n    x = 1\n\ty = client.beta.threads.create()\n")
    (project / "nul.py").write_bytes((HEAD + "x = 1\ny = '\0'\nclient.beta.threads.create()\n").encode())
    _, data = run_json("rewrite", ".", cwd=project)
    found = {f["path"]: (f["rule_id"], f["line"], f["message"]) for f in data["findings"]}
    assert found["tabs.py"][:2] == ("AM001", 5) and "TabError" in found["tabs.py"][2]
    assert found["nul.py"][:2] == ("AM001", 4) and "NUL" in found["nul.py"][2]
    assert (project / "nul.py").read_bytes().count(b"\0") == 1  # left as it was
