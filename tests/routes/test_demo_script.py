"""`make demo` seeds a session whose wall shows results at once ("try the wall alone")."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from support.paths import ROOT

from workshop.store import open_store


def test_demo_script_opens_the_session_on_revealed_results(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'demo.sqlite3'}"
    env = {**os.environ, "WORKSHOP_DATABASE_URL": url, "PORT": "8642"}
    done = subprocess.run(
        [sys.executable, "scripts/seed_demo.py", "en"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    code = re.search(r"/wall\?code=([A-Z0-9]+)", done.stdout)
    assert code, done.stdout
    assert "http://localhost:8642/wall?code=" in done.stdout
    with open_store(url) as store:
        view = store.get_session(code.group(1))
        counts = store.counts(code.group(1))
    assert (view.phase, view.revealed, view.language) == ("results", True, "en")
    assert counts.participants == counts.weights == counts.votes == 12
