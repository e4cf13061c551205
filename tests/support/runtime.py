"""A real Streamlit runtime in this process, for the tests and benches of its sending loop."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import AsyncIterator, Coroutine
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, TypeVar

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
