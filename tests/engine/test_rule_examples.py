"""Every rule's before/after examples are what the engine really produces (Fixit style)."""

from __future__ import annotations

import pytest

from assistants_migrate.engine.codemod import Options
from assistants_migrate.engine.registry import all_codemods
from assistants_migrate.engine.transform import transform_source
from assistants_migrate.findings import MARKER_PREFIX, load_all_rules

from assistants_migrate import codemods

CODE_RULES = [r for r in load_all_rules().values() if r.surface in codemods.ORDER]
EXAMPLES = [(rule, i, ex) for rule in CODE_RULES for i, ex in enumerate(rule.examples)]


def test_every_code_rule_has_an_example() -> None:
    missing = [r.id for r in CODE_RULES if not r.examples]
    assert not missing


@pytest.mark.parametrize(("rule", "index", "example"), EXAMPLES, ids=[f"{r.id}-{i}" for r, i, _ in EXAMPLES])
def test_example(rule, index, example) -> None:
    # like the snapshot cases, an example opts into `--configs assistant_configs` with a first-line comment
    uses_configs = example.before.startswith("# uses-configs")
    options = Options(configs_module="assistant_configs") if uses_configs else Options()
    result = transform_source(example.before, "example.py", all_codemods(), options)
    assert rule.id in {f.rule_id for f in result.findings}
    if example.after is not None:
        assert result.code == example.after
    elif not rule.autofix:  # a mark-only example: the site keeps its code and gets the rule's marker
        assert f"{MARKER_PREFIX} {rule.id} " in result.code
