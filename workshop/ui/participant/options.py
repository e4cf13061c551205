"""Phase 4, options: the models and hybrids ranked, the hybrids' sliders, comments on options."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from workshop.content import ContentPack, Parameter
from workshop.store import SessionView
from workshop.text.i18n import coerce_lang
from workshop.text.wording import option_names
from workshop.ui.participant import role_changes
from workshop.ui.participant.mirror import (
    follow_group_params,
    mirror_key,
    on_weights_changed,
    own_params_key,
    param_key,
    unsaved_key,
)
from workshop.ui.participant.posts import kept_post, post_outcome, send_post
from workshop.ui.participant.ranking import my_ranking, my_scores, top_option
from workshop.ui.participant.weigh import guarded, unsaved_weights, weight_sliders
from workshop.ui.redraw import route
from workshop.ui.runtime import percent, reader_lang, show_pending_error, text_md, tr
from workshop.web import services

#: The part a slider move redraws (a keyed fragment): the ranking the sliders give, and above
#: it a save that failed.  Not the sliders, the comment form or what changes for a role.
RANKING = "options.ranking"


def draw(view: SessionView, pack: ContentPack, token: str) -> None:
    """The options phase: the ranking, the hybrids' sliders, the weights again, comments, and
    what an option changes for a role."""
    st.write(tr("participant.options_intro"))
    _ranking(view, pack, token)
    _hybrid_sliders(view, pack, token)
    with st.expander(tr("participant.adjust_weights"), icon=":material/tune:"):
        weight_sliders(view, pack, token, redraw=[RANKING])
    _comment_form(view, pack, token)
    role_changes.draw(view, pack, top_option(my_scores(view, pack)))


@st.fragment(key=RANKING)
def _ranking(view: SessionView, pack: ContentPack, token: str) -> None:
    """The ranking the sliders give; a save that failed says so here, with a button to send
    the values again (a move reruns only this part)."""

    def draw_part() -> None:
        show_pending_error(keep=True)
        if st.session_state.get(unsaved_key(view)):
            unsaved_weights(view, token)
        my_ranking(view, pack)

    guarded(draw_part)


def _hybrid_sliders(view: SessionView, pack: ContentPack, token: str) -> None:
    """A slider per hybrid parameter, showing the quantity it is, from the group's setting.

    Shares (parameters within 0–1) read as percentages, other values with the reader's decimal
    mark ("1,5" in German).  A parameter the participant has not moved follows the group's
    current setting (the facilitator's, else the pack's default): its widget key carries that
    value, so a new setting redraws the slider there instead of keeping a stale position.
    """
    st.markdown(f"#### {tr('participant.hybrids_title')}")
    st.caption(tr("participant.hybrids_hint"))
    locked = "weights" in view.locked
    own = follow_group_params(view, pack)
    mirror = st.session_state[mirror_key(view)]
    drawn: list[str] = []
    for hybrid in pack.hybrids:
        with st.expander(text_md(hybrid.name), icon=":material/merge:"):
            st.caption(text_md(hybrid.summary))
            for parameter in hybrid.parameters:
                name = param_key(view, hybrid.id, parameter.id)
                steps = _steps(parameter)
                value = min(steps, key=lambda v: abs(v - float(mirror[name])))
                widget = name if name in own else f"{name}@{value:g}"
                mirror[name] = st.select_slider(
                    text_md(parameter.name),
                    options=steps,
                    value=value,
                    format_func=_formatter(parameter),
                    key=widget,
                    help=text_md(parameter.description),
                    disabled=locked,
                    on_change=_param_moved,
                    args=(view, pack, token, name, widget),
                )
                drawn.append(widget)
    route(RANKING, drawn)  # a move's request becomes the ranking's rerun


def _steps(parameter: Parameter) -> list[float]:
    """The values a parameter's slider offers: its minimum to its maximum by its step."""
    count = max(round((parameter.maximum - parameter.minimum) / parameter.step), 1)
    return [round(parameter.minimum + i * parameter.step, 6) for i in range(count + 1)]


def _formatter(parameter: Parameter) -> Callable[[float], str]:
    """Shares as percentages, other values as decimals the reader's way."""
    if parameter.minimum >= 0 and parameter.maximum <= 1:
        return percent
    comma = coerce_lang(reader_lang()) == "de"

    def decimal(value: float) -> str:
        written = f"{value:.2f}".rstrip("0").rstrip(".")
        return written.replace(".", ",") if comma else written

    return decimal


def _param_moved(view: SessionView, pack: ContentPack, token: str, name: str, widget: str) -> None:
    """The participant set this parameter: it is theirs from now on; save at once."""
    st.session_state[own_params_key(view)].add(name)
    st.session_state[mirror_key(view)][name] = float(st.session_state[widget])
    on_weights_changed(view, pack, token, parts=[RANKING])


def _comment_form(view: SessionView, pack: ContentPack, token: str) -> None:
    st.markdown(f"#### {tr('participant.comment_title')}")
    if "comments" in view.locked:
        st.info(tr("participant.locked", what=tr("common.input.comments")))
        return
    names = option_names(pack, coerce_lang(reader_lang()), badge=False)
    targets = ["", *names]
    kept = kept_post("comment")
    with st.form("comment", clear_on_submit=True):
        target = st.selectbox(
            tr("participant.comment_on"),
            targets,
            index=targets.index(kept["target"]) if kept.get("target") in targets else 0,
            format_func=lambda t: names.get(t, tr("participant.comment_general")),
        )
        body = st.text_area(
            tr("participant.comment_text"), value=kept.get("body", ""), max_chars=1000, height=90
        )
        if st.form_submit_button(tr("participant.comment_send"), type="primary"):
            if not body.strip():
                st.warning(tr("participant.comment_empty"))
            else:
                kind = "option" if target else "general"
                typed = {"body": body, "target": target}
                add = services.store().add_comment
                send_post("comment", typed, add, view.code, token, kind, target, body.strip())
        post_outcome("comment", "participant.comment_sent")
