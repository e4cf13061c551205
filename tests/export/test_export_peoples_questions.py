"""People's questions in the exports: resistance rounds, concern statuses, the pilot plan.

Privacy is checked on the bytes: below the anonymity threshold an option's resistance total
appears in no format (CSV, XLSX, JSON, HTML, the PDF's text), only the number of ratings.
"""

from __future__ import annotations

import io
import json
import random
import re
import shutil
import subprocess
import zipfile
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from export_support import EXPORTED_AT, InJoiningOrder
from support.seeding import PACK, Seeded, create, seed_session

from workshop.engine.ballots import STATUS_QUO
from workshop.export import FORMATS, Snapshot, build_snapshot, import_session
from workshop.export.json_export import document, json_bytes
from workshop.export.record import document as record_document
from workshop.export.record import plain_text
from workshop.export.record_html import html_bytes
from workshop.export.tables import tables
from workshop.rounds.resistance import rated_options
from workshop.store import SessionSettings, Store

OPTIONS = rated_options(PACK)
#: The option whose total is looked for in the bytes; 22 x 10 + 3 + 4 = 227, a number no other
#: part of these sessions' exports contains standing alone.
MARKED = "case_owner"
MARKED_TOTAL = 227
PLAN = {
    "option": "case_owner",
    "team": "Team Nord <b>",
    "weeks": 8,
    "measures": ["fcr", "wellbeing"],
    "other_measures": "Rückrufe je Fall",
    "review_on": "2027-05-12",
}


def ratings_for(n: int) -> dict[str, int]:
    """The n-th rater's ratings: the marked option high, the others low, keep-as-today 5."""
    marked = 10 if n < 22 else (3 if n == 22 else 4 if n == 23 else 0)
    return {**dict.fromkeys(OPTIONS, 2), MARKED: marked, STATUS_QUO: 5}


def rating_session(store: Store, raters: int, threshold: int = 25) -> Seeded:
    """`raters` people rated their resistance (nothing else), threshold 25 by default."""
    created = create(store, SessionSettings(anonymity_threshold=threshold), "Widerstandsprobe")
    code, key = created.code, created.facilitator_key
    tokens = tuple(store.join(code).token for _ in range(raters))
    for n, token in enumerate(tokens):
        store.submit_resistance(code, token, ratings_for(n))
    return Seeded(code, key, tokens)


def snap(store: Store, seeded: Seeded, lang: str = "de", individual: bool = True) -> Snapshot:
    return build_snapshot(
        store,
        seeded.code,
        seeded.key,
        lang=lang,
        individual=individual,
        now=EXPORTED_AT,
        shuffle=random.Random(3),
    )


def format_texts(snapshot: Snapshot) -> dict[str, str]:
    """Every format as text: CSV members, XLSX parts, JSON, HTML and the PDF's text layer."""
    texts: dict[str, str] = {}
    with zipfile.ZipFile(io.BytesIO(FORMATS["csv"].render(snapshot))) as csv_zip:
        for name in csv_zip.namelist():
            texts[f"csv:{name}"] = csv_zip.read(name).decode("utf-8-sig")
    with zipfile.ZipFile(io.BytesIO(FORMATS["xlsx"].render(snapshot))) as book:
        for name in book.namelist():
            texts[f"xlsx:{name}"] = book.read(name).decode("utf-8")
    texts["json"] = FORMATS["json"].render(snapshot).decode("utf-8")
    texts["html"] = FORMATS["html"].render(snapshot).decode("utf-8")
    texts["record"] = "\n".join(plain_text(record_document(snapshot)))
    pdf = FORMATS["pdf"].render(snapshot)
    assert pdf.startswith(b"%PDF")
    if shutil.which("pdftotext"):
        texts["pdf"] = subprocess.run(
            ["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True
        ).stdout.decode("utf-8")
    return texts


def standing_alone(number: int, text: str) -> bool:
    """Whether `number` occurs in `text` as a number of its own (not inside 0.12271 or 1227)."""
    return re.search(rf"(?<![\d.,]){number}(?![\d.,]|\d)", text) is not None


# --------------------------------------------------------------------------- privacy


def test_below_the_threshold_every_format_has_the_count_only(store: Store) -> None:
    """24 ratings under a threshold of 25: the count everywhere, the total nowhere."""
    snapshot = snap(store, rating_session(store, 24))
    assert snapshot.rounds[0].resistance.count == 24
    assert not snapshot.rounds[0].resistance.shown
    assert snapshot.rounds[0].resistance_rows == ()
    texts = format_texts(snapshot)
    leaking = [name for name, text in texts.items() if standing_alone(MARKED_TOTAL, text)]
    assert leaking == []
    doc = json.loads(texts["json"])
    assert doc["rounds"][0]["resistance"] == {"count": 24, "withheld": True, "ratings": []}
    assert "24 Teilnehmende haben ihren Widerstand eingeschätzt – zu wenige" in texts["html"]
    assert {t.id: len(t.rows) for t in tables(snapshot)}["resistance"] == 0
    assert {t.id: len(t.rows) for t in tables(snapshot)}["participant_resistance"] == 0


def test_from_the_threshold_the_total_is_in_every_format_but_json(store: Store) -> None:
    """The same ratings and one more reach the threshold: the totals appear (the JSON carries
    ratings, not totals), per person only with individual rows."""
    snapshot = snap(store, rating_session(store, 25))
    results = snapshot.rounds[0].resistance
    assert results.shown
    assert next(o.total for o in results.options if o.option == MARKED) == MARKED_TOTAL
    texts = format_texts(snapshot)
    for name in ("csv:10_resistance.csv", "xlsx:xl/worksheets/sheet10.xml", "html", "record"):
        assert standing_alone(MARKED_TOTAL, texts[name]), name
    if "pdf" in texts:
        assert standing_alone(MARKED_TOTAL, texts["pdf"])
    doc = json.loads(texts["json"])
    assert len(doc["rounds"][0]["resistance"]["ratings"]) == 25
    aggregate = snap(store, rating_session(store, 25), individual=False)
    assert aggregate.rounds[0].resistance_rows == ()
    assert document(aggregate)["rounds"][0]["resistance"]["ratings"] == []
    rows = {t.id: len(t.rows) for t in tables(aggregate)}
    assert rows["resistance"] == len(OPTIONS) + 1 and rows["participant_resistance"] == 0


def test_resistance_table_marks_the_least_and_keeps_keep_as_today(store: Store) -> None:
    snapshot = snap(store, rating_session(store, 25))
    table = next(t for t in tables(snapshot) if t.id == "resistance")
    by_option = {row[2]: row for row in table.rows}
    assert set(by_option) == {*OPTIONS, STATUS_QUO}
    assert by_option[MARKED][4] == MARKED_TOTAL
    assert by_option[STATUS_QUO][4] == 125
    assert by_option[STATUS_QUO][3] == "So bleiben wie heute"
    least = {row[2] for row in table.rows if row[11] == "ja"}
    assert least == set(OPTIONS) - {MARKED}
    people = next(t for t in tables(snapshot) if t.id == "participant_resistance")
    assert len(people.rows) == 25
    assert people.columns[-1].header == "So bleiben wie heute"


def test_record_says_which_option_meets_least_resistance_in_both_languages(store: Store) -> None:
    seeded = rating_session(store, 25)
    german = "\n".join(plain_text(record_document(snap(store, seeded, "de"))))
    english = "\n".join(plain_text(record_document(snap(store, seeded, "en"))))
    assert "Den geringsten Widerstand hat" in german
    assert "Weniger Widerstand als „So bleiben wie heute“ (Widerstandswert 125)" in german
    assert "The least resistance goes to" in english
    assert "Keep as today" in english


# --------------------------------------------------------------------------- concerns and pilot


def discussed_session(store: Store) -> Seeded:
    """The seeded workshop with resistance in round 2, concerns answered or parked, a pilot."""
    seeded = seed_session(store, 12)
    code, key = seeded.code, seeded.key
    store.set_locked(code, key, "concerns", False)
    for n, token in enumerate(seeded.tokens):
        store.submit_resistance(code, token, ratings_for(n % 20))
    concerns = sorted(store.concerns(code, include_hidden=True), key=lambda c: c.id)
    store.set_concern_status(code, key, concerns[0].id, "answered", "Das Team <vertritt> =1+1")
    store.set_concern_status(code, key, concerns[1].id, "parked")
    store.set_concern_status(code, key, concerns[3].id, "out_of_scope", "Nicht hier.")
    store.add_concern(code, seeded.tokens[2], "Wer schult uns?", "question", "case_owner")
    store.set_pilot(code, key, PLAN)
    settings = store.get_session(code).settings
    store.update_settings(code, key, replace(settings, spotlight="case_owner"))
    return seeded


def test_concerns_carry_status_answer_and_option_in_the_spreadsheets(store: Store) -> None:
    snapshot = snap(store, discussed_session(store))
    table = next(t for t in tables(snapshot) if t.id == "concerns")
    assert [c.header for c in table.columns][-3:] == ["Status", "Antwort", "Zu Option"]
    by_text = {row[2]: row for row in table.rows}
    first = by_text["Wer vertritt mich bei meinen Stammkunden, wenn ich krank bin?"]
    assert first[5:] == ("Beantwortet", "Das Team <vertritt> =1+1", None)
    assert by_text["Wer schult uns?"][5:] == ("Offen", None, "Fallverantwortung")
    csv_text = format_texts(snapshot)["csv:08_concerns.csv"]
    assert "Für den Pilot vorgemerkt" in csv_text
    assert "Nicht hier." not in csv_text  # the answer of a hidden concern stays out with it


def test_record_groups_concerns_by_status_and_shows_the_pilot(store: Store) -> None:
    seeded = discussed_session(store)
    html = html_bytes(snap(store, seeded)).decode("utf-8")
    assert "Das Team &lt;vertritt&gt; =1+1" in html and "<vertritt>" not in html
    assert html.index("Offen (") < html.index("Beantwortet (1)")
    assert "Team Nord &lt;b&gt;" in html and "12. Mai 2027" in html
    assert "Erstlösungsquote" in html and "Rückrufe je Fall" in html
    english = "\n".join(plain_text(record_document(snap(store, seeded, "en"))))
    assert "12 May 2027" in english and "Employee wellbeing" in english
    pilot = next(t for t in tables(snap(store, seeded)) if t.id == "pilot")
    assert ("Pilotteam", "Team Nord <b>") in pilot.rows


def test_record_without_a_pilot_says_so_and_names_the_top_two(store: Store) -> None:
    seeded = seed_session(store, 12)
    snapshot = snap(store, seeded)
    text = "\n".join(plain_text(record_document(snapshot)))
    assert "Noch kein Pilot festgelegt." in text
    assert "Was ändert sich für wen?" in text
    ranking = snapshot.rounds[-1].results.ranking
    names = {o.id: o.name.get("de") for o in PACK.options} | {
        h.id: h.name.get("de") for h in PACK.hybrids
    }
    first = ranking[0].option
    assert "(Platz 1)" in text and "(nächstplatziert)" in text
    change = PACK.role_change(first, PACK.roles[0].id)
    assert change is not None and change.responsibility.get("de") in text
    assert "Quellen:" in text
    assert names[first] in text


def test_record_with_a_pilot_explains_its_role_changes(store: Store) -> None:
    seeded = discussed_session(store)
    text = "\n".join(plain_text(record_document(snap(store, seeded))))
    assert "Fallverantwortung (Pilot)" in text
    for role in PACK.roles:
        change = PACK.role_change("case_owner", role.id)
        assert change is not None
        assert change.career.get("de") in text
        assert role.name.get("de") in text


# --------------------------------------------------------------------------- JSON round trip


def export_doc(store: Store, code: str, key: str) -> dict[str, Any]:
    snapshot = build_snapshot(store, code, key, individual=True, shuffle=InJoiningOrder())
    return document(snapshot)


def test_json_round_trip_keeps_resistance_concern_status_pilot_and_spotlight(
    store: Store,
) -> None:
    seeded = discussed_session(store)
    first = export_doc(store, seeded.code, seeded.key)
    assert first["version"] == 3
    assert first["pilot"] == PLAN
    assert first["session"]["settings"]["spotlight"] == "case_owner"
    assert len(first["rounds"][1]["resistance"]["ratings"]) == 12
    assert {c["status"] for c in first["concerns"]} == {"open", "answered", "parked"}
    created = import_session(store, json.dumps(first, ensure_ascii=False).encode("utf-8"))
    second = export_doc(store, created.code, created.facilitator_key)
    for doc in (first, second):
        for field in ("exported_at", "source", "areas"):
            del doc[field]
    assert second == first


def test_an_export_without_the_new_keys_still_imports(store: Store) -> None:
    """A version 2 file (before resistance, statuses and the pilot) imports as before."""
    seeded = seed_session(store, 6)
    doc = export_doc(store, seeded.code, seeded.key)
    old = {k: v for k, v in doc.items() if k != "pilot"}
    old["version"] = 2
    old["session"]["settings"].pop("spotlight")
    for r in old["rounds"]:
        del r["resistance"]
    for c in old["concerns"]:
        for key in ("status", "answer", "option_id"):
            del c[key]
    created = import_session(store, json.dumps(old, ensure_ascii=False).encode("utf-8"))
    again = export_doc(store, created.code, created.facilitator_key)
    assert again["pilot"] is None
    assert all(c["status"] == "open" and c["answer"] is None for c in again["concerns"])
    assert again["rounds"][0]["weights"]["ballots"] == doc["rounds"][0]["weights"]["ballots"]


@pytest.mark.parametrize(
    ("change", "where"),
    [
        (lambda d: d["concerns"][0].update(status="closed"), "concerns[0].status"),
        (lambda d: d["concerns"][0].update(option_id="nope"), "concerns[0].option_id"),
        (lambda d: d["concerns"][0].update(answer=" padded "), "concerns[0].answer"),
        (lambda d: d.update(pilot={**PLAN, "weeks": 99}), "pilot"),
        (lambda d: d.update(pilot={**PLAN, "option": "nope"}), "pilot"),
        (lambda d: d["session"]["settings"].update(spotlight="nope"), "session.settings.spotlight"),
        (
            lambda d: d["rounds"][1]["resistance"]["ratings"][0]["ratings"].update(case_owner=11),
            "rounds[1].resistance.ratings[0].ratings",
        ),
        (
            lambda d: d["rounds"][1]["resistance"]["ratings"][0]["ratings"].pop(STATUS_QUO),
            "rounds[1].resistance.ratings[0].ratings",
        ),
        (lambda d: d["rounds"][1]["resistance"].update(count=3), "rounds[1].resistance.withheld"),
        (lambda d: d["rounds"][1]["resistance"].update(ratings=[]), "rounds[1].resistance.ratings"),
    ],
)
def test_bad_new_fields_are_refused_where_they_are(store: Store, change: Any, where: str) -> None:
    from workshop.export import ImportRejected

    seeded = discussed_session(store)
    doc = export_doc(store, seeded.code, seeded.key)
    change(doc)
    with pytest.raises(ImportRejected) as caught:
        import_session(store, json.dumps(doc, ensure_ascii=False).encode("utf-8"))
    assert caught.value.details["where"] == where


# --------------------------------------------------------------------------- the next workshop


def test_a_reimported_session_shows_the_earlier_rounds_results_beside_the_new_round(
    store: Store, tmp_path: Path
) -> None:
    """Import an export with one round of ballots, start a round, submit new ballots: the
    record shows both rounds' rankings and the shift between them."""
    created = create(store, SessionSettings(anonymity_threshold=5), "Erster Termin")
    code, key = created.code, created.facilitator_key
    tokens = [store.join(code).token for _ in range(6)]
    for n, token in enumerate(tokens):
        store.submit_weights(
            code, token, {c: (n + i) % 11 for i, c in enumerate(PACK.criterion_ids)}
        )
    earlier = json_bytes(build_snapshot(store, code, key, individual=True))
    again = import_session(store, earlier)
    store.start_round(again.code, again.facilitator_key)
    newcomers = [store.join(again.code).token for _ in range(5)]
    for token in newcomers:
        store.submit_weights(
            again.code, token, {c: 10 if i < 3 else 1 for i, c in enumerate(PACK.criterion_ids)}
        )
    snapshot = build_snapshot(store, again.code, again.facilitator_key)
    assert [r.weights_visible for r in snapshot.rounds] == [True, True]
    html = html_bytes(snapshot).decode("utf-8")
    assert html.count("Rangfolge und Robustheit") == 2
    assert "Runde 1" in html and "Runde 2" in html and "Veränderung seit Runde 1" in html
    ranking = next(t for t in tables(snapshot) if t.id == "ranking")
    assert {row[0] for row in ranking.rows} == {1, 2}


@pytest.mark.parametrize("lang", ["de", "en"])
def test_resistance_sentences_name_a_winner_the_group_resists(lang: str) -> None:
    """The preference winner is not least resisted: one sentence says so, in both languages."""
    from workshop.export import words
    from workshop.export.record import resistance_sentences
    from workshop.rounds.resistance import resistance_results

    ratings = {pid: {**dict.fromkeys(OPTIONS, 1), MARKED: 9, STATUS_QUO: 6} for pid in range(5)}
    preference = (MARKED, *[o for o in OPTIONS if o != MARKED])
    results = resistance_results(ratings, OPTIONS, 5, preference)
    names = words.resistance_names(PACK, lang)
    sentences = resistance_sentences(results, names, lang)
    winner = [s for s in sentences if names[MARKED] in s and "11" in s]
    assert len(winner) == 1
    assert ("vorn" in winner[0]) if lang == "de" else ("leads the scores" in winner[0])
