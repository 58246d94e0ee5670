"""Vector stores moved off `beta`: `client.beta.vector_stores...` -> `client.vector_stores...`.

openai 1.66.0 moved the whole surface (files, file_batches, the `*_and_poll` and
`upload*` helpers) to `client.vector_stores` and removed the beta path with no alias;
the signatures stayed the same, so the rewrite is a pure path change. The type
modules moved the same way: `openai.types.beta.vector_store*` -> `openai.types.*`.
"""

from __future__ import annotations

import libcst as cst

from assistants_migrate.codemods._receivers import dotted_name, is_openai_client, strip_beta
from assistants_migrate.engine.codemod import Codemod
from assistants_migrate.findings import Effort, Example, Rule, Severity, register

BETA_PATH = "AM101"
BETA_TYPES = "AM102"

# Names that openai.types.beta exported before 1.66 and openai.types exports now.
MOVED_TYPE_NAMES = frozenset(
    {
        "VectorStore",
        "VectorStoreDeleted",
        "VectorStoreCreateParams",
        "VectorStoreListParams",
        "VectorStoreUpdateParams",
        "FileChunkingStrategy",
        "FileChunkingStrategyParam",
        "AutoFileChunkingStrategyParam",
        "StaticFileChunkingStrategy",
        "StaticFileChunkingStrategyParam",
        "StaticFileChunkingStrategyObject",
        "OtherFileChunkingStrategyObject",
    }
)


def _moved_module(name: str) -> bool:
    """A submodule of openai.types.beta that now lives in openai.types."""
    return name.startswith("vector_store") or "chunking_strategy" in name


RULES = register(
    Rule(
        id=BETA_PATH,
        title="`beta.vector_stores` moved to `vector_stores`",
        severity=Severity.NOTE,
        why="openai 1.66.0 moved vector stores out of `beta` and removed the old path; on current SDKs "
        "`client.beta.vector_stores` raises AttributeError.",
        what_to_do="Use `client.vector_stores` (same methods, same arguments).",
        autofix=True,
        effort=Effort.S,
        surface="vector_stores",
        examples=(
            Example(
                before="vs = client.beta.vector_stores.create(name='docs')\n",
                after="vs = client.vector_stores.create(name='docs')\n",
            ),
            Example(
                before="batch = await client.beta.vector_stores.file_batches.upload_and_poll(vector_store_id=vs.id, files=fs)\n",
                after="batch = await client.vector_stores.file_batches.upload_and_poll(vector_store_id=vs.id, files=fs)\n",
            ),
            Example(
                before="openai.beta.vector_stores.files.create_and_poll(file_id, vector_store_id=vs_id)\n",
                after="openai.vector_stores.files.create_and_poll(file_id, vector_store_id=vs_id)\n",
            ),
        ),
    ),
    Rule(
        id=BETA_TYPES,
        title="Vector store types moved from `openai.types.beta` to `openai.types`",
        severity=Severity.NOTE,
        why="The vector store types moved with the resource in openai 1.66.0; the beta modules no longer exist.",
        what_to_do="Import them from `openai.types` (same names, same shapes).",
        autofix=True,
        effort=Effort.S,
        surface="vector_stores",
        examples=(
            Example(
                before="from openai.types.beta import VectorStore\n",
                after="from openai.types import VectorStore\n",
            ),
            Example(
                before="from openai.types.beta.vector_stores import VectorStoreFile\n",
                after="from openai.types.vector_stores import VectorStoreFile\n",
            ),
        ),
    ),
)


class VectorStoresCodemod(Codemod):
    RULES = RULES
    HOT_WORDS = ("beta", "vector_stores")

    _in_import = False  # module paths of imports are handled whole, by leave_ImportFrom

    def visit_ImportFrom(self, node: cst.ImportFrom) -> None:
        self._in_import = True

    def leave_Attribute(self, original_node: cst.Attribute, updated_node: cst.Attribute) -> cst.BaseExpression:
        value = updated_node.value
        if self._in_import:
            return updated_node
        if updated_node.attr.value == "vector_stores" and isinstance(value, cst.Attribute) and value.attr.value == "beta" \
                and is_openai_client(original_node.value.value, ("beta", "vector_stores")):  # type: ignore[attr-defined]
            self.report(BETA_PATH)
            return updated_node.with_changes(value=strip_beta(value))
        return updated_node

    def leave_ImportFrom(
        self, original_node: cst.ImportFrom, updated_node: cst.ImportFrom
    ) -> cst.ImportFrom | cst.FlattenSentinel[cst.BaseSmallStatement]:
        self._in_import = False
        module = dotted_name(updated_node.module) if updated_node.module is not None else None
        if module is None or updated_node.relative:
            return updated_node
        parts = module.split(".")
        if parts[:3] == ["openai", "types", "beta"] and len(parts) > 3 and _moved_module(parts[3]):
            self.report(BETA_TYPES)
            return updated_node.with_changes(module=cst.parse_expression(".".join(["openai", "types", *parts[3:]])))
        if parts != ["openai", "types", "beta"] or isinstance(updated_node.names, cst.ImportStar):
            return updated_node
        moved = [a for a in updated_node.names if dotted_name(a.name) in MOVED_TYPE_NAMES]
        if not moved:
            return updated_node
        self.report(BETA_TYPES)
        kept = [a for a in updated_node.names if a not in moved]
        new_import = cst.ImportFrom(
            module=cst.parse_expression("openai.types"),
            names=[a.with_changes(comma=cst.MaybeSentinel.DEFAULT) for a in moved],
        )
        if not kept:
            return updated_node.with_changes(module=new_import.module, names=new_import.names)
        kept_import = updated_node.with_changes(
            names=[a.with_changes(comma=cst.MaybeSentinel.DEFAULT) for a in kept], lpar=None, rpar=None
        )
        self._split_lines = True
        return cst.FlattenSentinel([kept_import, new_import])

    _split_lines = False

    def leave_SimpleStatementLine(
        self, original_node: cst.SimpleStatementLine, updated_node: cst.SimpleStatementLine
    ) -> cst.SimpleStatementLine | cst.FlattenSentinel[cst.SimpleStatementLine]:
        """Give each import a split import produced its own line (not `a; b`)."""
        if not self._split_lines or len(updated_node.body) < 2:
            return updated_node
        self._split_lines = False
        first, *rest = updated_node.body
        lines = [updated_node.with_changes(body=[first.with_changes(semicolon=cst.MaybeSentinel.DEFAULT)])]
        lines += [cst.SimpleStatementLine(body=[s.with_changes(semicolon=cst.MaybeSentinel.DEFAULT)]) for s in rest]
        return cst.FlattenSentinel(lines)


CODEMOD = VectorStoresCodemod
