"""Property tests for what untrusted archives and user-typed URLs go through."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from assistants_migrate.export.archive import KINDS, Archive, UnsafePath
from assistants_migrate.export.client import check_request_path, normalize_base_url

ports = st.integers(min_value=1, max_value=65535)
segments = st.lists(st.from_regex(r"[a-z0-9_-]{1,8}", fullmatch=True), max_size=3)


@given(ports, segments, st.sampled_from(["localhost", "127.0.0.1", "[::1]", "LOCALHOST", "Localhost."]),
       st.sampled_from(["", "/", "//"]), st.sampled_from(["http", "HTTP"]))
def test_loopback_spellings_normalise_alike(port: int, path: list[str], host: str, tail: str, scheme: str) -> None:
    base = "/" + "/".join(path) if path else ""
    url = f"{scheme}://{host}:{port}{base}{tail}"
    norm = normalize_base_url(url)
    assert norm == f"http://127.0.0.1:{port}{base}"
    assert normalize_base_url(norm) == norm
    assert normalize_base_url(f"http://127.0.0.1:{port % 65535 + 1}{base}") != norm


def test_default_ports_and_real_hosts() -> None:
    assert normalize_base_url("https://API.openai.com/v1/") == normalize_base_url("https://api.openai.com:443/v1")
    assert normalize_base_url("http://example.com/v1") == "http://example.com:80/v1"
    assert normalize_base_url("https://example.com/v1") != normalize_base_url("https://example.org/v1")


@given(st.text(min_size=1, max_size=30))
def test_request_paths_only_carry_plain_ids(value: str) -> None:
    try:
        check_request_path(f"/threads/{value}/messages")
    except ValueError:
        return
    parts = value.split("/")
    assert all(p not in ("", ".", "..") for p in parts)
    assert not any(c in value for c in "?#%\\ \n")


relpaths = st.lists(st.sampled_from(["objects", "thread", "ab", "..", ".", "", "x.json", "/etc", "link"]),
                    min_size=1, max_size=5).map("/".join)


@settings(max_examples=200)
@given(relpaths)
def test_resolve_never_leaves_the_root(rel: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "archive"
        (root / "objects").mkdir(parents=True)
        (root / "objects" / "link").symlink_to(tmp)  # a way out, if resolve followed it
        (root / "link").symlink_to("/")
        try:
            p = Archive(root).resolve(rel)
        except UnsafePath:
            return
        real = os.path.realpath(p)
        assert os.path.commonpath([real, os.path.realpath(root)]) == os.path.realpath(root), (rel, real)


# hidden names like a writer's temp files, short enough never to be one of ours
names = st.from_regex(r"\.[A-Za-z0-9_-][A-Za-z0-9_.-]{0,19}(\.tmp)?", fullmatch=True)


@settings(max_examples=60)
@given(st.lists(names, min_size=1, max_size=6, unique=True), st.sampled_from(KINDS))
def test_clean_temp_files_removes_only_its_own(foreign: list[str], kind: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        shard = root / "objects" / kind / "ab"
        shard.mkdir(parents=True)
        user = root / "mine"
        user.mkdir()
        ours = [root / ".manifest.json.ab12cd_3.tmp", shard / (".ab" + "0" * 62 + ".json.zz99yy88.tmp")]
        theirs = [d / n for d in (root, shard, user) for n in foreign]
        for p in ours + theirs:
            p.write_text("x")
        Archive(root).clean_temp_files()
        assert not any(p.exists() for p in ours)
        assert all(p.exists() for p in theirs), [p for p in theirs if not p.exists()]


def test_a_version_0_1_ledger_counts_for_the_same_url_under_any_spelling(tmp_path: Path) -> None:
    import json

    from assistants_migrate.export.importer import ImportRefused, Ledger, Target

    path = tmp_path / "import-ledger.jsonl"
    old = {"base_url": "http://127.0.0.1:8123/v1"}
    path.write_text("".join(json.dumps({**old, **r}) + "\n" for r in [
        {"t": "intent", "thread": "thread_a", "token": "t1"},
        {"t": "created", "thread": "thread_a", "conv": "conv_1", "done": 20},
        {"t": "finished", "thread": "thread_a", "conv": "conv_1", "items": 25},
        {"t": "intent", "thread": "thread_b", "token": "t2"},
    ]))
    ledger = Ledger(path, Target(normalize_base_url("http://localhost:8123/v1/"), "emu-x/proj_emu-x"))
    ledger.close()
    assert ledger.states["thread_a"].finished and ledger.states["thread_a"].conv == "conv_1"
    assert ledger.states["thread_b"].legacy_intent  # a 0.1 create carried items: still needs --retry-ambiguous
    try:
        Ledger(path, Target("http://127.0.0.1:9999/v1", "emu-y/proj_emu-y"))
    except ImportRefused as exc:
        assert "--new-target" in str(exc)
    else:
        raise AssertionError("another server was accepted")
