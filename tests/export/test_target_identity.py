"""The emulator names itself like api.openai.com does (openai-organization / openai-project)."""

from __future__ import annotations

from pathlib import Path

import openai

from assistants_migrate.emulator import Emulator


def _identity(base_url: str) -> tuple[str, str]:
    client = openai.OpenAI(base_url=base_url, api_key="sk-test", max_retries=0)
    raw = client.models.with_raw_response.list()
    assert [m.id for m in raw.parse().data]
    return raw.headers["openai-organization"], raw.headers["openai-project"]


def test_emulator_identity_headers_stable_across_restart_with_state(tmp_path: Path) -> None:
    state = tmp_path / "state.json"
    with Emulator(state=state, state_out=state, validate=True) as emu:
        first = _identity(emu.base_url)
        assert not emu.validation_errors
    assert first[0] == f"emu-{emu.instance_id}" and first[1].endswith(emu.instance_id)
    with Emulator(state=state, state_out=state) as emu2:
        assert _identity(emu2.base_url) == first
    with Emulator() as other:
        assert _identity(other.base_url)[0] != first[0]
