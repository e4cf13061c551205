"""The baseline app's script: a phone page with one slider, and a wall (see minimal_app.py)."""

from __future__ import annotations

import sys
from pathlib import Path

import streamlit as st

sys.path.insert(0, str(Path(__file__).resolve().parent))

from minimal_store import WEIGHTS_LABEL, counts, engine, phase, save


def _save() -> None:
    code, token = st.query_params.get("code", ""), st.query_params.get("p", "")
    save(engine(), code, token, {"S": int(st.session_state["w.1.S"])})


def participate() -> None:
    """The phone: the phase, one slider saved on change, the follow timer."""
    code = st.query_params.get("code", "")
    current = phase(engine(), code)
    st.subheader(f"Phase: {current}")
    st.slider("Weight", 0, 10, 5, key="w.1.S", on_change=_save)
    _follow(code, current)


@st.fragment(run_every=2)
def _follow(code: str, drawn: str) -> None:
    if phase(engine(), code) != drawn:
        st.rerun(scope="app")


def wall() -> None:
    """The wall: a fragment that shows the phase and the counts every second."""
    _live(st.query_params.get("code", ""))


@st.fragment(run_every=1)
def _live(code: str) -> None:
    joined, weighed = counts(engine(), code)
    st.subheader(f"Phase: {phase(engine(), code)}")
    st.html(
        f'<div class="wall-counts"><span class="value">{joined}</span>'
        f'<span class="label">Teilnehmende</span><span class="value">{weighed}</span>'
        f'<span class="label">{WEIGHTS_LABEL}</span></div>'
    )


st.navigation(
    [st.Page(participate, url_path="participate", default=True), st.Page(wall, url_path="wall")],
    position="hidden",
).run()
