"""The console's pilot tab: the next step of the results phase, as a plan the room can see.

Which option (pure or hybrid) the group tries, in which team, for how many weeks, measured by
what, reviewed when.  :mod:`workshop.rounds.pilot` decides what a valid plan is; the plan is
stored only once it passes, and confirmed only once the store has taken it.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import streamlit as st

from workshop.content import ContentPack
from workshop.errors import InvalidPilot, WorkshopError
from workshop.rounds.pilot import (
    MAX_OTHER_MEASURES,
    MAX_TEAM,
    MAX_WEEKS,
    PILOT_MEASURES,
    PilotPlan,
    pilot_options,
    stored_pilot,
    validate_pilot,
)
from workshop.store import SessionView
from workshop.text.i18n import coerce_lang
from workshop.text.wording import option_names
from workshop.ui.runtime import flash, reader_lang, show_error, tr
from workshop.web import services

#: Weeks the form suggests for a new plan: long enough to see an effect, short enough to act.
DEFAULT_WEEKS = 8


def pilot_tab(view: SessionView, pack: ContentPack, key: str) -> None:
    """The pilot plan's form: Save checks and stores it, Remove takes it away."""
    st.caption(tr("facilitator.pilot.intro"))
    stored = stored_pilot(services.store().pilot(view.code), pack)
    if stored is None:
        st.caption(tr("facilitator.pilot.none"))
    options = list(pilot_options(pack))
    names = option_names(pack, coerce_lang(reader_lang()))
    with st.form("pilot"):
        values = _fields(options, names, _default_option(view, options, stored), stored)
        left, right = st.columns(2)
        save = left.form_submit_button(tr("facilitator.pilot.save"), type="primary")
        remove = stored is not None and right.form_submit_button(tr("facilitator.pilot.remove"))
    if save:
        _save(view.code, key, pack, values)
    elif remove:
        _store(view.code, key, None, tr("facilitator.pilot.removed"))


def _default_option(view: SessionView, options: list[str], stored: PilotPlan | None) -> str:
    """The stored plan's option, else the group's first-ranked one if shown, else the first."""
    if stored is not None:
        return stored.option
    results = services.results_of(view)
    if results.visible and results.ranking and results.ranking[0].option in options:
        return results.ranking[0].option
    return options[0]


def _fields(
    options: list[str], names: dict[str, str], option: str, stored: PilotPlan | None
) -> dict[str, Any]:
    """The form's widgets, filled with the stored plan; returns the plan's fields."""
    chosen = st.selectbox(
        tr("facilitator.pilot.option"),
        options,
        index=options.index(option),
        format_func=lambda o: names.get(o, o),
    )
    team = st.text_input(
        tr("facilitator.pilot.team"),
        value=stored.team if stored else "",
        max_chars=MAX_TEAM,
        placeholder=tr("facilitator.pilot.team_placeholder"),
    )
    weeks = st.number_input(
        tr("facilitator.pilot.weeks"),
        min_value=1,
        max_value=MAX_WEEKS,
        value=stored.weeks if stored else DEFAULT_WEEKS,
        step=1,
    )
    measures = st.multiselect(
        tr("facilitator.pilot.measures"),
        list(PILOT_MEASURES),
        default=list(stored.measures) if stored else [],
        format_func=lambda m: tr(f"common.pilot_measure.{m}"),
    )
    other = st.text_area(
        tr("facilitator.pilot.other_measures"),
        value=stored.other_measures if stored else "",
        max_chars=MAX_OTHER_MEASURES,
        height=80,
    )
    review_on = st.date_input(
        tr("facilitator.pilot.review_on"),
        value=stored.review_on if stored else None,
        format="DD.MM.YYYY" if reader_lang() == "de" else "YYYY-MM-DD",
    )
    return {
        "option": chosen,
        "team": team,
        "weeks": weeks,
        "measures": measures,
        "other_measures": other,
        "review_on": review_on if isinstance(review_on, date) else "",
    }


def _save(code: str, key: str, pack: ContentPack, values: dict[str, Any]) -> None:
    """Check the plan with the domain rules, then store it; a refusal names the field."""
    try:
        plan = validate_pilot(values, pack)
    except InvalidPilot as error:
        field = str(error.details.get("field", ""))
        message = f"facilitator.pilot.invalid.{field}"
        text = tr(message) if field in _FIELDS else tr("error.invalid_pilot")
        st.error(f"{text} {tr('facilitator.pilot.not_saved')}", icon=":material/error:")
        return
    _store(code, key, plan, tr("facilitator.pilot.saved"))


_FIELDS = frozenset({"option", "team", "weeks", "measures", "other_measures", "review_on"})


def _store(code: str, key: str, plan: dict[str, Any] | None, done: str) -> None:
    """Write the plan (None removes it); say so only once the store took it."""
    try:
        services.store().set_pilot(code, key, plan)
    except WorkshopError as error:
        show_error(error, unsaved=True)
        return
    services.forget_view(code)
    flash(done)
    st.rerun()
