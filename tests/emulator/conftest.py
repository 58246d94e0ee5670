from __future__ import annotations

import pytest
from openai import AsyncOpenAI, OpenAI

# the `emulator` fixture comes from the root conftest.py


@pytest.fixture
def client(emulator) -> OpenAI:
    with OpenAI(base_url=emulator.base_url, api_key="sk-test", max_retries=2) as c:
        yield c


@pytest.fixture
def aclient_factory(emulator):
    def make(**kw) -> AsyncOpenAI:
        return AsyncOpenAI(base_url=emulator.base_url, api_key="sk-test", **kw)

    return make
