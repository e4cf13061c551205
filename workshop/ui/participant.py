"""The participant's phone: follow the facilitator's phase, weigh, explore, vote, comment, ask.

Everything a participant enters is saved to the store as soon as it is entered (sliders save on
change); ``st.session_state`` only mirrors the stored values, so a reload, a locked screen or a
new connection shows the same inputs again.  A rerun's own work stays small: the session view and
the scoring model are shared per process, and nothing here builds charts or DataFrames.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from workshop import group
from workshop.ballots import SLIDER_DEFAULT, SLIDER_MAX, SLIDER_MIN, validate_weights
from workshop.content import ContentPack
from workshop.errors import WorkshopError
from workshop.results import RankedOption
from workshop.scoring import Evaluation
from workshop.store import SessionView
from workshop.ui import identity, services
from workshop.ui.routes import cookie_name
from workshop.ui.runtime import (
    current_lang,
    language_switch,
    names_list,
    offline_notice_style,
    percent,
    plain,
    run_from_callback,
    show_error,
    show_flash,
    show_pending_error,
    text,
    tr,
    use_lang,
    user_errors,
)
from workshop.ui.shell import page_file

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
    """The token of this browser's identity in the session: the join cookie's, else a new one."""
    store = services.store()
    token = st.context.cookies.get(cookie_name(code), "")
    if token and store.participant(code, token) is not None:
        return token
    return store.join(code).token


def render() -> None:
    """Draw the participant page for the session in the URL."""
    code, token = identity.code(), identity.participant_token()
    if not code or not token:
        _not_joined()
        return
    try:
        # A page just opened reads the session afresh: a phone joining right after the
        # facilitator moved on must not show the phase of a second ago (the shared view's age).
        view = services.session_view(code, fresh=_OPENED not in st.session_state)
    except WorkshopError as error:
        use_lang(current_lang())
        show_error(error)
        return
    st.session_state[_OPENED] = True
    use_lang(current_lang(view.language))
    st.html(_PHONE_STYLE + offline_notice_style())
    pack = services.pack_of(view)
    _follow(code, _fingerprint(view))
    _header(view)
    show_flash()
    show_pending_error()
    _load_inputs(view, pack, token)
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
    st.divider()
    language_switch()


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
def _follow(code: str, drawn: tuple[Any, ...]) -> None:
    """Every two seconds: has the facilitator moved on? Then redraw the page."""
    try:
        current = _fingerprint(services.session_view(code))
    except WorkshopError:
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
    services.store().submit_weights(view.code, token, weights, _my_hybrids(view, pack))
    st.session_state[f"submitted.{view.code}.{view.round}"] = True


def _on_weights_changed(view: SessionView, pack: ContentPack, token: str) -> None:
    run_from_callback(_submit_ballot, view, pack, token)


# --- phases -------------------------------------------------------------------------------


def _welcome(view: SessionView, token: str) -> None:
    st.write(tr("participant.welcome_intro"))
    _profile_form(view, token)
    _concerns(view, token)


def _profile_form(view: SessionView, token: str) -> None:
    me = services.store().participant(view.code, token)
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
        with st.form("concern", clear_on_submit=True):
            kind = st.radio(
                tr("participant.concern_kind"),
                ["concern", "question"],
                format_func=lambda k: tr(f"participant.kind.{k}"),
                horizontal=True,
            )
            body = st.text_area(tr("participant.concern_text"), max_chars=500, height=90)
            if st.form_submit_button(tr("participant.concern_send"), type="primary"):
                if body.strip():
                    with user_errors():
                        store.add_concern(view.code, token, body.strip(), kind)
                        st.success(tr("participant.concern_sent"))
                else:
                    st.warning(tr("participant.concern_empty"))
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
            name=names_list([names[o] for o in tied]),
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
            text(criterion.name),
            min_value=SLIDER_MIN,
            max_value=SLIDER_MAX,
            step=1,
            value=int(mirror[widget]),
            key=widget,
            help=(
                f"{text(criterion.definition)}\n\n"
                f"**{tr('common.anchor_1')}** {text(criterion.low)}\n\n"
                f"**{tr('common.anchor_5')}** {text(criterion.high)}"
            ),
            disabled=locked,
            on_change=_on_weights_changed,
            args=(view, pack, token),
        )
    st.caption(f"{tr('common.slider_low')} · {tr('common.slider_high')}")


def _saved_state(view: SessionView, token: str) -> None:
    if st.session_state.get(f"submitted.{view.code}.{view.round}"):
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
    leaders = [names[option] for place, option, _ in rows if place == 1]
    if len(leaders) > 1:
        st.caption(tr("results.sens.tie", options=names_list(leaders)))
    for place, option, score in rows:
        badge = f" · {tr('common.hybrid')}" if option in hybrids else ""
        st.progress(score, text=f"{place}. {names[option]}{badge} — {percent(score)}")


def _option_names(pack: ContentPack) -> dict[str, str]:
    names = {o.id: text(o.name) for o in pack.options}
    names.update({h.id: text(h.name) for h in pack.hybrids})
    return names


def _context(view: SessionView, pack: ContentPack, token: str) -> None:
    st.write(tr("participant.context_intro"))
    factors = services.context_of(view).get("factors", {})
    for factor in pack.context_factors:
        value = float(factors.get(factor.id, factor.neutral))
        unit = f" {text(factor.unit)}" if factor.unit else ""
        with st.container(border=True):
            st.markdown(f"**{text(factor.name)}**: {value:g}{unit}")
            st.caption(text(factor.description))
    _my_ranking(view, pack)


def _options(view: SessionView, pack: ContentPack, token: str) -> None:
    st.write(tr("participant.options_intro"))
    _my_ranking(view, pack)
    _hybrid_sliders(view, pack, token)
    with st.expander(tr("participant.adjust_weights"), icon=":material/tune:"):
        _weight_sliders(view, pack, token)
    _comment_form(view, pack, token)


def _hybrid_sliders(view: SessionView, pack: ContentPack, token: str) -> None:
    st.markdown(f"#### {tr('participant.hybrids_title')}")
    st.caption(tr("participant.hybrids_hint"))
    locked = "weights" in view.locked
    mirror = st.session_state[_mirror_key(view)]
    for hybrid in pack.hybrids:
        with st.expander(text(hybrid.name), icon=":material/merge:"):
            st.caption(text(hybrid.summary))
            for parameter in hybrid.parameters:
                widget = _param_key(view, hybrid.id, parameter.id)
                mirror[widget] = st.slider(
                    text(parameter.name),
                    min_value=float(parameter.minimum),
                    max_value=float(parameter.maximum),
                    step=float(parameter.step),
                    value=float(mirror[widget]),
                    key=widget,
                    help=text(parameter.description),
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
    with st.form("comment", clear_on_submit=True):
        target = st.selectbox(
            tr("participant.comment_on"),
            targets,
            format_func=lambda t: names.get(t, tr("participant.comment_general")),
        )
        body = st.text_area(tr("participant.comment_text"), max_chars=1000, height=90)
        if st.form_submit_button(tr("participant.comment_send"), type="primary"):
            if not body.strip():
                st.warning(tr("participant.comment_empty"))
            else:
                with user_errors():
                    kind = "option" if target else "general"
                    services.store().add_comment(view.code, token, kind, target, body.strip())
                    st.success(tr("participant.comment_sent"))


def _vote(view: SessionView, pack: ContentPack, token: str) -> None:
    settings = view.settings
    names = _option_names(pack)
    existing = services.store().vote_of(view.code, token)
    status = st.empty()  # filled last: is what the inputs show the vote on record?
    locked = "votes" in view.locked
    if locked:
        st.info(tr("participant.locked", what=tr("common.input.votes")))
    previous = existing.vote if existing else {}
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
                vote = _single_input(names, previous, locked)
            else:
                vote = _ranking_input(names, previous, locked)
            sent = st.form_submit_button(
                tr("participant.vote_send"), type="primary", width="stretch", disabled=locked
            )
    recorded = existing.vote if existing else None
    if sent:
        with user_errors():
            clean = group.validate_vote(
                settings.vote_mode,  # type: ignore[arg-type]
                vote,
                list(names),
                settings.dot_budget,
                settings.dot_cap_per_option,
            )
            services.store().submit_vote(view.code, token, clean)
            recorded = clean
    if recorded is None:
        return
    if settings.vote_mode == "dots" and _spread(vote) != recorded.get("dots"):
        status.info(tr("participant.vote_changed"), icon=":material/edit:")
    else:
        status.success(tr("participant.vote_saved"), icon=":material/how_to_vote:")


def _spread(vote: dict[str, Any]) -> dict[str, int]:
    """The dots the inputs show, as a stored vote holds them (options without dots left out)."""
    return {option: n for option, n in vote["dots"].items() if n}


def _single_input(names: dict[str, str], previous: dict[str, Any], locked: bool) -> dict[str, Any]:
    st.write(tr("participant.vote_single"))
    options = list(names)
    chosen = previous.get("choice")
    choice = st.radio(
        tr("participant.vote_choice"),
        options,
        index=options.index(chosen) if chosen in options else None,
        format_func=names.__getitem__,
        disabled=locked,
    )
    return {"choice": choice}


def _ranking_input(names: dict[str, str], previous: dict[str, Any], locked: bool) -> dict[str, Any]:
    st.write(tr("participant.vote_ranking"))
    ranking = st.multiselect(
        tr("participant.vote_order"),
        list(names),
        default=[o for o in previous.get("ranking", []) if o in names],
        format_func=names.__getitem__,
        disabled=locked,
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
            name,
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
            f"**{text(criterion.name)}** — {tr('participant.you')} {percent(own)} · "
            f"{tr('participant.group')} {percent(theirs)}"
        )
    _group_ranking(pack, results.ranking)


def _group_ranking(pack: ContentPack, ranking: tuple[RankedOption, ...]) -> None:
    st.markdown(f"#### {tr('participant.group_ranking')}")
    rows = [(o.rank, o.option, o.score) for o in ranking]
    _ranking_bars(pack, rows, {o.option for o in ranking if o.hybrid})
