"""One group, the same numbers everywhere: phone, wall, XLSX and the decision record agree.

Participants set hybrid parameters; the facilitator sets none, some or all.  The phone's group
ranking, the wall's ranking chart, the XLSX ranking sheet and the record's ranking table must
show the same order and the same scores, computed by one rule for the hybrids' parameters.
Ties are shared places everywhere, and a vote that puts another option first is said aloud.
"""

from __future__ import annotations

import html
import io
import random
from collections.abc import Callable
from typing import Any

import numpy as np
import openpyxl
import pytest
from streamlit.testing.v1 import AppTest
from support.pages import ranking_lines
from support.seeding import PACK, Seeded, profiles, submit_weights
from test_wall import charts_of, visible_text

from workshop.engine.scoring import ScoringModel
from workshop.export import FORMATS, build_snapshot
from workshop.export import record as record_module
from workshop.export.chart_specs import axis_options
from workshop.export.record import Heading, TableBlock
from workshop.packs import pack_to_data
from workshop.rounds.results import RoundResults
from workshop.store import SessionSettings, Store
from workshop.text.wording import number, option_names
from workshop.web import services

Open = Callable[..., AppTest]
Make = Callable[..., Seeded]
PARTICIPANTS = 6


def far_hybrid_params(rng: random.Random) -> dict[str, dict[str, float]]:
    """Hybrid parameters far from the pack's defaults (the ends of each range, on its steps)."""
    chosen: dict[str, dict[str, float]] = {}
    for hybrid in PACK.hybrids:
        chosen[hybrid.id] = {}
        for p in hybrid.parameters:
            far = p.maximum if p.default - p.minimum < p.maximum - p.default else p.minimum
            steps = rng.randint(0, 2)
            value = far - steps * p.step if far == p.maximum else far + steps * p.step
            chosen[hybrid.id][p.id] = round(value, 6)
    return chosen


FACILITATOR_SETS: dict[str, dict[str, Any]] = {
    "none": {},
    "some": {
        "factors": {PACK.context_factors[0].id: PACK.context_factors[0].maximum},
        "hybrids": {PACK.hybrids[0].id: {PACK.hybrids[0].parameters[0].id: 0.5}},
    },
    "all": {
        "hybrids": {h.id: {p.id: p.default for p in h.parameters} for h in PACK.hybrids},
    },
}


def seed(store: Store, make: Make, case: str, seed_no: int) -> Seeded:
    """Six participants with varied weights and far hybrid settings, votes, results revealed."""
    rng = random.Random(seed_no)
    seeded = make(PARTICIPANTS, threshold=3, vote_mode="single")
    weights = profiles("varied", PARTICIPANTS, seed=seed_no)
    for token, profile in zip(seeded.tokens, weights, strict=True):
        store.submit_weights(seeded.code, token, dict(profile), far_hybrid_params(rng))
        store.submit_vote(seeded.code, token, {"choice": rng.choice(PACK.option_ids)})
    if FACILITATOR_SETS[case]:
        store.set_context(seeded.code, seeded.key, FACILITATOR_SETS[case])
    store.set_phase(seeded.code, seeded.key, "results")
    store.set_revealed(seeded.code, seeded.key, True)
    return seeded


def reference(code: str) -> RoundResults:
    """The round's results as the shared computation gives them."""
    return services.results_of(services.session_view(code, fresh=True))


def phone_rows(at: AppTest) -> list[str]:
    """The phone's group ranking lines ("1. Name · Mischform — 68 %"), as a reader reads them."""
    return ranking_lines(at)


def expected_phone_rows(results: RoundResults) -> list[str]:
    names = {o.id: o.name.de for o in PACK.options} | {h.id: h.name.de for h in PACK.hybrids}
    rows = []
    for o in results.ranking:
        badge = " · Mischform" if o.hybrid else ""
        rows.append(f"{o.rank}. {names[o.option]}{badge} — {number(o.score * 100, 'de', 0)}\u202f%")
    return rows


def wall_ranking(at: AppTest) -> list[tuple[str, float]]:
    """The wall chart's bars in display order: (label, total points)."""
    data = charts_of(at)["ranking"].drop_duplicates("label").sort_values("rank")
    return [
        (str(label), float(total))
        for label, total in zip(data["label"], data["total"], strict=True)
    ]


def xlsx_ranking(store: Store, seeded: Seeded) -> list[tuple[int, str, float]]:
    """The XLSX ranking sheet's (rank, option id, points) rows for round 1."""
    snapshot = build_snapshot(store, seeded.code, seeded.key)
    book = openpyxl.load_workbook(io.BytesIO(FORMATS["xlsx"].render(snapshot)))
    rows = list(book["Rangfolge"].iter_rows(min_row=2, values_only=True))
    return [(int(r[1]), str(r[2]), float(r[5])) for r in rows if r[0] == 1]


def record_ranking(store: Store, seeded: Seeded) -> list[tuple[str, ...]]:
    """The decision record's ranking table rows (rank, name, points) for round 1."""
    snapshot = build_snapshot(store, seeded.code, seeded.key)
    blocks = record_module.document(snapshot).blocks
    start = next(
        i
        for i, b in enumerate(blocks)
        if isinstance(b, Heading) and b.text == "Rangfolge und Robustheit"
    )
    table = next(b for b in blocks[start:] if isinstance(b, TableBlock))
    return [tuple(row[:3]) for row in table.rows]


@pytest.mark.parametrize("case", ["none", "some", "all"])
@pytest.mark.parametrize("seed_no", [1, 2])
def test_phone_wall_xlsx_and_record_show_one_ranking(
    ui_store: Store, make_session: Make, open_page: Open, case: str, seed_no: int
) -> None:
    """Order and scores agree on the phone, the wall, the XLSX sheet and the record."""
    seeded = seed(ui_store, make_session, case, seed_no)
    results = reference(seeded.code)
    assert results.visible and results.ranking
    if case == "none":
        # The participants' settings must matter, or this test could not tell the rules apart.
        defaults = ScoringModel.build(PACK).evaluate(np.array([w.weight for w in results.weights]))
        moved = {o.option: o.score for o in results.ranking}
        gaps = [abs(moved[i] - s) for i, s in zip(defaults.ids, defaults.wsm, strict=True)]
        assert max(gaps) > 0.02

    phone = open_page("participate", code=seeded.code, p=seeded.tokens[0]).run()
    assert phone_rows(phone) == expected_phone_rows(results)

    board = open_page("wall", code=seeded.code).run()
    labels = axis_options(PACK, "de", "wall")
    assert wall_ranking(board) == [(labels[o.option], o.score * 100.0) for o in results.ranking]

    # XLSX keeps 16 significant digits (Excel itself shows 15): equal to that precision.
    sheet = xlsx_ranking(ui_store, seeded)
    assert [(rank, option) for rank, option, _ in sheet] == [
        (o.rank, o.option) for o in results.ranking
    ]
    assert [points for _, _, points in sheet] == pytest.approx(
        [o.score * 100.0 for o in results.ranking], rel=1e-14, abs=0.0
    )

    names = {o.id: o.name.de for o in PACK.options}
    names |= {h.id: f"{h.name.de} (Mischform)" for h in PACK.hybrids}
    assert record_ranking(ui_store, seeded) == [
        (str(o.rank), names[o.option], number(o.score * 100.0, "de", 1)) for o in results.ranking
    ]


# --------------------------------------------------------------------------- ties


def tie_pack_data() -> dict[str, Any]:
    """The default pack with two options that tie exactly under equal weights.

    Pods gets 1.4 and 1.8 on the first two criteria, front/back 2.2 on the first: (0.4 + 0.8)/4
    equals 1.2/4 exactly, but not in floating point, where front/back (later in pack order)
    comes out ahead.  Every other value is 1, so nothing else comes near.
    """
    data = pack_to_data(PACK)
    first, second = PACK.criterion_ids[:2]
    special = {"pods": {first: 1.4, second: 1.8}, "front_back": {first: 2.2}}
    for option in data["options"]:
        for criterion, entry in option["profile"].items():
            entry["value"] = special.get(option["id"], {}).get(criterion, 1.0)
    for factor in data["context_factors"]:
        factor["modifiers"] = []
    return data


def tied_session(store: Store) -> Seeded:
    settings = SessionSettings(anonymity_threshold=3, vote_mode="single")
    created = store.create_session("Gleichstand", "de", tie_pack_data(), settings)
    tokens = tuple(store.join(created.code).token for _ in range(3))
    submit_weights(store, created.code, tokens, profiles("equal", 3))
    store.set_phase(created.code, created.facilitator_key, "results")
    store.set_revealed(created.code, created.facilitator_key, True)
    return Seeded(created.code, created.facilitator_key, tokens)


def test_the_tie_fixture_is_a_tie_only_in_exact_arithmetic(ui_store: Store) -> None:
    """Front/back is ahead of pods by rounding noise alone (what a plain sort would follow)."""
    seeded = tied_session(ui_store)
    model = services.model_for(services.session_view(seeded.code, fresh=True))
    scores = dict(
        zip(model.ids, model.evaluate({c: 5 for c in PACK.criterion_ids}).wsm, strict=True)
    )
    assert scores["front_back"] > scores["pods"]
    assert scores["front_back"] - scores["pods"] < 1e-15


def test_a_tie_shares_first_place_on_the_phone(ui_store: Store, open_page: Open) -> None:
    """Both tied options are in place 1, pack order first, and the phone says they are tied."""
    seeded = tied_session(ui_store)
    at = open_page("participate", code=seeded.code, p=seeded.tokens[0]).run()
    rows = phone_rows(at)
    pods, front_back = PACK.option("pods").name.de, PACK.option("front_back").name.de
    assert rows[0].startswith(f"1. {pods} — ")
    assert rows[1].startswith(f"1. {front_back} — ")
    assert not rows[2].startswith("1. ")
    captions = [html.unescape(str(c.value)) for c in at.caption]
    assert f"Gleichauf auf Platz 1: {pods} und {front_back}." in captions


def test_a_tie_shares_first_place_while_weighing(ui_store: Store, open_page: Open) -> None:
    """The weighing phase's leader line names both tied options, not one by rounding noise."""
    seeded = tied_session(ui_store)
    ui_store.set_phase(seeded.code, seeded.key, "weigh")
    at = open_page("participate", code=seeded.code, p=seeded.tokens[0]).run()
    pods, front_back = PACK.option("pods").name.de, PACK.option("front_back").name.de
    leader = [html.unescape(str(i.value)) for i in at.info if "vorn" in str(i.value)]
    assert leader and leader[0].startswith(
        f"Mit Ihren Gewichten gleichauf vorn: {pods} und {front_back}"
    )


def test_a_tie_shares_first_place_on_the_wall(ui_store: Store, open_page: Open) -> None:
    """The wall names the tie and lists pods before front/back; no flip away from it is named."""
    seeded = tied_session(ui_store)
    at = open_page("wall", code=seeded.code).run()
    text = visible_text(at)
    pods, front_back = PACK.option("pods").name.de, PACK.option("front_back").name.de
    assert f"Gleichauf auf Platz 1: {pods} und {front_back}." in text
    assert "Platz 1 ginge an" not in text
    order = [label for label, _ in wall_ranking(at)]
    labels = axis_options(PACK, "de", "wall")
    assert order[:2] == [labels["pods"], labels["front_back"]]


# --------------------------------------------------------------------------- vote against score


def test_the_wall_and_the_record_say_when_the_vote_disagrees(
    ui_store: Store, make_session: Make, open_page: Open
) -> None:
    """Everyone votes for the option the weighted ranking puts last: both say so in words."""
    seeded = make_session(PARTICIPANTS, threshold=3, vote_mode="single", weights="varied")
    results = reference(seeded.code)
    last = results.ranking[-1].option if results.ranking else PACK.option_ids[-1]
    for token in seeded.tokens:
        ui_store.submit_vote(seeded.code, token, {"choice": last})
    ui_store.set_phase(seeded.code, seeded.key, "results")
    ui_store.set_revealed(seeded.code, seeded.key, True)
    results = reference(seeded.code)
    assert results.vote_differs and results.vote_leaders == (last,)
    names = option_names(PACK, "de")
    sentence = (
        "Abstimmung und Punkte zeigen nicht dieselbe Option vorn. "
        f"Vorn in der Abstimmung: {names[last]}. "
        f"Vorn nach Punkten: {names[results.score_leaders[0]]}."
    )
    assert sentence in visible_text(open_page("wall", code=seeded.code).run())
    english = open_page("wall", code=seeded.code, lang="en").run()
    assert "The vote and the weighted scores disagree." in visible_text(english)
    snapshot = build_snapshot(ui_store, seeded.code, seeded.key)
    html = FORMATS["html"].render(snapshot).decode("utf-8")
    assert "Abstimmung und Punkte zeigen nicht dieselbe Option vorn." in html


def test_no_disagreement_is_claimed_when_vote_and_scores_agree(
    ui_store: Store, make_session: Make, open_page: Open
) -> None:
    """Votes for the weighted leader: the wall says nothing about a disagreement."""
    seeded = make_session(PARTICIPANTS, threshold=3, vote_mode="single", weights="varied")
    leader = reference(seeded.code).ranking[0].option
    for token in seeded.tokens:
        ui_store.submit_vote(seeded.code, token, {"choice": leader})
    ui_store.set_phase(seeded.code, seeded.key, "results")
    ui_store.set_revealed(seeded.code, seeded.key, True)
    assert not reference(seeded.code).vote_differs
    assert "nicht einig" not in visible_text(open_page("wall", code=seeded.code).run())
