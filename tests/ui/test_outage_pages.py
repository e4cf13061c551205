"""Truthful faults on the pages: an unreachable store is shown as such, in the workshop's language.

The app's store is wrapped so that a test can make it unreachable (every call raises
StoreUnavailable, as the real store does while PostgreSQL is cut off) and bring it back.  Then:
a phone never says "not joined", a console never "wrong key"; nothing the store did not take is
shown as saved; no store error reaches Streamlit's error box; and once the store is back the
pages work again without being opened anew.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from types import SimpleNamespace
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest
from support.pages import app_page, texts
from support.seeding import new_session

from workshop.errors import StoreUnavailable
from workshop.store import Store
from workshop.text.i18n import t
from workshop.ui import redraw
from workshop.ui.participant import mirror
from workshop.web import services

UNREACHABLE = "error.storage_unavailable_page"
UNSAVED = "error.storage_unavailable_unsaved"


class FlakyStore:
    """The app's real store, or — while `down` — one that cannot be reached at all."""

    def __init__(self, real: Store) -> None:
        self.real = real
        self.down = False

    def __getattr__(self, name: str) -> Any:
        attribute = getattr(self.real, name)
        if not callable(attribute):
            return attribute

        def call(*args: Any, **kwargs: Any) -> Any:
            if self.down:
                raise StoreUnavailable()
            return attribute(*args, **kwargs)

        return call


@pytest.fixture
def flaky(ui_store: Store) -> Iterator[FlakyStore]:
    """The store every page uses, switchable off and on (services.store() returns it)."""
    wrapper = FlakyStore(ui_store)
    real = services.store
    services.store = lambda: wrapper  # type: ignore[assignment]
    try:
        yield wrapper
    finally:  # before ui_store's teardown, which closes the real store
        services.store = real


def opened(page: str, locale: str = "de-DE", **query: str) -> AppTest:
    """A page as a browser with `locale` opens it (not run yet)."""
    return app_page(page, locale=locale, **query)  # it reads the session itself


def says(at: AppTest, key: str, lang: str) -> bool:
    return t(key, lang) in texts(at)


def says_in_no_language(at: AppTest, key: str) -> bool:
    return not any(says(at, key, lang) for lang in ("de", "en"))


def button(at: AppTest, label: str) -> Any:
    return next(b for b in at.button if b.label == label)


def stored_weight(store: Store, code: str, token: str) -> int | None:
    """The participant's stored weight of the first criterion (FCR), if any."""
    ballot = store.weights_of(code, token)
    return int(ballot.weights["FCR"]) if ballot else None


def stored_vote(store: Store, code: str, token: str) -> object:
    vote = store.vote_of(code, token)
    return vote.vote if vote else None


# --------------------------------------------------------------------------- identity


def test_a_phone_opened_during_an_outage_says_so_in_the_sessions_language(
    flaky: FlakyStore,
) -> None:
    """A German workshop on an English browser: the phone remembers German in its URL; a page
    opened with that URL while the store is down says the data are unreachable, in German,
    never "not joined", caches nothing, and shows the phone's page once the store is back."""
    code, _ = new_session(flaky.real)
    token = flaky.real.join(code).token
    first = opened("participate", "en-US", code=code, p=token).run()
    assert first.query_params["lang"] == "de"

    flaky.down = True
    again = opened("participate", "en-US", code=code, p=token, lang="de").run()
    assert not again.exception
    assert says(again, UNREACHABLE, "de")
    assert says_in_no_language(again, "participant.not_joined")
    assert "_verified" not in again.session_state  # no answer is not a "no"

    flaky.down = False
    again.run()  # what the page's own retry does once the store answers
    assert says_in_no_language(again, UNREACHABLE)
    assert says_in_no_language(again, "participant.not_joined")
    assert t("common.phase.welcome", "de") in texts(again)


def test_an_open_phone_remembers_the_sessions_language_without_the_url(
    flaky: FlakyStore,
) -> None:
    """The language the store gave is kept in the browser session too: with ``lang`` gone from
    the URL and the session unreadable, the phone still speaks the workshop's German."""
    code, _ = new_session(flaky.real)
    token = flaky.real.join(code).token
    at = opened("participate", "en-US", code=code, p=token).run()
    flaky.down = True
    services.forget_views()  # nothing left to show from a moment ago
    del at.query_params["lang"]
    at.run()
    assert not at.exception
    assert says(at, UNREACHABLE, "de")


def test_a_reloaded_console_during_an_outage_says_so_not_wrong_key(flaky: FlakyStore) -> None:
    """A console opened while the store is down says the data are unreachable — not that the
    key is wrong, and it offers no form to create a new workshop; it opens once it is back."""
    code, key = new_session(flaky.real)
    flaky.down = True
    at = opened("facilitate", code=code, key=key).run()
    assert not at.exception
    assert says(at, UNREACHABLE, "de")
    assert says_in_no_language(at, "error.wrong_facilitator_key")
    assert t("facilitator.create_title", "de") not in texts(at)
    assert "_verified" not in at.session_state

    flaky.down = False
    at.run()
    assert says_in_no_language(at, UNREACHABLE)
    assert any(b.label == t("facilitator.new_round_confirm", "de") for b in at.button)


def test_the_wall_says_the_data_are_unreachable(flaky: FlakyStore) -> None:
    """The wall while the store is down: the outage notice, no error box; then the wall."""
    code, _ = new_session(flaky.real)
    flaky.down = True
    at = opened("wall", code=code).run()
    assert not at.exception
    assert says(at, UNREACHABLE, "de")
    flaky.down = False
    at.run()
    assert says_in_no_language(at, UNREACHABLE)


# --------------------------------------------------------------------------- "saved"


Phone = Callable[..., tuple[AppTest, str, str]]


@pytest.fixture
def phone(flaky: FlakyStore) -> Phone:
    """A phone in a session at `phase` (German): the page, the code and the token."""

    def open_(phase: str, revealed: bool = False, **settings: Any) -> tuple[AppTest, str, str]:
        code, key = new_session(flaky.real, anonymity_threshold=3, **settings)
        flaky.real.set_phase(code, key, phase)
        flaky.real.set_revealed(code, key, revealed)
        token = flaky.real.join(code).token
        return opened("participate", code=code, p=token).run(), code, token

    return open_


def test_weights_show_saved_only_once_the_store_has_them(flaky: FlakyStore, phone: Phone) -> None:
    """A slider moved while the store is down is not called saved: the phone says the change is
    not saved and offers to send it again; sent again once the store is back, it is stored and
    saved is shown again."""
    at, code, token = phone("weigh")
    at.slider(key="w.1.FCR").set_value(9).run()
    assert says(at, "participant.weights_saved", "de")

    flaky.down = True
    at.slider(key="w.1.FCR").set_value(3).run()
    assert not at.exception
    assert not says(at, "participant.weights_saved", "de")
    assert says(at, "participant.weights_unsaved", "de")
    assert says(at, UNSAVED, "de")
    assert at.slider(key="w.1.FCR").value == 3  # the phone keeps the value it could not send
    assert stored_weight(flaky.real, code, token) == 9

    flaky.down = False
    services.forget_views()
    at.run()
    assert not says(at, "participant.weights_saved", "de")  # still not sent
    button(at, t("participant.resend_weights", "de")).click().run()
    assert stored_weight(flaky.real, code, token) == 3
    assert says(at, "participant.weights_saved", "de")
    assert not says(at, "participant.weights_unsaved", "de")


def test_a_move_after_a_page_drawn_during_an_outage_draws_its_part(
    flaky: FlakyStore, phone: Phone, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A page redrawn while the store is down (the push thread reruns it) can stop before the
    leader line above the sliders, when the group's state has moved since it was read; the
    next move reruns only its part, which writes that line: no error box (Streamlit refuses a
    part writing outside itself where the last full run did not), and the leader is back."""
    # A move reruns only its part, as in a browser (AppTest would rerun the page).
    monkeypatch.setattr(mirror, "push", SimpleNamespace(serves_a_browser=lambda: True))
    monkeypatch.setattr(redraw, "parts_may_rerun_alone", lambda: True)  # the page was drawn
    at, code, _ = phone("weigh")
    leader = t("participant.leader", "de").split("{")[0]
    at.slider(key="w.1.FCR").set_value(9).run()
    services.session_view(code, fresh=True)  # the push thread's look: the log has moved on

    flaky.down = True
    services.expire_views()  # the redraw asks the store, as the push thread's rerun does
    at.run()
    assert not at.exception
    assert not any(leader in str(i.value) for i in at.info)  # the ranking could not be read
    flaky.down = False
    at.slider(key="w.1.FCR").set_value(8).run()
    assert not at.exception
    assert any(leader in str(i.value) for i in at.info)


def test_a_vote_sent_during_an_outage_is_not_called_saved(flaky: FlakyStore, phone: Phone) -> None:
    """The vote on record stays "saved"; a new choice that did not reach the store is said to
    be not saved (the earlier vote counts), the choice stays in the form, and once the store is
    back the same tap stores it."""
    at, code, token = phone("vote", vote_mode="single")
    at.radio[0].set_value("pods").run()  # a tap on an option reruns (no form): "send" opens
    button(at, t("participant.vote_send", "de")).click().run()
    assert says(at, "participant.vote_saved", "de")

    flaky.down = True
    at.radio[0].set_value("segment")
    button(at, t("participant.vote_send", "de")).click().run()
    assert not at.exception
    assert not says(at, "participant.vote_saved", "de")
    assert says(at, "participant.vote_not_saved_earlier", "de")
    assert at.radio[0].value == "segment"
    assert stored_vote(flaky.real, code, token) == {"choice": "pods"}

    flaky.down = False
    button(at, t("participant.vote_send", "de")).click().run()
    assert stored_vote(flaky.real, code, token) == {"choice": "segment"}
    assert says(at, "participant.vote_saved", "de")


def test_a_post_that_did_not_arrive_stays_in_its_box(flaky: FlakyStore, phone: Phone) -> None:
    """A concern sent while the store is down is said to be not saved and its text is kept in
    the box; sent again once the store is back it arrives and the box is empty."""
    at, code, _ = phone("welcome")
    flaky.down = True
    at.text_area[0].input("Wer vertritt mich im Urlaub?")
    button(at, t("participant.concern_send", "de")).click().run()
    assert not at.exception
    assert says(at, UNSAVED, "de")
    assert not says(at, "participant.concern_sent", "de")
    assert at.text_area[0].value == "Wer vertritt mich im Urlaub?"

    flaky.down = False
    button(at, t("participant.concern_send", "de")).click().run()
    assert [c.text for c in flaky.real.concerns(code)] == ["Wer vertritt mich im Urlaub?"]
    assert says(at, "participant.concern_sent", "de")
    assert at.text_area[0].value == ""


def test_a_steering_change_during_an_outage_is_not_called_saved(flaky: FlakyStore) -> None:
    """The console's "saved" toast and its state come only from the store: a phase change the
    store did not take says so, and the console shows the stored phase once it is back."""
    code, key = new_session(flaky.real)
    at = opened("facilitate", code=code, key=key).run()
    flaky.down = True
    bar = next(w for w in at.segmented_control if str(w.key) == "phase")
    bar.set_value("weigh").run()
    assert not at.exception
    assert says(at, UNSAVED, "de")
    assert not [toast for toast in at.toast if toast.value == t("common.saved", "de")]
    assert flaky.real.get_session(code).phase == "welcome"


# --------------------------------------------------------------------------- no error box


@pytest.mark.parametrize("name", ["home", "participate", "facilitate", "wall", "explore"])
def test_no_page_opened_during_an_outage_shows_an_error_box(flaky: FlakyStore, name: str) -> None:
    """Every page opened while the store is down draws without Streamlit's error box."""
    code, key = new_session(flaky.real)
    token = flaky.real.join(code).token
    query = {
        "participate": {"code": code, "p": token},
        "facilitate": {"code": code, "key": key},
        "wall": {"code": code},
    }.get(name, {})
    flaky.down = True
    at = opened(name, **query).run()
    assert not at.exception
    if query:
        assert says(at, UNREACHABLE, "de")


@pytest.mark.parametrize("phase", ["welcome", "weigh", "context", "options", "vote", "results"])
def test_an_open_phone_in_any_phase_says_the_store_is_down(
    flaky: FlakyStore, phone: Phone, phase: str
) -> None:
    """A phone already open when the store goes away keeps its page and says why it cannot
    change anything (no error box, no "not joined"), in every phase; it draws in full again
    once the store is back."""
    at, _, _ = phone(phase, revealed=phase == "results", vote_mode="single")
    flaky.down = True
    services.expire_views()  # the next draw must ask the store
    at.run()
    assert not at.exception
    assert says(at, UNREACHABLE, "de")
    assert says_in_no_language(at, "participant.not_joined")
    assert t(f"common.phase.{phase}", "de") in texts(at)  # what it showed a moment ago
    flaky.down = False
    at.run()
    assert not at.exception
    assert says_in_no_language(at, UNREACHABLE)


def test_joining_on_the_home_page_during_an_outage_says_so(flaky: FlakyStore) -> None:
    """A code typed on the home page while the store is down: the join is said not to have
    happened (no error box); the code stays in the box for another try."""
    code, _ = new_session(flaky.real)
    flaky.down = True
    at = opened("home").run()
    at.text_input(key="join_code").input(code)
    at.button[0].click().run()
    assert not at.exception
    assert says(at, UNSAVED, "de")
    assert at.text_input(key="join_code").value == code
