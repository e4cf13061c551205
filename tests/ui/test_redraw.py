"""Rerun requests routed to the part a widget redraws: only when nothing else can have moved."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

import pytest
from streamlit.proto.ClientState_pb2 import ClientState
from streamlit.runtime.app_session import AppSession, AppSessionState
from streamlit.runtime.fragment import MemoryFragmentStorage
from streamlit.runtime.scriptrunner_utils.script_requests import RerunData, ScriptRequests

from workshop.ui import redraw

PAGE, QUERY = "page-hash", "code=ABC&p=token"
PART, OTHER = "weigh.outcome", "options.ranking"


def _parameters(function: Callable[..., Any]) -> list[tuple[str, Any, Any]]:
    return [(p.name, p.kind, p.default) for p in inspect.signature(function).parameters.values()]


def test_the_replacement_takes_what_streamlit_passes() -> None:
    """Same parameters as the method it replaces (an upgrade that changes them fails here)."""
    assert _parameters(redraw._handle_rerun_script_request) == _parameters(
        redraw.STREAMLITS_RERUN_REQUEST
    )


class _Session:
    """Stands in for an AppSession: its state, the page it last ran, its fragments."""

    def __init__(self, fragments: dict[str, str]) -> None:
        self._state = AppSessionState.APP_NOT_RUNNING
        self._scriptrunner: SimpleNamespace | None = None
        self._client_state = ClientState(page_script_hash=PAGE, query_string=QUERY)
        self._fragment_storage = MemoryFragmentStorage()
        for fragment_id, key in fragments.items():
            self._fragment_storage.register(fragment_id, lambda: None, target_key=key)


def _id(key: str) -> str:
    return f"$$ID-0123456789abcdef-{key}"


def _request(values: dict[str, int], **fields: Any) -> ClientState:
    state = ClientState(**{"page_script_hash": PAGE, "query_string": QUERY, **fields})
    for key, value in values.items():
        state.widget_states.widgets.add(id=_id(key), int_value=value)
    return state


@pytest.fixture
def session() -> Any:
    """A session whose page drew the outcome part and routed two sliders to it."""
    found = _Session({"frag-1": PART, "frag-2": OTHER})
    routes = redraw._routes_of(found)  # type: ignore[arg-type]
    routes.by_widget = {"w.a": PART, "w.b": PART, "h.x": OTHER}
    routes.complete = True  # the last full run drew the whole page
    redraw.routed(found, _request({"w.a": 5, "w.b": 5, "h.x": 1, "lang": 0}))  # type: ignore[arg-type]
    return found


def _routed(session: Any, values: dict[str, int], **fields: Any) -> str:
    """The fragment the request was routed to ('' for the page, as the browser asked)."""
    return redraw.routed(session, _request(values, **fields)).fragment_id


def test_a_routed_slider_moved_alone_reruns_only_its_part(session: Any) -> None:
    assert _routed(session, {"w.a": 7, "w.b": 5, "h.x": 1, "lang": 0}) == "frag-1"
    # The next move compares with this one: the other slider moved, again only the part.
    assert _routed(session, {"w.a": 7, "w.b": 2, "h.x": 1, "lang": 0}) == "frag-1"


def test_two_sliders_of_one_part_moved_together_rerun_that_part(session: Any) -> None:
    assert _routed(session, {"w.a": 1, "w.b": 1, "h.x": 1, "lang": 0}) == "frag-1"


def test_anything_else_moved_reruns_the_page(session: Any) -> None:
    assert _routed(session, {"w.a": 7, "w.b": 5, "h.x": 1, "lang": 1}) == ""  # not routed
    assert _routed(session, {"w.a": 8, "w.b": 5, "h.x": 2, "lang": 1}) == ""  # two parts


def test_a_tap_beside_a_move_reruns_the_page(session: Any) -> None:
    state = _request({"w.a": 7, "w.b": 5, "h.x": 1, "lang": 0})
    state.widget_states.widgets.add(id=_id("send"), trigger_value=True)
    assert redraw.routed(session, state).fragment_id == ""


def test_a_request_that_moved_nothing_reruns_the_page(session: Any) -> None:
    assert _routed(session, {"w.a": 5, "w.b": 5, "h.x": 1, "lang": 0}) == ""


def test_a_new_page_or_url_reruns_the_page(session: Any) -> None:
    moved = {"w.a": 7, "w.b": 5, "h.x": 1, "lang": 0}
    assert _routed(session, moved, page_script_hash="another-page") == ""
    assert _routed(session, {**moved, "w.a": 8}, query_string=QUERY + "&lang=en") == ""
    assert _routed(session, {**moved, "w.a": 9}, is_history_navigation=True) == ""


def test_a_request_while_the_script_runs_goes_to_streamlit_as_sent(session: Any) -> None:
    session._state = AppSessionState.APP_IS_RUNNING
    assert _routed(session, {"w.a": 7, "w.b": 5, "h.x": 1, "lang": 0}) == ""


def _runner(requests: ScriptRequests) -> SimpleNamespace:
    """Stands in for a ScriptRunner: Streamlit's own request queue of its script thread."""
    return SimpleNamespace(_requests=requests)


def test_a_request_while_a_run_starts_goes_to_streamlit_as_sent(session: Any) -> None:
    """The script thread has begun the page's run (the session's state does not say so yet):
    a move routed to its part would cut that run short, so Streamlit gets the request as sent
    (it folds it into the page's run)."""
    running = ScriptRequests()  # what a runner's queue is while its script runs
    session._scriptrunner = _runner(running)
    assert _routed(session, {"w.a": 7, "w.b": 5, "h.x": 1, "lang": 0}) == ""
    running.request_rerun(RerunData())  # a run of the page asked for and not yet begun
    assert _routed(session, {"w.a": 8, "w.b": 5, "h.x": 1, "lang": 0}) == ""


def test_a_request_after_the_run_ended_is_routed(session: Any) -> None:
    done = ScriptRequests()
    done.on_scriptrunner_ready()  # nothing more to run: the script thread stops
    session._scriptrunner = _runner(done)
    assert _routed(session, {"w.a": 7, "w.b": 5, "h.x": 1, "lang": 0}) == "frag-1"


def test_a_page_not_drawn_in_full_reruns_the_page(session: Any) -> None:
    """The page's last full run was cut short (by the next request) or stopped by an outage:
    a part rerun alone would write where the page never drew, so the page is drawn."""
    redraw._routes_of(session).complete = False
    assert _routed(session, {"w.a": 7, "w.b": 5, "h.x": 1, "lang": 0}) == ""


def test_a_part_no_longer_drawn_reruns_the_page() -> None:
    gone = _Session({})
    redraw._routes_of(gone).by_widget = {"w.a": PART}  # type: ignore[arg-type]
    redraw._routes_of(gone).complete = True  # type: ignore[arg-type]
    redraw.routed(gone, _request({"w.a": 5}))  # type: ignore[arg-type]
    assert _routed(gone, {"w.a": 6}) == ""


def test_a_request_for_a_part_stays_as_sent(session: Any) -> None:
    assert _routed(session, {"w.a": 7, "w.b": 5, "h.x": 1, "lang": 0}, fragment_id="frag-2") == (
        "frag-2"
    )


def test_the_first_request_of_a_session_is_never_routed() -> None:
    fresh = _Session({"frag-1": PART})
    redraw._routes_of(fresh).by_widget = {"w.a": PART}  # type: ignore[arg-type]
    redraw._routes_of(fresh).complete = True  # type: ignore[arg-type]
    assert _routed(fresh, {"w.a": 6}) == ""


def test_a_routed_request_keeps_everything_else_the_browser_sent(session: Any) -> None:
    sent = _request({"w.a": 7, "w.b": 5, "h.x": 1, "lang": 0}, page_name="participate")
    sent.cached_message_hashes.append("abc")
    routed = redraw.routed(session, sent)
    assert routed.fragment_id == "frag-1"
    routed.fragment_id = ""
    assert routed == sent


def test_installing_twice_is_installing_once_and_can_be_undone() -> None:
    before = AppSession._handle_rerun_script_request
    try:
        redraw.route_reruns()
        redraw.route_reruns()
        assert AppSession._handle_rerun_script_request is redraw._handle_rerun_script_request
        redraw.unroute_reruns()
        assert AppSession._handle_rerun_script_request is redraw.STREAMLITS_RERUN_REQUEST
    finally:  # as this process had it (app.py may have been imported by another test)
        AppSession._handle_rerun_script_request = before  # type: ignore[method-assign]
