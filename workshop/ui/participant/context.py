"""Phase 3, context: the unit's situation as the facilitator set it, and the ranking it gives."""

from __future__ import annotations

import streamlit as st

from workshop.content import ContentPack
from workshop.store import SessionView
from workshop.ui.participant.ranking import my_ranking
from workshop.ui.runtime import text_md, tr
from workshop.web import services


def draw(view: SessionView, pack: ContentPack, token: str) -> None:
    """The context phase: the unit's situation and the participant's ranking in it."""
    st.write(tr("participant.context_intro"))
    factors = services.context_of(view).get("factors", {})
    for factor in pack.context_factors:
        value = float(factors.get(factor.id, factor.neutral))
        unit = f" {text_md(factor.unit)}" if factor.unit else ""
        with st.container(border=True):
            st.markdown(f"**{text_md(factor.name)}**: {value:g}{unit}")
            st.caption(text_md(factor.description))
    my_ranking(view, pack)
