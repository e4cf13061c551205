"""The wall and the people's questions (issue 16): resistance, concern status, roles, the pilot.

Below the anonymity threshold or before the reveal the resistance round shows nothing but how
many have rated; afterwards the totals, least first, with "keep as today" as the reference.
Concerns show where they stand and the facilitator's answer; a spotlit option shows what
changes for each role; the results phase shows the pilot plan and, in a session imported from
an earlier workshop, that workshop's top places beside the new ranking.
"""

from __future__ import annotations

import dataclasses
import html
import re
from collections.abc import Callable

import pyarrow as pa
from hypothesis import given
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest
from support.seeding import PACK, Seeded

from workshop.engine.ballots import STATUS_QUO
from workshop.export.summary import read_earlier
from workshop.rounds.resistance import rated_options
from workshop.store import Store
from workshop.text.wording import option_names
from workshop.ui.wall import model

Open = Callable[..., AppTest]
Make = Callable[..., Seeded]
OPTIONS = rated_options(PACK)
NAMES = option_names(PACK, "de")


def html_text(at: AppTest) -> str:
    """Every st.html body of the run, joined, as sent."""
    return "\n".join(str(element.value) for element in at.html)


def visible_text(at: AppTest) -> str:
    """The text a reader sees in the run's st.html bodies and captions, white space collapsed."""
    parts = [re.sub(r"<[^>]+>", " ", html_text(at))]
    parts += [str(caption.value) for caption in at.caption]
    return re.sub(r"\s+", " ", html.unescape(" ".join(parts)))


def chart_tables(at: AppTest) -> list[pa.Table]:
    """The data of every Vega-Lite chart of the run."""
    return [pa.ipc.open_stream(e.proto.data.data).read_all() for e in at.get("vega_lite_chart")]


def rate(store: Store, seeded: Seeded, count: int, least: str = "pods") -> None:
    """`count` participants rate resistance: `least` 1, "keep as today" 6, the rest 8–9."""
    for n, token in enumerate(seeded.tokens[:count]):
        ratings = {option: 8 + n % 2 for option in OPTIONS}
        ratings[least] = 1
        ratings[STATUS_QUO] = 6
        store.submit_resistance(seeded.code, token, ratings)


def in_resistance_phase(store: Store, seeded: Seeded, revealed: bool) -> None:
    store.set_phase(seeded.code, seeded.key, "resistance")
    store.set_revealed(seeded.code, seeded.key, revealed)


# --------------------------------------------------------------------------- resistance


def test_below_the_threshold_the_resistance_round_shows_only_its_count(
    make_session: Make, open_page: Open, ui_store: Store
) -> None:
    """Revealed but below the threshold: the count and the threshold sentence, no totals."""
    seeded = make_session(4, weights="varied", threshold=5)
    rate(ui_store, seeded, 4)
    in_resistance_phase(ui_store, seeded, revealed=True)
    at = open_page("wall", code=seeded.code).run()
    assert not at.exception
    text = visible_text(at)
    assert "4 Widerstandswerte" in text
    assert "sobald 5 Teilnehmende ihre Einschätzung abgegeben haben (bisher 4)" in text
    assert "Wie groß ist Ihr Widerstand gegen jede Option?" in text
    frame = at.session_state["_wall_frame"]
    assert frame.resistance is None and "resistance" not in frame.data
    assert frame.panels[0].kind == "resistance_notice"
    assert chart_tables(at) == []
    # No option's total (4 × 1 = 4 for the least, 4 × 6 = 24 for keep as today) nor its name
    # as the least resisted appears anywhere.
    assert "Am wenigsten Widerstand" not in text and "24" not in text
    assert "So bleiben wie heute" not in text


def test_before_the_reveal_the_resistance_round_shows_only_its_count(
    make_session: Make, open_page: Open, ui_store: Store
) -> None:
    """Enough ratings but not revealed: the count only, in the resistance and results phase."""
    seeded = make_session(5, weights="varied")
    rate(ui_store, seeded, 5)
    in_resistance_phase(ui_store, seeded, revealed=False)
    at = open_page("wall", code=seeded.code).run()
    assert "5 Widerstandswerte" in visible_text(at)
    assert "bis die Moderation sie zeigt" in visible_text(at)
    assert "Am wenigsten Widerstand" not in visible_text(at)
    ui_store.set_phase(seeded.code, seeded.key, "results")
    at.run()
    assert "Am wenigsten Widerstand" not in visible_text(at)
    assert at.session_state["_wall_frame"].resistance is None


def test_after_the_reveal_the_wall_shows_totals_and_the_least_resisted(
    make_session: Make, open_page: Open, ui_store: Store
) -> None:
    """From the threshold on: totals least first, keep as today marked, the least one named."""
    seeded = make_session(5, weights="varied")
    rate(ui_store, seeded, 5, least="pods")
    in_resistance_phase(ui_store, seeded, revealed=True)
    at = open_page("wall", code=seeded.code).run()
    assert not at.exception
    frame = at.session_state["_wall_frame"]
    assert [p.kind for p in frame.panels][:3] == [
        "resistance",
        "resistance_compare",
        "resistance_lowering",
    ]
    (table,) = [t for t in chart_tables(at) if "kind" in t.column_names]
    data = table.to_pydict()
    assert data["label"][0] == NAMES["pods"] and data["total"][0] == 5
    assert data["kind"][0] == "least"
    assert data["total"] == sorted(data["total"])
    status_quo = data["label"].index("So bleiben wie heute")
    assert data["kind"][status_quo] == "status_quo" and data["total"][status_quo] == 30
    assert len(data["label"]) == len(OPTIONS) + 1
    text = visible_text(at)
    assert f"Am wenigsten Widerstand: {NAMES['pods']} (5 von höchstens 50)." in text
    assert "Weniger Widerstand als „So bleiben wie heute“" in text
    assert "Was würde Ihren Widerstand senken?" in text


def test_the_comparison_names_where_resistance_and_ranking_disagree(
    make_session: Make, open_page: Open, ui_store: Store
) -> None:
    """The preference winner resisted most: a sentence says so, both ranks side by side."""
    seeded = make_session(5, weights="varied")
    at = open_page("wall", code=seeded.code).run()
    ui_store.set_revealed(seeded.code, seeded.key, True)
    winner = at.run().session_state["_wall_frame"].results.ranking[0].option
    least = next(o for o in OPTIONS if o != winner)
    rate(ui_store, seeded, 5, least=least)
    in_resistance_phase(ui_store, seeded, revealed=True)
    at.run()
    shown = at.session_state["_wall_frame"].resistance
    assert shown.compared
    assert any(NAMES[winner] in line and "Platz 1" in line for line in shown.disagreements)
    text = visible_text(at)
    assert "Nach Gewichten" in text and "Nach Widerstand" in text
    assert f"{NAMES[winner]} liegt nach den Gewichten auf Platz 1" in text


def test_concerns_naming_an_option_answer_what_would_lower_resistance(
    make_session: Make, open_page: Open, ui_store: Store
) -> None:
    """Concerns linked to options are grouped by option, most upvoted first; hidden ones not."""
    seeded = make_session(5, weights="varied")
    code, tokens = seeded.code, seeded.tokens
    ui_store.add_concern(code, tokens[0], "Nur mit festen Vertretungen.", option_id="pods")
    loud = ui_store.add_concern(code, tokens[1], "Mehr Einarbeitung zuerst.", option_id="swarming")
    hidden = ui_store.add_concern(code, tokens[2], "Bitte ausblenden", option_id="pods")
    ui_store.set_concern_hidden(code, seeded.key, hidden.id, True)
    for token in tokens[2:4]:
        ui_store.upvote(code, token, loud.id)
    rate(ui_store, seeded, 5)
    in_resistance_phase(ui_store, seeded, revealed=True)
    at = open_page("wall", code=code).run()
    groups = at.session_state["_wall_frame"].resistance.lowering
    assert [g.option for g in groups] == [NAMES["swarming"], NAMES["pods"]]
    assert [c.text for c in groups[1].cards] == ["Nur mit festen Vertretungen."]
    assert "Bitte ausblenden" not in html_text(at)


# --------------------------------------------------------------------------- concern status


def test_concerns_show_their_status_and_the_answer(
    make_session: Make, open_page: Open, ui_store: Store
) -> None:
    """Each card says where it stands and gives the answer; settled ones come after open ones."""
    seeded = make_session(4)
    code, tokens = seeded.code, seeded.tokens
    answered = ui_store.add_concern(code, tokens[0], "Wer vertritt mich?")
    ui_store.upvote(code, tokens[1], answered.id)
    ui_store.add_concern(code, tokens[1], "Was wird aus den Kennzahlen?")
    long_answer = "Die Teamleitung plant Vertretungen im Tandem. " * 10
    ui_store.set_concern_status(code, seeded.key, answered.id, "answered", long_answer)
    at = open_page("wall", code=code).run()
    assert not at.exception
    cards = at.session_state["_wall_frame"].concerns
    assert [c.text for c in cards] == ["Was wird aus den Kennzahlen?", "Wer vertritt mich?"]
    assert cards[1].status_label == "Beantwortet" and cards[0].status_label == "Offen"
    assert cards[1].answer.startswith("Antwort: Die Teamleitung plant Vertretungen im Tandem.")
    assert len(cards[1].answer) <= len("Antwort: ") + model.ANSWER_CHARS
    text = visible_text(at)
    assert "Beantwortet" in text and "Antwort: Die Teamleitung" in text
    assert "Offen: 1 · Beantwortet: 1" in text


# --------------------------------------------------------------------------- spotlight


def spotlight(store: Store, seeded: Seeded, option: str) -> None:
    view = store.get_session(seeded.code)
    store.update_settings(
        seeded.code, seeded.key, dataclasses.replace(view.settings, spotlight=option)
    )


def test_a_spotlit_option_shows_what_changes_for_each_role(
    make_session: Make, open_page: Open, ui_store: Store
) -> None:
    """The spotlight replaces the rotation: roles as columns, the pack's texts as plain text."""
    seeded = make_session(4)
    ui_store.set_phase(seeded.code, seeded.key, "options")
    spotlight(ui_store, seeded, "pods_swarm")
    at = open_page("wall", code=seeded.code).run()
    assert not at.exception
    frame = at.session_state["_wall_frame"]
    assert [p.kind for p in frame.panels] == ["spotlight"]
    text = visible_text(at)
    assert f"Was ändert sich für mich? {NAMES['pods_swarm']}" in text
    for role in PACK.roles:
        assert role.name.de in text
        change = PACK.role_change("pods_swarm", role.id)
        assert change is not None
        for aspect in ("responsibility", "skills", "load"):
            assert re.sub(r"\s+", " ", change.aspect(aspect).de) in text
    shown = len(frame.spotlight.rows)
    assert shown == 6 or "alle sechs sehen Sie auf Ihrem Handy" in text
    spotlight(ui_store, seeded, "")
    assert at.run().session_state["_wall_frame"].panels[0].kind != "spotlight"


def test_a_spotlight_without_roles_or_option_shows_nothing(ui_store: Store) -> None:
    """No roles in the pack, or an unknown option: no spotlight panel (and no crash)."""
    bare = dataclasses.replace(PACK, roles=(), role_changes=())
    assert model.spotlight_of(bare, "pods", "de") is None
    assert model.spotlight_of(PACK, "nothing", "de") is None
    assert model.spotlight_of(PACK, "", "de") is None
    assert model.spotlight_of(PACK, "pods", "en") is not None


# --------------------------------------------------------------------------- pilot


def test_the_results_phase_shows_the_pilot_plan(
    make_session: Make, open_page: Open, ui_store: Store
) -> None:
    """Once a pilot is set the results phase leads with it: option, team, weeks, measures."""
    seeded = make_session(4)
    ui_store.set_phase(seeded.code, seeded.key, "results")
    plan = {
        "option": "pods",
        "team": "Team Nord",
        "weeks": 8,
        "measures": ["fcr", "wellbeing"],
        "other_measures": "",
        "review_on": "2026-03-15",
    }
    ui_store.set_pilot(seeded.code, seeded.key, plan)
    at = open_page("wall", code=seeded.code).run()
    assert not at.exception
    assert at.session_state["_wall_frame"].panels[0].kind == "pilot"
    text = visible_text(at)
    assert "Wie es weitergeht" in text
    for part in (NAMES["pods"], "Team Nord", "8 Wochen", "Erstlösungsquote", "15. März 2026"):
        assert part in text
    assert "Wohlbefinden der Mitarbeitenden" in text


def test_the_pilot_view_reads_a_plan_defensively() -> None:
    """Unknown options give no plan; missing or odd fields are left out; English dates."""
    options = option_names(PACK, "en")
    assert model.pilot_view(None, options, "en") is None
    assert model.pilot_view({"option": "nothing"}, options, "en") is None
    shown = model.pilot_view({"option": "pods", "weeks": True, "review_on": "soon"}, options, "en")
    assert shown is not None and shown.lines == ()
    dated = model.pilot_view({"option": "pods", "review_on": "2026-03-05"}, options, "en")
    assert dated is not None and dated.lines == (("Review together", "5 March 2026"),)


def test_aspect_labels_exist_in_the_catalog() -> None:
    """Every aspect of "what changes for me" has a wall label."""
    from workshop.content import ROLE_CHANGE_ASPECTS
    from workshop.text.catalog import CATALOG

    assert all(f"common.role_aspect.{aspect}" in CATALOG for aspect in ROLE_CHANGE_ASPECTS)
    assert all(f"common.pilot_measure.{m}" in CATALOG for m in ("fcr", "effort", "wellbeing"))


# --------------------------------------------------------------------------- earlier workshop

EXPORTED_AT = "2026-11-27T14:05:00Z"


def earlier_round(ranking: list[str], *, number: int = 1, shown: bool = True) -> dict[str, object]:
    """One round of the earlier workshop's summary, in the shape the import stores."""
    return {
        "round": number,
        "shown": shown,
        "ballots": 12 if shown else 3,
        "votes": 12 if shown else 3,
        "ratings": 12 if shown else 3,
        "ranking": [
            {"option": option, "rank": place, "score": round(0.7 - place / 50, 3)}
            for place, option in enumerate(ranking, start=1)
            if shown  # below the threshold a summary holds counts only
        ],
        "tally": {"mode": "dots", "totals": dict.fromkeys(ranking, 3)} if shown else None,
        "least_resistance": ranking[-1:] if shown else [],
    }


def set_earlier(store: Store, seeded: Seeded, *rounds: dict[str, object]) -> None:
    store.set_earlier_results(
        seeded.code,
        seeded.key,
        {"title": "Kick-off Kundenservice", "exported_at": EXPORTED_AT, "rounds": list(rounds)},
    )


def earlier_text(at: AppTest) -> str:
    """The visible text of the wall's earlier-workshop box(es) only."""
    boxes = re.findall(r'<div class="wall-earlier[^"]*">.*?</div>', html_text(at), flags=re.S)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", " ".join(boxes))))


def results_revealed(store: Store, seeded: Seeded) -> None:
    store.set_phase(seeded.code, seeded.key, "results")
    store.set_revealed(seeded.code, seeded.key, True)


def test_the_earlier_workshops_top_places_show_beside_the_ranking(
    make_session: Make, open_page: Open, ui_store: Store
) -> None:
    """After the reveal the ranking panel lists the earlier top three and names the leaders."""
    seeded = make_session(5, weights="varied")
    results_revealed(ui_store, seeded)
    at = open_page("wall", code=seeded.code).run()
    assert at.session_state["_wall_frame"].earlier is None  # not imported: nothing
    leader = at.session_state["_wall_frame"].results.ranking[0].option
    before = [o for o in OPTIONS if o != leader][:3]
    # Round 2 was the last one shown; round 3 stayed below the threshold there.
    set_earlier(
        ui_store,
        seeded,
        earlier_round([leader, *before], number=1),
        earlier_round(before, number=2),
        earlier_round([], number=3, shown=False),
    )
    at.run()
    assert not at.exception
    frame = at.session_state["_wall_frame"]
    assert frame.panels[0].kind == "ranking"
    places = tuple(f"{n}. {NAMES[o]}" for n, o in enumerate(before, start=1))
    assert frame.earlier.title == "Letzter Workshop (27. November 2026)"
    assert frame.earlier.places == places
    shown = earlier_text(at)
    # One below the other:
    assert f"Letzter Workshop (27. November 2026) {' '.join(places)}" in shown
    assert f"Vorher vorn: {NAMES[before[0]]} – jetzt: {NAMES[leader]}." in shown
    # The same leader as last time is said as such, in English too.
    set_earlier(ui_store, seeded, earlier_round([leader, *before]))
    assert f"Weiterhin vorn: {NAMES[leader]}." in earlier_text(at.run())
    english = option_names(PACK, "en")
    frame = model.build_frame(ui_store.get_session(seeded.code), "en")
    assert frame.earlier is not None
    assert frame.earlier.title == "Last workshop (27 November 2026)"
    assert frame.earlier.leader == f"Still first: {english[leader]}."


def test_a_below_threshold_earlier_round_shows_no_option(
    make_session: Make, open_page: Open, ui_store: Store
) -> None:
    """No round was shown in the earlier workshop: only how many took part, no option at all.

    A ranking wrongly left beside ``"shown": false`` makes the document damaged: the wall then
    shows nothing of it, as the decision record does (one reader for both).
    """
    seeded = make_session(5, weights="varied")
    results_revealed(ui_store, seeded)
    set_earlier(ui_store, seeded, earlier_round(["pods", "swarming", "tiered"], shown=False))
    at = open_page("wall", code=seeded.code).run()
    assert not at.exception
    earlier = at.session_state["_wall_frame"].earlier
    assert earlier is not None and earlier.places == () and earlier.leader == ""
    shown = earlier_text(at)
    assert "Letzter Workshop (27. November 2026) Zu wenige Gewichtungen" in shown
    assert "(abgegeben: 3)" in shown
    assert not any(name in shown for name in NAMES.values())

    leaked = earlier_round(["pods", "swarming", "tiered"], shown=False)
    leaked["ranking"] = earlier_round(["pods", "swarming", "tiered"])["ranking"]
    set_earlier(ui_store, seeded, leaked)
    at.run()
    assert not at.exception
    assert at.session_state["_wall_frame"].earlier is None
    assert earlier_text(at) == ""
    assert read_earlier(ui_store.earlier_results(seeded.code), PACK) is None  # the record's reader


def test_the_earlier_results_show_alone_while_this_round_is_below_its_threshold(
    make_session: Make, open_page: Open, ui_store: Store
) -> None:
    """Revealed below this round's threshold: the earlier places, nothing of this round.

    Before the reveal the earlier results are not shown either (they could sway the room).
    """
    seeded = make_session(2, weights="varied", threshold=5)
    set_earlier(ui_store, seeded, earlier_round(["pods", "swarming", "tiered"]))
    ui_store.set_phase(seeded.code, seeded.key, "results")
    at = open_page("wall", code=seeded.code).run()
    assert at.session_state["_wall_frame"].earlier is None
    assert "Letzter Workshop" not in visible_text(at)
    ui_store.set_revealed(seeded.code, seeded.key, True)
    at.run()
    frame = at.session_state["_wall_frame"]
    assert [p.kind for p in frame.panels][:1] == ["notice"]
    assert frame.results is not None and not frame.results.visible and "ranking" not in frame.data
    assert frame.earlier is not None and frame.earlier.leader == ""
    shown = earlier_text(at)
    assert "so stand es im letzten Workshop" in shown
    assert f"1. {NAMES['pods']} · 2. {NAMES['swarming']} · 3. {NAMES['tiered']}" in shown
    assert "Vorher vorn" not in shown and "Weiterhin vorn" not in shown
    assert "sobald 5 Teilnehmende" in visible_text(at)


DAMAGED: tuple[dict[str, object], ...] = (
    {},
    {"rounds": "alle"},
    {"rounds": [None, 3, "x"], "exported_at": 5},
    {"rounds": [{"shown": "ja", "ballots": "viele"}], "exported_at": "gestern"},
    {
        "rounds": [
            {
                "shown": True,
                "ranking": [
                    {"option": 3},
                    "pods",
                    None,
                    {"option": "gibt_es_nicht", "rank": 1},
                    {"option": "<b>pods</b>", "rank": 1},
                    {"option": "tiered", "rank": "eins"},
                    {"option": "pods", "rank": True},
                    {"option": "tiered", "rank": 1},
                ],
            }
        ],
        "exported_at": "2026-13-45",
    },
)


def test_a_damaged_earlier_document_never_stops_the_wall(
    make_session: Make, open_page: Open, ui_store: Store
) -> None:
    """Odd types, unknown options, bad dates: the wall draws its ranking and shows nothing of
    the damaged document, as the decision record shows nothing of it."""
    seeded = make_session(5, weights="varied")
    results_revealed(ui_store, seeded)
    at = open_page("wall", code=seeded.code).run()
    for document in DAMAGED:
        ui_store.set_earlier_results(seeded.code, seeded.key, document)
        at.run()
        assert not at.exception, document
        assert at.session_state["_wall_frame"].panels[0].kind == "ranking"
        assert at.session_state["_wall_frame"].earlier is None, document
        assert read_earlier(document, PACK) is None, document
        assert earlier_text(at) == ""


@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=12),
        lambda inner: (
            st.lists(inner, max_size=4)
            | st.dictionaries(
                st.sampled_from(["rounds", "shown", "ranking", "option", "rank", "ballots", "x"]),
                inner,
                max_size=5,
            )
        ),
        max_leaves=30,
    )
)
def test_any_document_gives_a_view_or_none(document: object) -> None:
    """Whatever the stored document holds, reading it and drawing the view never raises."""
    for candidate in (document, {"rounds": [document]}, {"rounds": document}):
        view = model.earlier_view(read_earlier(candidate, PACK), NAMES, "de", ("pods",))
        assert view is None or isinstance(view, model.EarlierView)
