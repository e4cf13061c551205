"""The facilitator's console: create a session, pace the phases, reveal, moderate, take notes.

Every change goes through a store method that checks the facilitator key itself; this page only
decides what to show.  Without a valid key it shows the form to create a new session.
"""

from __future__ import annotations

import os
from typing import Any

import streamlit as st

from workshop.content import ContentPack
from workshop.engine.ballots import validate_context
from workshop.errors import StoreUnavailable, WorkshopError
from workshop.packs import default_pack, pack_to_data
from workshop.store import INPUT_KINDS, PHASES, VOTE_MODES, SessionSettings, SessionView
from workshop.ui import identity
from workshop.ui.exports import render_exports, render_import
from workshop.ui.factsheet import render_factsheet
from workshop.ui.qr import qr_svg
from workshop.ui.runtime import (
    current_lang,
    is_outage,
    language_switch,
    outage_notice,
    plain,
    query,
    remember_session_lang,
    run_from_callback,
    show_error,
    show_flash,
    show_pending_error,
    show_unreachable,
    text,
    text_md,
    tr,
    unreachable_page,
    use_lang,
    user_errors,
)
from workshop.ui.shell import page_file
from workshop.web import services
from workshop.web.addresses import join_base, join_url
from workshop.web.demo import seed_demo

COUNTS_EVERY = 3.0


def render() -> None:
    """Draw the console for the session in the URL, or the form to create one.

    While the store cannot be reached the page says so (never "wrong key") and redraws itself
    once it answers.
    """
    try:
        code, key = identity.code(), identity.facilitator_key()
    except StoreUnavailable:
        unreachable_page(identity.code())
        return
    if not key:
        use_lang(current_lang())
        if code and query("key"):
            show_error_text("error.wrong_facilitator_key")
        _create_page()
        return
    try:
        view = services.session_view(code, fresh=True)
    except WorkshopError as error:
        if is_outage(error):
            unreachable_page(code)
            return
        use_lang(current_lang())
        show_error(error)
        return
    use_lang(current_lang(view.language))
    remember_session_lang(code, view.language)
    pack = services.pack_of(view)
    show_flash()
    show_pending_error()
    try:
        _console(view, pack, key)
    except WorkshopError as error:  # a read the console needs: said, never Streamlit's box
        if is_outage(error):
            show_unreachable()
        else:
            show_error(error)


def show_error_text(key: str) -> None:
    """Show a translated error by catalog key."""
    st.error(tr(key), icon=":material/error:")


def _save_context(code: str, key: str, pack: ContentPack, values: dict[str, Any]) -> None:
    """Store the round's context once the pack accepts it (known, in range, on the steps)."""
    services.store().set_context(code, key, validate_context(pack, values))


def _steer(action: Any, *args: Any, done: str | None = None) -> None:
    """Run a facilitator store call from a widget callback; its first argument is the code."""
    if run_from_callback(action, *args, done=done):
        services.forget_view(args[0])


# --- creating a session -------------------------------------------------------------------


def _create_page() -> None:
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
        settings = _settings_fields(SessionSettings(role_groups=("Service", "Vertrieb", "IT")))
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


def _settings_fields(current: SessionSettings) -> dict[str, Any]:
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


# --- the console --------------------------------------------------------------------------


def _console(view: SessionView, pack: ContentPack, key: str) -> None:
    head, lang = st.columns([5, 1], vertical_alignment="center")
    head.title(plain(view.title))
    with lang:
        language_switch()
    _links(view, key)
    _phase_bar(view, key)
    _live_counts(view.code)
    tabs = st.tabs(
        [
            tr("facilitator.tab.steer"),
            tr("facilitator.tab.context"),
            tr("facilitator.tab.moderate"),
            tr("facilitator.tab.notes"),
            tr("facilitator.tab.settings"),
            tr("export.tab"),
        ]
    )
    with tabs[0]:
        _steering(view, key)
    with tabs[1]:
        _context_form(view, pack, key)
    with tabs[2]:
        _moderation(view, pack, key)
    with tabs[3]:
        _notes(view, key)
    with tabs[4]:
        _settings(view, key)
    with tabs[5]:
        render_exports(view, key)


def _links(view: SessionView, key: str) -> None:
    port = int(st.get_option("server.port") or 8501)
    base = join_base(os.environ.get("WORKSHOP_PUBLIC_URL"), st.context.url, port)
    link = join_url(base, view.code)
    qr, info = st.columns([1, 3])
    qr.image(qr_svg(link), width=160)
    with info:
        st.markdown(f"### {tr('common.code')}: `{view.code}`")
        st.markdown(tr("facilitator.join_link", url=link))
        st.caption(tr(f"facilitator.origin.{base.origin}"))
        wall = f"{base.url}/wall?code={view.code}"
        st.link_button(tr("facilitator.open_wall"), wall, icon=":material/tv:")
    console = f"{base.url}/facilitate?code={view.code}&key={key}"
    if st.session_state.get("_show_key_once") == view.code:
        st.warning(tr("facilitator.keep_safe"), icon=":material/key:")
        st.code(console, language=None)
        if st.button(tr("facilitator.key_stored")):
            st.session_state.pop("_show_key_once", None)
            st.rerun()
    else:
        with st.expander(tr("facilitator.console_link"), icon=":material/key:"):
            st.caption(tr("facilitator.keep_safe"))
            st.code(console, language=None)


def _phase_bar(view: SessionView, key: str) -> None:
    st.segmented_control(
        tr("facilitator.phase"),
        list(PHASES),
        default=view.phase,
        format_func=lambda p: f"{PHASES.index(p) + 1}. {tr(f'common.phase.{p}')}",
        key=f"phase.{view.last_seq}",
        on_change=_on_phase,
        args=(view.code, key, f"phase.{view.last_seq}"),
        width="stretch",
    )


def _on_phase(code: str, key: str, widget: str) -> None:
    phase = st.session_state.get(widget)
    if phase:
        _steer(services.store().set_phase, code, key, phase)


@st.fragment(run_every=COUNTS_EVERY)
def _live_counts(code: str) -> None:
    """Counts only, never names: who has submitted what in this round."""
    try:
        counts = services.store().counts(code)
    except WorkshopError as error:
        if is_outage(error):
            outage_notice()
        return
    cells = st.columns(5)
    # Joined next to weighed and voted: identities nobody uses (padding) stand out.
    joined, weighed, voted = cells[:3]
    joined.metric(
        tr("facilitator.count.joined"),
        counts.participants,
        help=tr("facilitator.count.joined_help"),
    )
    weighed.metric(
        tr("facilitator.count.weighed"), counts.weights, help=tr("facilitator.count.weighed_help")
    )
    voted.metric(
        tr("facilitator.count.voted"), counts.votes, help=tr("facilitator.count.voted_help")
    )
    cells[3].metric(tr("common.input.comments"), counts.comments)
    cells[4].metric(tr("common.input.concerns"), counts.concerns)


def _steering(view: SessionView, key: str) -> None:
    store = services.store()
    st.markdown(f"**{tr('common.round', number=view.round)}**")
    left, right = st.columns(2)
    left.toggle(
        tr("facilitator.reveal"),
        value=view.revealed,
        key=f"reveal.{view.last_seq}",
        help=tr("facilitator.reveal_help"),
        on_change=_steer,
        args=(store.set_revealed, view.code, key, not view.revealed),
    )
    with right.popover(tr("facilitator.new_round"), icon=":material/replay:"):
        st.write(tr("facilitator.new_round_help"))
        st.button(
            tr("facilitator.new_round_confirm"),
            type="primary",
            on_click=_steer,
            args=(store.start_round, view.code, key),
            kwargs={"done": tr("facilitator.new_round_started")},
        )
    st.markdown(f"**{tr('facilitator.locks')}**")
    cells = st.columns(len(INPUT_KINDS))
    for cell, kind in zip(cells, INPUT_KINDS, strict=True):
        locked = kind in view.locked
        cell.toggle(
            tr(f"common.input.{kind}"),
            value=not locked,
            key=f"lock.{kind}.{view.last_seq}",
            help=tr("facilitator.lock_help"),
            on_change=_steer,
            args=(store.set_locked, view.code, key, kind, not locked),
        )


def _context_form(view: SessionView, pack: ContentPack, key: str) -> None:
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
            _steer(_save_context, view.code, key, pack, chosen, done=tr("common.saved"))
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
    _steer(_save_context, view.code, key, pack, chosen, done=tr("common.saved"))


def _moderation(view: SessionView, pack: ContentPack, key: str) -> None:
    store = services.store()
    names = {o.id: text(o.name) for o in pack.options} | {h.id: text(h.name) for h in pack.hybrids}
    st.markdown(f"#### {tr('common.input.concerns')}")
    concerns = store.concerns(view.code, include_hidden=True)
    if not concerns:
        st.caption(tr("facilitator.nothing_yet"))
    for concern in concerns:
        _moderated_item(
            f"▲ {concern.upvotes} · {tr(f'participant.kind.{concern.kind}')}",
            concern.text,
            concern.hidden,
            f"concern.{concern.id}",
            (store.set_concern_hidden, view.code, key, concern.id, not concern.hidden),
        )
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
        on_click=_steer,
        args=action,
    )


def _notes(view: SessionView, key: str) -> None:
    st.caption(tr("facilitator.notes_hint"))
    notes = services.store().notes(view.code, key)
    phase = st.selectbox(
        tr("facilitator.phase"),
        list(PHASES),
        index=PHASES.index(view.phase),
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
            _steer(services.store().set_note, view.code, key, phase, body, done=tr("common.saved"))
            st.rerun()


def _settings(view: SessionView, key: str) -> None:
    with st.form("settings"):
        values = _settings_fields(view.settings)
        saved = st.form_submit_button(tr("facilitator.settings_save"))
    if saved:
        try:
            settings = SessionSettings(**values)
        except WorkshopError as error:
            show_error(error)
        else:
            _steer(services.store().update_settings, view.code, key, settings)
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
