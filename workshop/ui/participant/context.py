"""Phase 3, context: the unit's situation as the facilitator set it, and the ranking it gives."""

from __future__ import annotations

import html
from collections.abc import Mapping

import streamlit as st

from workshop.content import ContentPack
from workshop.store import SessionView
from workshop.text.i18n import coerce_lang
from workshop.ui.participant.ranking import my_ranking
from workshop.ui.runtime import reader_lang, text, tr
from workshop.ui.wall.model import context_lines
from workshop.web import services

#: The factors' look (in the phone page's style sheet): each a card as Streamlit draws a
#: bordered container, its name and value as text, what it means as a caption.
CONTEXT_STYLE = """
.context-factors, .context-factors li {list-style: none; margin-left: 0 !important;}
.context-factors {padding: 0 !important; margin: 0 0 0.5rem;}
.context-factors li {border: 1px solid rgba(11, 22, 32, 0.2); border-radius: 0.5rem;
  padding: calc(1rem - 1px) !important; margin: 0 0 1rem;}
.context-factors p {margin: 0;}
.context-factors .factor {margin-bottom: 1rem; line-height: 1.6;}
.context-factors .about {font-size: 0.875rem; line-height: 1.6; color: rgba(11, 22, 32, 0.6);}
"""


def draw(view: SessionView, pack: ContentPack, token: str) -> None:
    """The context phase: the unit's situation and the participant's ranking in it."""
    st.write(tr("participant.context_intro"))
    st.html(factor_cards(pack, services.context_of(view)))
    my_ranking(view, pack)


def factor_cards(pack: ContentPack, context: Mapping[str, object]) -> str:
    """The factors and their values as one list of cards (the pack's texts escaped), each
    value written as the wall writes it (:func:`workshop.ui.wall.model.context_lines`).

    One element for all of them, not a bordered container with two texts each: a phase change
    redraws every phone's page at once, and every element a run sends costs the server a
    message (the default pack's eight factors were 24 elements).
    """
    lines = context_lines(pack, context, coerce_lang(reader_lang()))
    cards = [
        f'<li><p class="factor"><b>{html.escape(line.name)}</b>: {html.escape(line.value)}</p>'
        f'<p class="about">{html.escape(text(factor.description))}</p></li>'
        for factor, line in zip(pack.context_factors, lines, strict=True)
    ]
    return f'<ul class="context-factors">{"".join(cards)}</ul>'
