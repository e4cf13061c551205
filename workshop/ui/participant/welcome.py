"""Phase 1, welcome: the participant's profile (nickname, role group) and the concerns wall."""

from __future__ import annotations

from typing import Any

import streamlit as st

from workshop.content import ContentPack
from workshop.engine.ballots import STATUS_QUO
from workshop.errors import StoreUnavailable
from workshop.store import CONCERN_STATUSES, Concern, SessionView
from workshop.text.i18n import coerce_lang
from workshop.text.wording import option_names
from workshop.ui.participant.posts import kept_post, post_outcome, remember_drawn, send_post
from workshop.ui.runtime import plain, reader_lang, run_from_callback, tr, user_errors
from workshop.web import services


def draw(view: SessionView, pack: ContentPack, token: str) -> None:
    """The welcome phase: who the participant is (optional) and the concerns wall."""
    st.write(tr("participant.welcome_intro"))
    _profile_form(view, token)
    _concerns(view, pack, token)


def _profile_form(view: SessionView, token: str) -> None:
    try:
        me = services.store().participant(view.code, token)
    except StoreUnavailable:
        return  # no form that could blank what is stored; the posts below still take input
    groups = list(view.settings.role_groups)
    with (
        st.expander(tr("participant.profile_title"), icon=":material/badge:"),
        st.form("profile", border=False),
    ):
        nickname = st.text_input(
            tr("participant.nickname"),
            value=(me.nickname or "") if me else "",
            max_chars=40,
            help=tr("participant.nickname_help"),
        )
        role_group = None
        if groups:
            current = me.role_group if me and me.role_group in groups else None
            role_group = st.selectbox(
                tr("participant.role_group"),
                groups,
                index=groups.index(current) if current else None,
                placeholder=tr("participant.role_group_none"),
                help=tr("participant.role_group_help"),
            )
        if st.form_submit_button(tr("participant.profile_save")):
            with user_errors():
                services.store().update_participant(
                    view.code, token, nickname.strip() or None, role_group
                )
                st.success(tr("common.saved"))


def _concerns(view: SessionView, pack: ContentPack, token: str) -> None:
    store = services.store()
    locked = "concerns" in view.locked
    st.markdown(f"#### {tr('participant.concerns_title')}")
    st.caption(tr("participant.concerns_hint"))
    if locked:
        st.info(tr("participant.locked", what=tr("common.input.concerns")))
    else:
        kept = kept_post("concern")
        kinds = ["concern", "question"]
        with st.form("concern", clear_on_submit=True):
            kind = st.radio(
                tr("participant.concern_kind"),
                kinds,
                index=kinds.index(kept.get("kind", "concern")),
                format_func=lambda k: tr(f"participant.kind.{k}"),
                horizontal=True,
            )
            body = st.text_area(
                tr("participant.concern_text"), value=kept.get("body", ""), max_chars=500, height=90
            )
            if st.form_submit_button(tr("participant.concern_send"), type="primary"):
                if body.strip():
                    typed = {"body": body, "kind": kind}
                    send_post(
                        "concern", typed, store.add_concern, view.code, token, body.strip(), kind
                    )
                else:
                    st.warning(tr("participant.concern_empty"))
            post_outcome("concern", "participant.concern_sent")
    mine = store.my_upvotes(view.code, token)
    concerns = store.concerns(view.code)
    remember_drawn(view.code, concerns)  # the follower redraws when others post
    names = option_names(pack, coerce_lang(reader_lang())) | {STATUS_QUO: tr("common.status_quo")}
    for concern in concerns:
        voted = concern.id in mine
        text_col, button_col = st.columns([5, 1], vertical_alignment="center")
        label = tr(f"participant.kind.{concern.kind}")
        text_col.markdown(f"**{label}** · {plain(concern.text)}")
        text_col.caption(_concern_state(concern, names))
        button_col.button(
            f"▲ {concern.upvotes}",
            key=f"up.{concern.id}",
            type="primary" if voted else "secondary",
            help=tr("participant.upvote_undo" if voted else "participant.upvote"),
            disabled=locked,
            on_click=_toggle_upvote,
            args=(store.remove_upvote if voted else store.upvote, view.code, token, concern.id),
        )


def _concern_state(concern: Concern, names: dict[str, str]) -> str:
    """The concern's status, the option it is about and the facilitator's answer, as a caption.

    The option and the answer are text (a pack's name, the facilitator's words): escaped.
    """
    parts = []
    if concern.status in CONCERN_STATUSES:
        parts.append(tr(f"common.concern_status.{concern.status}"))
    if concern.option_id in names:
        parts.append(tr("participant.concern_about", option=plain(names[concern.option_id])))
    state = " · ".join(parts)
    if concern.answer:
        answer = tr("participant.concern_answer", answer=plain(concern.answer))
        state = f"{state}  \n{answer}" if state else answer
    return state


def _toggle_upvote(action: Any, code: str, token: str, concern_id: int) -> None:
    run_from_callback(action, code, token, concern_id)
