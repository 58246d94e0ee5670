"""The project index: facts from one module steer the rewrite of another."""

from __future__ import annotations

import ast
import dataclasses
import pathlib
import re
import subprocess
import sys
import tempfile
import textwrap

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from assistants_migrate.codemods import _provenance as prov
from assistants_migrate.codemods import _tool_defs
from assistants_migrate.engine import index as project_index
from assistants_migrate.engine.codemod import index_facts
from assistants_migrate.engine.registry import all_codemods
from assistants_migrate.engine import pipeline


def _tree(tmp_path: pathlib.Path, files: dict[str, str]) -> pathlib.Path:
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip())
    return tmp_path


def _rewrite(tree: pathlib.Path) -> None:
    result = pipeline.run([str(tree)], mode="write", jobs=1)
    assert not any(r.status == "failed" for r in result.files), [r.reason for r in result.files]


def test_client_imported_from_a_project_module_is_provably_openai(tmp_path: pathlib.Path) -> None:
    tree = _tree(tmp_path, {
        "app/__init__.py": "",
        "app/clients.py": """
            from openai import OpenAI

            client = OpenAI()
        """,
        "app/chat.py": """
            from app.clients import client


            def start() -> str:
                return client.beta.threads.create().id
        """,
    })
    _rewrite(tree)
    assert "client.conversations.create()" in (tree / "app/chat.py").read_text()


def test_factory_in_another_module_and_a_parameter_its_callers_fill(tmp_path: pathlib.Path) -> None:
    tree = _tree(tmp_path, {
        "factory.py": """
            import openai


            def make_client():
                return openai.OpenAI()
        """,
        "worker.py": """
            def cleanup(client, thread_id):
                client.beta.threads.delete(thread_id)
        """,
        "main.py": """
            from factory import make_client
            from worker import cleanup

            cleanup(make_client(), "thread_1")
        """,
    })
    _rewrite(tree)
    assert "client.conversations.delete(" in (tree / "worker.py").read_text()


def test_the_same_parameter_alone_is_taken_as_the_client_with_a_note(tmp_path: pathlib.Path) -> None:
    """No caller in the project, the file imports openai, `.beta.threads.delete` is an SDK method:
    its caller is outside what the index sees, so the parameter is taken as the client."""
    tree = _tree(tmp_path, {
        "worker.py": """
            import openai


            def cleanup(client, thread_id):
                client.beta.threads.delete(thread_id)
        """,
    })
    result = pipeline.run([str(tree)], mode="write", jobs=1)
    text = (tree / "worker.py").read_text()
    assert "client.conversations.delete(thread_id)" in text and "TODO(" not in text
    assert [f.rule_id for f in result.findings if f.rule_id in ("AM010", "AM014")] == ["AM014"]


def test_a_parameter_with_a_lookalike_and_an_outside_value_is_not_proven(tmp_path: pathlib.Path) -> None:
    tree = _tree(tmp_path, {
        "worker.py": """
            import openai
            from vendor_sdk import connect


            class Local:
                pass


            def cleanup(client, thread_id):
                client.beta.threads.delete(thread_id)


            cleanup(Local(), "t")
            cleanup(connect(), "t")
        """,
    })
    _rewrite(tree)
    text = (tree / "worker.py").read_text()
    assert "client.beta.threads.delete(thread_id)" in text
    assert "TODO(assistants-migrate): AM010" in text


def test_outside_values_without_an_openai_import_are_still_only_marked(tmp_path: pathlib.Path) -> None:
    tree = _tree(tmp_path, {
        "manager.py": """
            from .utils import get_openai_client


            def cleanup(client, thread_id):
                client.beta.threads.delete(thread_id)


            def start():
                return get_openai_client().beta.threads.create()
        """,
    })
    _rewrite(tree)
    text = (tree / "manager.py").read_text()
    assert "client.beta.threads.delete(thread_id)" in text and "get_openai_client().beta.threads.create()" in text
    assert text.count("TODO(assistants-migrate): AM010") == 2


def test_outside_values_in_an_openai_file_are_traced_like_clients(tmp_path: pathlib.Path) -> None:
    """An imported factory from a module not in the project, a name imported from one, and what
    their calls return (a run whose status is tested) are all migrated together."""
    tree = _tree(tmp_path, {
        "routes.py": """
            from openai import OpenAI
            from execute_once import client
            from .utils import get_openai_client


            def ask(thread_id: str) -> str:
                run = client.beta.threads.runs.create_and_poll(thread_id=thread_id, assistant_id="asst_1")
                if run.status == "requires_action":
                    return "tools"
                return run.status


            def start() -> str:
                return get_openai_client().beta.threads.create().id
        """,
    })
    _rewrite(tree)
    text = (tree / "routes.py").read_text()
    assert ".beta." not in text and "client.responses.create(" in text
    assert 'any(item.type == "function_call" for item in run.output)' in text
    assert "get_openai_client().conversations.create().id" in text


def test_a_lookalike_passed_to_the_same_function_keeps_it_unproven(tmp_path: pathlib.Path) -> None:
    tree = _tree(tmp_path, {
        "worker.py": """
            import openai


            class Local:
                pass


            def cleanup(client, thread_id):
                client.beta.threads.delete(thread_id)


            cleanup(Local(), "t")
        """,
    })
    _rewrite(tree)
    text = (tree / "worker.py").read_text()
    assert "client.beta.threads.delete(thread_id)" in text
    assert "AM010" not in text  # every caller passes a project object: provably not OpenAI's


def test_a_file_passed_alone_still_works(tmp_path: pathlib.Path) -> None:
    tree = _tree(tmp_path, {"solo.py": """
        from openai import OpenAI

        client = OpenAI()
        thread = client.beta.threads.create()
    """})
    done = subprocess.run([sys.executable, "-m", "assistants_migrate", "rewrite", str(tree / "solo.py")],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode in (0, 1), done.stderr
    assert "client.conversations.create()" in (tree / "solo.py").read_text()


def test_created_configs_module_lands_where_the_project_imports_from(tmp_path: pathlib.Path) -> None:
    """assistant/ is a namespace package that main.py imports from: the module goes beside main.py."""
    tree = _tree(tmp_path, {
        "main.py": "from assistant.openai_assistant import ask\n\nprint(ask('hi'))\n",
        "assistant/openai_assistant.py": """
            import os

            from openai import OpenAI

            client = OpenAI()


            def ask(text: str) -> str:
                thread = client.beta.threads.create()
                run = client.beta.threads.runs.create_and_poll(thread_id=thread.id, assistant_id=os.environ["A"])
                return run.status
        """,
    })
    result = pipeline.run([str(tree)], mode="write", jobs=1)
    assert (tree / "assistant_configs.py").exists() and not (tree / "assistant" / "assistant_configs.py").exists()
    assert sum(1 for f in result.findings if not f.fixed and f.path.endswith("assistant_configs.py")) == 1


def test_a_client_set_by_an_init_function_through_global_and_the_client_alias(tmp_path: pathlib.Path) -> None:
    tree = _tree(tmp_path, {"app.py": """
        import openai

        client = None


        def init():
            global client
            client = openai.Client(api_key="x")


        def start():
            return client.beta.threads.create().id
    """})
    _rewrite(tree)
    assert "client.conversations.create().id" in (tree / "app.py").read_text()


def test_an_untraceable_threads_receiver_is_marked_even_without_an_openai_import(tmp_path: pathlib.Path) -> None:
    tree = _tree(tmp_path, {"service.py": """
        from platform_sdk import get_llm_client

        llm = get_llm_client()
        thread = llm.beta.threads.create()
    """})
    _rewrite(tree)
    text = (tree / "service.py").read_text()
    assert "llm.beta.threads.create()" in text and "TODO(assistants-migrate): AM010" in text


def test_clients_through_the_class_and_the_package_alias_and_unknown_methods(tmp_path: pathlib.Path) -> None:
    tree = _tree(tmp_path, {"bot.py": """
        import openai


        class Glados:
            def __init__(self) -> None:
                self.client = openai.OpenAI()


        def ask() -> None:
            thread = Glados.client.beta.threads.create()
            other = openai.Client().beta.threads.create()
            listed = Glados.client.beta.threads.list()
    """})
    _rewrite(tree)
    text = (tree / "bot.py").read_text()
    assert "Glados.client.conversations.create()" in text and "openai.Client().conversations.create()" in text
    assert "AM013" in text and "Glados.client.beta.threads.list()" in text  # threads.list never existed


def test_an_assistant_id_from_the_environment_indexes_the_created_configs_and_type_checks(
        tmp_path: pathlib.Path) -> None:
    """`os.getenv(...)` is `str | None`: the created module's keys take it as it is, so the run spreads a
    config mypy accepts (no index error, and no overload mismatch that an index error drags in)."""
    tree = _tree(tmp_path, {"app.py": """
        import os

        from openai import OpenAI

        client = OpenAI()


        def ask(thread_id: str) -> str:
            run = client.beta.threads.runs.create_and_poll(
                thread_id=thread_id, assistant_id=os.getenv("ASSISTANT_ID"), instructions="Be brief."
            )
            return run.status
    """})
    _rewrite(tree)
    assert 'ASSISTANT_CONFIGS[os.getenv("ASSISTANT_ID")]' in (tree / "app.py").read_text()
    checked = subprocess.run([sys.executable, "-m", "mypy", "--ignore-missing-imports", "--no-error-summary",
                              "app.py", "assistant_configs.py"], cwd=tree, capture_output=True, text=True, timeout=300)
    assert checked.returncode == 0, checked.stdout + checked.stderr


# -- what phase 1 keeps: only modules an import links to another project module ----------------------------------


def test_only_modules_an_import_links_are_kept(tmp_path: pathlib.Path) -> None:
    tree = _tree(tmp_path, {
        "app/__init__.py": "",
        "app/chat.py": "from .clients import client\n\nclient.beta.threads.create()\n",
        "app/clients.py": "from openai import OpenAI\n\nclient = OpenAI()\n",
        "main.py": "import tools.helper as helper\n\nhelper.make()\n",
        "scripts/other.py": "import json\n",
        "scripts/solo.py": "import openai\n\nclient = openai.OpenAI()\n",
        "tools/helper.py": "import openai\n\n\ndef make():\n    return openai.OpenAI()\n",  # a namespace package
    })
    paths = sorted(tree.rglob("*.py"))
    index = project_index.build(paths, [prov.INDEX_FACT])
    kept = {pathlib.Path(p).relative_to(tree.resolve()).as_posix() for p in index.keys}
    assert kept == {"app/chat.py", "app/clients.py", "main.py", "tools/helper.py"}
    assert sorted(index.get(prov.INDEX_FACT.name).modules) == sorted(index.keys.values())
    assert index.get(prov.INDEX_FACT.name).lookup("app.chat", (), "client") == "OpenAI"
    assert not index.covers(tree / "scripts/solo.py") and index.covers(tree / "app/clients.py")
    assert index.has_module("solo") and index.has_module("app.clients") and not index.has_module("clients")
    assert project_index.build(paths, [dataclasses.replace(prov.INDEX_FACT, linked=False)]).keys.keys() == {
        str(p.resolve()) for p in paths}


NAMES = ("alpha", "bravo", "charlie", "delta")


@st.composite
def module_source(draw, name: str) -> str:  # type: ignore[no-untyped-def]
    """A module that may make a client, hand it on, take one as a parameter, and import the others."""
    lines = [draw(st.sampled_from(["import openai", "from openai import OpenAI", "import json"]))]
    others = draw(st.lists(st.sampled_from([n for n in NAMES if n != name]), unique=True, max_size=2))
    for other in others:
        lines.append(draw(st.sampled_from([f"import {other}", f"from {other} import client, make, use",
                                           f"from {other} import make as {other}_make", f"from {other} import tool"])))
    lines += draw(st.lists(st.sampled_from([
        "client = openai.OpenAI()", "client = OpenAI()", "client = json.JSONDecoder()",
        "def make():\n    return openai.OpenAI()", "def make():\n    return client",
        "def use(c, t):\n    c.beta.threads.delete(t)\n    return c",
        "class Holder:\n    def __init__(self, c):\n        self.c = c",
        "held = Holder(client)", "made = make()", "used = use(made, 't')",
        "tool = {'type': 'function', 'function': {'name': 'add'}}",
        *(f"{other}.use({other}.make(), 't')" for other in others),
        *(f"{other}.use(client, 't')" for other in others),
        *(f"result = {other}.make()" for other in others),
    ]), max_size=6))
    return "\n".join(lines) + "\n"


QUERIES = [((), "client"), ((), "made"), ((), "used"), ((), "held.c"), ((), "result"), (("use",), "c"),
           (("Holder", "__init__"), "c"), (("Holder", "__init__"), "self.c"), (("make",), "client")]


FACTS = index_facts(all_codemods())


def _answers(index: project_index.ProjectIndex, path: pathlib.Path) -> list[object]:
    """What the rewrite of `path` would learn from `index` (or from the file alone, when left out)."""
    if not index.covers(path):
        index = project_index.single_file(ast.parse(path.read_text()), project_index.module_name(path), FACTS)
    provenance = index.get(prov.INDEX_FACT.name)
    module = index.key_of(path)
    return [provenance.touches_openai(module), index.get(_tool_defs.INDEX_FACT.name).get(module),
            *(provenance.lookup(module, scope, name) for scope, name in QUERIES),
            *(provenance.call_result(module, (), callee) for callee in ("make", "use", *(f"{n}.make" for n in NAMES))),
            *(provenance.function_of(module, (), ("name", callee)) for callee in ("make", "use", "Holder"))]


def test_every_fact_the_codemods_declare_is_linked() -> None:
    """A fact that is not `linked` makes phase 1 keep every module's facts: memory grows with the tree
    again (bench/diff_memory.py). Declare it linked when its join resolves only what imports name."""
    assert [fact.name for fact in FACTS if not fact.linked] == []


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(NAMES), min_size=1, max_size=4, unique=True).flatmap(
    lambda names: st.tuples(*(module_source(n) for n in names)).map(lambda sources: dict(zip(names, sources)))))
def test_leaving_unlinked_modules_out_changes_no_answer(modules: dict[str, str]) -> None:
    """Every lookup the rewrite makes gets the same answer from the index that keeps every module."""
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for name, source in modules.items():
            paths.append(pathlib.Path(tmp) / f"{name}.py")
            paths[-1].write_text(source)
        linked = project_index.build(paths, FACTS)
        everything = project_index.build(paths, [dataclasses.replace(fact, linked=False) for fact in FACTS])
        for path in paths:
            assert _answers(linked, path) == _answers(everything, path), path.name


def test_attributes_of_project_class_instances_are_what_the_class_binds(tmp_path: pathlib.Path) -> None:
    tree = _tree(tmp_path, {"bot.py": """
        import openai


        class Assistant:
            def __init__(self) -> None:
                self.client = openai.OpenAI()


        class Coder:
            def __init__(self) -> None:
                self.agent = Assistant()

            def start(self) -> str:
                return self.agent.client.beta.threads.create().id


        def main() -> None:
            glados = Assistant()
            thread = glados.client.beta.threads.create()
            print(thread.id)
    """})
    _rewrite(tree)
    text = (tree / "bot.py").read_text()
    assert "self.agent.client.conversations.create().id" in text
    assert "glados.client.conversations.create()" in text and "TODO(" not in text


def test_vector_stores_on_a_value_from_outside_without_an_openai_import_are_marked(tmp_path: pathlib.Path) -> None:
    tree = _tree(tmp_path, {"stores.py": """
        from .utils import get_openai_client


        async def make(name: str):
            return await get_openai_client().beta.vector_stores.create(name=name)
    """})
    _rewrite(tree)
    text = (tree / "stores.py").read_text()
    assert "get_openai_client().beta.vector_stores.create(name=name)" in text
    assert "TODO(assistants-migrate): AM010" in text


@given(st.lists(st.sampled_from([b"import", b"from", b" ", b"\n", b".", b",", b"(", b"#", b"app", b"clients", b"x_1",
                                 b"fromage", b"reimport", b"app_clients", b"__init__"]), max_size=14).map(b"".join),
       st.sets(st.sampled_from(["app/clients.py", "app/__init__.py", "x_1.py", "other/x_1.py"]), max_size=3))
@example(b"import x_1.from clients", {"app/clients.py"})  # a `from` inside the name after an `import`
@example(b"from . import (\n  clients)", {"app/clients.py"})  # neither finds a name on a later line
def test_importers_test_finds_what_a_pattern_of_the_names_finds(data: bytes, files: set[str]) -> None:
    """The test phase 1 runs over the files the prefilter skipped agrees with one regular expression of
    every candidate's name (what it replaced: compiling that took seconds for 10,000 candidates)."""
    paths = [pathlib.Path("/project", f) for f in sorted(files)]
    names = sorted({project_index.last_part(p).encode() for p in paths})
    pattern = re.compile(rb"\b(?:import|from)\s+[\w.]*?\b(?:" + b"|".join(map(re.escape, names)) + rb")\b")
    assert project_index.importers_test(paths)(data) == bool(names and pattern.search(data))
