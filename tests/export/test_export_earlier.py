"""The earlier workshop's results: a JSON export carries each round's summary, an import keeps
them, and the re-imported session's decision record and spreadsheets show them beside its own
new rounds — with and without per-person rows, and never below the anonymity threshold."""

from __future__ import annotations

import copy
import io
import json
import random
import zipfile
from collections.abc import Sequence
from typing import Any

import pytest
from export_support import EXPORTED_AT, InJoiningOrder
from support.seeding import PACK, create

from workshop.export import ImportRejected, build_snapshot, import_session
from workshop.export.csvzip import zip_bytes
from workshop.export.json_export import document, json_bytes
from workshop.export.pdf import pdf_bytes
from workshop.export.record import Block, Document, Heading, TableBlock, plain_text
from workshop.export.record import document as record_document
from workshop.export.record_html import html_bytes
from workshop.export.summary import read_earlier
from workshop.export.tables import tables
from workshop.store import SessionSettings, Store
from workshop.text.i18n import t
from workshop.text.wording import option_names

Doc = dict[str, Any]
OPTIONS = [*PACK.option_ids, *(h.id for h in PACK.hybrids)]
RATED = PACK.all_option_ids


def lean(first: Sequence[str], seed: int) -> dict[str, int]:
    """Slider positions that favour the criteria in `first` (the rest low, a little noise)."""
    rng = random.Random(seed)
    return {c: (9 if c in first else 1) + rng.choice((0, -1)) for c in PACK.criterion_ids}


def workshop(
    store: Store, weighing: int, voting: int, rating: int, *, title: str = "Workshop Nord"
) -> tuple[str, str]:
    """A revealed session (threshold 5, dots): `weighing` weigh, `voting` vote, `rating` rate."""
    created = create(store, SessionSettings(anonymity_threshold=5, vote_mode="dots"), title)
    code, key = created.code, created.facilitator_key
    tokens = [store.join(code).token for _ in range(max(weighing, voting, rating))]
    for n, token in enumerate(tokens[:weighing]):
        store.submit_weights(code, token, lean(PACK.criterion_ids[:3], n))
    for token in tokens[:voting]:
        store.submit_vote(code, token, {"dots": {OPTIONS[0]: 3, OPTIONS[1]: 2}})
    for n, token in enumerate(tokens[:rating]):
        store.submit_resistance(
            code, token, {**dict.fromkeys(RATED, 6), RATED[2]: n % 2, "status_quo": 8}
        )
    store.set_revealed(code, key, True)
    return code, key


def export(store: Store, code: str, key: str, individual: bool) -> Doc:
    snapshot = build_snapshot(store, code, key, individual=individual, shuffle=InJoiningOrder())
    return document(snapshot)


def imported(store: Store, doc: Doc) -> tuple[str, str]:
    created = import_session(store, json.dumps(doc, ensure_ascii=False).encode("utf-8"))
    return created.code, created.facilitator_key


def next_round(store: Store, code: str, key: str, people: int) -> None:
    """A new round in the imported session: new people weigh differently."""
    store.start_round(code, key)
    for n in range(people):
        token = store.join(code).token
        store.submit_weights(code, token, lean(PACK.criterion_ids[-3:], 100 + n))
        store.submit_vote(code, token, {"dots": {OPTIONS[-1]: 3, OPTIONS[2]: 2}})


def section(blocks: Sequence[Block], title: str) -> list[Block]:
    """The blocks under the level-2 heading `title`, up to the next level-2 heading."""
    start = next(i for i, b in enumerate(blocks) if b == Heading(title, 2))
    rest = blocks[start + 1 :]
    end = next((i for i, b in enumerate(rest) if isinstance(b, Heading) and b.level == 2), None)
    return list(rest[:end])


def first_column_names(blocks: Sequence[Block]) -> list[str]:
    """The option names of every ranking table (rank, option, …) among `blocks`."""
    rank = t("export.col.rank", "de")
    return [
        row[1]
        for b in blocks
        if isinstance(b, TableBlock) and b.header[0] == rank
        for row in b.rows
    ]


NAMES = option_names(PACK, "de")


# --------------------------------------------------------------------------- the acceptance


@pytest.mark.parametrize("individual", [False, True])
def test_reimported_session_shows_the_earlier_results_next_to_the_new_round(
    store: Store, individual: bool
) -> None:
    """6 weigh, vote and rate (threshold 5), revealed; exported (with or without rows) and
    imported; 6 new people weigh differently in a new round: the record shows the earlier
    workshop's ranking and leader under its own heading, and the new round's ranking."""
    code, key = workshop(store, 6, 6, 6)
    first = export(store, code, key, individual)
    summary = first["rounds"][0]["summary"]
    assert summary["shown"] and summary["tally"]["mode"] == "dots"
    assert (summary["ballots"], summary["votes"], summary["ratings"]) == (6, 6, 6)
    assert summary["least_resistance"] == [RATED[2]]
    earlier_leader = summary["ranking"][0]["option"]

    new_code, new_key = imported(store, first)
    stored = store.earlier_results(new_code)
    assert stored == {
        "title": "Workshop Nord",
        "exported_at": first["exported_at"],
        "rounds": [{"round": 1, **summary}],
    }
    next_round(store, new_code, new_key, 6)
    snapshot = build_snapshot(store, new_code, new_key)
    record = record_document(snapshot)

    earlier = section(record.blocks, "Ergebnisse des letzten Workshops")
    assert first_column_names(earlier)[0] == NAMES[earlier_leader]
    earlier_text = " ".join(plain_text(Document("de", "", "", "", tuple(earlier))))
    assert "Workshop Nord" in earlier_text
    assert f"vorn lag {NAMES[OPTIONS[0]]} mit 18" in earlier_text
    assert f"Den geringsten Widerstand hatte {NAMES[RATED[2]]}" in earlier_text

    now = section(record.blocks, "Runde 2 (dieser Workshop)")
    new_ranking = first_column_names(now)
    assert len(new_ranking) == len(OPTIONS)
    assert new_ranking[0] == NAMES[snapshot.rounds[1].results.ranking[0].option]
    assert new_ranking[0] != NAMES[earlier_leader]  # the new group weighs differently

    carried = section(record.blocks, "Runde 1 (aus dem letzten Workshop übernommen)")
    assert bool(first_column_names(carried)) == individual  # the rows came back, or not
    page = html_bytes(snapshot).decode()
    assert page.index("Ergebnisse des letzten Workshops") < page.index("Runde 2 (dieser Workshop)")
    assert page.count(NAMES[earlier_leader]) >= 1


def test_below_the_threshold_nothing_but_counts_travels(store: Store) -> None:
    """4 weigh (threshold 5), 6 vote and rate: the summary, the stored document and the record
    hold counts only — not even the vote or resistance that alone had enough entries."""
    code, key = workshop(store, 4, 6, 6)
    first = export(store, code, key, individual=False)
    assert first["rounds"][0]["summary"] == {
        "shown": False,
        "ballots": 4,
        "votes": 6,
        "ratings": 6,
        "ranking": [],
        "tally": None,
        "least_resistance": [],
    }
    new_code, new_key = imported(store, first)
    stored = store.earlier_results(new_code)
    assert stored is not None
    assert all(
        not r["ranking"] and r["tally"] is None and not r["least_resistance"]
        for r in stored["rounds"]
    )
    snapshot = build_snapshot(store, new_code, new_key)
    record = record_document(snapshot)
    assert not first_column_names(record.blocks)
    text = " ".join(plain_text(record))
    assert "bekannt sind nur Anzahlen" in text
    assert not any(NAMES[o] in text for o in OPTIONS)
    assert [tb.id for tb in tables(snapshot)][-1] == "earlier_results"
    assert not tables(snapshot)[-1].rows


# --------------------------------------------------------------------------- the JSON round trip


def test_export_import_export_with_rows_keeps_the_summaries(store: Store) -> None:
    """With rows, the re-imported session computes the same summaries from the same rows."""
    code, key = workshop(store, 6, 6, 6)
    first = export(store, code, key, individual=True)
    new_code, new_key = imported(store, first)
    second = export(store, new_code, new_key, individual=True)
    assert [r["summary"] for r in second["rounds"]] == [r["summary"] for r in first["rounds"]]


def test_export_import_export_without_rows_gives_counts_only_summaries(store: Store) -> None:
    """Without rows, the re-imported rounds have no inputs: their own summaries are counts only
    (zeros); the earlier results stay with the session, not in its export."""
    code, key = workshop(store, 6, 6, 6)
    first = export(store, code, key, individual=False)
    new_code, new_key = imported(store, first)
    second = export(store, new_code, new_key, individual=False)
    assert second["rounds"][0]["summary"] == {
        "shown": False,
        "ballots": 0,
        "votes": 0,
        "ratings": 0,
        "ranking": [],
        "tally": None,
        "least_resistance": [],
    }
    assert store.earlier_results(new_code) is not None
    third_code, _ = imported(store, second)
    kept = store.earlier_results(third_code)
    assert kept is not None and not kept["rounds"][0]["shown"]


def test_files_without_summaries_import_without_earlier_results(store: Store) -> None:
    """Version 3 files written before ``summary``, and version 2 files, keep no earlier results."""
    code, key = workshop(store, 6, 6, 6)
    doc = export(store, code, key, individual=True)
    for r in doc["rounds"]:
        del r["summary"]
    new_code, new_key = imported(store, doc)
    assert store.earlier_results(new_code) is None
    snapshot = build_snapshot(store, new_code, new_key)
    assert snapshot.earlier is None
    assert "Ergebnisse des letzten Workshops" not in html_bytes(snapshot).decode()
    assert [tb.id for tb in tables(snapshot)][-1] == "pilot"
    old = copy.deepcopy(doc)
    old["version"] = 2
    old.pop("pilot")
    for r in old["rounds"]:
        del r["resistance"]
    for c in old["concerns"]:
        for k in ("status", "answer", "option_id"):
            c.pop(k)
    assert store.earlier_results(imported(store, old)[0]) is None


# --------------------------------------------------------------------------- hostile summaries


@pytest.fixture(scope="module")
def valid(tmp_path_factory: pytest.TempPathFactory) -> Doc:
    """A valid aggregate export whose round was shown, its vote and resistance too."""
    from export_support import database_url

    from workshop.store import open_store

    with open_store(database_url(tmp_path_factory.mktemp("summary"))) as source:
        code, key = workshop(source, 6, 6, 6)
        return export(source, code, key, individual=False)


def _set(path: str, value: Any) -> Any:
    """A change of the summary of round 1 at a dotted path (list indices as numbers)."""

    def change(doc: Doc) -> None:
        target: Any = doc["rounds"][0]["summary"]
        *parents, last = path.split(".")
        for part in parents:
            target = target[int(part)] if part.isdigit() else target[part]
        if value is _DELETE:
            del target[last]
        elif isinstance(target, list):
            target[int(last)] = value
        else:
            target[last] = value

    return change


_DELETE = object()
S = "rounds[0].summary"
BAD: dict[str, tuple[Any, str, str]] = {
    "unknown option ranked": (_set("ranking.0.option", "nope"), "value", f"{S}.ranking[0].option"),
    "option ranked twice": (
        lambda d: d["rounds"][0]["summary"]["ranking"][1].update(
            option=d["rounds"][0]["summary"]["ranking"][0]["option"]
        ),
        "value",
        f"{S}.ranking[1].option",
    ),
    "rank 0": (_set("ranking.0.rank", 0), "value", f"{S}.ranking[0].rank"),
    "score above 1": (_set("ranking.0.score", 1.5), "value", f"{S}.ranking[0].score"),
    "score as text": (_set("ranking.0.score", "0.5"), "type", f"{S}.ranking[0].score"),
    "score a boolean": (_set("ranking.0.score", True), "type", f"{S}.ranking[0].score"),
    "unknown vote mode": (_set("tally.mode", "approval"), "value", f"{S}.tally.mode"),
    "negative total": (
        _set(f"tally.totals.{OPTIONS[0]}", -1),
        "value",
        f"{S}.tally.totals.{OPTIONS[0]}",
    ),
    "unknown option in the tally": (
        _set("tally.totals.nope", 1),
        "unexpected",
        f"{S}.tally.totals.nope",
    ),
    "negative count": (_set("ballots", -1), "value", f"{S}.ballots"),
    "count as a float": (_set("votes", 6.0), "type", f"{S}.votes"),
    "count differs from the round": (_set("ratings", 5), "value", f"{S}.ratings"),
    "shown flag flipped": (_set("shown", False), "value", f"{S}.ranking"),
    "unknown least resisted": (
        _set("least_resistance.0", "nope"),
        "value",
        f"{S}.least_resistance[0]",
    ),
    "least resisted twice": (
        _set("least_resistance", [RATED[2], RATED[2]]),
        "value",
        f"{S}.least_resistance",
    ),
    "no tally beside enough votes": (_set("tally", None), "value", f"{S}.tally"),
    "no ranking in a shown round": (_set("ranking", []), "value", f"{S}.ranking"),
    "unknown field": (_set("leader", "pods"), "unexpected", f"{S}.leader"),
    "missing field": (_set("tally", _DELETE), "missing", f"{S}.tally"),
    "summary not an object": (lambda d: d["rounds"][0].update(summary=[]), "type", S),
    "export time not a time": (lambda d: d.update(exported_at="gestern"), "value", "exported_at"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_summaries_are_refused_where_they_are_broken(
    store: Store, valid: Doc, case: str
) -> None:
    """Each broken summary is refused with its reason and place; a valid one imports."""
    change, reason, where = BAD[case]
    broken = copy.deepcopy(valid)
    change(broken)
    with pytest.raises(ImportRejected) as caught:
        import_session(store, json.dumps(broken).encode())
    assert caught.value.details["reason"] == reason
    assert caught.value.details["where"] == where


def test_ranks_must_not_fall(store: Store, valid: Doc) -> None:
    """A ranking listed out of order is refused at the first rank that falls."""
    broken = copy.deepcopy(valid)
    ranking = broken["rounds"][0]["summary"]["ranking"]
    ranking[0]["rank"], ranking[1]["rank"] = 2, 1
    with pytest.raises(ImportRejected) as caught:
        import_session(store, json.dumps(broken).encode())
    assert caught.value.details["where"] == f"{S}.ranking[1].rank"


def test_the_valid_summary_file_imports(store: Store, valid: Doc) -> None:
    created = import_session(store, json.dumps(valid).encode())
    assert store.earlier_results(created.code) is not None


# --------------------------------------------------------------------------- the stored document


def test_a_damaged_stored_document_is_ignored(store: Store) -> None:
    """A stored document the summary check refuses is not shown at all (not half of it)."""
    code, key = workshop(store, 6, 6, 6)
    summary = export(store, code, key, individual=False)["rounds"][0]["summary"]
    good = {
        "title": "Alt",
        "exported_at": "2026-01-02T03:04:05Z",
        "rounds": [{"round": 1, **summary}],
    }
    assert read_earlier(good, PACK) is not None
    damaged = [
        {**good, "rounds": [{"round": 1, **summary, "shown": False}]},  # a ranking not shown
        {
            **good,
            "rounds": [
                {"round": 1, **summary, "ranking": [{"option": "x", "rank": 1, "score": 0.5}]}
            ],
        },
        {**good, "exported_at": "yesterday"},
        {**good, "rounds": "none"},
        {"title": "Alt"},
    ]
    for doc in damaged:
        assert read_earlier(doc, PACK) is None
        store.set_earlier_results(code, key, doc)
        snapshot = build_snapshot(store, code, key)
        assert snapshot.earlier is None
        assert "Ergebnisse des letzten Workshops" not in html_bytes(snapshot).decode()


def test_earlier_results_in_both_languages_and_every_format(store: Store) -> None:
    """English headings too; the PDF renders; the CSV zip gets 13_earlier_results.csv."""
    code, key = workshop(store, 6, 6, 6)
    new_code, new_key = imported(store, export(store, code, key, individual=False))
    next_round(store, new_code, new_key, 6)
    english = build_snapshot(store, new_code, new_key, lang="en", now=EXPORTED_AT)
    page = html_bytes(english).decode()
    assert "Results of the last workshop" in page and "Round 2 (this workshop)" in page
    assert "Then: round 1" in page
    assert pdf_bytes(english).startswith(b"%PDF")
    archive = zipfile.ZipFile(io.BytesIO(zip_bytes(english)))
    assert archive.namelist()[-1] == "13_earlier_results.csv"
    assert archive.namelist()[:12] == [n for n in archive.namelist() if not n.startswith("13_")]
    rows = archive.read("13_earlier_results.csv").decode("utf-8-sig").splitlines()
    assert len(rows) == 1 + len(OPTIONS) and rows[1].startswith("1,1,")
    assert json.loads(json_bytes(english))["rounds"][1]["summary"]["shown"]
