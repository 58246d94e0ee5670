"""assistants-migrate: move code and data off OpenAI's Assistants API."""

__version__ = "0.2.0"
