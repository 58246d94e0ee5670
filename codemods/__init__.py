"""Codemods: one module per Assistants API surface, each exposing `CODEMOD`.

`ORDER` is the fixed order in which their visit/leave methods run within the single
traversal of a file. Surfaces whose rewrites depend on facts another records (an
assistant's config, a run variable) come after it.
"""

ORDER: tuple[str, ...] = ("provenance", "vector_stores", "assistants", "tools", "threads", "messages", "runs", "tool_calls", "streaming", "printing")
