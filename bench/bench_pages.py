"""Participant-page rerun cost in a 300-participant session (AppTest, SQLite temp file).

Prints medians of
(a) the page's own work per rerun: the time inside the page's ``render()`` (its store reads, its
    scoring and the ~35 Streamlit element calls it makes) plus, when a slider moved, the slider's
    callback that durably saves the ballot;
(b) of that, the data work alone: the calls into ``workshop.web.services`` (session view, store
    reads and writes, the scoring model) and the scoring itself, without the element calls;
(c) the whole AppTest rerun, against a baseline measured in the same run: a one-slider page.
Not a test.  Targets: (a) under 10 ms (issue 4); (b) around 1–2 ms (docs/architecture.md,
"Measured capacity": Streamlit's own 3.5–4 ms per rerun are not the page's to save).
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import tempfile
import time
import types
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

    participant.render = render
    return original


class Timed:
    """Proxy adding the duration of every call through it (and what it returns) to a clock."""

    def __init__(self, target: Any, clock: list[float]) -> None:
        self._target, self._clock = target, clock

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._target, name)
        if not callable(value) or isinstance(value, type):
            return value

        def timed(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            result = value(*args, **kwargs)
            self._clock[0] += time.perf_counter() - start
            # The store and the scoring model are used through what these calls return.
            return Timed(result, self._clock) if name in ("store", "model_for") else result

        return timed


def timed_data_work(clock: list[float]) -> None:
    """Route the participant page's calls into ``services`` through a timing proxy."""
    from workshop.ui import participant

    for module in vars(participant).values():  # each module of the package that uses services
        if hasattr(module, "services") and isinstance(module, types.ModuleType):
            setattr(module, "services", Timed(module.services, clock))  # noqa: B010


def timed_callback(samples: list[float]) -> None:
    """Record the duration of each weight slider's on_change callback (the durable save)."""
    from workshop.ui.participant import mirror, options, weigh

    original = mirror.on_weights_changed

    def on_change(*args: Any) -> None:
        start = time.perf_counter()
        original(*args)
        samples.append(time.perf_counter() - start)

    for module in (weigh, options):  # the modules whose sliders call it
        setattr(module, "on_weights_changed", on_change)  # noqa: B010


def run_page(code: str, token: str) -> dict[str, list[float]]:
    from streamlit.testing.v1 import AppTest

    own: list[float] = []
    saves: list[float] = []
    clock = [0.0]
    data: list[float] = []
    timed_render(own)
    timed_callback(saves)
    timed_data_work(clock)
    at = AppTest.from_file(str(ROOT / "workshop" / "ui" / "main.py"), default_timeout=60)
    at.query_params["code"] = code
    at.query_params["p"] = token
    at.switch_page(str(ROOT / "pages" / "participate.py")).run()
    own.clear()
    saves.clear()
    whole_change, whole_idle, data_change = [], [], []
    for i in range(RERUNS):
        clock[0] = 0.0
        start = time.perf_counter()
        at.slider(key="w.1.FCR").set_value(i % 11).run()
        whole_change.append(time.perf_counter() - start)
        data_change.append(clock[0])
    changed = [render + save for render, save in zip(own, saves, strict=True)]
    own.clear()
    for _ in range(RERUNS):
        clock[0] = 0.0
        start = time.perf_counter()
        at.run()
        whole_idle.append(time.perf_counter() - start)
        data.append(clock[0])
    return {
        "changed": changed,
        "saves": list(saves),
        "idle": list(own),
        "data_changed": data_change,
        "data_idle": data,
        "whole": whole_change + whole_idle,
    }


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
    from workshop.web import services

    code, _, token = seeded_session(services.store())
    runs = run_page(code, token)
    base = baseline()
    whole = runs["whole"]
    print(f"session: {PARTICIPANTS} participants, weigh phase, {RERUNS} reruns each")
    print(f"page's own work, slider moved (render + durable save): {ms(runs['changed']):6.2f} ms")
    print(f"  of which the durable save (slider callback):         {ms(runs['saves']):6.2f} ms")
    print(
        f"  of which data work (incl. the save, no elements):    {ms(runs['data_changed']):6.2f} ms"
    )
    print(f"page's own work, rerun without change:                 {ms(runs['idle']):6.2f} ms")
    print(f"  of which data work (services, store, scoring):       {ms(runs['data_idle']):6.2f} ms")
    print(f"whole AppTest rerun of the participant page:           {ms(whole):6.2f} ms")
    print(f"whole AppTest rerun of a one-slider page (baseline):   {ms(base):6.2f} ms")
    print(f"ratio participant page / baseline:                     {ms(whole) / ms(base):6.1f}×")
    print("(all medians)")


if __name__ == "__main__":
    main()
