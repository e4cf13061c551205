"""A real Streamlit runtime in this process, for the tests and benches of its sending loop."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from streamlit.runtime import Runtime, RuntimeConfig
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from streamlit.runtime.memory_uploaded_file_manager import MemoryUploadedFileManager


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
