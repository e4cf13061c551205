"""The participant's phone: follow the facilitator's phase, weigh, explore, vote, comment, ask.

Everything a participant enters is saved to the store as soon as it is entered (sliders save on
change); ``st.session_state`` only mirrors the stored values, so a reload, a locked screen or a
new connection shows the same inputs again.  Only what the store acknowledged is called saved: a
change it could not take (the database is unreachable) stays on the phone, marked as not saved,
with a way to send it again.  A rerun's own work stays small: the session view and
the scoring model are shared per process, and nothing here builds charts or DataFrames.
"""

from __future__ import annotations

import time
from typing import Any

import streamlit as st

from workshop.content import ContentPack
from workshop.engine import group
from workshop.engine.ballots import (
    SLIDER_DEFAULT,
    SLIDER_MAX,
    SLIDER_MIN,
    validate_hybrid_params,
    validate_weights,
)
from workshop.engine.scoring import Evaluation
from workshop.errors import StoreUnavailable, WorkshopError
from workshop.rounds.results import RankedOption
from workshop.store import SessionView
from workshop.ui import identity
from workshop.ui.runtime import (
    current_lang,
    is_outage,
    known_session_lang,
    language_switch,
    names_list,
    offline_notice_style,
    outage_notice,
    percent,
    plain,
    remember_session_lang,
    run_from_callback,
    show_error,
    show_flash,
    show_pending_error,
    text,
    text_md,
    tr,
    unreachable_page,
    use_lang,
    user_errors,
)
from workshop.ui.shell import page_file
from workshop.web import browser, joining, services
from workshop.web.routes import cookie_name

#: How often a phone asks whether the facilitator moved on (seconds).
FOLLOW_EVERY = 2.0

#: Phones: every tap target at least 44 × 44 px (WCAG 2.5.5, Apple's HIG); Streamlit's defaults
#: are 12 px slider thumbs, 16 px help icons, 22 px radio options and 32–40 px buttons.  Slider
#: thumbs and help icons keep their look: a transparent border or a negative margin widens only
#: the touch area.
#: Session-state flag: this browser session has drawn the page before.
_OPENED = "_participant_opened"

_PHONE_STYLE = """
<style>
.stButton button, .stFormSubmitButton button, [data-testid="stButtonGroup"] button,
[data-testid="stExpander"] summary, [data-testid="stSelectbox"] [role="group"]
  {min-height: 44px;}
[data-testid="stRadioOption"] {min-height: 44px; align-items: center;}
.stButton button, [data-testid="stNumberInput"] button, [data-testid="stSelectbox"] button
  {min-width: 44px; min-height: 44px;}
[data-testid="stTooltipHoverTarget"] button {min-width: 44px; min-height: 44px; margin: -14px;}
[data-testid="stSlider"] div:has(> div > input[type="range"])
  {width: 44px; height: 44px; border: 16px solid transparent; background-clip: padding-box;}
</style>
"""


def rejoin_or_join(code: str) -> str:
    """The token of this browser's identity in the session, the same the QR code's link gives.

    The browser's cookies (sent with the page's websocket) decide, as in the join route
    (``workshop.web.joining``); new participants count against the client's join limit.
    """
    cookies = st.context.cookies
    return joining.join_token(
        services.store(),
        code,
        remembered=cookies.get(cookie_name(code), ""),
        browser_secret=browser.valid_secret(cookies),
        client=joining.client_of(
            st.context.ip_address, ", ".join(st.context.headers.get_all("X-Forwarded-For"))
        ),
    )


def render() -> None:
    """Draw the participant page for the session in the URL.

    While the store cannot be reached the phone says so (in the workshop's language) and shows
    what it showed a moment ago, if anything; it redraws itself once the store answers.
    """
    try:
        code, token = identity.code(), identity.participant_token()
    except StoreUnavailable:
        unreachable_page(identity.code())
        return
    if not code or not token:
        _not_joined()
        return
    stale = False
    try:
        # A page just opened reads the session afresh: a phone joining right after the
        # facilitator moved on must not show the phase of a second ago (the shared view's age).
        view = services.session_view(code, fresh=_OPENED not in st.session_state)
    except WorkshopError as error:
        last = services.last_view(code) if is_outage(error) else None
        if last is None:
            _cannot_show(code, error)
            return
        view, stale = last, True
    st.session_state[_OPENED] = True
    use_lang(current_lang(view.language))
    remember_session_lang(code, view.language)
    st.html(_PHONE_STYLE + offline_notice_style())
    pack = services.pack_of(view)
    top = st.container()  # the follower (and its outage notice) goes here, drawn last
    _header(view)
    show_flash()
    show_pending_error()
    complete = _draw_phase(view, pack, token) and not stale
    with top:
        _follow(code, _fingerprint(view) if complete else None, time.monotonic())
    st.divider()
    language_switch()


def _cannot_show(code: str, error: WorkshopError) -> None:
    """Nothing to draw: the store cannot be reached, or the session cannot be read."""
    if is_outage(error):
        unreachable_page(code)
        return
    use_lang(current_lang(known_session_lang(code)))
    show_error(error)


def _draw_phase(view: SessionView, pack: ContentPack, token: str) -> bool:
    """Draw the phase's inputs; False when the store could not be reached for a read.

    The follower then says so and redraws the page once the store answers; any other error
    is shown where the page stops (never Streamlit's error box).
    """
    try:
        _load_inputs(view, pack, token)
        _phase(view, pack, token)
    except WorkshopError as error:
        if is_outage(error):
            return False
        show_error(error)
    return True


def _phase(view: SessionView, pack: ContentPack, token: str) -> None:
    phase = view.phase
    if phase == "welcome":
        _welcome(view, token)
    elif phase == "weigh":
        _weigh(view, pack, token)
    elif phase == "context":
        _context(view, pack, token)
    elif phase == "options":
        _options(view, pack, token)
    elif phase == "vote":
        _vote(view, pack, token)
    else:
        _results(view, pack, token)


def _not_joined() -> None:
    use_lang(current_lang())
    st.title(tr("common.app_name"))
    st.info(tr("participant.not_joined"))
    st.page_link(page_file("home"), label=tr("participant.to_start"), icon=":material/login:")


# --- following the facilitator ------------------------------------------------------------


def _fingerprint(view: SessionView) -> tuple[Any, ...]:
    """What, when it changes, must redraw the whole phone page."""
    return (view.phase, view.round, view.revealed, tuple(sorted(view.locked)), view.settings)


@st.fragment(run_every=FOLLOW_EVERY)
def _follow(code: str, drawn: tuple[Any, ...] | None, since: float) -> None:
    """Every two seconds: has the facilitator moved on? Then redraw the page.

    While the store cannot be reached this says so.  `drawn` is None when the page could not
    be drawn in full (an old view, a read that failed): it is redrawn once the store answers.
    """
    try:
        current = _fingerprint(services.session_view(code))
    except WorkshopError as error:
        if is_outage(error):
            outage_notice()
        return
    if drawn is None and time.monotonic() - since < FOLLOW_EVERY / 2:
        # The page's own run has just failed on a read, though this view came from the
        # shared cache: the store is not back, look again on the next tick.
        outage_notice()
        return
    if current != drawn:
        st.rerun(scope="app")


def _header(view: SessionView) -> None:
    st.caption(f"{plain(view.title)} · {tr('common.round', number=view.round)}")
    st.subheader(tr(f"common.phase.{view.phase}"))


# --- inputs mirrored from the store -------------------------------------------------------


def _weight_key(view: SessionView, criterion: str) -> str:
    return f"w.{view.round}.{criterion}"


def _param_key(view: SessionView, hybrid: str, parameter: str) -> str:
    return f"h.{view.round}.{hybrid}.{parameter}"


def _mirror_key(view: SessionView) -> str:
    return f"ballot.{view.code}.{view.round}"


def _unsaved_key(view: SessionView) -> str:
    """Session state: the sliders show values the store has not acknowledged (a failed save)."""
    return f"unsaved.{view.code}.{view.round}"


def _load_inputs(view: SessionView, pack: ContentPack, token: str) -> None:
    """On a phone's first draw of a round, mirror what the store holds for this participant.

    Widgets get their starting value from this mirror (passed as ``value=``) rather than through
    their session-state keys: a slider without ``value`` scans the whole session state.
    """
    if _mirror_key(view) in st.session_state:
        return
    store = services.store()
    ballot = store.weights_of(view.code, token)
    if ballot is None and view.round > 1:  # a re-vote starts from the earlier round's weights
        ballot = store.weights_of(view.code, token, view.round - 1)
    weights = ballot.weights if ballot else {}
    params = (ballot.hybrid_params or {}) if ballot else {}
    mirror: dict[str, float] = {}
    for criterion in pack.criterion_ids:
        mirror[_weight_key(view, criterion)] = int(weights.get(criterion, SLIDER_DEFAULT))
    for hybrid in pack.hybrids:
        chosen = params.get(hybrid.id, {})
        for parameter in hybrid.parameters:
            value = chosen.get(parameter.id, parameter.default)
            mirror[_param_key(view, hybrid.id, parameter.id)] = float(value)
    st.session_state[f"submitted.{view.code}.{view.round}"] = (
        store.weights_of(view.code, token) is not None
    )
    st.session_state[_mirror_key(view)] = mirror


def _remember(view: SessionView) -> None:
    """Copy the drawn widgets' values into the mirror (they vanish when not drawn)."""
    mirror = st.session_state[_mirror_key(view)]
    for widget in mirror:
        value = st.session_state.get(widget)
        if value is not None:
            mirror[widget] = value


def _my_weights(view: SessionView, pack: ContentPack) -> dict[str, int]:
    mirror = st.session_state[_mirror_key(view)]  # one session-state read, not one per slider
    return {c: int(mirror[_weight_key(view, c)]) for c in pack.criterion_ids}


def _my_hybrids(view: SessionView, pack: ContentPack) -> dict[str, dict[str, float]]:
    mirror = st.session_state[_mirror_key(view)]
    return {
        h.id: {p.id: float(mirror[_param_key(view, h.id, p.id)]) for p in h.parameters}
        for h in pack.hybrids
    }


def _submit_ballot(view: SessionView, pack: ContentPack, token: str) -> None:
    _remember(view)
    weights = validate_weights(pack, _my_weights(view, pack))
    hybrids = validate_hybrid_params(pack, _my_hybrids(view, pack))  # a sent value may be off
    # Unsaved until the store acknowledges: a save that fails (an outage) leaves it set, so
    # the page never says "saved" for values it does not hold.
    st.session_state[_unsaved_key(view)] = True
    services.store().submit_weights(view.code, token, weights, hybrids)
    st.session_state[_unsaved_key(view)] = False
    st.session_state[f"submitted.{view.code}.{view.round}"] = True


def _on_weights_changed(view: SessionView, pack: ContentPack, token: str) -> None:
    run_from_callback(_submit_ballot, view, pack, token)


# --- phases -------------------------------------------------------------------------------


def _welcome(view: SessionView, token: str) -> None:
    st.write(tr("participant.welcome_intro"))
    _profile_form(view, token)
    _concerns(view, token)


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


def _concerns(view: SessionView, token: str) -> None:
    store = services.store()
    locked = "concerns" in view.locked
    st.markdown(f"#### {tr('participant.concerns_title')}")
    st.caption(tr("participant.concerns_hint"))
    if locked:
        st.info(tr("participant.locked", what=tr("common.input.concerns")))
    else:
        kept = _kept_post("concern")
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
                    _send_post(
                        "concern", typed, store.add_concern, view.code, token, body.strip(), kind
                    )
                else:
                    st.warning(tr("participant.concern_empty"))
            _post_outcome("concern", "participant.concern_sent")
    mine = store.my_upvotes(view.code, token)
    for concern in store.concerns(view.code):
        voted = concern.id in mine
        text_col, button_col = st.columns([5, 1], vertical_alignment="center")
        label = tr(f"participant.kind.{concern.kind}")
        text_col.markdown(f"**{label}** · {plain(concern.text)}")
        button_col.button(
            f"▲ {concern.upvotes}",
            key=f"up.{concern.id}",
            type="primary" if voted else "secondary",
            help=tr("participant.upvote_undo" if voted else "participant.upvote"),
            disabled=locked,
            on_click=_toggle_upvote,
            args=(store.remove_upvote if voted else store.upvote, view.code, token, concern.id),
        )


def _toggle_upvote(action: Any, code: str, token: str, concern_id: int) -> None:
    run_from_callback(action, code, token, concern_id)


#: Session state, per form: the post whose sending failed ("body" and the form's other fields)
#: and the error, or that the last one arrived.
_KEPT = "_post_kept."
_SENT = "_post_sent."


def _kept_post(form: str) -> dict[str, str]:
    """What a post form starts with: the fields of a post that did not arrive, else nothing."""
    kept = st.session_state.get(_KEPT + form)
    return dict(kept[0]) if kept else {}


def _send_post(form: str, typed: dict[str, str], action: Any, *args: Any) -> None:
    """Send a post typed into `form`, then draw the page again to say what happened.

    The form empties its box in the browser on every submit.  A post the store did not take
    (it cannot be reached, the input was closed) goes back into the form as its starting
    values, so nothing typed is lost; one that arrived leaves it empty.
    """
    try:
        action(*args)
    except WorkshopError as error:
        st.session_state[_KEPT + form] = (typed, error)
    else:
        st.session_state.pop(_KEPT + form, None)
        st.session_state[_SENT + form] = True
    st.rerun()


def _post_outcome(form: str, sent_key: str) -> None:
    """In the form, once: the post arrived, or why it did not (its text is still there)."""
    if st.session_state.pop(_SENT + form, False):
        st.success(tr(sent_key))
        return
    kept = st.session_state.get(_KEPT + form)
    if kept and kept[1] is not None:
        show_error(kept[1], unsaved=True)
        st.session_state[_KEPT + form] = (kept[0], None)


def _weigh(view: SessionView, pack: ContentPack, token: str) -> None:
    st.write(tr("participant.weigh_intro"))
    leader = st.empty()  # filled after the sliders, so it shows this run's values
    _weight_sliders(view, pack, token)
    _saved_state(view, token)
    evaluation = _my_ranking(view, pack)
    names = _option_names(pack)
    tied = evaluation.tied_winners
    leader.info(
        tr(
            "participant.leader_tied" if len(tied) > 1 else "participant.leader",
            name=names_list([plain(names[o]) for o in tied]),
            score=percent(float(evaluation.wsm[evaluation.order()[0]])),
        ),
        icon=":material/trending_up:",
    )


def _weight_sliders(view: SessionView, pack: ContentPack, token: str) -> None:
    locked = "weights" in view.locked
    if locked:
        st.info(tr("participant.locked", what=tr("common.input.weights")))
    mirror = st.session_state[_mirror_key(view)]
    for criterion in pack.criteria:
        widget = _weight_key(view, criterion.id)
        mirror[widget] = st.slider(
            text_md(criterion.name),
            min_value=SLIDER_MIN,
            max_value=SLIDER_MAX,
            step=1,
            value=int(mirror[widget]),
            key=widget,
            help=(
                f"{text_md(criterion.definition)}\n\n"
                f"**{tr('common.anchor_1')}** {text_md(criterion.low)}\n\n"
                f"**{tr('common.anchor_5')}** {text_md(criterion.high)}"
            ),
            disabled=locked,
            on_change=_on_weights_changed,
            args=(view, pack, token),
        )
    st.caption(f"{tr('common.slider_low')} · {tr('common.slider_high')}")


def _saved_state(view: SessionView, token: str) -> None:
    """Saved only when the store acknowledged the values the sliders show."""
    if st.session_state.get(_unsaved_key(view)):
        _unsaved_weights(view, token)
    elif st.session_state.get(f"submitted.{view.code}.{view.round}"):
        st.success(tr("participant.weights_saved"), icon=":material/cloud_done:")
    else:
        st.info(tr("participant.weights_not_saved"), icon=":material/cloud_upload:")
        st.button(
            tr("participant.confirm_weights"),
            type="primary",
            width="stretch",
            disabled="weights" in view.locked,
            on_click=_confirm_weights,
            args=(view, token),
        )


def _unsaved_weights(view: SessionView, token: str) -> None:
    """The last change did not reach the store: say so, and offer to send the values again."""
    st.warning(tr("participant.weights_unsaved"), icon=":material/cloud_off:")
    st.button(
        tr("participant.resend_weights"),
        type="primary",
        width="stretch",
        disabled="weights" in view.locked,
        on_click=_confirm_weights,
        args=(view, token),
    )


def _confirm_weights(view: SessionView, token: str) -> None:
    pack = services.pack_of(view)
    run_from_callback(_submit_ballot, view, pack, token, done=tr("participant.weights_saved"))


def _evaluate(view: SessionView, pack: ContentPack) -> Evaluation:
    model = services.model_for(view, _my_hybrids(view, pack))
    return model.evaluate(_my_weights(view, pack))


def _my_ranking(
    view: SessionView, pack: ContentPack, title_key: str = "participant.my_ranking"
) -> Evaluation:
    evaluation = _evaluate(view, pack)
    st.markdown(f"#### {tr(title_key)}")
    st.caption(tr("participant.ranking_hint"))
    hybrids = set(evaluation.ids) - set(pack.option_ids)
    _ranking_bars(
        pack,
        [
            (int(evaluation.wsm_ranks[i]), evaluation.ids[i], float(evaluation.wsm[i]))
            for i in evaluation.order()
        ],
        hybrids,
    )
    return evaluation


def _ranking_bars(pack: ContentPack, rows: list[tuple[int, str, float]], hybrids: set[str]) -> None:
    """Options best first as bars; tied options share their place and are named as tied."""
    names = _option_names(pack)
    leaders = [plain(names[option]) for place, option, _ in rows if place == 1]
    if len(leaders) > 1:
        st.caption(tr("results.sens.tie", options=names_list(leaders)))
    for place, option, score in rows:
        badge = f" · {tr('common.hybrid')}" if option in hybrids else ""
        st.progress(score, text=f"{place}. {plain(names[option])}{badge} — {percent(score)}")


def _option_names(pack: ContentPack) -> dict[str, str]:
    """Option and hybrid names as written: escape them where Streamlit renders Markdown."""
    names = {o.id: text(o.name) for o in pack.options}
    names.update({h.id: text(h.name) for h in pack.hybrids})
    return names


def _context(view: SessionView, pack: ContentPack, token: str) -> None:
    st.write(tr("participant.context_intro"))
    factors = services.context_of(view).get("factors", {})
    for factor in pack.context_factors:
        value = float(factors.get(factor.id, factor.neutral))
        unit = f" {text_md(factor.unit)}" if factor.unit else ""
        with st.container(border=True):
            st.markdown(f"**{text_md(factor.name)}**: {value:g}{unit}")
            st.caption(text_md(factor.description))
    _my_ranking(view, pack)


def _options(view: SessionView, pack: ContentPack, token: str) -> None:
    st.write(tr("participant.options_intro"))
    _my_ranking(view, pack)
    _hybrid_sliders(view, pack, token)
    with st.expander(tr("participant.adjust_weights"), icon=":material/tune:"):
        _weight_sliders(view, pack, token)
    if st.session_state.get(_unsaved_key(view)):
        _unsaved_weights(view, token)
    _comment_form(view, pack, token)


def _hybrid_sliders(view: SessionView, pack: ContentPack, token: str) -> None:
    st.markdown(f"#### {tr('participant.hybrids_title')}")
    st.caption(tr("participant.hybrids_hint"))
    locked = "weights" in view.locked
    mirror = st.session_state[_mirror_key(view)]
    for hybrid in pack.hybrids:
        with st.expander(text_md(hybrid.name), icon=":material/merge:"):
            st.caption(text_md(hybrid.summary))
            for parameter in hybrid.parameters:
                widget = _param_key(view, hybrid.id, parameter.id)
                mirror[widget] = st.slider(
                    text_md(parameter.name),
                    min_value=float(parameter.minimum),
                    max_value=float(parameter.maximum),
                    step=float(parameter.step),
                    value=float(mirror[widget]),
                    key=widget,
                    help=text_md(parameter.description),
                    disabled=locked,
                    on_change=_on_weights_changed,
                    args=(view, pack, token),
                )


def _comment_form(view: SessionView, pack: ContentPack, token: str) -> None:
    st.markdown(f"#### {tr('participant.comment_title')}")
    if "comments" in view.locked:
        st.info(tr("participant.locked", what=tr("common.input.comments")))
        return
    names = _option_names(pack)
    targets = ["", *names]
    kept = _kept_post("comment")
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
                _send_post("comment", typed, add, view.code, token, kind, target, body.strip())
        _post_outcome("comment", "participant.comment_sent")


def _vote(view: SessionView, pack: ContentPack, token: str) -> None:
    settings = view.settings
    names = _option_names(pack)
    recorded = _vote_on_record(view, token)
    status = st.empty()  # filled last: is what the inputs show the vote on record?
    locked = "votes" in view.locked
    if locked:
        st.info(tr("participant.locked", what=tr("common.input.votes")))
    previous = recorded or {}
    if settings.vote_mode == "dots":
        # No form: every tap reaches the server, so the dots left can be shown as they change.
        with st.container(border=True):
            vote, ready = _dots_input(view, names, previous, locked)
            sent = st.button(
                tr("participant.vote_send"),
                type="primary",
                width="stretch",
                disabled=locked or not ready,
            )
    else:
        with st.form("vote"):
            if settings.vote_mode == "single":
                vote = _single_input(names, previous, locked, key=f"vote.{view.round}")
            else:
                vote = _ranking_input(names, previous, locked, key=f"vote.{view.round}")
            sent = st.form_submit_button(
                tr("participant.vote_send"), type="primary", width="stretch", disabled=locked
            )
    failed = False
    if sent:
        try:
            clean = group.validate_vote(
                settings.vote_mode,  # type: ignore[arg-type]
                vote,
                list(names),
                settings.dot_budget,
                settings.dot_cap_per_option,
            )
            services.store().submit_vote(view.code, token, clean)
        except WorkshopError as error:
            show_error(error, unsaved=True)
            failed = True
        else:
            recorded = st.session_state[_vote_key(view)] = clean
    # "Saved" only for the vote the store holds and the inputs show: a form keeps a choice
    # whose sending failed, and that choice is not the vote on record.
    shown = _as_recorded(settings.vote_mode, vote)
    if failed or (recorded is not None and settings.vote_mode != "dots" and shown != recorded):
        earlier = "participant.vote_not_saved_earlier" if recorded else "participant.vote_not_saved"
        status.warning(tr(earlier), icon=":material/cloud_off:")
    elif recorded is None:
        return
    elif shown != recorded:
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


def _ranking_input(
    names: dict[str, str], previous: dict[str, Any], locked: bool, *, key: str
) -> dict[str, Any]:
    """The ranking; keyed like :func:`_single_input`."""
    st.write(tr("participant.vote_ranking"))
    ranking = st.multiselect(
        tr("participant.vote_order"),
        list(names),
        default=[o for o in previous.get("ranking", []) if o in names],
        format_func=names.__getitem__,
        disabled=locked,
        key=f"{key}.ranking",
    )
    return {"ranking": ranking}


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


def _results(view: SessionView, pack: ContentPack, token: str) -> None:
    if not view.revealed:
        st.info(tr("participant.results_hidden"), icon=":material/visibility_off:")
        _my_ranking(view, pack)
        return
    results = services.results_of(view)  # the same results the wall shows
    if not results.visible:
        st.info(tr("participant.too_few", n=results.ballots, threshold=results.threshold))
        return
    mine = _my_weights(view, pack)
    total = sum(mine.values()) or 1
    st.markdown(f"#### {tr('participant.me_vs_group')}")
    st.caption(tr("participant.me_vs_group_hint", n=results.ballots))
    rows = [
        (mine[criterion.id] / total, weight.weight, criterion)
        for criterion, weight in zip(pack.criteria, results.weights, strict=True)
    ]
    # Largest difference first: that is where a participant's view is worth talking about.
    for own, theirs, criterion in sorted(rows, key=lambda row: -abs(row[0] - row[1])):
        st.markdown(
            f"**{text_md(criterion.name)}** — {tr('participant.you')} {percent(own)} · "
            f"{tr('participant.group')} {percent(theirs)}"
        )
    _group_ranking(pack, results.ranking)


def _group_ranking(pack: ContentPack, ranking: tuple[RankedOption, ...]) -> None:
    st.markdown(f"#### {tr('participant.group_ranking')}")
    rows = [(o.rank, o.option, o.score) for o in ranking]
    _ranking_bars(pack, rows, {o.option for o in ranking if o.hybrid})
