"""JSON export and import: the round trip, and hostile files that must create nothing."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from export_support import InJoiningOrder, database_url, session_count
from support.seeding import seed_session

from workshop.errors import StoreUnavailable
from workshop.export import ImportRejected, build_snapshot, import_session
from workshop.export.json_export import (
    FORMAT_MARKER,
    SCHEMA_VERSION,
    VARYING_FIELDS,
    document,
    json_bytes,
)
from workshop.export.json_parse import MAX_DEPTH, MAX_IMPORT_BYTES, MAX_PARTICIPANTS, nesting_depth
from workshop.export.record_html import html_bytes
from workshop.store import Store, open_store

Doc = dict[str, Any]


def without_varying(doc: Doc) -> Doc:
    """The document without the fields documented to differ after a re-import."""
    cleaned = copy.deepcopy(doc)
    for dotted in VARYING_FIELDS:
        *parents, last = dotted.split(".")
        target = cleaned
        for part in parents:
            target = target[part]
        del target[last]
    return cleaned


def export_doc(
    store: Store, code: str, key: str, include_hidden: bool = False, individual: bool = True
) -> Doc:
    """The JSON document of a session, pseudonyms in joining order so two can be compared."""
    snapshot = build_snapshot(
        store,
        code,
        key,
        include_hidden=include_hidden,
        individual=individual,
        shuffle=InJoiningOrder(),
    )
    return document(snapshot)


def reimport(store: Store, doc: Doc) -> Doc:
    """Import a document and export the new session the same way."""
    created = import_session(store, json.dumps(doc, ensure_ascii=False).encode("utf-8"))
    privacy = doc["privacy"]
    return export_doc(
        store,
        created.code,
        created.facilitator_key,
        privacy["hidden_included"],
        privacy["individual_rows"],
    )


def without_areas(doc: Doc) -> Doc:
    """The document without its area counts (imported people have no area, by design)."""
    return {k: v for k, v in doc.items() if k != "areas"}


@pytest.mark.parametrize("include_hidden", [False, True])
def test_round_trip_is_identical_except_documented_fields(
    store: Store, include_hidden: bool
) -> None:
    """Export → import → export gives the same document apart from the varying fields and the
    areas, which come back empty: a per-person area is never exported."""
    seeded = seed_session(store, 12)
    first = export_doc(store, seeded.code, seeded.key, include_hidden)
    second = reimport(store, first)
    assert second["source"]["code"] != first["source"]["code"]
    assert without_areas(without_varying(second)) == without_areas(without_varying(first))
    assert any(a["people"] for a in first["areas"] if a["area"])
    assert all(a["people"] in (None, 0) for a in second["areas"] if a["area"])
    hidden = [c for c in first["comments"] + first["concerns"] if c["hidden"]]
    assert bool(hidden) == include_hidden


def test_round_trip_of_withheld_rounds_differs_only_in_their_counts(store: Store) -> None:
    """Rounds below the threshold keep counts only; after re-import those counts are 0 (in
    the summary too, which stays counts only)."""
    seeded = seed_session(store, 6, threshold=8)
    first = export_doc(store, seeded.code, seeded.key)
    assert all(r["weights"]["withheld"] and not r["weights"]["ballots"] for r in first["rounds"])
    second = reimport(store, first)
    for before, after in zip(first["rounds"], second["rounds"], strict=True):
        assert before["weights"]["count"] == 6 and after["weights"]["count"] == 0
        assert not before["summary"]["shown"] and not after["summary"]["shown"]
        for part in ("weights", "votes"):
            before[part]["count"] = after[part]["count"] = 0
        for key in ("ballots", "votes"):
            before["summary"][key] = after["summary"][key] = 0
    assert len(second["participants"]) == 1  # the comments' author; the others left no input
    first["participants"] = second["participants"]
    assert without_areas(without_varying(second)) == without_areas(without_varying(first))


def test_aggregate_export_reimports_without_rows(store: Store) -> None:
    """The default export has no per-person rows; it imports as the same session without
    inputs: counts of the rows left out become 0, everything else comes back.  The rounds'
    own summaries are then counts only (the new session has no rows to rank): the earlier
    workshop's results live on as the session's earlier results, not in its rounds."""
    seeded = seed_session(store, 12)
    first = export_doc(store, seeded.code, seeded.key, individual=False)
    assert not first["privacy"]["individual_rows"]
    assert all(not r[p][k] for r in first["rounds"] for p, k in _LISTS)
    second = reimport(store, first)
    # Only the author of the comments and concerns (the first person) left input behind.
    assert (len(first["participants"]), len(second["participants"])) == (12, 1)
    for before, after in zip(first["rounds"], second["rounds"], strict=True):
        assert before["weights"]["count"] == 12 and after["weights"]["count"] == 0
        assert before["summary"]["shown"] and before["summary"]["ranking"]
        assert after["summary"] == {**COUNTS_ONLY, "ballots": 0, "votes": 0, "ratings": 0}
        before["summary"] = after["summary"]
        for part, _ in _LISTS:
            before[part]["count"] = after[part]["count"] = 0
            before[part]["withheld"] = after[part]["withheld"] = True
    first["participants"] = second["participants"]
    assert without_areas(without_varying(second)) == without_areas(without_varying(first))


_LISTS = (("weights", "ballots"), ("votes", "votes"))
#: A round's summary below the threshold, apart from its counts.
COUNTS_ONLY = {"shown": False, "ranking": [], "tally": None, "least_resistance": []}


def test_version_1_files_still_import(store: Store) -> None:
    """An export of the earlier schema (role groups per person, every row) still imports,
    without the role groups."""
    seeded = seed_session(store, 6)
    doc = export_doc(store, seeded.code, seeded.key)
    old = {k: v for k, v in doc.items() if k != "areas"}
    old["version"] = 1
    old["privacy"] = {"hidden_included": False}
    old["participants"] = [{"id": p["id"], "role_group": "Service"} for p in doc["participants"]]
    created = import_session(store, json.dumps(old, ensure_ascii=False).encode("utf-8"))
    again = export_doc(store, created.code, created.facilitator_key)
    assert len(again["participants"]) == 6
    assert all(a["people"] in (None, 0) for a in again["areas"] if a["area"])
    assert again["rounds"][0]["weights"]["ballots"] == doc["rounds"][0]["weights"]["ballots"]


def test_import_restores_state_and_shows_the_new_key_once(store: Store) -> None:
    """The new session has the old phase, round, locks, notes and a working facilitator key."""
    seeded = seed_session(store, 12)
    data = json_bytes(build_snapshot(store, seeded.code, seeded.key))
    created = import_session(store, data)
    view, old = created.session, store.get_session(seeded.code)
    assert (view.phase, view.round, view.revealed) == (old.phase, old.round, old.revealed)
    assert (view.phase, view.round) == ("results", 2)
    assert view.locked == frozenset({"comments"})
    assert store.check_key(created.code, created.facilitator_key)
    assert store.notes(created.code, created.facilitator_key) == store.notes(
        seeded.code, seeded.key
    )
    assert [c.upvotes for c in store.concerns(created.code)] == [
        c.upvotes for c in store.concerns(seeded.code)
    ]


def test_markup_in_strings_stays_inert_text(store: Store) -> None:
    """A title and notes with markup import as the same characters and are escaped on output."""
    seeded = seed_session(store, 6)
    doc = export_doc(store, seeded.code, seeded.key)
    doc["session"]["title"] = "<img src=x onerror=alert(1)> & Co"
    doc["notes"]["welcome"] = "<script>alert('x')</script>"
    created = import_session(store, json.dumps(doc).encode())
    assert store.get_session(created.code).title == "<img src=x onerror=alert(1)> & Co"
    page = html_bytes(build_snapshot(store, created.code, created.facilitator_key)).decode()
    assert "<img src=x" not in page and "<script>alert" not in page
    assert "&lt;img src=x onerror=alert(1)&gt; &amp; Co" in page


# --------------------------------------------------------------------------- hostile files


@pytest.fixture(scope="module")
def valid_doc(tmp_path_factory: pytest.TempPathFactory) -> Doc:
    """A valid export of a small seeded session, to be broken by each hostile case."""
    with open_store(database_url(tmp_path_factory.mktemp("valid"))) as source:
        seeded = seed_session(source, 6)
        return export_doc(source, seeded.code, seeded.key, include_hidden=True)


def edit(change: Callable[[Doc], object]) -> Callable[[Doc], bytes]:
    """A hostile case made by changing a copy of the valid document."""

    def make(doc: Doc) -> bytes:
        broken = copy.deepcopy(doc)
        change(broken)
        return json.dumps(broken, ensure_ascii=False).encode("utf-8")

    return make


def raw(data: bytes) -> Callable[[Doc], bytes]:
    return lambda _: data


def nested(depth: int) -> bytes:
    return b'{"format": "fall-oder-kunde/session", "x": ' + b"[" * depth + b"]" * depth + b"}"


HOSTILE: dict[str, tuple[Callable[[Doc], bytes], str, str]] = {
    "not json": (raw(b"{this is not json"), "not_json", ""),
    "not utf-8": (raw('{"title": "Grüße"}'.encode("latin-1")), "not_json", ""),
    "NaN": (raw(b'{"format": "fall-oder-kunde/session", "version": NaN}'), "not_json", ""),
    "duplicate key": (raw(b'{"version": 1, "version": 1}'), "not_json", ""),
    "huge number": (raw(b'{"version": 1e999}'), "not_json", ""),
    "top level array": (raw(b"[1, 2, 3]"), "foreign", ""),
    "another app's file": (raw(b'{"format": "trello-board", "version": 1}'), "foreign", ""),
    "too large": (
        edit(lambda d: d["notes"].update(welcome="x" * MAX_IMPORT_BYTES)),
        "too_large",
        "",
    ),
    "deeply nested": (raw(nested(MAX_DEPTH + 1)), "too_deep", ""),
    "very deeply nested": (raw(nested(200_000)), "too_deep", ""),
    "newer version": (edit(lambda d: d.update(version=SCHEMA_VERSION + 1)), "version", "version"),
    "version as text": (edit(lambda d: d.update(version="1")), "version", "version"),
    "missing title": (edit(lambda d: d["session"].pop("title")), "missing", "session.title"),
    "missing rounds": (edit(lambda d: d.pop("rounds")), "missing", "rounds"),
    "unknown field": (
        edit(lambda d: d["session"].update(admin=True)),
        "unexpected",
        "session.admin",
    ),
    "title is a number": (edit(lambda d: d["session"].update(title=42)), "type", "session.title"),
    "round is text": (edit(lambda d: d["session"].update(round="2")), "type", "session.round"),
    "weight is text": (
        edit(lambda d: d["rounds"][0]["weights"]["ballots"][0]["weights"].update(SPD="10")),
        "value",
        "rounds[0].weights.ballots[0].weights",
    ),
    "weight off the scale": (
        edit(lambda d: d["rounds"][0]["weights"]["ballots"][0]["weights"].update(SPD=11)),
        "value",
        "rounds[0].weights.ballots[0].weights",
    ),
    "unknown participant": (
        edit(lambda d: d["rounds"][0]["votes"]["votes"][0].update(participant="P99")),
        "value",
        "rounds[0].votes.votes[0].participant",
    ),
    "unknown option in a vote": (
        edit(lambda d: d["rounds"][0]["votes"]["votes"][0].update(vote={"choice": "nope"})),
        "value",
        "rounds[0].votes.votes[0].vote",
    ),
    "count does not match": (
        edit(lambda d: d["rounds"][0]["weights"].update(count=5)),
        "value",
        "rounds[0].weights.ballots",
    ),
    "withheld flag flipped": (
        edit(lambda d: d["rounds"][0]["weights"].update(withheld=True)),
        "value",
        "rounds[0].weights.withheld",
    ),
    "more upvotes than could join": (
        edit(lambda d: d["concerns"][0].update(upvotes=MAX_PARTICIPANTS + 1)),
        "value",
        "concerns[0].upvotes",
    ),
    "rows in an aggregate file": (
        edit(lambda d: d["privacy"].update(individual_rows=False)),
        "value",
        "rounds[0].weights.ballots",
    ),
    "more people in areas than participants": (
        edit(lambda d: d["areas"][0].update(people=7)),
        "value",
        "areas[0].people",
    ),
    "control character": (
        edit(lambda d: d["comments"][0].update(text="a\u0000b")),
        "text",
        "comments[0].text",
    ),
    "overlong title": (
        edit(lambda d: d["session"].update(title="T" * 201)),
        "text",
        "session.title",
    ),
    "unknown phase": (edit(lambda d: d["session"].update(phase="party")), "value", "session.phase"),
    "broken pack": (edit(lambda d: d["pack"].update(criteria=[])), "pack", "pack"),
    "threshold out of range": (
        edit(lambda d: d["session"]["settings"].update(anonymity_threshold=1)),
        "value",
        "session.settings.anonymity_threshold",
    ),
    "unknown area": (
        edit(lambda d: d["areas"][0].update(area="Vorstand")),
        "value",
        "areas[0].area",
    ),
    "an area on a person": (
        edit(lambda d: d["participants"][0].update(role_group="Service")),
        "unexpected",
        "participants[0].role_group",
    ),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_file_is_refused_and_creates_nothing(
    store: Store, valid_doc: Doc, case: str, tmp_path: Path
) -> None:
    """Each hostile file raises ImportRejected with its documented reason; no session appears."""
    make, reason, where = HOSTILE[case]
    before = session_count(database_url(tmp_path))
    with pytest.raises(ImportRejected) as caught:
        import_session(store, make(valid_doc))
    assert caught.value.details["reason"] == reason
    assert caught.value.details["where"] == where
    assert caught.value.code == "import_rejected"
    assert "cannot be imported" in caught.value.message
    assert session_count(database_url(tmp_path)) == before


def test_the_valid_document_itself_imports(store: Store, valid_doc: Doc) -> None:
    """The base of the hostile cases is valid: each case fails for its own change only."""
    created = import_session(store, json.dumps(valid_doc).encode())
    assert store.get_session(created.code).title == valid_doc["session"]["title"]


def test_nesting_depth_ignores_brackets_in_strings() -> None:
    """Brackets inside strings (even escaped quotes) do not count as nesting."""
    assert nesting_depth(b'{"a": "[[[[\\"{{{{", "b": [[1]]}') == 3


def test_store_failure_midway_leaves_no_session(
    store: Store, valid_doc: Doc, tmp_path: Path
) -> None:
    """If the store fails while the session is being filled, the half-made session is removed."""

    class Failing:
        """The real store, except that the third vote cannot be written."""

        def __init__(self, inner: Store) -> None:
            self.inner, self.votes = inner, 0

        def __getattr__(self, name: str) -> Any:
            return getattr(self.inner, name)

        def submit_vote(self, *args: Any) -> Any:
            self.votes += 1
            if self.votes == 3:
                raise StoreUnavailable()
            return self.inner.submit_vote(*args)

    before = session_count(database_url(tmp_path))
    with pytest.raises(StoreUnavailable):
        import_session(Failing(store), json.dumps(valid_doc).encode())  # type: ignore[arg-type]
    assert session_count(database_url(tmp_path)) == before


def test_schema_marker_and_version_are_written(valid_doc: Doc) -> None:
    """Every export names its format and schema version at the top."""
    assert valid_doc["format"] == FORMAT_MARKER
    assert valid_doc["version"] == SCHEMA_VERSION
    assert list(valid_doc)[:2] == ["format", "version"]


def test_weights_keep_their_type_from_slider_to_file(store: Store) -> None:
    """Slider positions are whole numbers on the phone, in the store and in the file: the JSON
    says 5, not 5.0 (its schema says 0..10)."""
    seeded = seed_session(store, 6)
    text = json_bytes(build_snapshot(store, seeded.code, seeded.key, individual=True)).decode()
    ballots = [b for r in json.loads(text)["rounds"] for b in r["weights"]["ballots"]]
    assert ballots and all(type(v) is int for b in ballots for v in b["weights"].values())
    stored = store.all_weights(seeded.code)
    assert all(type(v) is int for b in stored.values() for v in b.weights.values())
