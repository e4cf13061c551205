"""Phase 6, resistance: a 0–10 slider per option and for keeping things as today, and what the
group resists least (Systemisches Konsensieren, :mod:`workshop.rounds.resistance`).

The sliders start from the ratings on record (else 0) and are saved together with one button;
until the store has taken them the phone says they are not saved, so an untouched 0 never
passes for a rating.  Once saved, the participant can say what would lower their resistance
(a concern linked to the option).  The group's figures appear only after the reveal and from
the anonymity threshold on; before that only how many have rated.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from workshop.content import ContentPack
from workshop.engine.ballots import RESISTANCE_MAX, RESISTANCE_MIN, STATUS_QUO, validate_resistance
from workshop.errors import StoreUnavailable, WorkshopError
from workshop.rounds.resistance import HIGH_RESISTANCE, ResistanceResults, rated_options
from workshop.store import SessionView
from workshop.text.i18n import coerce_lang
from workshop.text.wording import option_names
from workshop.ui.participant.posts import kept_post, post_outcome, send_post
from workshop.ui.runtime import (
    is_outage,
    names_list,
    outage_notice,
    plain,
    reader_lang,
    show_error,
    tr,
)
from workshop.web import services

Ratings = dict[str, int]
#: Session state: (session code, signature) of the group's result this run drew, which the
#: follower (``participant.page``) redraws when others rate.
_GROUP_DRAWN = "_resistance_group_drawn"


def draw(view: SessionView, pack: ContentPack, token: str) -> None:
    """The resistance phase: the sliders, what would lower the resistance, the group's result."""
    st.write(tr("participant.resistance_intro"))
    _on_record(view, token)
    _rating(view, pack, token)
    recorded: Ratings | None = st.session_state.get(recorded_key(view))
    if recorded is not None:
        _lower_resistance(view, pack, token, recorded)
    _group(view, pack, services.resistance_of(view))


def slider_key(view: SessionView, option: str) -> str:
    """The widget key of an option's resistance slider in this round (STATUS_QUO included)."""
    return f"res.{view.round}.{option}"


def recorded_key(view: SessionView) -> str:
    """Session state: the ratings the store holds for this participant and round (or None)."""
    return f"resistance_recorded.{view.code}.{view.round}"


def _start_key(view: SessionView) -> str:
    """Session state: the sliders' starting values of this round (set once, on the first draw)."""
    return f"resistance_start.{view.code}.{view.round}"


def _names(pack: ContentPack) -> dict[str, str]:
    """Every rated option's name (hybrids marked as such), then "keep as today" last."""
    names = option_names(pack, coerce_lang(reader_lang()))
    ordered = {option: names[option] for option in rated_options(pack)}
    ordered[STATUS_QUO] = tr("common.status_quo")
    return ordered


def _on_record(view: SessionView, token: str) -> None:
    """Note the ratings the store holds; while it cannot be reached, keep the ones read last.

    So a phone that cannot reach the store still shows its sliders, and a save then is said
    to be not saved (the values stay) instead of the page vanishing.
    """
    key = recorded_key(view)
    try:
        existing = services.store().resistance_of(view.code, token)
    except StoreUnavailable:
        if key not in st.session_state:
            raise
        return
    st.session_state[key] = _as_ints(existing.ratings) if existing else None


def _as_ints(ratings: dict[str, Any]) -> Ratings:
    """Stored ratings (JSON numbers) as the whole numbers the sliders show."""
    return {option: int(value) for option, value in ratings.items()}


def _start_values(view: SessionView, options: list[str]) -> Ratings:
    """Where the sliders start: the ratings on record, else 0 (fixed for the round, so a
    widget is never redrawn with a new default under the participant's thumb)."""
    key = _start_key(view)
    if key not in st.session_state:
        recorded = st.session_state.get(recorded_key(view)) or {}
        st.session_state[key] = {o: int(recorded.get(o, RESISTANCE_MIN)) for o in options}
    start: Ratings = st.session_state[key]
    return start


@st.fragment
def _rating(view: SessionView, pack: ContentPack, token: str) -> None:
    """The sliders and their save button: a move reruns only this part, not the page."""
    try:
        _sliders_and_save(view, pack, token)
    except WorkshopError as error:
        # A fragment's run has no page frame around it to catch this (see weigh._weighing).
        if is_outage(error):
            outage_notice()
        else:
            show_error(error)


def _sliders_and_save(view: SessionView, pack: ContentPack, token: str) -> None:
    locked = "resistance" in view.locked
    if locked:
        st.info(tr("participant.locked", what=tr("common.input.resistance")))
    names = _names(pack)
    start = _start_values(view, list(names))
    with st.container(border=True):
        shown = {
            option: int(
                st.slider(
                    plain(name),
                    min_value=RESISTANCE_MIN,
                    max_value=RESISTANCE_MAX,
                    step=1,
                    value=start.get(option, RESISTANCE_MIN),
                    key=slider_key(view, option),
                    disabled=locked,
                )
            )
            for option, name in names.items()
        }
        st.caption(tr("participant.resistance_scale"))
        sent = st.button(
            tr("participant.resistance_send"),
            key=f"res.{view.round}.send",
            type="primary",
            width="stretch",
            disabled=locked,
        )
        status = st.container()  # right below the button that it answers
    recorded: Ratings | None = st.session_state.get(recorded_key(view))
    if sent:
        try:
            clean = validate_resistance(shown, rated_options(pack))
            services.store().submit_resistance(view.code, token, clean)
        except WorkshopError as error:
            with status:
                show_error(error, unsaved=True)
                earlier = "participant.resistance_failed_earlier" if recorded else ""
                st.warning(
                    tr(earlier or "participant.resistance_failed"), icon=":material/cloud_off:"
                )
            return
        st.session_state[recorded_key(view)] = clean
        # The whole page, on a view that knows this rating (the count below includes it): the
        # question what would lower the resistance appears with a rating.
        services.forget_view(view.code)
        st.rerun(scope="app")
    _status(status, shown, recorded)


def _status(status: Any, shown: Ratings, recorded: Ratings | None) -> None:
    """Saved only when the store holds exactly what the sliders show."""
    if recorded is None:
        status.info(tr("participant.resistance_not_saved"), icon=":material/cloud_upload:")
    elif shown != recorded:
        status.info(tr("participant.resistance_changed"), icon=":material/edit:")
    else:
        status.success(tr("participant.resistance_saved"), icon=":material/cloud_done:")


def _lower_resistance(view: SessionView, pack: ContentPack, token: str, recorded: Ratings) -> None:
    """What would lower the resistance to one option: a concern linked to that option.

    It starts at the option this person resists most (the pack's order breaks ties): that is
    where an answer helps most.
    """
    st.markdown(f"#### {tr('participant.lower_title')}")
    if "concerns" in view.locked:
        st.info(tr("participant.locked", what=tr("common.input.concerns")))
        return
    names = option_names(pack, coerce_lang(reader_lang()))
    options = list(rated_options(pack))
    highest = max(options, key=lambda option: recorded.get(option, RESISTANCE_MIN))
    kept = kept_post("lower")
    chosen = kept.get("option", highest)
    with st.form("lower", clear_on_submit=True):
        option = st.selectbox(
            tr("participant.lower_option"),
            options,
            index=options.index(chosen) if chosen in options else options.index(highest),
            format_func=names.__getitem__,  # selectbox options are shown as text, not Markdown
        )
        body = st.text_area(
            tr("participant.lower_text"), value=kept.get("body", ""), max_chars=500, height=90
        )
        if st.form_submit_button(tr("participant.lower_send"), type="primary"):
            if body.strip():
                typed = {"body": body, "option": option}
                add = services.store().add_concern
                send_post("lower", typed, add, view.code, token, body.strip(), "concern", option)
            else:
                st.warning(tr("participant.concern_empty"))
        post_outcome("lower", "participant.lower_sent")


def group_signature(view: SessionView) -> tuple[object, ...]:
    """What the group's result shows now: the count, and from the threshold the figures.

    No Streamlit call: the push thread calls this (one computation per change, shared).
    """
    return _signature(services.resistance_of(view))


def _signature(results: ResistanceResults) -> tuple[object, ...]:
    figures = tuple((o.option, o.rank, o.total, o.high) for o in results.options)
    return results.count, results.shown, results.least, figures


def drawn_group(code: str) -> tuple[object, ...] | None:
    """The group's result this run drew for session `code`, or None when it drew none."""
    drawn = st.session_state.get(_GROUP_DRAWN)
    return drawn[1] if drawn is not None and drawn[0] == code else None


def forget_drawn() -> None:
    """The page shows no group result (another phase): nothing to follow."""
    st.session_state.pop(_GROUP_DRAWN, None)


def group_moved(view: SessionView) -> bool:
    """True when others rated since the page drew the group's result (False when none drawn)."""
    drawn = drawn_group(view.code)
    return drawn is not None and group_signature(view) != drawn


def _group(view: SessionView, pack: ContentPack, results: ResistanceResults) -> None:
    """The group's result: the count; after the reveal and from the threshold, the figures."""
    st.session_state[_GROUP_DRAWN] = (view.code, _signature(results))
    st.markdown(f"#### {tr('participant.resistance_group')}")
    one = ".one" if results.count == 1 else ""
    st.caption(tr(f"participant.resistance_count{one}", n=results.count))
    if not view.revealed:
        st.caption(tr("participant.results_hidden"))
        return
    if not results.shown:
        threshold = view.settings.anonymity_threshold
        st.caption(tr("participant.resistance_too_few", threshold=threshold))
        return
    names = _names(pack)
    least = names_list([plain(names[option]) for option in results.least])
    tied = len(results.least) > 1
    st.info(
        tr(
            "participant.resistance_least_tied" if tied else "participant.resistance_least",
            name=least,
        ),
        icon=":material/handshake:",
    )
    st.caption(tr("participant.resistance_group_hint", level=HIGH_RESISTANCE))
    # One Markdown block, not one element per option: the list stays cheap to draw.  The rank
    # is escaped so Markdown keeps tied ranks instead of numbering the list itself.
    lines = [
        f"{o.rank}\\. **{plain(names[o.option])}** — "
        + tr("participant.resistance_line", total=o.total, high=o.high, level=HIGH_RESISTANCE)
        for o in results.options
    ]
    st.markdown("  \n".join(lines))
