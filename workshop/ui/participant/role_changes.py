"""What changes for me? What an option changes for one role of the service unit.

The participant picks a role and an option and reads the pack's six aspects
(:data:`~workshop.content.ROLE_CHANGE_ASPECTS`) with their sources.  The choice lives in the
browser session only: it is never stored (a role is not the participant's area, and picking one
says nothing about them).  A pack without roles shows nothing.
"""

from __future__ import annotations

import streamlit as st

from workshop.content import ROLE_CHANGE_ASPECTS, ContentPack, Lang, RoleChange
from workshop.store import SessionView
from workshop.text.i18n import coerce_lang
from workshop.text.wording import option_names
from workshop.ui.runtime import plain, reader_lang, text_md, tr


def draw(view: SessionView, pack: ContentPack, default_option: str | None = None) -> None:
    """An expander with the role and option pickers and what changes (nothing without roles).

    `default_option` is where the option picker starts (the participant's own leader), else
    at the first option.
    """
    if not pack.roles:
        return
    lang = coerce_lang(reader_lang())
    names = option_names(pack, lang)
    options = list(names)
    roles = {role.id: role.name.get(lang) for role in pack.roles}
    start = options.index(default_option) if default_option in options else 0
    with st.expander(tr("participant.role_changes_title"), icon=":material/person_search:"):
        st.caption(tr("participant.role_changes_hint"))
        # Selectbox options are shown as text (no Markdown), so the names go in as written.
        role = st.selectbox(
            tr("participant.role_pick"),
            list(roles),
            format_func=roles.__getitem__,
            key=f"role_change.role.{view.code}",
        )
        option = st.selectbox(
            tr("participant.role_option"),
            options,
            index=start,
            format_func=names.__getitem__,
            key=f"role_change.option.{view.code}",
        )
        if role is None or option is None:
            return
        st.caption(text_md(pack.role(role).description))
        change = pack.role_change(option, role)
        if change is None:
            st.caption(tr("participant.role_no_change"))
            return
        _aspects(change, lang)
        _sources(pack, change)


def _aspects(change: RoleChange, lang: Lang) -> None:
    """The six aspects as one Markdown block (a heading word, then the pack's text, escaped)."""
    blocks = [
        f"**{tr(f'common.role_aspect.{aspect}')}**  \n{plain(change.aspect(aspect).get(lang))}"
        for aspect in ROLE_CHANGE_ASPECTS
    ]
    st.markdown("\n\n".join(blocks))


def _sources(pack: ContentPack, change: RoleChange) -> None:
    """The cited sources' citations, as text."""
    known = {source.id: source for source in pack.sources}
    cited = [plain(known[s].citation) for s in change.sources if s in known]
    if cited:
        st.caption(tr("participant.role_sources", sources="; ".join(cited)))
