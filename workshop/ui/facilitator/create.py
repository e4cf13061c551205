"""The create page, shown without a valid facilitator key: a new session, a demo, or an import."""

from __future__ import annotations

from typing import Any

import streamlit as st

from workshop.packs import default_pack, pack_to_data
from workshop.store import VOTE_MODES, SessionSettings
from workshop.ui.exports import render_import
from workshop.ui.factsheet import render_factsheet
from workshop.ui.runtime import current_lang, language_switch, tr, user_errors
from workshop.ui.shell import page_file
from workshop.web import services
from workshop.web.demo import seed_demo


def draw() -> None:
    """The create page: a new session, the factsheet, a demo session, or an import."""
    language_switch()
    st.title(tr("facilitator.create_title"))
    st.write(tr("facilitator.create_intro"))
    with st.form("create"):
        title = st.text_input(tr("facilitator.title"), value=tr("facilitator.title_default"))
        language = st.radio(
            tr("facilitator.session_language"),
            ["de", "en"],
            format_func=lambda lang: "Deutsch" if lang == "de" else "English",
            horizontal=True,
        )
        settings = settings_fields(SessionSettings(role_groups=("Service", "Vertrieb", "IT")))
        created = st.form_submit_button(tr("facilitator.create_button"), type="primary")
    if created:
        with user_errors():
            made = services.store().create_session(
                title.strip() or tr("facilitator.title_default"),
                language,
                pack_to_data(default_pack()),
                SessionSettings(**settings),
            )
            _open_console(made.code, made.facilitator_key)
    render_factsheet()  # what the threshold and the areas mean, before anything is created
    st.divider()
    st.markdown(f"#### {tr('facilitator.demo_title')}")
    st.caption(tr("facilitator.demo_hint"))
    if st.button(tr("facilitator.demo_button"), icon=":material/science:"):
        with user_errors():
            demo = SessionSettings(vote_mode="dots", role_groups=("Service", "Vertrieb", "IT"))
            made = seed_demo(services.store(), default_pack(), demo, language=current_lang())
            _open_console(made.code, made.facilitator_key)
    st.divider()
    render_import()  # continue from an earlier workshop's JSON export


def _open_console(code: str, key: str) -> None:
    st.session_state["_show_key_once"] = code
    st.switch_page(page_file("facilitate"), query_params={"code": code, "key": key})


def settings_fields(current: SessionSettings) -> dict[str, Any]:
    """Form fields for the session settings; returns their values."""
    threshold = st.number_input(
        tr("facilitator.threshold"),
        min_value=3,
        max_value=50,
        value=current.anonymity_threshold,
        help=tr("facilitator.threshold_help"),
    )
    mode = st.selectbox(
        tr("facilitator.vote_mode"),
        list(VOTE_MODES),
        index=list(VOTE_MODES).index(current.vote_mode),
        format_func=lambda m: tr(f"facilitator.vote_mode.{m}"),
    )
    left, right = st.columns(2)
    budget = left.number_input(
        tr("facilitator.dot_budget"), min_value=1, max_value=20, value=current.dot_budget
    )
    cap = right.number_input(
        tr("facilitator.dot_cap"), min_value=1, max_value=20, value=current.dot_cap_per_option
    )
    groups = st.text_input(
        tr("facilitator.role_groups"),
        value=", ".join(current.role_groups),
        help=tr("facilitator.role_groups_help"),
    )
    return {
        "anonymity_threshold": int(threshold),
        "vote_mode": mode,
        "dot_budget": int(budget),
        "dot_cap_per_option": int(min(cap, budget)),
        "role_groups": tuple(g.strip() for g in groups.split(",") if g.strip()),
    }
