"""Codemods: one module per Assistants API surface."""
