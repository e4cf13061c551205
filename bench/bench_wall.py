"""Wall benchmark: the cost of one projector refresh in a session of 300 participants.

A session on a temporary SQLite file, in round 2 (so the wall also compares with round 1), with
300 ballots and 300 dot votes in each round, 20 concerns, results revealed.  Three ways to refresh
(medians over many ticks, measured in the same run; not a test, no assertions):

(a) unchanged tick — the wall's :func:`workshop.ui.wall.refresh` finds the event number unchanged
    and the frame is drawn again;
(b) tick after one new ballot — the live aggregates apply the one new event from the log
    (incremental), the results and labels are rebuilt, the frame is drawn;
(c) full recompute — every ballot and vote of both rounds read again (``store.all_weights``,
    ``store.votes``) and aggregated with the batch functions of `workshop.engine.group`, the same
    results, labels and drawing as (b).

Drawing runs in Streamlit's bare mode: every element is built (charts' data serialised to Arrow,
specs to JSON) but nothing is sent.  Target (issue 4): under 50 ms for (b).
"""

from __future__ import annotations

import dataclasses
import logging
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import numpy as np
import pandas as pd

_DB = Path(tempfile.mkdtemp(prefix="bench-wall-")) / "wall.sqlite3"
os.environ["WORKSHOP_DATABASE_URL"] = f"sqlite:///{_DB}"  # before the services are imported
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from streamlit import logger as streamlit_logger  # noqa: E402

from workshop.engine import group  # noqa: E402
from workshop.engine.scoring import ScoringModel  # noqa: E402
from workshop.packs import default_pack, pack_to_data  # noqa: E402
from workshop.rounds.results import (  # noqa: E402
    GroupWeight,
    RoundResults,
    group_context,
    rank_options,
    round_shift,
    sensitivity_report,
    tally_votes,
)
from workshop.store import SessionSettings, SessionView, Store  # noqa: E402
from workshop.ui import wall  # noqa: E402
from workshop.ui.wall import model  # noqa: E402
from workshop.web import services  # noqa: E402

PEOPLE = 300
CONCERNS = 20
TICKS = 60
LINK = ("http://192.0.2.10:8501", "http://192.0.2.10:8501/join/ABCDEF")
PACK = default_pack()
CRITERIA = PACK.criterion_ids
T = TypeVar("T")


def seed(store: Store, rng: random.Random) -> tuple[str, list[str]]:
    """Create the session: two rounds of 300 ballots and votes, concerns, revealed."""
    settings = SessionSettings(anonymity_threshold=5, vote_mode="dots", dot_budget=5)
    created = store.create_session("Bench", "de", pack_to_data(PACK), settings)
    code, key = created.code, created.facilitator_key
    tokens = [store.join(code).token for _ in range(PEOPLE)]
    options = list(PACK.option_ids) + [h.id for h in PACK.hybrids]
    for round_no in (1, 2):
        if round_no == 2:
            store.start_round(code, key)
        for token in tokens:
            store.submit_weights(code, token, ballot(rng))
            store.submit_vote(code, token, {"dots": {rng.choice(options): 3, options[0]: 2}})
    for token in tokens[:CONCERNS]:
        store.add_concern(code, token, f"Anliegen {rng.randint(1, 999)}")
    store.set_revealed(code, key, True)
    return code, tokens


def ballot(rng: random.Random) -> dict[str, int]:
    return {c: rng.randint(0, 10) for c in CRITERIA}


def median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1e3


def timed(fn: Callable[..., T], *args: Any) -> tuple[float, T]:
    """Seconds one call takes, and its result."""
    start = time.perf_counter()
    result = fn(*args)
    return time.perf_counter() - start, result


# --------------------------------------------------------------------------- (c) the baseline


def batch_round(store: Store, view: SessionView, round_no: int) -> RoundResults:
    """One round's results from every stored row, with the batch functions."""
    ballots = store.all_weights(view.code, round=round_no)
    votes = store.votes(view.code, round=round_no)
    frame = pd.DataFrame([b.weights for b in ballots.values()], columns=list(CRITERIA))
    weights = group.aggregate_weights(frame, "median")
    spread = group.spread(frame)
    scale = 1.0 / float(spread["median"].sum())
    consensus = {
        c: group.tastle_wierman([(frame[c] == v).sum() for v in range(11)], range(11))
        for c in CRITERIA
    }
    group_weights = tuple(
        GroupWeight(
            c,
            float(weights[c]),
            float(spread.loc[c, "median"]),
            float(spread.loc[c, "q1"]),
            float(spread.loc[c, "q3"]),
            float(spread.loc[c, "q1"]) * scale,
            float(spread.loc[c, "q3"]) * scale,
            float(consensus[c]),
        )
        for c in CRITERIA
    )
    live = services.live_session(view)  # only for the round's context, as the wall uses it
    factors, hybrids = group_context(PACK, live.round(round_no))
    model = ScoringModel.build(PACK, factors, hybrids)
    evaluation = model.evaluate(np.array([w.weight for w in group_weights]))
    return RoundResults(
        round=round_no,
        participants=len(store.participants(view.code)),
        ballots=len(ballots),
        votes=len(votes),
        threshold=view.settings.anonymity_threshold,
        visible=True,
        criteria=CRITERIA,
        weights=group_weights,
        kendall_w=group.kendalls_w(group.average_ranks(frame)),
        evaluation=evaluation,
        ranking=rank_options(model, evaluation),
        sensitivity=sensitivity_report(evaluation, CRITERIA),
        alerts=(),
        tally=tally_votes("dots", [v.vote for v in votes.values()], model.ids),
    )


def full_recompute(store: Store, code: str) -> wall.Frame:
    """The wall's frame rebuilt from every row (what the wall would do without the event log)."""
    view = services.session_view(code, fresh=True)
    before = batch_round(store, view, view.round - 1)
    now = batch_round(store, view, view.round)
    results = dataclasses.replace(now, shift=round_shift(before, now))
    frame = wall.Frame(
        code=code,
        seq=view.last_seq,
        lang="de",
        title=view.title,
        phase=view.phase,
        round=view.round,
        revealed=True,
        vote_mode="dots",
        counts=store.counts(code),
        results=None,
        concerns=tuple(model._card(c) for c in store.concerns(code)[: model.MAX_CONCERNS]),
        more_concerns=0,
    )
    return model._with_results(frame, results, PACK, "de")


# --------------------------------------------------------------------------- main


def main() -> None:
    # Bare mode warns on every element ("missing ScriptRunContext"); inside a real app run there
    # is no such warning, so silence it rather than time it.
    streamlit_logger.set_log_level("error")
    logging.disable(logging.WARNING)
    rng = random.Random(4)
    store = services.store()
    start = time.perf_counter()
    code, tokens = seed(store, rng)
    print(f"seeded {PEOPLE} participants × 2 rounds in {time.perf_counter() - start:.1f} s")

    frame = wall.refresh(code, "de", None)  # warm-up: replays the whole event log once
    wall.draw(frame, LINK)

    unchanged, unchanged_draw = [], []
    for _ in range(TICKS):
        seconds, same = timed(wall.refresh, code, "de", frame)
        assert same is frame
        unchanged.append(seconds)
        unchanged_draw.append(timed(wall.draw, frame, LINK)[0])

    incremental, incremental_draw = [], []
    for _ in range(TICKS):
        store.submit_weights(code, rng.choice(tokens), ballot(rng))
        services.forget_view(code)  # as the participant page does after a change
        seconds, frame = timed(wall.refresh, code, "de", frame)
        incremental.append(seconds)
        incremental_draw.append(timed(wall.draw, frame, LINK)[0])

    full, full_draw = [], []
    for _ in range(max(TICKS // 3, 10)):
        store.submit_weights(code, rng.choice(tokens), ballot(rng))
        seconds, rebuilt = timed(full_recompute, store, code)
        full.append(seconds)
        full_draw.append(timed(wall.draw, rebuilt, LINK)[0])

    a = median_ms(unchanged) + median_ms(unchanged_draw)
    b = median_ms(incremental) + median_ms(incremental_draw)
    c = median_ms(full) + median_ms(full_draw)
    print(
        f"(a) unchanged tick:         {a:7.2f} ms  (refresh {median_ms(unchanged):.2f} + draw "
        f"{median_ms(unchanged_draw):.2f})"
    )
    print(
        f"(b) after one new ballot:   {b:7.2f} ms  (refresh {median_ms(incremental):.2f} + draw "
        f"{median_ms(incremental_draw):.2f})"
    )
    print(
        f"(c) full recompute:         {c:7.2f} ms  (rebuild {median_ms(full):.2f} + draw "
        f"{median_ms(full_draw):.2f})"
    )
    print(f"ratio (c)/(b): {c / b:5.1f}×   ratio (c)/(a): {c / a:5.1f}×")
    print(f"target (b) < 50 ms: {'met' if b < 50 else 'NOT met'}")
    store.close()


if __name__ == "__main__":
    main()
