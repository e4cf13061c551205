"""The participant's inputs mirrored from the store, and saving them.

Widgets get their starting values from a mirror in session state, filled from the store on a
phone's first draw of a round; a slider's change is sent to the store at once, and only what the
store acknowledged is called saved (:func:`unsaved_key` stays set after a failed save).
"""

from __future__ import annotations

import streamlit as st

from workshop.content import ContentPack
from workshop.engine.ballots import SLIDER_DEFAULT, validate_hybrid_params, validate_weights
from workshop.store import SessionView
from workshop.ui import push, redraw
from workshop.ui.runtime import run_from_callback
from workshop.web import services


def weight_key(view: SessionView, criterion: str) -> str:
    """The widget key of a criterion's weight slider in this round."""
    return f"w.{view.round}.{criterion}"


def param_key(view: SessionView, hybrid: str, parameter: str) -> str:
    """The widget key of a hybrid parameter's slider in this round."""
    return f"h.{view.round}.{hybrid}.{parameter}"


def mirror_key(view: SessionView) -> str:
    """Session state: the mirror of this round's inputs ({widget key: value})."""
    return f"ballot.{view.code}.{view.round}"


def unsaved_key(view: SessionView) -> str:
    """Session state: the sliders show values the store has not acknowledged (a failed save)."""
    return f"unsaved.{view.code}.{view.round}"


def submitted_key(view: SessionView) -> str:
    """Session state: the store holds this participant's weights of the round."""
    return f"submitted.{view.code}.{view.round}"


def load_inputs(view: SessionView, pack: ContentPack, token: str) -> None:
    """On a phone's first draw of a round, mirror what the store holds for this participant.

    Widgets get their starting value from this mirror (passed as ``value=``) rather than through
    their session-state keys: a slider without ``value`` scans the whole session state.
    """
    if mirror_key(view) in st.session_state:
        return
    store = services.store()
    ballot = current = store.weights_of(view.code, token)
    if ballot is None and view.round > 1:  # a re-vote starts from the earlier round's weights
        ballot = store.weights_of(view.code, token, view.round - 1)
    weights = ballot.weights if ballot else {}
    params = (ballot.hybrid_params or {}) if ballot else {}
    mirror: dict[str, float] = {}
    for criterion in pack.criterion_ids:
        mirror[weight_key(view, criterion)] = int(weights.get(criterion, SLIDER_DEFAULT))
    own: set[str] = set()
    group = group_params(view, pack)
    for hybrid in pack.hybrids:
        chosen = params.get(hybrid.id, {})
        for parameter in hybrid.parameters:
            widget = param_key(view, hybrid.id, parameter.id)
            value = chosen.get(parameter.id)
            # Every save sends all parameters, so a stored pack default says nothing: only a
            # value the participant moved away from it is theirs; the rest follow the group.
            if value is not None and float(value) != float(parameter.default):
                own.add(widget)
                mirror[widget] = float(value)
            else:
                mirror[widget] = group[widget]
    st.session_state[submitted_key(view)] = current is not None
    st.session_state[own_params_key(view)] = own
    st.session_state[mirror_key(view)] = mirror


def own_params_key(view: SessionView) -> str:
    """Session state: the hybrid parameters (widget keys) this participant set themselves."""
    return f"own_params.{view.code}.{view.round}"


def group_params(view: SessionView, pack: ContentPack) -> dict[str, float]:
    """The group's current hybrid setting by widget key: the facilitator's, else the default."""
    chosen = services.context_of(view).get("hybrids", {}) or {}
    values: dict[str, float] = {}
    for hybrid in pack.hybrids:
        set_here = chosen.get(hybrid.id, {}) or {}
        for parameter in hybrid.parameters:
            value = set_here.get(parameter.id, parameter.default)
            try:
                number = min(max(float(value), parameter.minimum), parameter.maximum)
            except (TypeError, ValueError):
                number = float(parameter.default)
            values[param_key(view, hybrid.id, parameter.id)] = number
    return values


def follow_group_params(view: SessionView, pack: ContentPack) -> set[str]:
    """Parameters the participant has not set show the group's current setting; returns the own.

    The facilitator may set the hybrids after this phone filled its mirror (in the welcome
    phase, typically), so untouched ones are brought up to date on every draw of the options.
    """
    own: set[str] = st.session_state.setdefault(own_params_key(view), set())
    mirror = st.session_state[mirror_key(view)]
    for widget, value in group_params(view, pack).items():
        if widget not in own:
            mirror[widget] = value
    return own


def remember(view: SessionView) -> None:
    """Copy the drawn widgets' values into the mirror (they vanish when not drawn)."""
    # One copy of the state instead of a read per widget: each read through Streamlit's proxy
    # costs 6–10 µs (a widget not drawn, three raised KeyErrors); 25 keys 176 µs against 55.
    state = st.session_state.to_dict()
    mirror = state[mirror_key(view)]
    for widget in mirror:
        value = state.get(widget)
        if value is not None:
            mirror[widget] = value


def my_weights(view: SessionView, pack: ContentPack) -> dict[str, int]:
    """The weights the sliders show, by criterion."""
    mirror = st.session_state[mirror_key(view)]  # one session-state read, not one per slider
    return {c: int(mirror[weight_key(view, c)]) for c in pack.criterion_ids}


def my_hybrids(view: SessionView, pack: ContentPack) -> dict[str, dict[str, float]]:
    """The hybrid parameters the sliders show, by hybrid and parameter."""
    mirror = st.session_state[mirror_key(view)]
    return {
        h.id: {p.id: float(mirror[param_key(view, h.id, p.id)]) for p in h.parameters}
        for h in pack.hybrids
    }


def submit_ballot(view: SessionView, pack: ContentPack, token: str) -> None:
    """Send the weights and hybrid parameters the sliders show; saved once the store took them."""
    remember(view)
    weights = validate_weights(pack, my_weights(view, pack))
    hybrids = validate_hybrid_params(pack, my_hybrids(view, pack))  # a sent value may be off
    # Unsaved until the store acknowledges: a save that fails (an outage) leaves it set, so
    # the page never says "saved" for values it does not hold.
    st.session_state[unsaved_key(view)] = True
    services.store().submit_weights(view.code, token, weights, hybrids)
    st.session_state[unsaved_key(view)] = False
    st.session_state[submitted_key(view)] = True


def on_weights_changed(
    view: SessionView, pack: ContentPack, token: str, parts: list[str] | None = None
) -> None:
    """A slider's callback: save at once (an error is shown on the next run).

    `parts`: the parts of the page (fragment keys) that show what the sliders give; only
    they rerun, not the page (a room of phones moves sliders many times a second).  Usually
    the move's request already is their rerun (:mod:`workshop.ui.redraw`).
    """
    run_from_callback(submit_ballot, view, pack, token)
    if not parts or not push.serves_a_browser():  # AppTest reruns the page: it cannot merge parts
        return
    if redraw.redrawing(parts) or not redraw.parts_may_rerun_alone():
        return  # the move's request already is their rerun, or the page must be drawn whole
    st.rerun(parts)  # ends the callback: Streamlit reruns just these fragments
