"""The codemods of a run, in the fixed order `assistants_migrate.codemods.ORDER` gives."""

from __future__ import annotations

import importlib
from functools import lru_cache

from assistants_migrate.engine.codemod import Codemod


@lru_cache(maxsize=1)
def all_codemods() -> tuple[type[Codemod], ...]:
    from assistants_migrate import codemods

    classes = []
    for name in codemods.ORDER:
        module = importlib.import_module(f"assistants_migrate.codemods.{name}")
        classes.append(module.CODEMOD)
    return tuple(classes)
