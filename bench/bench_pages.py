"""Participant-page rerun cost in a 300-participant session (AppTest, SQLite temp file).

Prints medians of (a) the page's own work per rerun — the time inside the page's ``render()``,
which includes its store reads and writes and the Streamlit element calls it makes — and (b) the
whole AppTest rerun, against a baseline measured in the same run: a one-slider page.  Not a test.
Target (issue 4): the page's own work under 10 ms (DESIGN.md budgets 1–2 ms beyond Streamlit).
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PARTICIPANTS = 300
RERUNS = 60


def seeded_session(store: Any) -> tuple[str, str, str]:
    """A session in the weigh phase with 300 participants' ballots; returns code, key, token."""
    from workshop.packs import default_pack, pack_to_data

    pack = default_pack()
    created = store.create_session("Bench", "de", pack_to_data(pack))
    rng = random.Random(1)
    token = ""
    for _ in range(PARTICIPANTS):
        token = store.join(created.code).token
        weights = {c: rng.randint(0, 10) for c in pack.criterion_ids}
        store.submit_weights(created.code, token, weights)
    store.set_phase(created.code, created.facilitator_key, "weigh")
    return created.code, created.facilitator_key, token


def timed_render(samples: list[float]) -> Callable[[], None]:
    """Wrap the participant page's render() so each call's duration is recorded."""
    import workshop.ui.participant as participant

    original = participant.render

    def render() -> None:
        start = time.perf_counter()
        original()
        samples.append(time.perf_counter() - start)

    participant.render = render  # type: ignore[assignment]
    return original


def run_page(code: str, token: str) -> tuple[list[float], list[float], list[float]]:
    from streamlit.testing.v1 import AppTest

    own: list[float] = []
    timed_render(own)
    at = AppTest.from_file(str(ROOT / "workshop" / "ui" / "main.py"), default_timeout=60)
    at.query_params["code"] = code
    at.query_params["p"] = token
    at.switch_page(str(ROOT / "pages" / "participate.py")).run()
    own.clear()
    whole_change, whole_idle = [], []
    for i in range(RERUNS):
        start = time.perf_counter()
        at.slider(key="w.1.FCR").set_value(i % 11).run()
        whole_change.append(time.perf_counter() - start)
    changed = list(own)
    own.clear()
    for _ in range(RERUNS):
        start = time.perf_counter()
        at.run()
        whole_idle.append(time.perf_counter() - start)
    return changed, list(own), whole_change + whole_idle


def baseline() -> list[float]:
    """Whole rerun of a page with one slider and nothing else."""
    from streamlit.testing.v1 import AppTest

    def one_slider() -> None:
        import streamlit as st

        st.slider("x", 0, 10, key="x")

    at = AppTest.from_function(one_slider).run()
    samples = []
    for i in range(RERUNS):
        start = time.perf_counter()
        at.slider(key="x").set_value(i % 11).run()
        samples.append(time.perf_counter() - start)
    return samples


def ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1e3


def main() -> None:
    folder = Path(tempfile.mkdtemp())
    os.environ["WORKSHOP_DATABASE_URL"] = f"sqlite:///{folder / 'bench.sqlite3'}"
    sys.path.insert(0, str(ROOT))
    from workshop.ui import services

    code, _, token = seeded_session(services.store())
    changed, idle, whole = run_page(code, token)
    base = baseline()
    print(f"session: {PARTICIPANTS} participants, weigh phase, {RERUNS} reruns each")
    print(f"page's own work, slider moved (incl. durable save): {ms(changed):7.2f} ms median")
    print(f"page's own work, rerun without change:              {ms(idle):7.2f} ms median")
    print(f"whole AppTest rerun of the participant page:        {ms(whole):7.2f} ms median")
    print(f"whole AppTest rerun of a one-slider page (baseline): {ms(base):6.2f} ms median")
    print(f"ratio participant page / baseline:                  {ms(whole) / ms(base):7.1f}×")


if __name__ == "__main__":
    main()
