"""The issue 16 phone views show authored text as text: resistance, roles, concerns, the pilot.

Built on the hostile pack of ``test_authored_text`` (markup appended to every pack text and
citation): nothing reaches Markdown unescaped, and every text reads as written.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from streamlit.testing.v1 import AppTest
from support import hostile_texts
from test_authored_text import PACK, check, hostile_session, option_names

from workshop.content import ROLE_CHANGE_ASPECTS, Lang
from workshop.engine.ballots import STATUS_QUO
from workshop.rounds.resistance import rated_options
from workshop.store import Store

Opener = Callable[..., AppTest]


@pytest.fixture(params=["de", "en"])
def lang(request: pytest.FixtureRequest) -> Lang:
    value: Lang = request.param
    return value


def test_resistance_phase_shows_authored_text_as_text(
    ui_store: Store, open_page: Opener, lang: Lang
) -> None:
    """Slider labels, the option picker and the group's list name the options as written."""
    s = hostile_session(ui_store, lang)
    options = rated_options(PACK)
    for token in s.tokens[1:]:
        ui_store.submit_resistance(s.code, token, dict.fromkeys([*options, STATUS_QUO], 3))
    ui_store.set_phase(s.code, s.key, "resistance")
    ui_store.set_revealed(s.code, s.key, True)
    at = open_page("participate", code=s.code, p=s.tokens[0], lang=lang).run()
    next(b for b in at.button if b.label in ("Widerstand speichern", "Save my resistance")).click()
    at.run()
    assert at.selectbox, "the question what would lower the resistance is drawn"
    check(at, option_names(PACK, lang), raw=[PACK.option(options[0]).name.get(lang)])
    assert any("3" in m.value and "**" in m.value for m in at.markdown), "the group's list"


def test_role_changes_show_authored_text_as_text(
    ui_store: Store, open_page: Opener, lang: Lang
) -> None:
    """Role names in the picker as written; aspects, description and citations escaped."""
    s = hostile_session(ui_store, lang)
    ui_store.set_phase(s.code, s.key, "options")
    at = open_page("participate", code=s.code, p=s.tokens[0], lang=lang).run()
    # The pickers as they start (a rerun would make AppTest format the page's other pickers in
    # the test's thread, without the reader's language): the first role, the phone's leader.
    role = PACK.role(at.selectbox(key=f"role_change.role.{s.code}").value)
    option = at.selectbox(key=f"role_change.option.{s.code}").value
    change = PACK.role_change(option, role.id)
    assert change is not None
    citations = {src.id: src.citation for src in PACK.sources}
    aspects = [change.aspect(a).get(lang) for a in ROLE_CHANGE_ASPECTS]
    check(
        at,
        [*aspects, role.description.get(lang), *(citations[c] for c in change.sources)],
        raw=[r.name.get(lang) for r in PACK.roles],
    )


def test_concern_answers_and_the_pilot_show_as_text(
    ui_store: Store, open_page: Opener, lang: Lang
) -> None:
    """A facilitator's answer full of markup, the option it is about, and the pilot's team."""
    s = hostile_session(ui_store, lang)
    answer = f"Antwort {hostile_texts.hostile(hostile_texts.PIXEL)}"
    concern = ui_store.add_concern(s.code, s.tokens[0], "Frage", "question", option_id="pods")
    ui_store.set_concern_status(s.code, s.key, concern.id, "answered", answer)
    at = open_page("participate", code=s.code, p=s.tokens[0], lang=lang).run()
    check(at, [answer, PACK.option("pods").name.get(lang)])
    team = f"Team {hostile_texts.hostile(hostile_texts.PIXEL)}"[:120]
    plan = {"option": "pods", "team": team, "weeks": 4, "measures": ["fcr"], "review_on": ""}
    ui_store.set_pilot(s.code, s.key, plan)
    ui_store.set_phase(s.code, s.key, "results")
    at = open_page("participate", code=s.code, p=s.tokens[0], lang=lang).run()
    check(at, [team, PACK.option("pods").name.get(lang)])
