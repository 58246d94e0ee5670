"""Imports the rewrite adds go with the other imports, but never below a use of their name."""

from __future__ import annotations

import ast

from assistants_migrate.engine.imports import ImportSpec, edit_imports_text


def test_import_lands_before_the_first_module_level_use() -> None:
    code = (
        '"""Doc."""\n'
        "import os\n"
        "settings: Any = {}\n"
        "import json\n"
        "print(json, os)\n"
    )
    out = edit_imports_text(code, [ImportSpec("typing", "Any")], [], "\n")
    assert out is not None
    lines = out.splitlines()
    assert lines.index("from typing import Any") < lines.index("settings: Any = {}")
    exec(compile(ast.parse(out), "x", "exec"), {})  # no NameError at import time


def test_import_without_early_use_goes_after_the_last_import() -> None:
    code = "import os\nimport json\n\n\ndef f() -> None:\n    x: Any = json.loads(os.sep)\n"
    out = edit_imports_text(code, [ImportSpec("typing", "Any")], [], "\n")
    assert out is not None
    assert out.splitlines()[:3] == ["import os", "import json", "from typing import Any"]
