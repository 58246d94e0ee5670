"""The codemods of a run, in the fixed order `assistants_migrate.codemods.ORDER` gives,
and the prefilter their declared triggers make."""

from __future__ import annotations

import importlib
from functools import lru_cache
from typing import TYPE_CHECKING

from assistants_migrate.engine.prefilter import Prefilter

if TYPE_CHECKING:
    from assistants_migrate.engine.codemod import Codemod
    from assistants_migrate.findings import Rule


@lru_cache(maxsize=1)
def all_codemods() -> tuple[type[Codemod], ...]:
    from assistants_migrate import codemods

    classes = []
    for name in codemods.ORDER:
        module = importlib.import_module(f"assistants_migrate.codemods.{name}")
        classes.append(module.CODEMOD)
    return tuple(classes)


@lru_cache(maxsize=1)
def prefilter() -> Prefilter:
    """Built from data alone: neither libcst nor a codemod module is imported."""
    from assistants_migrate.codemods import triggers

    return Prefilter(triggers.ASSISTANTS_ONLY, triggers.PACKAGE, triggers.API_WORDS)


def catalogue() -> dict[str, Rule]:
    """Every rule, by id: the engine's, each codemod's (registered as they are imported) and the data
    rules of the exporter. Assembled here, by what loads the codemods, so findings.py imports none."""
    from assistants_migrate.engine import rules as _engine_rules  # noqa: F401
    from assistants_migrate.findings import CATALOGUE

    all_codemods()
    from assistants_migrate.export import rules as _export_rules  # noqa: F401

    return dict(sorted(CATALOGUE.items()))
