"""Phase 7, results: the participant's weights beside the group's, the group's ranking, what
happens next (the pilot plan) and what an option changes for a role."""

from __future__ import annotations

import streamlit as st

from workshop.content import ContentPack
from workshop.rounds.results import RankedOption, RoundResults
from workshop.store import SessionView
from workshop.text.i18n import coerce_lang
from workshop.text.wording import option_names
from workshop.ui.participant import pilot, role_changes
from workshop.ui.participant.mirror import my_weights
from workshop.ui.participant.ranking import my_ranking, my_scores, ranking_bars, top_option
from workshop.ui.runtime import percent, plain, reader_lang, text_md, tr
from workshop.web import services


def draw(view: SessionView, pack: ContentPack, token: str) -> None:
    """The results phase: own weights beside the group's and the group's ranking, once revealed;
    then the pilot plan, if set, and what an option changes for a role."""
    _results(view, pack)
    pilot.draw(view, pack)
    role_changes.draw(view, pack, top_option(my_scores(view, pack)))


def _results(view: SessionView, pack: ContentPack) -> None:
    """Own weights beside the group's and the group's ranking, once revealed."""
    if not view.revealed:
        st.info(tr("participant.results_hidden"), icon=":material/visibility_off:")
        my_ranking(view, pack)
        return
    results = services.results_of(view)  # the same results the wall shows
    _vote_result(pack, results)
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
    # One element, a paragraph per criterion: the reveal redraws every phone at once.
    st.markdown(
        "\n\n".join(
            f"**{text_md(criterion.name)}** — {tr('participant.you')} {percent(own)} · "
            f"{tr('participant.group')} {percent(theirs)}"
            for own, theirs, criterion in sorted(rows, key=lambda row: -abs(row[0] - row[1]))
        )
    )
    _group_ranking(pack, results.ranking)


def _group_ranking(pack: ContentPack, ranking: tuple[RankedOption, ...]) -> None:
    st.markdown(f"#### {tr('participant.group_ranking')}")
    rows = [(o.rank, o.option, o.score) for o in ranking]
    ranking_bars(pack, rows, {o.option for o in ranking if o.hybrid})


def _vote_result(pack: ContentPack, results: RoundResults) -> None:
    """The vote's result as the wall shows it: the tally of valid votes, from its threshold."""
    st.markdown(f"#### {tr('participant.vote_result')}")
    tally = results.tally
    if tally is None:
        st.caption(tr("participant.vote_too_few", votes=results.votes, threshold=results.threshold))
        return
    how = tr(f"participant.vote_how.{tally.mode}")
    st.caption(tr("participant.vote_result_hint", votes=tally.votes, how=how))
    names = option_names(pack, coerce_lang(reader_lang()), badge=False)
    total = sum(tally.totals.values()) or 1
    hybrids = {o.option for o in results.ranking if o.hybrid}
    lines = []
    # Lines, not bars: the phone's bars are the group ranking (and stay that alone).
    for place, option in enumerate(tally.order(), start=1):
        points = tally.totals[option]
        if not points:
            continue  # an option nobody voted for: the list stays short on a phone
        badge = f" · {tr('common.hybrid')}" if option in hybrids else ""
        one = ".one" if points == 1 else ""
        key = f"participant.vote_amount.{tally.mode}{one}"
        amount = tr(key, n=points, share=percent(points / total))
        lines.append(f"{place}. **{plain(names[option])}**{badge} — {amount}")
    st.markdown("\n".join(lines))
