"""Phase 6, results: the participant's weights beside the group's, and the group's ranking."""

from __future__ import annotations

import streamlit as st

from workshop.content import ContentPack
from workshop.rounds.results import RankedOption
from workshop.store import SessionView
from workshop.ui.participant.mirror import my_weights
from workshop.ui.participant.ranking import my_ranking, ranking_bars
from workshop.ui.runtime import percent, text_md, tr
from workshop.web import services


def draw(view: SessionView, pack: ContentPack, token: str) -> None:
    """The results phase: own weights beside the group's and the group's ranking, once revealed."""
    if not view.revealed:
        st.info(tr("participant.results_hidden"), icon=":material/visibility_off:")
        my_ranking(view, pack)
        return
    results = services.results_of(view)  # the same results the wall shows
    if not results.visible:
        st.info(tr("participant.too_few", n=results.ballots, threshold=results.threshold))
        return
    mine = my_weights(view, pack)
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
    ranking_bars(pack, rows, {o.option for o in ranking if o.hybrid})
