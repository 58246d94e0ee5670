"""Local OpenAI-compatible emulator: Assistants v2, Responses, Conversations, Files, Vector stores.

    from assistants_migrate.emulator import Emulator
    with Emulator(validate=True) as emu:
        client = OpenAI(base_url=emu.base_url, api_key="test")

See ``server.py`` (the Emulator handle), ``api/`` (endpoints and lifecycles, one module per
resource family), ``model.py`` (the scripted model), ``faults.py`` (fault spec grammar),
``store.py`` (state format) and ``validation.py`` (OpenAPI checks). Only the standard library is imported here; jsonschema and
yaml load when ``validate=True``.
"""

from .server import Emulator

__all__ = ["Emulator"]
