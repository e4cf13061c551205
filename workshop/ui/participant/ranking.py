"""The participant's own ranking (from their weights and hybrid settings), drawn as bars."""

from __future__ import annotations

import html

import streamlit as st

from workshop.content import ContentPack
from workshop.engine.scoring import Ranking
from workshop.store import SessionView
from workshop.text.i18n import coerce_lang
from workshop.text.wording import option_names
from workshop.ui.participant.mirror import my_hybrids, my_weights
from workshop.ui.runtime import names_list, percent, plain, reader_lang, tr
from workshop.web import services

#: The bars' look (in the phone page's style sheet): a label line over a thin bar in the
#: theme's primary colour, as Streamlit draws its own progress bars.
RANKING_STYLE = """
.my-ranking, .my-ranking li {list-style: none; padding: 0 !important; margin-left: 0 !important;}
.my-ranking {margin: 0 0 0.5rem;}
.my-ranking li {margin: 0 0 0.6rem;}
.my-ranking .rank-label {display: block; font-size: 0.95rem; line-height: 1.35;}
.my-ranking .rank-bar {display: block; height: 0.5rem; border-radius: 0.25rem;
  background: #eef3f8; overflow: hidden; margin-top: 0.2rem;}
.my-ranking .rank-bar span {display: block; height: 100%; background: #0b5cad;}
"""


def my_scores(view: SessionView, pack: ContentPack) -> Ranking:
    """The participant's scores: their weights and hybrid settings in the group's context."""
    model = services.model_for(view, my_hybrids(view, pack))
    return model.rank(my_weights(view, pack))


def top_option(evaluation: Ranking) -> str:
    """The option (or hybrid) id the evaluation ranks first (the pack's order breaks ties)."""
    return str(evaluation.ids[evaluation.order()[0]])


def my_ranking(
    view: SessionView, pack: ContentPack, title_key: str = "participant.my_ranking"
) -> Ranking:
    """The participant's ranking under a heading, as bars; returns the scores behind it."""
    evaluation = my_scores(view, pack)
    st.markdown(f"#### {tr(title_key)}")
    st.caption(tr("participant.ranking_hint"))
    hybrids = set(evaluation.ids) - set(pack.option_ids)
    ranking_bars(
        pack,
        [
            (int(evaluation.wsm_ranks[i]), evaluation.ids[i], float(evaluation.wsm[i]))
            for i in evaluation.order()
        ],
        hybrids,
    )
    return evaluation


def ranking_bars(pack: ContentPack, rows: list[tuple[int, str, float]], hybrids: set[str]) -> None:
    """Options best first as bars; tied options share their place and are named as tied.

    One element for all the bars, not one progress bar each: a slider move redraws this list,
    and every element a run sends costs the server a message (a room of phones moves sliders
    many times a second).
    """
    names = option_names(pack, coerce_lang(reader_lang()), badge=False)
    leaders = [plain(names[option]) for place, option, _ in rows if place == 1]
    if len(leaders) > 1:
        st.caption(tr("results.sens.tie", options=names_list(leaders)))
    st.html(ranking_html([(place, names[o], o in hybrids, score) for place, o, score in rows]))


def ranking_lines(rows: list[tuple[int, str, bool, float]]) -> list[str]:
    """Each row as its bar's label: "1. Name · Mischform — 68 %" (names as written)."""
    hybrid = tr("common.hybrid")
    return [
        f"{place}. {name}{f' · {hybrid}' if is_hybrid else ''} — {percent(score)}"
        for place, name, is_hybrid, score in rows
    ]


def ranking_html(rows: list[tuple[int, str, bool, float]]) -> str:
    """The bars as one list: (place, name, hybrid?, score 0–1) per row, best first.

    Names are escaped (a pack may be imported); the bar's width and its meter value say the
    score, the label says it in words.
    """
    items = []
    for line, (_, _, _, score) in zip(ranking_lines(rows), rows, strict=True):
        share = round(min(max(score, 0.0), 1.0) * 100, 1)
        label = html.escape(line)
        items.append(
            f'<li><span class="rank-label">{label}</span>'
            f'<span class="rank-bar" role="meter" aria-valuemin="0" aria-valuemax="100" '
            f'aria-valuenow="{share:g}" aria-label="{label}">'
            f'<span style="width:{share:g}%"></span></span></li>'
        )
    return f'<ol class="my-ranking">{"".join(items)}</ol>'
