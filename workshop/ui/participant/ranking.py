"""The participant's own ranking (from their weights and hybrid settings), drawn as bars."""

from __future__ import annotations

import streamlit as st

from workshop.content import ContentPack
from workshop.engine.scoring import Evaluation
from workshop.store import SessionView
from workshop.text.i18n import coerce_lang
from workshop.text.wording import option_names
from workshop.ui.participant.mirror import my_hybrids, my_weights
from workshop.ui.runtime import names_list, percent, plain, reader_lang, tr
from workshop.web import services


def my_evaluation(view: SessionView, pack: ContentPack) -> Evaluation:
    """The participant's evaluation: their weights and hybrid settings in the group's context."""
    model = services.model_for(view, my_hybrids(view, pack))
    return model.evaluate(my_weights(view, pack))


def top_option(evaluation: Evaluation) -> str:
    """The option (or hybrid) id the evaluation ranks first (the pack's order breaks ties)."""
    return str(evaluation.ids[evaluation.order()[0]])


def my_ranking(
    view: SessionView, pack: ContentPack, title_key: str = "participant.my_ranking"
) -> Evaluation:
    """The participant's ranking under a heading, as bars; returns the evaluation behind it."""
    evaluation = my_evaluation(view, pack)
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
    """Options best first as bars; tied options share their place and are named as tied."""
    names = option_names(pack, coerce_lang(reader_lang()), badge=False)
    leaders = [plain(names[option]) for place, option, _ in rows if place == 1]
    if len(leaders) > 1:
        st.caption(tr("results.sens.tie", options=names_list(leaders)))
    for place, option, score in rows:
        badge = f" · {tr('common.hybrid')}" if option in hybrids else ""
        st.progress(score, text=f"{place}. {plain(names[option])}{badge} — {percent(score)}")
