"""The projector wall: join panel, live counts, threshold, reveal, results, concerns, rounds."""

from __future__ import annotations

import base64
import dataclasses
import html
import re
from collections.abc import Callable

import pandas as pd
import pyarrow as pa
import pytest
from streamlit.testing.v1 import AppTest
from support.seeding import PACK, Seeded, profiles, submit_weights

from workshop.export import FORMATS, build_snapshot
from workshop.export.json_import import import_session
from workshop.store import Store
from workshop.text.wording import option_names
from workshop.ui import qr, wall
from workshop.ui.wall import model
from workshop.ui.wall import page as wall_page

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
    images = re.findall(
        r'<img src="data:image/svg\+xml;base64,([^"]+)" alt="([^"]+)"', html_text(at)
    )
    assert len(images) == 1
    source, alt = images[0]
    assert (
        html.unescape(alt) == f"QR-Code zum Beitreten: https://workshop.example/join/{seeded.code}"
    )
    shown = base64.b64decode(source).decode()
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


def test_results_stay_hidden_until_revealed(
    make_session: Make, open_page: Open, ui_store: Store
) -> None:
    """Enough ballots but not revealed: no chart and no result sentence reaches the wall."""
    seeded = make_session(6, weights="varied", revealed=False)
    ui_store.set_phase(seeded.code, seeded.key, "results")
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
    (board,) = [str(e.value) for e in at.html if 'class="wall-card' in str(e.value)]
    cards = board.split('<div class="wall-card ')[1:]
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
    assert "Was sich seit Runde 1 bewegt hat" in visible_text(at)
    shift = charts_of(at)["shift"]
    assert set(shift["round"]) == {"Runde 1", "Runde 2"}
    assert "Platz 1" in html_text(at)


def test_wall_in_english(make_session: Make, open_page: Open) -> None:
    """The wall follows ?lang=en (or the session language) for every text."""
    seeded = make_session(6, weights="varied", revealed=True)
    at = open_page("wall", code=seeded.code, lang="en").run()
    assert set(counts_of(at)) >= {"Participants", "Weights submitted"}
    assert "First place" in html_text(at) or "Tied for first place" in html_text(at)
    assert "Group ranking" in visible_text(at)


def test_wall_without_a_known_code(open_page: Open) -> None:
    """An unknown code shows a translated error and nothing of any session."""
    at = open_page("wall", code="ACDEFG").run()  # well-formed, but no such session
    assert not at.exception
    assert at.error and "keinen Workshop" in at.error[0].value


# --------------------------------------------------------------------------- issue 15, item 2


def words(text: str) -> str:
    """Text with every run of white space as one space."""
    return re.sub(r"\s+", " ", text).strip()


def cards_of(at: AppTest) -> list[str]:
    """The visible text of every concern and comment card the wall lists, in order."""
    boards = [str(e.value) for e in at.html if str(e.value).startswith('<div class="wall-cards">')]
    parts = [part for board in boards for part in board.split('<div class="wall-card ')[1:]]
    # Each part starts with the rest of its opening tag's class list.
    return [words(html.unescape(re.sub(r"<[^>]+>", " ", "<" + part))) for part in parts]


def test_the_context_phase_shows_the_groups_context_values(
    make_session: Make, open_page: Open, ui_store: Store
) -> None:
    """In the context phase the wall lists every factor with the group's value and unit."""
    seeded = make_session(3)
    factors = {"complexity": 60, "team_size": 120}
    ui_store.set_context(seeded.code, seeded.key, {"factors": factors, "hybrids": {}})
    ui_store.set_phase(seeded.code, seeded.key, "context")
    at = open_page("wall", code=seeded.code).run()
    assert not at.exception
    frame = at.session_state["_wall_frame"]
    assert frame.panels[0].kind == "context"
    text = words(visible_text(at))
    names = {f.id: f.name.de for f in PACK.context_factors}
    assert f"{names['complexity']} 60 %" in text
    assert f"{names['team_size']} 120 Mitarbeitende" in text
    for factor in PACK.context_factors:
        assert factor.name.de in text
    unset = [f for f in PACK.context_factors if f.id not in factors]
    assert text.count("(Ausgangswert)") == len(unset)


def test_comments_reach_the_wall_as_moderated_plain_text(
    make_session: Make, open_page: Open, ui_store: Store
) -> None:
    """Comments show newest first with what they are about; a hidden one never reaches it."""
    seeded = make_session(3)
    code, token = seeded.code, seeded.tokens[0]
    ui_store.add_comment(code, token, "option", "pods", "Pods nur mit festen Teams.")
    ui_store.add_comment(code, token, "general", None, "<img src=x onerror=alert(1)> **fett**")
    hidden = ui_store.add_comment(code, token, "criterion", "REL", "Bitte ausblenden")
    ui_store.set_comment_hidden(code, seeded.key, hidden.id, True)
    at = open_page("wall", code=code).run()
    assert not at.exception
    pods = option_names(PACK, "de")["pods"]
    assert cards_of(at) == [
        "Allgemein <img src=x onerror=alert(1)> **fett**",
        f"{pods} Pods nur mit festen Teams.",
    ]
    assert "Bitte ausblenden" not in html_text(at)
    assert "<img src=x" not in html_text(at)  # escaped, never markup
    assert "Kommentare · 2" in visible_text(at)


def test_counts_match_the_listed_concerns_in_round_two(
    make_session: Make, open_page: Open, ui_store: Store
) -> None:
    """Concerns posted in round 1 are still listed in round 2, and the count says so."""
    seeded = make_session(4)
    for n, token in enumerate(seeded.tokens[:3]):
        ui_store.add_concern(seeded.code, token, f"Sorge Nummer {n + 1}")
    ui_store.start_round(seeded.code, seeded.key)
    at = open_page("wall", code=seeded.code).run()
    assert not at.exception
    listed = [c for c in cards_of(at) if "Sorge Nummer" in c]
    assert len(listed) == 3
    assert counts_of(at)["Sorgen und Fragen"] == 3
    assert "Sorgen und Fragen · 3" in visible_text(at)


def test_counts_match_what_is_listed_in_an_imported_session(
    make_session: Make, open_page: Open, ui_store: Store
) -> None:
    """An imported two-round session: the counts of concerns and comments match the lists."""
    seeded = make_session(5, weights="varied")
    code, tokens = seeded.code, seeded.tokens
    for n in range(3):
        ui_store.add_concern(code, tokens[n], f"Importierte Sorge {n + 1}")
    ui_store.add_comment(code, tokens[0], "general", None, "Importierter Kommentar")
    ui_store.start_round(code, seeded.key)
    data = FORMATS["json"].render(build_snapshot(ui_store, code, seeded.key))
    imported = import_session(ui_store, data)
    at = open_page("wall", code=imported.code).run()
    assert not at.exception
    cards = cards_of(at)
    concerns = [c for c in cards if "Importierte Sorge" in c]
    comments = [c for c in cards if "Importierter Kommentar" in c]
    assert len(concerns) == 3 and len(comments) == 1
    counts = counts_of(at)
    assert counts["Sorgen und Fragen"] == 3
    assert "Kommentare · 1" in visible_text(at)


def test_the_vote_result_shows_beside_the_ranking_after_the_reveal(
    make_session: Make, open_page: Open, ui_store: Store
) -> None:
    """Revealed results: the first panel holds the ranking and the vote, with the valid count."""
    seeded = make_session(4, weights="varied", vote_mode="single")
    for token in seeded.tokens[:3]:
        ui_store.submit_vote(seeded.code, token, {"choice": "pods"})
    ui_store.set_phase(seeded.code, seeded.key, "results")
    at = open_page("wall", code=seeded.code).run()
    assert "votes" not in charts_of(at) and "ranking" not in charts_of(at)  # not revealed yet
    ui_store.set_revealed(seeded.code, seeded.key, True)
    at.run()
    frame = at.session_state["_wall_frame"]
    assert [p.kind for p in frame.panels][:2] == ["ranking", "weights"]
    shown = charts_of(at)
    assert {"ranking", "votes"} <= set(shown)
    assert shown["votes"]["value"].tolist() == [3]
    text = visible_text(at)
    assert "Abstimmung: Stimmen" in text and "Gezählt: 3 gültige Stimmen." in text
    # The vote chart is the next chart after the ranking: they share the first panel.
    kinds = list(charts_of(at))
    assert kinds.index("votes") == kinds.index("ranking") + 1


def test_the_vote_count_counts_only_votes_valid_in_the_current_mode(
    make_session: Make, open_page: Open, ui_store: Store
) -> None:
    """Votes cast before the vote mode changed are not counted on the wall."""
    seeded = make_session(4, vote_mode="single")
    for token in seeded.tokens[:3]:
        ui_store.submit_vote(seeded.code, token, {"choice": "pods"})
    at = open_page("wall", code=seeded.code).run()
    assert counts_of(at)["Stimmen"] == 3
    view = ui_store.get_session(seeded.code)
    settings = dataclasses.replace(view.settings, vote_mode="ranking")
    ui_store.update_settings(seeded.code, seeded.key, settings)
    assert counts_of(at.run())["Stimmen"] == 0


def test_panels_rotate_and_the_pager_marks_the_current_one(
    make_session: Make, open_page: Open, ui_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every panel is drawn; the style shows the one the rotation is at, the pager marks it."""
    seeded = make_session(6, weights="varied", revealed=True)
    ui_store.set_phase(seeded.code, seeded.key, "results")
    now = [1000.0]
    monkeypatch.setattr(wall_page, "clock", lambda: now[0])
    at = open_page("wall", code=seeded.code).run()
    panels = at.session_state["_wall_frame"].panels
    assert len(panels) >= 3
    assert ":not(.st-key-wall_panel_0)" in html_text(at)
    now[0] += model.ROTATE_SECONDS * 2
    at.run()
    assert ":not(.st-key-wall_panel_2)" in html_text(at)
    assert re.search(r'<span class="on" aria-current="true">([^<]+)</span>', html_text(at))
