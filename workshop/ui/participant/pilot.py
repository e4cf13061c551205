"""The pilot plan on the phone ("What happens next"), and following it while it is drawn.

The facilitator sets the plan during the results phase, so a phone showing it follows the plan
too (the push fingerprint's part that may wait, :mod:`workshop.ui.participant.page`): one read
per session and event number, shared by every phone of the process.
"""

from __future__ import annotations

import json

import streamlit as st

from workshop.content import ContentPack
from workshop.rounds.pilot import PilotPlan, stored_pilot
from workshop.store import SessionView
from workshop.text.i18n import coerce_lang
from workshop.text.wording import day_text, option_names
from workshop.ui.runtime import names_list, plain, reader_lang, tr
from workshop.web import services

#: Per session: the event number, the stored plan at that number and its signature.
_current: dict[str, tuple[int, dict[str, object] | None, str]] = {}
#: Session state: the plan signature the page drew (code, signature).
_DRAWN = "_pilot_drawn"


def _read(code: str) -> tuple[dict[str, object] | None, str]:
    """The stored plan and its signature; re-read only when the event number moved.

    No Streamlit call: the push thread calls this through :func:`current_pilot`.
    """
    store = services.store()
    seq = store.last_seq(code)
    known = _current.get(code)
    if known is not None and known[0] == seq:
        return known[1], known[2]
    plan = store.pilot(code)
    signature = json.dumps(plan, sort_keys=True, default=str)
    _current[code] = (seq, plan, signature)
    return plan, signature


def current_pilot(code: str) -> str:
    """The stored plan's signature now (what, when it changes, must redraw the block)."""
    return _read(code)[1]


def drawn_pilot(code: str) -> str | None:
    """The plan signature this run drew for session `code`, or None when it drew no block."""
    drawn = st.session_state.get(_DRAWN)
    return drawn[1] if drawn is not None and drawn[0] == code else None


def forget_drawn() -> None:
    """The page shows no pilot block (another phase): nothing to follow."""
    st.session_state.pop(_DRAWN, None)


def pilot_moved(code: str) -> bool:
    """True when the plan changed since the page drew its block (False when it drew none)."""
    drawn = drawn_pilot(code)
    return drawn is not None and current_pilot(code) != drawn


def draw(view: SessionView, pack: ContentPack) -> None:
    """ "What happens next": the plan in a few lines, if the facilitator has set one."""
    data, signature = _read(view.code)
    st.session_state[_DRAWN] = (view.code, signature)  # the follower redraws when it changes
    plan = stored_pilot(data, pack)
    if plan is None:
        return
    st.markdown(f"#### {tr('participant.pilot_title')}")
    st.markdown("  \n".join(_lines(plan, pack)))


def _lines(plan: PilotPlan, pack: ContentPack) -> list[str]:
    """The plan's lines: option, team, duration, measures, review (those it names)."""
    lang = coerce_lang(reader_lang())
    names = option_names(pack, lang)
    one = ".one" if plan.weeks == 1 else ""
    lines = [
        _line("participant.pilot_option", plain(names[plan.option])),
        _line("participant.pilot_team", plain(plan.team)),
        _line("participant.pilot_duration", tr(f"participant.pilot_weeks{one}", n=plan.weeks)),
    ]
    measures = [tr(f"common.pilot_measure.{m}") for m in plan.measures]
    if plan.other_measures:
        measures.append(plain(" ".join(plan.other_measures.split())))
    lines.append(_line("participant.pilot_measures", names_list(measures)))
    if plan.review_on is not None:
        lines.append(_line("participant.pilot_review", day_text(plan.review_on, lang)))
    return lines


def _line(label_key: str, value: str) -> str:
    return f"**{tr(label_key)}:** {value}"
