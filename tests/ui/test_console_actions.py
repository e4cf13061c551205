"""The console does only what was clicked: reruns, votes arriving, a reconnect replay nothing.

Issue 15: clicking phase 6 once also revealed the results and locked four inputs within 60 ms.
The toggles' keys held the event number (``reveal.{seq}``), so every vote made new widgets and
a click could land in one that carried an old view's "opposite" action.  Keys are stable now
and each toggle applies its own new position.  These tests replay such a console and compare
the event log with the clicks.
"""

from __future__ import annotations

from streamlit.testing.v1 import AppTest
from support.pages import page
from support.seeding import new_session

from workshop.packs import default_pack
from workshop.store import INPUT_KINDS, Store
from workshop.web import services

STEERING = ("phase_changed", "reveal_changed", "lock_changed", "round_started")


def _steering_since(store: Store, code: str, seq: int) -> list[tuple[str, object]]:
    """The steering actions logged after `seq`, with what each set."""
    out = []
    for event in store.events_since(code, seq):
        if event.kind in STEERING:
            detail = {k: v for k, v in event.payload.items() if k not in ("round", "previous")}
            out.append((event.kind, detail))
    return out


def _toggle(at: AppTest, label: str) -> object:
    return next(t for t in at.toggle if t.label == label)


def _vote_arrives(store: Store, code: str, tokens: list[str]) -> None:
    """Other people vote and weigh while the facilitator looks at the console."""
    pack = default_pack()
    for token in tokens:
        store.submit_weights(code, token, {c: 7 for c in pack.criterion_ids})
        store.submit_vote(code, token, {"choice": pack.option_ids[0]})


def test_only_the_clicked_actions_reach_the_log(ui_store: Store) -> None:
    """Votes arrive between clicks and reruns; the log holds exactly the clicks, in order."""
    code, key = new_session(ui_store)
    tokens = [ui_store.join(code).token for _ in range(6)]
    at = page("facilitate", code=code, key=key)
    start = ui_store.get_session(code).last_seq
    _vote_arrives(ui_store, code, tokens[:3])
    services.forget_views()
    at.run()  # the console's own rerun after votes arrived (new event numbers)
    at.segmented_control(key="phase").set_value("vote").run()
    _vote_arrives(ui_store, code, tokens[3:])
    services.forget_views()
    at.run()
    at.run()  # fast reruns
    at.segmented_control(key="phase").set_value("results").run()
    _toggle(at, "Ergebnisse zeigen").set_value(True).run()
    _toggle(at, "Kommentare").set_value(False).run()
    at.run()
    assert not at.exception
    assert _steering_since(ui_store, code, start) == [
        ("phase_changed", {"phase": "vote"}),
        ("phase_changed", {"phase": "results"}),
        ("reveal_changed", {"revealed": True}),
        ("lock_changed", {"kind": "comments", "locked": True}),
    ]


def test_a_reconnect_replays_nothing(ui_store: Store) -> None:
    """A console opened again (a reconnect, a second tab) shows the stored state and changes
    nothing; a change made in one tab appears in the other without acting there."""
    code, key = new_session(ui_store)
    first = page("facilitate", code=code, key=key)
    _toggle(first, "Ergebnisse zeigen").set_value(True).run()
    start = ui_store.get_session(code).last_seq
    second = page("facilitate", code=code, key=key)
    assert _toggle(second, "Ergebnisse zeigen").value is True
    _toggle(second, "Ergebnisse zeigen").set_value(False).run()
    services.forget_views()
    first.run()
    assert _toggle(first, "Ergebnisse zeigen").value is False  # follows the store
    first.run()
    assert _steering_since(ui_store, code, start) == [("reveal_changed", {"revealed": False})]


def test_a_click_on_the_current_phase_changes_nothing(ui_store: Store) -> None:
    """The phase bar deselects on a second click; that is not a phase change."""
    code, key = new_session(ui_store)
    at = page("facilitate", code=code, key=key)
    start = ui_store.get_session(code).last_seq
    at.segmented_control(key="phase").set_value(None).run()
    assert at.segmented_control(key="phase").value == "welcome"
    assert _steering_since(ui_store, code, start) == []


def test_a_new_round_reopens_every_input(ui_store: Store) -> None:
    """Locked comments and concerns open again with the new round, and the console says so."""
    code, key = new_session(ui_store)
    at = page("facilitate", code=code, key=key)
    for label in ("Kommentare", "Sorgen und Fragen", "Stimmen"):
        _toggle(at, label).set_value(False).run()
    assert ui_store.get_session(code).locked == {"comments", "concerns", "votes"}
    next(b for b in at.button if b.label == "Neue Runde starten").click().run()
    assert ui_store.get_session(code).locked == frozenset()
    assert all(t.value for t in at.toggle if t.key and str(t.key).startswith("open."))
    assert len([t for t in at.toggle if str(t.key).startswith("open.")]) == len(INPUT_KINDS)


def test_the_notes_tab_follows_the_phase(ui_store: Store) -> None:
    """A note written after the workshop moved on goes to the current phase, not to the one
    the selector showed first (issue 15: a results note overwrote the welcome note)."""
    code, key = new_session(ui_store)
    ui_store.set_note(code, key, "welcome", "Begrüßung: Ablauf des Tages")
    at = page("facilitate", code=code, key=key)
    assert at.selectbox(key="notes_phase").value == "welcome"
    at.segmented_control(key="phase").set_value("results").run()
    assert at.selectbox(key="notes_phase").value == "results"
    note = next(t for t in at.text_area if "Ergebnisse" in str(t.label))
    note.input("Pilot mit zwei Teams ab März")  # typed into the form, sent with its button
    next(b for b in at.button if b.label == "Notiz speichern").click().run()
    assert ui_store.notes(code, key) == {
        "welcome": "Begrüßung: Ablauf des Tages",
        "results": "Pilot mit zwei Teams ab März",
    }
    at.selectbox(key="notes_phase").set_value("vote").run()  # chosen by hand: stays
    at.run()
    assert at.selectbox(key="notes_phase").value == "vote"
