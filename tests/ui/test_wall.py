"""The projector wall: join panel, live counts, threshold, reveal, results, concerns, rounds."""

from __future__ import annotations

import base64
import html
import re
from collections.abc import Callable

import pandas as pd
import pyarrow as pa
import pytest
from streamlit.testing.v1 import AppTest
from support.seeding import PACK, Seeded, profiles, submit_weights

from workshop.store import Store
from workshop.ui import qr, wall

Open = Callable[..., AppTest]
Make = Callable[..., Seeded]


def html_text(at: AppTest) -> str:
    """Every st.html body of the run, joined, as sent (the wall escapes what it writes)."""
    return "\n".join(str(element.value) for element in at.html)


def visible_text(at: AppTest) -> str:
    """The text a reader sees in the run's st.html bodies (tags dropped, entities decoded)."""
    return html.unescape(re.sub(r"<[^>]+>", " ", html_text(at)))


def counts_of(at: AppTest) -> dict[str, int]:
    """The wall's live counts by their label."""
    pairs = re.findall(r'class="value">(\d+)</span><span class="label">([^<]+)<', html_text(at))
    return {html.unescape(label): int(value) for value, label in pairs}


#: Which chart a data table belongs to, told by a column only it has.
CHART_COLUMNS = {"group": "ranking", "low": "weights", "side": "shift", "value": "votes"}


def charts_of(at: AppTest) -> dict[str, pd.DataFrame]:
    """The Vega-Lite charts of the run by kind, with the data they were given."""
    found = {}
    for element in at.get("vega_lite_chart"):
        data = pa.ipc.open_stream(element.proto.data.data).read_all().to_pandas()
        kind = next(name for column, name in CHART_COLUMNS.items() if column in data.columns)
        found[kind] = data
    return found


def test_wall_shows_code_qr_and_counts(
    make_session: Make, open_page: Open, ui_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The wall shows the join code, a QR code of the join link and live counts."""
    monkeypatch.setenv("WORKSHOP_PUBLIC_URL", "https://workshop.example/")
    seeded = make_session(4)
    submit_weights(ui_store, seeded.code, seeded.tokens[:2], profiles("varied", 2))
    at = open_page("wall", code=seeded.code).run()
    assert not at.exception
    assert seeded.code in html_text(at)
    assert "https://workshop.example" in html_text(at)
    (image,) = at.get("image")
    prefix = "data:image/svg+xml;base64,"
    assert image.value[0].startswith(prefix)
    shown = base64.b64decode(image.value[0].removeprefix(prefix)).decode()
    modules = re.search(r' d="([^"]+)"', qr.qr_svg(f"https://workshop.example/join/{seeded.code}"))
    assert modules is not None and modules.group(1) in shown  # the same QR modules
    counts = counts_of(at)
    assert counts["Teilnehmende"] == 4
    assert counts["Gewichtungen"] == 2
    assert "Ankommen & Sorgen" in visible_text(at)


def test_below_threshold_shows_no_results(make_session: Make, open_page: Open) -> None:
    """Revealed but below the anonymity threshold: counts and the threshold sentence only."""
    seeded = make_session(4, weights="varied", threshold=5, revealed=True)
    at = open_page("wall", code=seeded.code).run()
    assert not at.exception
    assert "sobald 5 Teilnehmende ihre Gewichtung abgegeben haben (bisher 4)" in visible_text(at)
    assert charts_of(at) == {}
    assert "Platz 1" not in html_text(at)


def test_results_stay_hidden_until_revealed(make_session: Make, open_page: Open) -> None:
    """Enough ballots but not revealed: no chart and no result sentence reaches the wall."""
    seeded = make_session(6, weights="varied", revealed=False)
    at = open_page("wall", code=seeded.code).run()
    assert "bis die Moderation sie zeigt" in visible_text(at)
    assert charts_of(at) == {}
    assert "Platz 1" not in html_text(at)


def test_revealed_wall_shows_ranking_and_sensitivity(make_session: Make, open_page: Open) -> None:
    """After reveal with enough ballots: ranking with contributions, weights and a sentence."""
    seeded = make_session(6, weights="varied", revealed=True)
    at = open_page("wall", code=seeded.code).run()
    assert not at.exception
    shown = charts_of(at)
    assert {"ranking", "weights"} <= set(shown)
    ranking = shown["ranking"]
    assert ranking["label"].nunique() == len(PACK.options) + len(PACK.hybrids)
    assert ranking.groupby("label")["points"].sum().max() > 0
    assert len(shown["weights"]) == len(PACK.criteria)
    text = html_text(at)
    assert "Auf Platz 1:" in text or "Gleichauf auf Platz 1:" in text
    assert "Platz 1 ginge an" in text or "Stabil:" in text or "Gleichauf" in text


def test_votes_appear_from_the_threshold(
    make_session: Make, open_page: Open, ui_store: Store
) -> None:
    """Vote results are drawn from the threshold of votes on, with the right totals."""
    seeded = make_session(4, weights="equal", vote_mode="single", revealed=True)
    for token in seeded.tokens[:2]:
        ui_store.submit_vote(seeded.code, token, {"choice": "pods"})
    at = open_page("wall", code=seeded.code).run()
    assert "votes" not in charts_of(at)
    assert "ab 3 Stimmen (bisher 2)" in html_text(at)
    ui_store.submit_vote(seeded.code, seeded.tokens[2], {"choice": "segment"})
    votes = charts_of(at.run())["votes"]
    assert sorted(votes["value"].tolist()) == [1, 2]


def test_concerns_ordered_by_upvotes_and_shown_as_text(
    make_session: Make, open_page: Open, ui_store: Store
) -> None:
    """Concerns appear most upvoted first, their text literal: no HTML, no markdown."""
    seeded = make_session(4)
    code, tokens = seeded.code, seeded.tokens
    quiet = ui_store.add_concern(code, tokens[0], "Wer trägt die Verantwortung am Wochenende?")
    loud = ui_store.add_concern(code, tokens[1], "<script>alert('x')</script> **bold**")
    middle = ui_store.add_concern(code, tokens[2], "Was wird aus dem 2nd Level?", "question")
    for token in tokens[1:4]:
        ui_store.upvote(code, token, loud.id)
    ui_store.upvote(code, tokens[0], middle.id)
    at = open_page("wall", code=code).run()
    cards = [str(e.value) for e in at.html if str(e.value).startswith('<div class="wall-concern')]
    assert len(cards) == 3
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; **bold**" in cards[0]
    assert "<script>" not in html_text(at) and "<strong>" not in html_text(at)
    assert "3-mal unterstützt" in cards[0]
    assert "2nd Level" in cards[1] and "Frage" in cards[1]
    assert quiet.text in cards[2]


def test_wall_updates_after_a_submission(
    make_session: Make, open_page: Open, ui_store: Store
) -> None:
    """A new ballot changes the event number, so the next refresh redraws with new counts."""
    seeded = make_session(5, weights="varied", revealed=True)
    at = open_page("wall", code=seeded.code).run()
    first = at.session_state["_wall_frame"]
    assert first.counts.weights == 5
    token = ui_store.join(seeded.code).token
    ui_store.submit_weights(seeded.code, token, dict.fromkeys(PACK.criterion_ids, 10))
    at.run()
    second = at.session_state["_wall_frame"]
    assert second.seq > first.seq
    assert counts_of(at)["Gewichtungen"] == 6


def test_unchanged_tick_reuses_the_frame(make_session: Make, ui_store: Store) -> None:
    """When the event number has not moved, refresh returns the last frame untouched."""
    seeded = make_session(5, weights="varied", revealed=True)
    first = wall.refresh(seeded.code, "de", None)
    assert wall.refresh(seeded.code, "de", first) is first
    assert wall.refresh(seeded.code, "en", first) is not first  # another language, new labels
    ui_store.join(seeded.code)
    assert wall.refresh(seeded.code, "de", first).counts.participants == 6


def test_second_round_shows_how_opinions_moved(
    make_session: Make, open_page: Open, ui_store: Store
) -> None:
    """In round 2 the wall compares group weights and ranking with round 1."""
    seeded = make_session(5, weights="equal", revealed=True)
    ui_store.start_round(seeded.code, seeded.key)
    heavy_rel = [{**dict.fromkeys(PACK.criterion_ids, 2), "REL": 10} for _ in seeded.tokens]
    submit_weights(ui_store, seeded.code, seeded.tokens, heavy_rel)
    ui_store.set_revealed(seeded.code, seeded.key, True)
    at = open_page("wall", code=seeded.code).run()
    assert not at.exception
    assert any("seit Runde 1" in header.value for header in at.subheader)
    shift = charts_of(at)["shift"]
    assert set(shift["round"]) == {"Runde 1", "Runde 2"}
    assert "Platz 1" in html_text(at)


def test_wall_in_english(make_session: Make, open_page: Open) -> None:
    """The wall follows ?lang=en (or the session language) for every text."""
    seeded = make_session(6, weights="varied", revealed=True)
    at = open_page("wall", code=seeded.code, lang="en").run()
    assert set(counts_of(at)) >= {"Participants", "Weights submitted"}
    assert "First place" in html_text(at) or "Tied for first place" in html_text(at)
    assert "Group ranking" in [header.value for header in at.subheader]


def test_wall_without_a_known_code(open_page: Open) -> None:
    """An unknown code shows a translated error and nothing of any session."""
    at = open_page("wall", code="ACDEFG").run()  # well-formed, but no such session
    assert not at.exception
    assert at.error and "keinen Workshop" in at.error[0].value
