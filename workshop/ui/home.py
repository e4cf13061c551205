"""The start page: join a workshop by code, start one as a facilitator, or explore the model."""

from __future__ import annotations

import streamlit as st

from workshop.text.catalog import CATALOG
from workshop.ui.participant import rejoin_or_join
from workshop.ui.runtime import language_switch, query, tr, user_errors
from workshop.ui.shell import page_file
from workshop.web.routes import normalise_code


def render() -> None:
    """Draw the start page."""
    language_switch()
    st.title(tr("common.app_name"))
    st.write(tr("common.tagline"))
    problem = query("error")
    if problem:
        key = f"error.{problem}"
        st.error(tr(key) if key in _known_errors() else tr("error.workshop_error"))
    with st.form("join", border=True):
        st.subheader(tr("home.join_title"))
        raw = st.text_input(
            tr("home.code_label"), placeholder="ABC123", max_chars=9, key="join_code"
        )
        submitted = st.form_submit_button(tr("home.join_button"), type="primary", width="stretch")
    if submitted:
        with user_errors():
            code = normalise_code(raw)
            if not code:
                st.error(tr("home.code_invalid"))
                return
            token = rejoin_or_join(code)
            st.switch_page(page_file("participate"), query_params={"code": code, "p": token})
    st.divider()
    left, right = st.columns(2)
    left.page_link(page_file("facilitate"), label=tr("home.create"), icon=":material/add_circle:")
    right.page_link(page_file("explore"), label=tr("common.nav.explore"), icon=":material/explore:")


def _known_errors() -> set[str]:
    return {key for key in CATALOG if key.startswith("error.")}
