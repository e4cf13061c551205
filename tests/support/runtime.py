"""A real Streamlit runtime in this process, for the tests and benches of its sending loop."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import AsyncIterator, Callable, Coroutine
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, TypeVar

from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.runtime import Runtime, RuntimeConfig
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from streamlit.runtime.memory_uploaded_file_manager import MemoryUploadedFileManager

T = TypeVar("T")


@asynccontextmanager
async def started_runtime(script: Path) -> AsyncIterator[Runtime]:
    """A started runtime serving `script` for the length of the block (on the running loop),
    stopped afterwards so that the next one can be created (Streamlit allows one at a time)."""
    runtime = Runtime(
        RuntimeConfig(
            script_path=str(script),
            media_file_storage=MemoryMediaFileStorage("/media"),
            uploaded_file_manager=MemoryUploadedFileManager("/upload"),
        )
    )
    try:
        await runtime.start()
        yield runtime
    finally:
        runtime.stop()
        await runtime.stopped
        Runtime._instance = None


def run_on_own_thread(coroutine: Coroutine[Any, Any, T]) -> T:
    """`asyncio.run(coroutine)` on a thread of its own. The browser tests' Playwright keeps an
    event loop marked as running on the main thread for the whole pytest session, and
    asyncio.run refuses to start under a running loop."""
    outcome: dict[str, Any] = {}

    def run() -> None:
        try:
            outcome["value"] = asyncio.run(coroutine)
        except BaseException as error:  # handed to the caller below
            outcome["error"] = error

    thread = threading.Thread(target=run, name="own-loop")
    thread.start()
    thread.join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]  # type: ignore[no-any-return]


class RecordingTab:
    """A browser tab as the runtime sees it (its session client): it records what it is sent."""

    def __init__(self) -> None:
        self.messages: list[ForwardMsg] = []

    def write_forward_msg(self, msg: ForwardMsg) -> None:
        self.messages.append(msg)

    def finished_runs(self) -> int:
        """How many script runs (the page's or a fragment's) it was told have finished."""
        return sum(m.WhichOneof("type") == "script_finished" for m in self.messages)


async def until(condition: Callable[[], bool], timeout: float = 10.0) -> None:
    """Wait on the running loop until `condition()` holds; fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "the runtime did not send in time"
        await asyncio.sleep(0.01)
