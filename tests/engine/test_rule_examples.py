"""Every rule's before/after examples are what the engine really produces (Fixit style)."""

from __future__ import annotations

import pathlib

import pytest

from assistants_migrate.engine.codemod import Options, index_facts
from assistants_migrate.engine.index import ProjectIndex, collect_file
from assistants_migrate.engine.registry import all_codemods
from assistants_migrate.engine.transform import transform_source
from assistants_migrate.engine.registry import catalogue
from assistants_migrate.findings import MARKER_PREFIX

from assistants_migrate import codemods
from assistants_migrate.codemods._provenance import INDEX_FACT as PROVENANCE

CODE_RULES = [r for r in catalogue().values() if r.surface in codemods.ORDER]
EXAMPLES = [(rule, i, ex) for rule in CODE_RULES for i, ex in enumerate(rule.examples)]


def test_every_code_rule_has_an_example() -> None:
    missing = [r.id for r in CODE_RULES if not r.examples]
    assert not missing


# Examples are documentation fragments: like the migration guide, they take `client` to be an
# OpenAI client made elsewhere. The project index of a fragment alone can't know that, so the
# test gives it the facts a real project would have (a client factory it imports) and checks
# the fragment's own text.
CLIENT_MODULE = "from openai import AsyncOpenAI, OpenAI\n\nclient = OpenAI()\nasync_client = AsyncOpenAI()\n"


def _project_with_client(source: str) -> ProjectIndex:
    modules = {"example": source, "example_clients": CLIENT_MODULE}
    facts = index_facts(all_codemods())
    per_kind = {fact.name: {key: collect_file(text, key, facts)[fact.name] for key, text in modules.items()}
                for fact in facts}
    # the fragment sees `client` as an import, `openai` as the module
    bindings = per_kind[PROVENANCE.name]["example"].bindings.setdefault((), {})
    bindings.setdefault("client", []).append(("import", "example_clients", "client"))
    bindings.setdefault("OpenAI", []).append(("class-ref", "OpenAI"))
    bindings.setdefault("openai", []).append(("module",))
    resolve = lambda _from, name: name if name in modules else None  # noqa: E731
    return ProjectIndex(facts={fact.name: fact.join(per_kind[fact.name], resolve) for fact in facts},
                        keys={str(pathlib.Path("example.py").resolve()): "example"})


@pytest.mark.parametrize(("rule", "index", "example"), EXAMPLES, ids=[f"{r.id}-{i}" for r, i, _ in EXAMPLES])
def test_example(rule, index, example) -> None:
    # like the snapshot cases, an example opts into `--configs assistant_configs` with a first-line comment
    uses_configs = example.before.startswith("# uses-configs")
    options = Options(configs_module="assistant_configs") if uses_configs else Options()
    result = transform_source(example.before, "example.py", all_codemods(), options,
                              project=_project_with_client(example.before))
    assert rule.id in {f.rule_id for f in result.findings}
    if example.after is not None:
        assert result.code == example.after
    elif not rule.autofix:  # a mark-only example: the site keeps its code and gets the rule's marker
        assert f"{MARKER_PREFIX} {rule.id} " in result.code
