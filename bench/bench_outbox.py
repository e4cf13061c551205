"""What a script run costs the server while other tabs sit idle: Streamlit's sending loop
against ``workshop.ui.outbox`` (the loop visits only tabs that queued something).

A real Streamlit runtime in this process, N tabs connected (each has run its page once), then
one tab reruns its page again and again, as one phone moving alone does; the process's CPU
time (all threads) per rerun, with Streamlit's own loop and with the outbox, measured in the
same run, alternating, and the ratio.  The page draws 20 elements, about what a move sends.

Not a test: no assertions.  ``python bench/bench_outbox.py [--tabs 1,300,1000] [--runs 300]``.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))  # the in-process runtime shared with the tests

from streamlit.proto.BackMsg_pb2 import BackMsg  # noqa: E402
from support.runtime import started_runtime  # noqa: E402

from workshop.ui import outbox  # noqa: E402

PAGE = "import streamlit as st\nfor n in range(20):\n    st.write(f'line {n}')\n"


class _Client:
    def __init__(self) -> None:
        self.finished = 0

    def write_forward_msg(self, msg: Any) -> None:
        if msg.WhichOneof("type") == "script_finished":
            self.finished += 1


async def _until(condition: Any) -> None:
    while not condition():
        await asyncio.sleep(0.001)


async def _cpu_per_rerun(script: Path, tabs: int, runs: int) -> float:
    async with started_runtime(script) as runtime:
        clients = [_Client() for _ in range(tabs)]
        ids = [runtime.connect_session(c, user_info={}) for c in clients]
        rerun = BackMsg(rerun_script=BackMsg().rerun_script)
        for session_id in ids:
            runtime.handle_backmsg(session_id, rerun)
        await _until(lambda: all(c.finished for c in clients))
        await asyncio.sleep(0.2)
        started = time.process_time()
        for n in range(runs):
            runtime.handle_backmsg(ids[0], rerun)
            await _until(lambda n=n: clients[0].finished == n + 2)
        return (time.process_time() - started) / runs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tabs", default="1,300,1000", help="comma-separated idle tab counts")
    parser.add_argument("--runs", type=int, default=300, help="reruns of the moving tab")
    parser.add_argument("--rounds", type=int, default=3, help="alternations per count")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        script = Path(folder) / "page.py"
        script.write_text(PAGE)
        print(f"{'tabs':>6} {'Streamlit (ms)':>15} {'outbox (ms)':>12} {'ratio':>6}")
        for tabs in (int(n) for n in args.tabs.split(",")):
            theirs, ours = [], []
            for _ in range(args.rounds):
                outbox.send_to_all()
                theirs.append(asyncio.run(_cpu_per_rerun(script, tabs, args.runs)))
                outbox.send_only_to_marked()
                ours.append(asyncio.run(_cpu_per_rerun(script, tabs, args.runs)))
            a, b = 1e3 * statistics.median(theirs), 1e3 * statistics.median(ours)
            print(f"{tabs:>6} {a:>15.2f} {b:>12.2f} {b / a:>5.2f}×", flush=True)
        outbox.send_to_all()
    print("\nServer CPU (all threads of this process) per rerun of one tab; medians of rounds.")


if __name__ == "__main__":
    main()
