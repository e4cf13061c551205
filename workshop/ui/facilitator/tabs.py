"""The console's tabs but the export and the pilot: steering, context, moderation, notes,
settings.

Every change goes through a store method that checks the facilitator key itself, called from a
widget callback by :func:`~workshop.ui.facilitator.state.steer`.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import streamlit as st

from workshop.content import ContentPack
from workshop.engine.ballots import validate_context
from workshop.errors import WorkshopError
from workshop.rounds.pilot import pilot_options
from workshop.store import INPUT_KINDS, PHASES, SessionView
from workshop.text.i18n import coerce_lang
from workshop.text.wording import option_names
from workshop.ui.facilitator.concerns import concerns_section
from workshop.ui.facilitator.create import settings_fields
from workshop.ui.facilitator.state import clicked, show_stored, steer
from workshop.ui.factsheet import render_factsheet
from workshop.ui.runtime import (
    plain,
    reader_lang,
    show_error,
    text,
    text_md,
    tr,
    user_errors,
)
from workshop.ui.shell import page_file
from workshop.web import services


def _save_context(code: str, key: str, pack: ContentPack, values: dict[str, Any]) -> None:
    """Store the round's context once the pack accepts it (known, in range, on the steps)."""
    services.store().set_context(code, key, validate_context(pack, values))


def _on_reveal(code: str, key: str) -> None:
    """Apply the reveal toggle's new position (read from the widget, never from an old view)."""
    steer(services.store().set_revealed, code, key, bool(clicked("reveal")))


def steering(view: SessionView, key: str) -> None:
    """The steering tab: reveal the results, start a new round, lock or open each input."""
    store = services.store()
    st.markdown(f"**{tr('common.round', number=view.round)}**")
    left, right = st.columns(2)
    show_stored("reveal", view.revealed)
    left.toggle(
        tr("facilitator.reveal"),
        key="reveal",
        help=tr("facilitator.reveal_help"),
        on_change=_on_reveal,
        args=(view.code, key),
    )
    with right.popover(tr("facilitator.new_round"), icon=":material/replay:"):
        st.write(tr("facilitator.new_round_help"))
        st.button(
            tr("facilitator.new_round_confirm"),
            type="primary",
            on_click=steer,
            args=(store.start_round, view.code, key),
            kwargs={"done": tr("facilitator.new_round_started")},
        )
    st.markdown(f"**{tr('facilitator.locks')}**")
    cells = st.columns(len(INPUT_KINDS))
    for cell, kind in zip(cells, INPUT_KINDS, strict=True):
        widget = f"open.{kind}"
        show_stored(widget, kind not in view.locked)
        cell.toggle(
            tr(f"common.input.{kind}"),
            key=widget,
            help=tr("facilitator.lock_help"),
            on_change=_on_open,
            args=(view.code, key, kind, widget),
        )


def _on_open(code: str, key: str, kind: str, widget: str) -> None:
    """An input's toggle shows "open"; the store keeps what is locked."""
    steer(services.store().set_locked, code, key, kind, not clicked(widget))


def spotlight(view: SessionView, pack: ContentPack, key: str) -> None:
    """Which option's "what changes for me" the wall shows; offered only if the pack has roles."""
    if not pack.roles:
        return
    options = ["", *pilot_options(pack)]
    names = option_names(pack, coerce_lang(reader_lang()))
    # A stored id the pack does not know (an edited import) shows as none, never as an error.
    show_stored("spotlight", view.settings.spotlight if view.settings.spotlight in options else "")
    st.selectbox(
        tr("facilitator.spotlight"),
        options,
        format_func=lambda o: names.get(o, o) if o else tr("facilitator.spotlight_none"),
        key="spotlight",
        help=tr("facilitator.spotlight_help"),
        on_change=_on_spotlight,
        args=(view.code, key),
    )


def _on_spotlight(code: str, key: str) -> None:
    """Store the chosen spotlight in the settings as they are now (not as the page last saw
    them: a change made meanwhile in the settings tab must not be undone)."""
    current = services.session_view(code, fresh=True).settings
    chosen = str(clicked("spotlight") or "")
    steer(services.store().update_settings, code, key, replace(current, spotlight=chosen))


def context_form(view: SessionView, pack: ContentPack, key: str) -> None:
    """The context tab: the round's context factors and the group's hybrid settings."""
    st.write(tr("facilitator.context_intro"))
    _scenario_picker(view, pack, key)
    current = services.context_of(view)
    factors = current.get("factors", {})
    hybrids = current.get("hybrids", {})
    with st.form(f"context.{view.round}"):
        chosen: dict[str, Any] = {"factors": {}, "hybrids": {}}
        for factor in pack.context_factors:
            unit = f" ({text_md(factor.unit)})" if factor.unit else ""
            chosen["factors"][factor.id] = st.slider(
                text_md(factor.name) + unit,
                min_value=float(factor.minimum),
                max_value=float(factor.maximum),
                value=float(factors.get(factor.id, factor.neutral)),
                step=float(factor.step),
                help=(
                    f"{text_md(factor.description)}\n\n"
                    f"↓ {text_md(factor.low)}\n\n↑ {text_md(factor.high)}"
                ),
            )
        st.markdown(f"**{tr('facilitator.group_hybrids')}**")
        for hybrid in pack.hybrids:
            values = hybrids.get(hybrid.id, {})
            chosen["hybrids"][hybrid.id] = {
                p.id: st.slider(
                    f"{text_md(hybrid.name)} · {text_md(p.name)}",
                    min_value=float(p.minimum),
                    max_value=float(p.maximum),
                    value=float(values.get(p.id, p.default)),
                    step=float(p.step),
                    help=text_md(p.description),
                )
                for p in hybrid.parameters
            }
        if st.form_submit_button(tr("facilitator.context_save"), type="primary"):
            steer(_save_context, view.code, key, pack, chosen, done=tr("common.saved"))
            st.rerun()


def _scenario_picker(view: SessionView, pack: ContentPack, key: str) -> None:
    """Start the context from one of the pack's named situations (the sliders stay editable)."""
    if not pack.scenarios:
        return
    names = {s.id: text(s.name) for s in pack.scenarios}
    choice = st.selectbox(
        tr("facilitator.scenario_label"),
        list(names),
        index=None,
        format_func=names.__getitem__,
        placeholder=tr("facilitator.scenario_placeholder"),
        key=f"scenario.{view.code}.{view.round}",
    )
    if choice is None:
        return
    st.caption(text_md(pack.scenario(choice).description))
    st.button(
        tr("facilitator.scenario_apply"),
        key=f"scenario_apply.{view.code}.{view.round}",
        on_click=_apply_scenario,
        args=(view, pack, key, choice),
    )


def _apply_scenario(view: SessionView, pack: ContentPack, key: str, scenario_id: str) -> None:
    """Set the round's context factors to the situation's; the group's hybrid settings stay."""
    current = services.context_of(view)
    chosen = {
        "factors": dict(pack.scenario(scenario_id).context),
        "hybrids": dict(current.get("hybrids", {})),
    }
    steer(_save_context, view.code, key, pack, chosen, done=tr("common.saved"))


def moderation(view: SessionView, pack: ContentPack, key: str) -> None:
    """The moderation tab: each concern's status and answer (:mod:`.concerns`), and hiding or
    showing each concern and comment (struck through when hidden)."""
    store = services.store()
    names = option_names(pack, coerce_lang(reader_lang()), badge=False)
    concerns_section(view, pack, key)
    st.markdown(f"#### {tr('common.input.comments')}")
    comments = store.comments(view.code, include_hidden=True)
    if not comments:
        st.caption(tr("facilitator.nothing_yet"))
    for comment in comments:
        target = names.get(comment.target_id, tr("participant.comment_general"))
        _moderated_item(
            target,
            comment.text,
            comment.hidden,
            f"comment.{comment.id}",
            (store.set_comment_hidden, view.code, key, comment.id, not comment.hidden),
        )


def _moderated_item(
    label: str, body: str, hidden: bool, widget: str, action: tuple[Any, ...]
) -> None:
    words, button = st.columns([6, 1], vertical_alignment="center")
    shown = f"**{plain(label)}** · {plain(body)}"
    words.markdown(f"~~{shown}~~" if hidden else shown)
    button.button(
        tr("facilitator.show" if hidden else "facilitator.hide"),
        key=widget,
        on_click=steer,
        args=action,
    )


def notes(view: SessionView, key: str) -> None:
    """The notes tab: the facilitator's notes per phase (they go into the decision record)."""
    st.caption(tr("facilitator.notes_hint"))
    notes = services.store().notes(view.code, key)
    # Follows the workshop's phase whenever it changes (a note typed during the results must
    # not land in the welcome note the selector showed first); another phase can still be
    # chosen by hand until the workshop moves on.
    show_stored("notes_phase", view.phase)
    phase = st.selectbox(
        tr("facilitator.phase"),
        list(PHASES),
        format_func=lambda p: tr(f"common.phase.{p}"),
        key="notes_phase",
    )
    with st.form(f"note.{phase}"):
        body = st.text_area(
            tr("facilitator.note_for", phase=tr(f"common.phase.{phase}")),
            value=notes.get(phase, ""),
            height=200,
            max_chars=20000,
        )
        if st.form_submit_button(tr("facilitator.note_save")):
            steer(services.store().set_note, view.code, key, phase, body, done=tr("common.saved"))
            st.rerun()


def settings(view: SessionView, key: str) -> None:
    """The settings tab: the session's settings, the factsheet, deleting the session."""
    with st.form("settings"):
        values = settings_fields(view.settings)
        saved = st.form_submit_button(tr("facilitator.settings_save"))
    if saved:
        try:
            # What the form does not show (the wall's spotlight) stays as it is.
            settings = replace(view.settings, **values)
        except WorkshopError as error:
            show_error(error)
        else:
            steer(services.store().update_settings, view.code, key, settings)
            st.rerun()
    render_factsheet()
    st.divider()
    with st.popover(tr("facilitator.delete"), icon=":material/delete_forever:"):
        st.warning(tr("facilitator.delete_warning"))
        if st.button(tr("facilitator.delete_confirm"), type="primary"):
            with user_errors():
                services.store().delete_session(view.code, key)
                services.forget_session(view.code)
                st.switch_page(page_file("home"))
