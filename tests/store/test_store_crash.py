"""Crash safety: a writer killed with SIGKILL loses no acknowledged ballot."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from sqlalchemy import create_engine, text

from workshop.store import CreatedSession, Store, open_store

WRITER = Path(__file__).with_name("crash_writer.py")
REPOSITORY = Path(__file__).resolve().parents[2]
ACKS_BEFORE_KILL = 40


def _run_and_kill(url: str, code: str) -> dict[int, float]:
    """Start the writer, SIGKILL it mid-stream, return every ballot it acknowledged."""
    child = subprocess.Popen(
        [sys.executable, str(WRITER), url, code],
        stdout=subprocess.PIPE,
        text=True,
        cwd=REPOSITORY,
    )
    assert child.stdout is not None
    acknowledged: dict[int, float] = {}
    try:
        for line in child.stdout:
            if line.startswith("ack "):
                _, participant_id, value = line.split()
                acknowledged[int(participant_id)] = float(value)
                if len(acknowledged) == ACKS_BEFORE_KILL:
                    os.kill(child.pid, signal.SIGKILL)  # while it is writing the next one
                    break
    finally:
        child.kill()
        remaining, _ = child.communicate(timeout=30)
    for line in remaining.splitlines():  # printed before the kill, read only now
        if line.startswith("ack "):
            _, participant_id, value = line.split()
            acknowledged[int(participant_id)] = float(value)
    assert child.returncode == -signal.SIGKILL
    return acknowledged


def test_sigkill_loses_no_acknowledged_ballot(
    store: Store, created: CreatedSession, database_url: str
) -> None:
    """Every ballot the killed writer acknowledged is there after reopening the database."""
    acknowledged = _run_and_kill(database_url, created.code)
    assert len(acknowledged) >= ACKS_BEFORE_KILL
    store.close()

    reopened = open_store(database_url)
    try:
        ballots = reopened.all_weights(created.code)
        for participant_id, value in acknowledged.items():
            assert ballots[participant_id].weights == {"SPD": value}
        assert len(ballots) in (len(acknowledged), len(acknowledged) + 1)  # +1: unreported
        events = reopened.events_since(created.code, 0)
        assert [e.seq for e in events] == list(range(1, len(events) + 1))
    finally:
        reopened.close()
    if database_url.startswith("sqlite"):
        engine = create_engine(database_url)
        with engine.connect() as connection:
            assert connection.execute(text("PRAGMA integrity_check")).scalar_one() == "ok"
        engine.dispose()
