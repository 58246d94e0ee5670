"""`assistants-migrate emulator` as a subprocess: URL within 2 s, clean SIGINT/SIGTERM, --state written."""

from __future__ import annotations

import json
import os
import selectors
import signal
import subprocess
import sys
import time

import openai
import pytest

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def start(tmp_path, *extra):
    state = tmp_path / "state.json"
    proc = subprocess.Popen(
        [sys.executable, "-m", "assistants_migrate", "emulator", "--port", "0", "--state", str(state), *extra],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    t0 = time.monotonic()
    sel = selectors.DefaultSelector()
    sel.register(proc.stdout, selectors.EVENT_READ)
    assert sel.select(timeout=2.0), "no output within 2 s"
    line = proc.stdout.readline()
    elapsed = time.monotonic() - t0
    assert line.startswith("listening on http://127.0.0.1:") and line.rstrip().endswith("/v1"), line
    assert elapsed < 2.0
    return proc, line.split("listening on ", 1)[1].strip(), state


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_cli_signal_writes_state(tmp_path, sig):
    proc, url, state = start(tmp_path)
    try:
        c = openai.OpenAI(base_url=url, api_key="k")
        asst = c.beta.assistants.create(model="gpt-4o", name="cli")
        c.close()
    finally:
        proc.send_signal(sig)
        out, err = proc.communicate(timeout=10)
    assert proc.returncode == 0, err
    saved = json.loads(state.read_text())
    assert [a["id"] for a in saved["assistants"]] == [asst.id]

    # restart on the same state file: the data is back
    proc, url, _ = start(tmp_path, "--validate", "--faults", "latency=1")
    try:
        c = openai.OpenAI(base_url=url, api_key="k")
        assert c.beta.assistants.retrieve(asst.id).name == "cli"
        c.close()
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.communicate(timeout=10)
    assert proc.returncode == 0


def test_cli_bad_faults(tmp_path):
    res = subprocess.run([sys.executable, "-m", "assistants_migrate", "emulator", "--faults", "bogus"],
                         capture_output=True, text=True, timeout=30, env=dict(os.environ))
    assert res.returncode == 2 and "bogus" in res.stderr
