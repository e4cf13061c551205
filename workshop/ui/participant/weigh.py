"""Phase 2, weigh: a slider per criterion, saved on change, and the ranking they give."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from workshop.content import ContentPack
from workshop.engine.ballots import SLIDER_MAX, SLIDER_MIN
from workshop.engine.scoring import Ranking
from workshop.errors import WorkshopError
from workshop.store import SessionView
from workshop.text.i18n import coerce_lang
from workshop.text.wording import option_names
from workshop.ui.participant.mirror import (
    mirror_key,
    on_weights_changed,
    submit_ballot,
    submitted_key,
    unsaved_key,
    weight_key,
)
from workshop.ui.participant.ranking import my_ranking
from workshop.ui.redraw import route
from workshop.ui.runtime import (
    is_outage,
    names_list,
    outage_notice,
    percent,
    plain,
    reader_lang,
    run_from_callback,
    show_error,
    show_pending_error,
    text_md,
    tr,
)
from workshop.web import services

#: The part a slider move redraws (a keyed fragment): the leader above the sliders, and below
#: them whether the store holds the values and the ranking they give.  Not the sliders: the
#: phone already shows where its thumb left them.
OUTCOME = "weigh.outcome"


def draw(view: SessionView, pack: ContentPack, token: str) -> None:
    """The weigh phase: the sliders, whether the store holds them, and the leader they give."""
    st.write(tr("participant.weigh_intro"))
    leader = st.container()  # filled by the outcome below, which knows this move's values
    weight_sliders(view, pack, token, redraw=[OUTCOME])
    _outcome(view, pack, token, leader)


def guarded(draw_part: Callable[[], None]) -> None:
    """Draw a part that reruns on its own (a fragment), saying what went wrong in its place.

    In a full run the page frame would catch a domain error; a fragment's run has no frame
    around it, and Streamlit's own error box must never show.
    """
    try:
        draw_part()
    except WorkshopError as error:
        if is_outage(error):
            outage_notice()
        else:
            show_error(error)


@st.fragment(key=OUTCOME)
def _outcome(view: SessionView, pack: ContentPack, token: str, leader: DeltaGenerator) -> None:
    """Whether the store holds the sliders' values and the ranking they give, and above the
    sliders the option they put first: one part, so a move runs one fragment.

    A phase change reruns the whole page (the server pushes it, :mod:`workshop.ui.push`), so
    the `view` this part was drawn with is current enough.
    """

    def draw_part() -> None:
        # A save that failed in this move's callback, said right here (and again by the next
        # full run, which replaces this part's output).
        show_pending_error(keep=True)
        _saved_state(view, token)
        try:
            scores = my_ranking(view, pack)
        except WorkshopError:
            # The line above the sliders is written on every run all the same: a part may
            # write outside itself on a rerun only where it wrote in the last full run
            # (Streamlit 1.67 raises otherwise).  Empty only here: a move sends one element.
            leader.empty()
            raise
        with leader:
            leader_info(pack, scores)

    guarded(draw_part)


def leader_info(pack: ContentPack, scores: Ranking) -> None:
    """One line: the leader (or the tied leaders) and its score."""
    names = option_names(pack, coerce_lang(reader_lang()), badge=False)
    tied = scores.tied_winners
    st.info(
        tr(
            "participant.leader_tied" if len(tied) > 1 else "participant.leader",
            name=names_list([plain(names[o]) for o in tied]),
            score=percent(float(scores.wsm[scores.order()[0]])),
        ),
        icon=":material/trending_up:",
    )


def weight_sliders(
    view: SessionView, pack: ContentPack, token: str, redraw: list[str] | None = None
) -> None:
    """A slider per criterion, each saved on change (disabled while weights are locked).

    `redraw`: the parts (fragment keys) a move reruns instead of the whole page.
    """
    locked = "weights" in view.locked
    if locked:
        st.info(tr("participant.locked", what=tr("common.input.weights")))
    mirror = st.session_state[mirror_key(view)]
    for criterion in pack.criteria:
        widget = weight_key(view, criterion.id)
        mirror[widget] = st.slider(
            text_md(criterion.name),
            min_value=SLIDER_MIN,
            max_value=SLIDER_MAX,
            step=1,
            value=int(mirror[widget]),
            key=widget,
            help=(  # the criterion's poles, then what the 0–10 slider itself means
                f"{text_md(criterion.definition)}\n\n"
                f"**{tr('common.anchor_1')}** {text_md(criterion.low)}\n\n"
                f"**{tr('common.anchor_5')}** {text_md(criterion.high)}\n\n"
                f"{tr('participant.weight_help')}"
            ),
            disabled=locked,
            on_change=on_weights_changed,
            args=(view, pack, token, redraw),
        )
    if redraw and len(redraw) == 1:  # a move's request becomes this part's rerun
        route(redraw[0], [weight_key(view, c) for c in pack.criterion_ids])
    st.caption(f"{tr('common.slider_low')} · {tr('common.slider_high')}")


def _saved_state(view: SessionView, token: str) -> None:
    """Saved only when the store acknowledged the values the sliders show."""
    if st.session_state.get(unsaved_key(view)):
        unsaved_weights(view, token)
    elif st.session_state.get(submitted_key(view)):
        st.success(tr("participant.weights_saved"), icon=":material/cloud_done:")
    else:
        st.info(tr("participant.weights_not_saved"), icon=":material/cloud_upload:")
        _send_button(view, token, "participant.confirm_weights")


def unsaved_weights(view: SessionView, token: str) -> None:
    """The last change did not reach the store: say so, and offer to send the values again."""
    st.warning(tr("participant.weights_unsaved"), icon=":material/cloud_off:")
    _send_button(view, token, "participant.resend_weights")


def _send_button(view: SessionView, token: str, label_key: str) -> None:
    """A button sending the values the sliders show (disabled while weights are locked)."""
    st.button(
        tr(label_key),
        type="primary",
        width="stretch",
        disabled="weights" in view.locked,
        on_click=_confirm_weights,
        args=(view, token),
    )


def _confirm_weights(view: SessionView, token: str) -> None:
    pack = services.pack_of(view)
    # No toast: "saved" then shows where the button was (a toast appears far from it).
    run_from_callback(submit_ballot, view, pack, token)
