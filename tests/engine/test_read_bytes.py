"""`fsutil.read_bytes`, the prefilter's reader, returns exactly what `Path.read_bytes` does."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assistants_migrate.fsutil import read_bytes

CHUNK = 1 << 16


@settings(max_examples=40, deadline=None)
@given(size=st.one_of(st.integers(0, 300), st.sampled_from([CHUNK - 1, CHUNK, CHUNK + 1, 2 * CHUNK, 3 * CHUNK + 7])),
       seed=st.integers(0, 255))
def test_same_bytes_as_path_read_bytes(tmp_path_factory, size: int, seed: int) -> None:
    path = tmp_path_factory.mktemp("r") / "f.ts"
    path.write_bytes(bytes((seed + i * 7) % 256 for i in range(size)))
    assert read_bytes(path) == path.read_bytes()


def test_errors_are_oserrors(tmp_path: Path) -> None:
    with pytest.raises(OSError):
        read_bytes(tmp_path / "missing.ts")
    with pytest.raises(OSError):
        read_bytes(tmp_path)
