"""Privacy in every export: counts only below the threshold, no names or tokens, hidden out."""

from __future__ import annotations

import io
import json
import zipfile

import pandas as pd
import pytest
from support.seeding import seed_session

from workshop.export import FORMATS, build_snapshot
from workshop.export.json_export import document
from workshop.export.record_html import html_bytes
from workshop.export.wall_charts import wall_charts
from workshop.store import Store

RESULT_SHEETS = ("Gruppengewichte", "Gewichte je Person", "Rangfolge", "Sensitivität", "Abstimmung")


def test_below_the_threshold_exports_carry_counts_only(store: Store) -> None:
    """Six people, threshold 8: no weights, results or votes anywhere — only the counts."""
    seeded = seed_session(store, 6, threshold=8)
    snapshot = build_snapshot(store, seeded.code, seeded.key, charts=wall_charts)
    sheets = pd.read_excel(io.BytesIO(FORMATS["xlsx"].render(snapshot)), sheet_name=None)
    for name in RESULT_SHEETS:
        assert len(sheets[name]) == 0, name
    summary = dict(zip(sheets["Übersicht"]["Angabe"], sheets["Übersicht"]["Wert"], strict=True))
    assert summary["Runde 1: Gewichtungen abgegeben"] == 6
    assert summary["Runde 2: Stimmen abgegeben"] == 6
    assert "nur Anzahlen" in summary["Runde 1: Ergebnisse"]
    doc = document(snapshot)
    for r in doc["rounds"]:
        assert r["weights"] == {"count": 6, "withheld": True, "ballots": []}
        assert r["votes"] == {"count": 6, "withheld": True, "votes": []}
    assert snapshot.charts == ()
    page = html_bytes(snapshot).decode()
    assert "weniger als die Anonymitätsschwelle von 8" in page
    assert "Rangfolge und Robustheit" not in page


def test_votes_below_the_threshold_are_withheld_alone(store: Store) -> None:
    """Twelve weightings but three votes (threshold 5): weights shown, vote counts only."""
    seeded = seed_session(store, 12, voters=3)
    snapshot = build_snapshot(store, seeded.code, seeded.key)
    assert all(r.weights_visible and not r.votes_visible for r in snapshot.rounds)
    sheets = pd.read_excel(io.BytesIO(FORMATS["xlsx"].render(snapshot)), sheet_name=None)
    assert len(sheets["Abstimmung"]) == 0 and len(sheets["Rangfolge"]) == 20
    assert document(snapshot)["rounds"][0]["votes"] == {"count": 3, "withheld": True, "votes": []}
    assert (
        "3 Stimmen abgegeben – weniger als die Anonymitätsschwelle von 5"
        in html_bytes(snapshot).decode()
    )


def test_no_nicknames_or_tokens_in_any_format(store: Store) -> None:
    """A nickname and every participant token appear in no export file."""
    seeded = seed_session(store, 6, threshold=3)
    token = store.join(seeded.code, nickname="Kim Geheimname").token
    snapshot = build_snapshot(store, seeded.code, seeded.key)
    for fmt in FORMATS.values():
        data = fmt.render(snapshot)
        blobs = [data]
        if data.startswith(b"PK"):  # zip containers (xlsx, csv, charts): look inside
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                blobs += [archive.read(name) for name in archive.namelist()]
        for blob in blobs:
            for secret in ("Kim Geheimname", token, *seeded.tokens, seeded.key):
                assert secret.encode() not in blob, (fmt.id, secret[:6])


def test_small_areas_are_withheld(snapshot) -> None:  # type: ignore[no-untyped-def]
    """With threshold 5, Service (7) is shown; Vertrieb (3) and IT (2) are withheld, together
    5 people (so neither can be worked out); no participant row carries an area."""
    assert snapshot.areas.shown == {"Service": 7}
    assert snapshot.areas.withheld == {"Vertrieb", "IT", ""}
    assert snapshot.areas.withheld_people == 5
    assert all(vars(p).keys() == {"pseudonym"} for p in snapshot.participants)


@pytest.mark.parametrize("include_hidden", [False, True])
def test_hidden_items_only_when_asked_for(
    shared_store: Store, seeded, include_hidden: bool
) -> None:  # type: ignore[no-untyped-def]
    """Hidden comments and concerns are left out unless the facilitator asks for them."""
    snapshot = build_snapshot(shared_store, seeded.code, seeded.key, include_hidden=include_hidden)
    texts = json.dumps(document(snapshot), ensure_ascii=False)
    for hidden in ("Dieser Kommentar wird ausgeblendet.", "Diese Frage wird ausgeblendet."):
        assert (hidden in texts) == include_hidden
    assert (snapshot.hidden_comments, snapshot.hidden_concerns) == (1, 1)
    note = "hier enthalten und markiert: 1" if include_hidden else "hier nicht enthalten: 1"
    assert note in html_bytes(snapshot).decode()
