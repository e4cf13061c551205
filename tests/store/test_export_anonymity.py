"""Anonymity against combination, on real stores (SQLite and PostgreSQL), in every export format.

The cases of issue 12: a lone member of an area, areas that would reveal each other through the
total, padding the threshold with empty or dummy identities, and joining order.  Each test
renders every format (XLSX, CSV, JSON, HTML, PDF, the chart zip) and looks inside.
"""

from __future__ import annotations

import io
import json
import random
import re
import zipfile
from collections.abc import Sequence

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from workshop.engine.anonymity import NO_AREA, suppress
from workshop.export import FORMATS, Snapshot, build_snapshot
from workshop.export.json_export import document
from workshop.export.wall_charts import wall_charts
from workshop.packs import default_pack, pack_to_data
from workshop.store import SessionSettings, Store

PACK = default_pack()
AREAS = ("Service", "Vertrieb", "IT")
#: Slider positions nobody would choose by chance: the one real person's ballot.
SECRET = {c.id: (7 if i % 2 else 3) for i, c in enumerate(PACK.criteria)}
DUMMY = {c.id: 5 for c in PACK.criteria}


def _session(store: Store, threshold: int = 5) -> tuple[str, str]:
    settings = SessionSettings(anonymity_threshold=threshold, role_groups=AREAS)
    created = store.create_session("Anonymität", "de", pack_to_data(PACK), settings)
    return created.code, created.facilitator_key


def _submit(store: Store, code: str, area: str | None, ballot: dict[str, int]) -> str:
    token = store.join(code, role_group=area).token
    store.submit_weights(code, token, ballot)
    store.submit_vote(code, token, {"choice": PACK.option_ids[0]})
    return token


def _texts(snapshot: Snapshot) -> dict[str, str]:
    """Every format's readable content: zip members, the PDF's text, the rest as text."""
    out: dict[str, str] = {}
    for fmt in FORMATS.values():
        data = fmt.render(snapshot)
        if data.startswith(b"PK"):
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                for name in archive.namelist():
                    out[f"{fmt.id}:{name}"] = archive.read(name).decode("utf-8", "replace")
        elif data.startswith(b"%PDF"):
            pages = PdfReader(io.BytesIO(data)).pages
            out[fmt.id] = " ".join(page.extract_text() for page in pages)
        else:
            out[fmt.id] = data.decode("utf-8")
    return out


def _snapshots(store: Store, code: str, key: str) -> list[Snapshot]:
    """The default (aggregates only) and the explicit per-person snapshot, with charts."""
    return [
        build_snapshot(store, code, key, charts=wall_charts),
        build_snapshot(store, code, key, individual=True, charts=wall_charts),
    ]


def test_a_lone_area_member_cannot_be_found(store: Store) -> None:
    """Five in Service, one in Vertrieb: no format names Vertrieb's count or ties any ballot
    to an area, and Service is withheld too (6 − 5 would give Vertrieb away)."""
    code, key = _session(store)
    for _ in range(5):
        _submit(store, code, "Service", DUMMY)
    _submit(store, code, "Vertrieb", SECRET)
    for snapshot in _snapshots(store, code, key):
        assert snapshot.areas.shown == {}
        for where, content in _texts(snapshot).items():
            assert not re.search(r"Bereich (Service|Vertrieb|IT)\W+\d", content), where
            assert '"role_group"' not in content, where
        doc = document(snapshot)
        assert all(a["people"] is None for a in doc["areas"])
        assert all(set(p) == {"id"} for p in doc["participants"])


def test_complementary_areas_are_withheld_until_the_rest_is_safe(store: Store) -> None:
    """Service 6, Vertrieb 5, IT 2, no area 0: IT alone would be 13 − 6 − 5, so Vertrieb
    (the smaller shown area) is withheld too; Service stays, the rest (7) is safe."""
    code, key = _session(store)
    for area, n in (("Service", 6), ("Vertrieb", 5), ("IT", 2)):
        for _ in range(n):
            _submit(store, code, area, DUMMY)
    snapshot = build_snapshot(store, code, key)
    assert snapshot.areas.shown == {"Service": 6}
    assert snapshot.areas.withheld_people == 7
    sheets = pd.read_excel(io.BytesIO(FORMATS["xlsx"].render(snapshot)), sheet_name=None)
    summary = dict(zip(sheets["Übersicht"]["Angabe"], sheets["Übersicht"]["Wert"], strict=True))
    assert summary["Bereich Service"] == 6
    assert (
        summary["Bereich Vertrieb"]
        == summary["Bereich IT"]
        == "zurückgehalten (zu wenige Personen)"
    )
    assert summary["Ohne Bereichsangabe"] == "zurückgehalten (zu wenige Personen)"
    assert summary["Zurückgehaltene Bereiche zusammen"] == 7
    assert "Bereich Vertrieb: 5" not in _texts(snapshot)["html"]


def test_padding_with_empty_identities_shows_nothing_more(store: Store) -> None:
    """Four joins that never submit do not lift one real ballot over the threshold of 5, and
    the empty identities appear nowhere (only as the number who joined)."""
    code, key = _session(store)
    for _ in range(4):
        store.join(code)
    _submit(store, code, None, SECRET)
    for snapshot in _snapshots(store, code, key):
        assert snapshot.joined == 5 and len(snapshot.participants) == 1
        assert not any(r.weights_visible for r in snapshot.rounds)
        for where, content in _texts(snapshot).items():
            assert not _contains_ballot(content, SECRET), where


def test_padding_with_dummy_ballots_hides_the_real_one_by_default(store: Store) -> None:
    """Four dummy ballots plus one real one reach the threshold; by default no format holds
    any single ballot, only the group's figures; the console's counts show the padding."""
    code, key = _session(store)
    for _ in range(4):
        _submit(store, code, None, DUMMY)
    _submit(store, code, None, SECRET)
    snapshot = build_snapshot(store, code, key, charts=wall_charts)
    assert snapshot.rounds[0].weights_visible and snapshot.rounds[0].ballots == ()
    for where, content in _texts(snapshot).items():
        assert not _contains_ballot(content, SECRET), where
    counts = store.counts(code)
    assert (counts.participants, counts.weights, counts.votes) == (5, 5, 5)


def test_pseudonyms_tell_nothing_of_joining_order(store: Store) -> None:
    """The real person joined first; over 40 exports their pseudonym is P01 about a fifth of the
    time, not always — and two exports do not repeat one order."""
    code, key = _session(store)
    _submit(store, code, None, SECRET)
    for _ in range(4):
        _submit(store, code, None, DUMMY)
    names = []
    for _ in range(40):
        rows = build_snapshot(store, code, key, individual=True).rounds[0].ballots
        names.append(next(r.pseudonym for r in rows if dict(r.weights) == SECRET))
    assert 1 < names.count("P01") < 20, names
    assert len(set(names)) == 5


def test_per_person_rows_are_listed_by_pseudonym_not_by_joining(store: Store) -> None:
    """The CSV of individual weights lists rows P01, P02, … and carries no area column."""
    code, key = _session(store)
    for area in ("Service",) * 5 + ("Vertrieb",):
        _submit(store, code, area, DUMMY)
    snapshot = build_snapshot(store, code, key, individual=True, shuffle=random.Random(3))
    csv = _texts(snapshot)["csv:03_participant_weights.csv"]
    header, *rows = csv.strip().splitlines()
    assert "Bereich" not in header
    assert [row.split(";")[1] for row in rows] == [f"P0{n}" for n in range(1, 7)]


def _contains_ballot(content: str, ballot: dict[str, int]) -> bool:
    """Whether the content holds this exact ballot as a row of slider positions."""
    values = [str(ballot[c.id]) for c in PACK.criteria]
    for sep in (";", ",", '", "', ": "):
        if sep.join(values) in content:
            return True
    try:
        doc = json.loads(content)
    except ValueError:
        return False
    return any(b["weights"] == ballot for r in doc["rounds"] for b in r["weights"]["ballots"])


# --------------------------------------------------------------------------- the rule itself


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.integers(0, 12), min_size=1, max_size=5),
    st.integers(0, 12),
    st.integers(2, 8),
)
def test_no_withheld_cell_can_be_worked_out(
    areas: Sequence[int], unassigned: int, threshold: int
) -> None:
    """Shown cells are at least the threshold; what is withheld together is 0 or at least the
    threshold, so the total minus the shown cells never names fewer than `threshold` people."""
    counts = {f"A{i}": n for i, n in enumerate(areas)} | {NO_AREA: unassigned}
    cells = suppress(counts, threshold)
    assert all(n >= threshold for n in cells.shown.values())
    rest = sum(counts.values()) - sum(cells.shown.values())
    assert rest == cells.withheld_people
    assert rest == 0 or rest >= threshold or not cells.shown
    assert set(cells.shown) | cells.withheld == set(counts)


def test_rows_and_the_event_log_give_the_same_live_state(store: Store) -> None:
    """An export builds its aggregates from the stored rows (no invented events); the live
    path applies the event log. Both give the same weights, hybrid settings and votes."""
    from workshop.export.snapshot import _live_from_rows
    from workshop.rounds.live import LiveSession

    code, key = _session(store)
    tokens = [_submit(store, code, None, DUMMY if n % 2 else SECRET) for n in range(6)]
    hybrid = PACK.hybrids[0]
    store.submit_weights(code, tokens[0], SECRET, {hybrid.id: hybrid.defaults()})
    store.start_round(code, key)
    store.submit_weights(code, tokens[1], DUMMY)
    live = LiveSession(PACK.criterion_ids)
    live.apply(store.events_since(code))
    rows = [
        (n, store.context(code, n), store.all_weights(code, n), store.votes(code, n))
        for n in (1, 2)
    ]
    built = _live_from_rows(PACK, [p.id for p in store.participants(code)], rows)
    assert built.participants == live.participants
    for n in (1, 2):
        a, b = built.round(n), live.round(n)
        assert (a.context, a.votes, a.hybrid_params) == (b.context, b.votes, b.hybrid_params)
        assert a.weights.ballots() == b.weights.ballots()
        assert len(a.weights) == (6 if n == 1 else 1)
