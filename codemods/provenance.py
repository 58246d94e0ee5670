"""Provenance gate: only receivers that come from the openai package are rewritten.

This codemod runs first in every file. It points the shared receiver helpers
(`_receivers.beta_chain`, `_receivers.origin`) at this file's provenance answers, so
every other codemod sees a `.beta.threads` chain only when its receiver is an OpenAI
client. A chain on a receiver that can't be traced (an unannotated parameter no caller
in the project passes a client to, an attribute of one) in a file that uses openai gets
one marker and is left as it is; in a file that never touches openai it is not ours and
is left alone silently.
"""

from __future__ import annotations

import libcst as cst

from assistants_migrate.codemods import _provenance as prov
from assistants_migrate.codemods import _receivers
from assistants_migrate.engine.codemod import Codemod
from assistants_migrate.findings import Effort, Example, Rule, Severity, register

UNPROVEN = "AM010"

RULES = register(
    Rule(
        id=UNPROVEN,
        title="Assistants-like call on a receiver not proven to be an OpenAI client",
        severity=Severity.WARNING,
        why="Other libraries have `beta`, `threads` and `vector_stores` too. The rewrite only touches calls whose "
        "receiver provably comes from the openai package: a client built from `OpenAI`/`AsyncOpenAI`/`AzureOpenAI` "
        "(directly, via `self.x`, a factory, an annotated parameter, or a parameter the project's callers pass a "
        "client to) or the `openai` module. This receiver could not be traced, so the call was left as it was.",
        what_to_do="If it is an OpenAI client, annotate it (`client: OpenAI`) and run the rewrite again; "
        "otherwise remove the marker.",
        autofix=False,
        effort=Effort.S,
        surface="provenance",
        examples=(
            Example(
                before="from openai import OpenAI\n\n\ndef start(client):\n    return client.beta.threads.create()\n",
            ),
        ),
    ),
)


class ProvenanceCodemod(Codemod):
    RULES = RULES
    HOT_WORDS = ()
    INDEX = (prov.INDEX_FACT,)

    def __init__(self, ctx) -> None:  # type: ignore[no-untyped-def]
        super().__init__(ctx)
        self.provenance: prov.Provenance | None = ctx.project.get(prov.INDEX_FACT.name)
        self.touches_openai = self.provenance is not None and self.provenance.touches_openai(ctx.module)
        _receivers.set_origin(self.origin, self.touches_openai)

    def scope(self) -> prov.Scope:
        return tuple(
            s.name.value for s in self.ctx.stmt_stack if isinstance(s, (cst.FunctionDef, cst.ClassDef))
        )

    def origin(self, expr: cst.BaseExpression) -> str:
        """Where the value of `expr` comes from (see _provenance): a client class, OBJECT, FOREIGN, UNKNOWN."""
        if self.provenance is None:
            return prov.UNKNOWN
        if isinstance(expr, cst.Await):
            expr = expr.expression
        cls = _receivers.client_class_of(expr)
        if cls is not None:
            return cls
        if isinstance(expr, cst.Call):
            callee = _receivers.dotted_name(expr.func)
            if callee is None:
                return prov.UNKNOWN
            return self.provenance.call_result(self.ctx.module, self.scope(), callee)
        dotted = _receivers.dotted_name(expr)
        if dotted is None:
            if isinstance(expr, (cst.Attribute, cst.Subscript)):
                base = self.origin(expr.value)
                return prov.OBJECT if base in (*prov.CLIENT_CLASSES, prov.MODULE_CLIENT, prov.OBJECT) else base
            return prov.UNKNOWN
        return self.provenance.lookup(self.ctx.module, self.scope(), dotted)

    def visit_Call(self, node: cst.Call) -> None:
        if not self.touches_openai or not isinstance(node.func, cst.Attribute):
            return
        chain = _receivers.raw_beta_chain(node.func)
        if chain is None or chain[1][1:2] not in (["threads"], ["assistants"], ["vector_stores"]):
            return
        if self.origin(chain[0]) == prov.UNKNOWN:
            self.todo(UNPROVEN, f"`{_receivers.dotted_name(chain[0]) or 'this receiver'}` is not proven to be an "
                                "OpenAI client: left as it was (annotate it and run again)")


CODEMOD = ProvenanceCodemod
