"""A slider outside a fragment whose move reruns only that fragment: one script run per move.

Streamlit 1.67 reruns the whole page when a widget outside every fragment changes.  The
phone's sliders sit outside the part they change (the sliders stay where the thumb left them,
the ranking moves), so their callbacks used to end the page's run with ``st.rerun(<key>)``:
a move was two script runs, the page's, cut short after the callbacks, and then the
fragment's.  Each run costs Streamlit its own thread, setup and messages (a new-session and a
finished message).

Here a page says which widgets redraw which fragment (:func:`route`, once per full run).  When
a browser's rerun request differs from its previous one only in widgets routed to one and the
same fragment, the request becomes that fragment's rerun before Streamlit starts it.  The
callbacks run first, as in every run (Streamlit calls them for each changed widget, whichever
part reruns); they see that the run already is the fragment's (:func:`redrawing`) and do not
ask again.  The outcome is what ``st.rerun(<key>)`` from the callback gives: the callbacks
and then the fragment, the other widgets' values kept.  Anything else goes to Streamlit
untouched: a button, a page or URL change, a widget not routed, widgets routed to different
parts, a session whose script is running, a fragment no longer drawn, a page whose last full
run did not draw all of it (:func:`drawn_in_full`: cut short by the next request, or stopped
by an outage; a part rerun alone would then write where the page never drew, and Streamlit
refuses that).

This replaces ``AppSession._handle_rerun_script_request`` of Streamlit 1.67 (the pinned version
the browser tests run); ``tests/ui/test_redraw.py`` holds its signature to Streamlit's.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from streamlit.errors import StreamlitAPIException
from streamlit.proto.ClientState_pb2 import ClientState
from streamlit.runtime import Runtime, exists
from streamlit.runtime.app_session import AppSession, AppSessionState
from streamlit.runtime.scriptrunner_utils.script_requests import ScriptRequestType
from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx
from streamlit.runtime.state.common import user_key_from_element_id

from workshop.ui.streamlit_patch import put

#: Streamlit's own method, as imported (kept for the tests and to undo the change).
STREAMLITS_RERUN_REQUEST: Callable[..., None] = AppSession._handle_rerun_script_request

#: Where a browser session keeps its routes (an attribute of its AppSession).
_ROUTES = "_workshop_redraw_routes"


@dataclass
class _Routes:
    """One browser session's routes and the widget values of its last rerun request."""

    #: Widget (user) key -> the key of the fragment its change redraws.
    by_widget: dict[str, str] = field(default_factory=dict)
    #: The last request's widget values (serialized, by widget id).
    last: dict[str, bytes] | None = None
    #: Whether the last full run drew the whole page: only then may a part rerun alone (a run
    #: cut short by the next request, or stopped by an outage, left the page incomplete).
    complete: bool = False
    lock: threading.Lock = field(default_factory=threading.Lock)

    def seen(self, values: dict[str, bytes]) -> dict[str, bytes] | None:
        """Remember this request's widget values; return the previous request's."""
        with self.lock:
            previous, self.last = self.last, values
            return previous


def _session() -> AppSession | None:
    """This run's browser session in this process's runtime (None in AppTest)."""
    context = get_script_run_ctx()
    if context is None or not exists() or not isinstance(Runtime.instance(), Runtime):
        return None
    session = Runtime.instance().get_app_session(context.session_id)
    return session if isinstance(session, AppSession) else None


def forget_routes() -> None:
    """At the start of every full run: the page is not drawn yet, and the widgets it draws are
    routed anew."""
    session = _session()
    if session is not None:
        routes = _routes_of(session)
        routes.by_widget, routes.complete = {}, False


def drawn_in_full() -> None:
    """At the end of a page's full run that drew all of it: its parts may now rerun alone."""
    session = _session()
    if session is not None:
        _routes_of(session).complete = True


def parts_may_rerun_alone() -> bool:
    """In a widget callback: whether the page's last full run drew all of it, so that a rerun
    of some of its parts leaves a whole page (else the run goes on and draws the page)."""
    session = _session()
    return session is not None and _routes_of(session).complete


def route(fragment_key: str, widget_keys: Iterable[str]) -> None:
    """A change of these widgets (their ``key=``) redraws only the fragment `fragment_key`."""
    session = _session()
    if session is None:
        return
    routes = _routes_of(session).by_widget
    for key in widget_keys:
        routes[key] = fragment_key


def redrawing(fragment_keys: Sequence[str]) -> bool:
    """In a widget callback: whether this run already is the rerun of just these fragments."""
    context = get_script_run_ctx()
    if context is None or not context.fragment_ids_this_run:
        return False
    try:
        wanted = context.fragment_storage.resolve_target(list(fragment_keys))
    except StreamlitAPIException:
        return False
    return set(wanted) == set(context.fragment_ids_this_run)


def _routes_of(session: AppSession) -> _Routes:
    found: _Routes | None = session.__dict__.get(_ROUTES)
    if found is None:
        found = session.__dict__.setdefault(_ROUTES, _Routes())  # atomic: one per session
    return found


def routed(session: AppSession, state: ClientState) -> ClientState:
    """The request `state` as the rerun of the one fragment its changed widgets redraw, or
    `state` itself where that does not hold (see the module's docstring)."""
    routes = _routes_of(session)  # also before the first route: the next request compares
    values = {w.id: w.SerializeToString(deterministic=True) for w in state.widget_states.widgets}
    last = routes.seen(values)
    if last is None or state.fragment_id or state.is_history_navigation or not routes.complete:
        return state
    # The page and URL the server last ran (a switch or a new query string needs the page).
    server = session._client_state
    if (state.page_script_hash, state.query_string) != (
        server.page_script_hash,
        server.query_string,
    ):
        return state
    if script_busy(session):
        return state
    changed = [widget for widget, value in values.items() if last.get(widget) != value]
    targets = {routes.by_widget.get(user_key_from_element_id(w) or "") for w in changed}
    if len(targets) != 1 or None in targets:
        return state
    (target,) = targets
    try:
        fragments = session._fragment_storage.resolve_target(str(target))
    except StreamlitAPIException:  # not drawn by the last full run
        return state
    if len(fragments) != 1:
        return state
    rerun = ClientState()
    rerun.CopyFrom(state)
    rerun.fragment_id = fragments[0]
    return rerun


def script_busy(session: AppSession) -> bool:
    """Whether a run of this browser session is going on or has been asked for.

    The session's own state says so only once the event loop has handled the run's start, a
    moment after the script thread began: a move's request routed to its part in that moment
    would cut the page's run short (Streamlit lets a fragment's rerun preempt it), and the
    part would then write where the page never drew.  The script thread's request queue knows
    at once: it stops only when no run is left to do.  Every request is made on the event
    loop, as this is asked, so nothing starts between the answer and the request.
    """
    if session._state != AppSessionState.APP_NOT_RUNNING:
        return True
    runner = session._scriptrunner
    return runner is not None and runner._requests._state != ScriptRequestType.STOP


def _handle_rerun_script_request(self: AppSession, client_state: ClientState | None = None) -> None:
    """The browser asks for a rerun: of one fragment where its changed widgets say so."""
    if client_state is not None:
        client_state = routed(self, client_state)
    STREAMLITS_RERUN_REQUEST(self, client_state)


def route_reruns() -> None:
    """Install the routing in Streamlit's AppSession (idempotent)."""
    put((AppSession, "_handle_rerun_script_request", _handle_rerun_script_request))


def unroute_reruns() -> None:
    """Put Streamlit's own method back (for the tests)."""
    put((AppSession, "_handle_rerun_script_request", STREAMLITS_RERUN_REQUEST))
