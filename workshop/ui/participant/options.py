"""Phase 4, options: the models and hybrids ranked, the hybrids' sliders, comments on options."""

from __future__ import annotations

import streamlit as st

from workshop.content import ContentPack
from workshop.store import SessionView
from workshop.text.i18n import coerce_lang
from workshop.text.wording import option_names
from workshop.ui.participant.mirror import mirror_key, on_weights_changed, param_key, unsaved_key
from workshop.ui.participant.posts import kept_post, post_outcome, send_post
from workshop.ui.participant.ranking import my_ranking
from workshop.ui.participant.weigh import unsaved_weights, weight_sliders
from workshop.ui.runtime import reader_lang, text_md, tr
from workshop.web import services


def draw(view: SessionView, pack: ContentPack, token: str) -> None:
    """The options phase: the ranking, the hybrids' sliders, the weights again, comments."""
    st.write(tr("participant.options_intro"))
    my_ranking(view, pack)
    _hybrid_sliders(view, pack, token)
    with st.expander(tr("participant.adjust_weights"), icon=":material/tune:"):
        weight_sliders(view, pack, token)
    if st.session_state.get(unsaved_key(view)):
        unsaved_weights(view, token)
    _comment_form(view, pack, token)


def _hybrid_sliders(view: SessionView, pack: ContentPack, token: str) -> None:
    st.markdown(f"#### {tr('participant.hybrids_title')}")
    st.caption(tr("participant.hybrids_hint"))
    locked = "weights" in view.locked
    mirror = st.session_state[mirror_key(view)]
    for hybrid in pack.hybrids:
        with st.expander(text_md(hybrid.name), icon=":material/merge:"):
            st.caption(text_md(hybrid.summary))
            for parameter in hybrid.parameters:
                widget = param_key(view, hybrid.id, parameter.id)
                mirror[widget] = st.slider(
                    text_md(parameter.name),
                    min_value=float(parameter.minimum),
                    max_value=float(parameter.maximum),
                    step=float(parameter.step),
                    value=float(mirror[widget]),
                    key=widget,
                    help=text_md(parameter.description),
                    disabled=locked,
                    on_change=on_weights_changed,
                    args=(view, pack, token),
                )


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
