"""The ranking vote's input: places shown, reordered with ▲ and ▼, every name readable.

A multiselect cut long names, showed no places and could not reorder; its open menu also
swallowed the next tap (on "Cast my vote").  Here each ranked option is a row with its place and
its full name (wrapping on a narrow phone) and buttons to move it or take it out; options not yet
ranked are listed below with a button to add them as the next place.  Every button is a plain
tap with a callback that changes the order kept in session state, so nothing needs a blur first.
"""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from workshop.store import SessionView
from workshop.ui.runtime import plain, tr


def order_key(view: SessionView) -> str:
    """Session state: the order the ranking input shows (option ids, best first)."""
    return f"rank_order.{view.code}.{view.round}"


def ranking_input(
    view: SessionView, names: dict[str, str], recorded: Sequence[str], locked: bool
) -> list[str]:
    """Draw the ranking input; returns the order it shows (starting from the vote on record)."""
    key = order_key(view)
    if key not in st.session_state:
        st.session_state[key] = [o for o in recorded if o in names]
    order: list[str] = [o for o in st.session_state[key] if o in names]
    st.write(tr("participant.vote_ranking"))
    st.markdown(f"**{tr('participant.vote_order')}**")
    if not order:
        st.caption(tr("participant.rank_empty"))
    for place, option in enumerate(order, start=1):
        _ranked_row(key, order, place, option, names[option], locked)
    rest = [o for o in names if o not in order]
    if rest:
        st.markdown(f"**{tr('participant.rank_unranked')}**")
    for option in rest:
        with st.container(horizontal=True, vertical_alignment="center", gap="small", wrap=False):
            st.markdown(plain(names[option]), width="stretch")
            st.button(
                tr("participant.rank_add"),
                key=f"rank.add.{option}",
                icon=":material/add:",
                help=tr("participant.rank_add_help"),
                disabled=locked,
                on_click=_add,
                args=(key, option),
            )
    return order


def _ranked_row(
    key: str, order: list[str], place: int, option: str, name: str, locked: bool
) -> None:
    """One ranked option: its place and name, then up, down and out."""
    with st.container(horizontal=True, vertical_alignment="center", gap="small", wrap=False):
        label = tr("participant.rank_place", place=place)
        st.markdown(f"**{place}.** {plain(name)}", width="stretch")
        st.button(
            "▲",
            key=f"rank.up.{option}",
            help=f"{label}: {tr('participant.rank_up')}",
            disabled=locked or place == 1,
            on_click=_move,
            args=(key, option, -1),
        )
        st.button(
            "▼",
            key=f"rank.down.{option}",
            help=f"{label}: {tr('participant.rank_down')}",
            disabled=locked or place == len(order),
            on_click=_move,
            args=(key, option, 1),
        )
        st.button(
            "",
            key=f"rank.out.{option}",
            icon=":material/close:",
            help=tr("participant.rank_remove"),
            disabled=locked,
            on_click=_remove,
            args=(key, option),
        )


def _add(key: str, option: str) -> None:
    order = st.session_state[key]
    if option not in order:
        st.session_state[key] = [*order, option]


def _move(key: str, option: str, step: int) -> None:
    order = list(st.session_state[key])
    at = order.index(option) if option in order else -1
    to = at + step
    if at >= 0 and 0 <= to < len(order):
        order[at], order[to] = order[to], order[at]
        st.session_state[key] = order


def _remove(key: str, option: str) -> None:
    st.session_state[key] = [o for o in st.session_state[key] if o != option]
