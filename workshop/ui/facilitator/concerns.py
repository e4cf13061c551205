"""The console's concerns and questions: hide or show, a status and a short answer for each.

A workshop collects thirty and more, so the list stays compact: one expander per concern (its
upvotes, status and first words in the label) and a filter by status that shows how many have
each.  A status and answer are saved with one button per concern and confirmed only once the
store has taken them.
"""

from __future__ import annotations

from collections import Counter

import streamlit as st

from workshop.content import ContentPack
from workshop.errors import InvalidInput, WorkshopError
from workshop.store import CONCERN_STATUSES, Concern, SessionView
from workshop.store.validate import MAX_ANSWER
from workshop.text.i18n import coerce_lang
from workshop.text.wording import option_names
from workshop.ui.facilitator.state import show_stored, steer
from workshop.ui.runtime import flash, plain, reader_lang, show_error, tr
from workshop.web import services

#: The status's icon in the concern's label, so the list reads at a glance.
STATUS_ICONS = {
    "open": ":material/help:",
    "answered": ":material/check_circle:",
    "parked": ":material/science:",
    "out_of_scope": ":material/block:",
}
#: Characters of a concern's text in its expander's label.
LABEL_CHARS = 80


def concerns_section(view: SessionView, pack: ContentPack, key: str) -> None:
    """Every concern and question, hidden ones included, with its status form."""
    st.markdown(f"#### {tr('common.input.concerns')}")
    concerns = services.store().concerns(view.code, include_hidden=True)
    if not concerns:
        st.caption(tr("facilitator.nothing_yet"))
        return
    counts = Counter(c.status for c in concerns)
    chosen = st.pills(
        tr("facilitator.concern.filter"),
        list(CONCERN_STATUSES),
        selection_mode="multi",
        format_func=lambda s: f"{tr(f'common.concern_status.{s}')} ({counts[s]})",
        key="concern_filter",
    )
    shown = [c for c in concerns if not chosen or c.status in chosen]
    if not shown:
        st.caption(tr("facilitator.concern.none_with_status"))
    names = option_names(pack, coerce_lang(reader_lang()))
    for concern in shown:
        _concern(view, key, concern, names)


def _label(concern: Concern) -> str:
    """The expander's label: upvotes, status, kind and the first words (escaped)."""
    text = " ".join(concern.text.split())  # one line: a label has no room for line breaks
    words = text if len(text) <= LABEL_CHARS else text[:LABEL_CHARS] + "…"
    hidden = f" · {tr('facilitator.concern.hidden')}" if concern.hidden else ""
    label = (
        f"▲ {concern.upvotes} · {tr(f'common.concern_status.{concern.status}')}"
        f" · {tr(f'participant.kind.{concern.kind}')}{hidden} · {words}"
    )
    return plain(label)


def _concern(view: SessionView, key: str, concern: Concern, names: dict[str, str]) -> None:
    with st.expander(_label(concern), icon=STATUS_ICONS.get(concern.status)):
        body = plain(concern.text)
        st.markdown(f"~~{body}~~" if concern.hidden else body)
        facts = [tr("facilitator.concern.upvotes", count=concern.upvotes)]
        if concern.option_id:
            option = names.get(concern.option_id, concern.option_id)
            facts.append(tr("facilitator.concern.about", option=plain(option)))
        words, button = st.columns([5, 1], vertical_alignment="center")
        words.caption(" · ".join(facts))
        button.button(
            tr("facilitator.show" if concern.hidden else "facilitator.hide"),
            key=f"concern.{concern.id}",
            on_click=_on_hide,
            args=(view.code, key, concern.id, not concern.hidden),
        )
        _status_form(view.code, key, concern)


def _on_hide(code: str, key: str, concern_id: int, hidden: bool) -> None:
    steer(services.store().set_concern_hidden, code, key, concern_id, hidden)


def _status_form(code: str, key: str, concern: Concern) -> None:
    """The concern's status and answer, saved together once the button is pressed."""
    status_widget, answer_widget = f"status.{concern.id}", f"answer.{concern.id}"
    # A change made in another tab (or by another facilitator) appears here; a value being
    # edited is never overwritten by the same stored value.
    show_stored(status_widget, concern.status)
    show_stored(answer_widget, concern.answer or "")
    with st.form(f"concern_form.{concern.id}", border=False):
        status = st.selectbox(
            tr("facilitator.concern.status"),
            list(CONCERN_STATUSES),
            format_func=lambda s: tr(f"common.concern_status.{s}"),
            key=status_widget,
        )
        answer = st.text_area(
            tr("facilitator.concern.answer"),
            key=answer_widget,
            max_chars=MAX_ANSWER,
            height=80,
            help=tr("facilitator.concern.answer_help"),
        )
        saved = st.form_submit_button(tr("facilitator.concern.save"))
    if saved:
        _save_status(code, key, concern.id, str(status), answer)


def _save_status(code: str, key: str, concern_id: int, status: str, answer: str) -> None:
    """Store the status and answer; confirm only after the store took them."""
    try:
        services.store().set_concern_status(code, key, concern_id, status, answer)
    except InvalidInput as error:
        if error.details.get("field") == "answer":
            st.error(tr("facilitator.concern.answer_invalid", limit=MAX_ANSWER))
        else:
            show_error(error, unsaved=True)
        return
    except WorkshopError as error:
        show_error(error, unsaved=True)
        return
    services.forget_view(code)
    flash(tr("common.saved"))
    st.rerun()
