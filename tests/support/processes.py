"""Run a child process (the app, nginx) for the length of a block, once it answers."""

from __future__ import annotations

import subprocess
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from support.paths import ROOT

#: Seconds a process may take to answer before the block fails.
START_SECONDS = 60.0


@contextmanager
def running(
    command: list[str],
    log: Path,
    ready: Callable[[], bool],
    env: Mapping[str, str] | None = None,
) -> Iterator[subprocess.Popen[bytes]]:
    """Run `command` in the repository until the block ends; enter once `ready()` holds.

    Its output goes to `log`.  `ready` may raise OSError while nothing listens yet.  Fails with
    the log when the process ends first, or when it has not answered within START_SECONDS.
    """
    with log.open("wb") as out:
        process = subprocess.Popen(
            command,
            cwd=ROOT,
            env=None if env is None else dict(env),
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        try:
            _wait_until(ready, process, log)
            yield process
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()


def _wait_until(ready: Callable[[], bool], process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{process.args!r} ended:\n{log.read_text(errors='replace')}")
        try:
            if ready():
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{process.args!r} did not answer within {START_SECONDS:.0f} s")
