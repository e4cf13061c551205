"""Phase 5, vote: one choice, a ranking or dots, and whether the vote on record is what is shown."""

from __future__ import annotations

from typing import Any

import streamlit as st

from workshop.content import ContentPack
from workshop.engine import group
from workshop.errors import StoreUnavailable, WorkshopError
from workshop.rounds.votes import valid_vote
from workshop.store import SessionView
from workshop.text.i18n import coerce_lang
from workshop.text.wording import option_names
from workshop.ui.participant.rank_vote import ranking_input
from workshop.ui.runtime import plain, reader_lang, show_error, tr
from workshop.web import services


def draw(view: SessionView, pack: ContentPack, token: str) -> None:
    """The vote phase: the inputs of the session's vote mode and what the store holds.

    A vote on record that the current mode does not accept (the facilitator changed the mode
    or the dot budget after it was cast) counts nowhere (:func:`rounds.votes.valid_vote`), so
    the phone asks for a new vote instead of calling it saved.
    """
    settings = view.settings
    mode = settings.vote_mode
    names = option_names(pack, coerce_lang(reader_lang()), badge=False)
    stored = _vote_on_record(view, token)
    budget, cap = settings.dot_budget, settings.dot_cap_per_option
    recorded = valid_vote(mode, stored, list(names), budget, cap)
    locked = "votes" in view.locked
    if locked:
        st.info(tr("participant.locked", what=tr("common.input.votes")))
    again = st.empty()  # "vote again", until a vote of the current mode is cast
    stale = stored is not None and recorded is None
    previous = recorded or {}
    key = f"vote.{view.round}.{mode}"
    # No form: every tap reaches the server at once (a form's open menu or a pending blur
    # swallowed the first tap on "Cast my vote"), and the status can follow each change.
    with st.container(border=True):
        if mode == "dots":
            vote, ready = _dots_input(view, names, previous, locked)
        elif mode == "ranking":
            ranking = ranking_input(view, names, previous.get("ranking", []), locked)
            vote, ready = {"ranking": ranking}, bool(ranking)
        else:
            vote = _single_input(names, previous, locked, key=key)
            ready = vote["choice"] is not None
        sent = st.button(
            tr("participant.vote_send"),
            key=f"{key}.send",
            type="primary",
            width="stretch",
            disabled=locked or not ready,
        )
        status = st.container()  # right below the button that it answers
    failed = False
    if sent:
        try:
            clean = group.validate_vote(
                mode,  # type: ignore[arg-type]
                vote,
                list(names),
                budget,
                cap,
            )
            services.store().submit_vote(view.code, token, clean)
        except WorkshopError as error:
            with status:
                show_error(error, unsaved=True)
            failed = True
        else:
            recorded = st.session_state[_vote_key(view)] = clean
            stale = False
    if stale:
        again.warning(tr("participant.vote_again"), icon=":material/how_to_vote:")
    _status(status, mode, vote, recorded, failed)


def _status(
    status: Any, mode: str, vote: dict[str, Any], recorded: dict[str, Any] | None, failed: bool
) -> None:
    """Is what the inputs show the vote on record? Said right below the button."""
    if failed:
        earlier = "participant.vote_not_saved_earlier" if recorded else "participant.vote_not_saved"
        status.warning(tr(earlier), icon=":material/cloud_off:")
    elif recorded is None:
        return
    elif _as_recorded(mode, vote) != recorded:
        status.info(tr("participant.vote_changed"), icon=":material/edit:")
    else:
        status.success(tr("participant.vote_saved"), icon=":material/how_to_vote:")


def _vote_key(view: SessionView) -> str:
    return f"recorded_vote.{view.code}.{view.round}"


def _vote_on_record(view: SessionView, token: str) -> dict[str, Any] | None:
    """The participant's vote in the store; while it cannot be reached, the one read last.

    So a phone that cannot reach the store still shows the vote form, and a vote sent then
    is said to be not saved (its choice stays in the form) instead of vanishing.
    """
    try:
        existing = services.store().vote_of(view.code, token)
    except StoreUnavailable:
        if _vote_key(view) not in st.session_state:
            raise
        known: dict[str, Any] | None = st.session_state[_vote_key(view)]
        return known
    recorded = dict(existing.vote) if existing else None
    st.session_state[_vote_key(view)] = recorded
    return recorded


def _as_recorded(mode: str, vote: dict[str, Any]) -> dict[str, Any]:
    """The vote the inputs show, in the form the store keeps it (to compare the two)."""
    if mode == "dots":
        return {"dots": _spread(vote)}
    if mode == "ranking":
        return {"ranking": list(vote["ranking"])}
    return {"choice": vote["choice"]}


def _spread(vote: dict[str, Any]) -> dict[str, int]:
    """The dots the inputs show, as a stored vote holds them (options without dots left out)."""
    return {option: n for option, n in vote["dots"].items() if n}


def _single_input(
    names: dict[str, str], previous: dict[str, Any], locked: bool, *, key: str
) -> dict[str, Any]:
    """The choice; keyed, so a form keeps it when the vote on record changes (or is unknown)."""
    st.write(tr("participant.vote_single"))
    options = list(names)
    chosen = previous.get("choice")
    choice = st.radio(
        tr("participant.vote_choice"),
        options,
        index=options.index(chosen) if chosen in options else None,
        format_func=lambda option: plain(names[option]),  # radio options are Markdown
        disabled=locked,
        key=f"{key}.choice",
    )
    return {"choice": choice}


def _dots_input(
    view: SessionView, names: dict[str, str], previous: dict[str, Any], locked: bool
) -> tuple[dict[str, Any], bool]:
    """The dot inputs and a live count of the dots left; returns the vote and if it can be cast."""
    budget, cap = view.settings.dot_budget, view.settings.dot_cap_per_option
    st.write(tr("participant.vote_dots", budget=budget, cap=cap))
    given = previous.get("dots", {})
    dots = {
        option: st.number_input(
            plain(name),
            min_value=0,
            max_value=cap,
            value=int(given.get(option, 0)),
            step=1,
            disabled=locked,
            key=f"dots.{view.round}.{option}",
        )
        for option, name in names.items()
    }
    spent = sum(int(n) for n in dots.values())
    if spent > budget:
        st.error(
            tr("participant.dots_over", spent=spent, budget=budget, over=spent - budget),
            icon=":material/error:",
        )
    elif spent == 0:
        st.caption(tr("participant.dots_none", budget=budget))
    else:
        st.caption(tr("participant.dots_left", left=budget - spent, budget=budget))
    return {"dots": dots}, 0 < spent <= budget
