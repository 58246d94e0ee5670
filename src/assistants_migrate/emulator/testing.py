"""pytest plugin: ``pytest_plugins = ["assistants_migrate.emulator.testing"]`` gives the
function-scoped fixture ``emulator``: a started ``Emulator(validate=True)``.

At teardown the fixture fails the test if the emulator produced a response that does not
match the OpenAPI spec (``emu.validation_errors``): that is an emulator bug.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from .server import Emulator


@pytest.fixture
def emulator() -> Iterator[Emulator]:
    with Emulator(validate=True) as emu:
        yield emu
    if emu.validation_errors:
        pytest.fail("emulator spec validation errors:\n" + "\n".join(emu.validation_errors), pytrace=False)
