"""How the group moved between two rounds: weights, ranks, votes and the leaders."""

from __future__ import annotations

from workshop.rounds.figures import (
    RankShift,
    RoundResults,
    RoundShift,
    VoteShift,
    WeightShift,
)

# --------------------------------------------------------------------------- rounds


def round_shift(before: RoundResults, after: RoundResults) -> RoundShift:
    """How weights, ranks and (same-mode) votes moved between two visible rounds."""
    if before.evaluation is None or after.evaluation is None:
        raise ValueError("Both rounds must be visible to compare them.")
    weights = tuple(
        WeightShift(b.criterion, b.weight, a.weight)
        for b, a in zip(before.weights, after.weights, strict=True)
    )
    earlier = {r.option: r for r in before.ranking}
    ranks = tuple(
        RankShift(r.option, earlier[r.option].rank, r.rank, earlier[r.option].score, r.score)
        for r in after.ranking
        if r.option in earlier
    )
    votes: tuple[VoteShift, ...] = ()
    old_tally, new_tally = before.tally, after.tally
    if old_tally is not None and new_tally is not None and old_tally.mode == new_tally.mode:
        votes = tuple(
            VoteShift(o, old_tally.totals.get(o, 0), n) for o, n in new_tally.totals.items()
        )
    return RoundShift(
        before=before.round,
        after=after.round,
        weights=weights,
        ranks=ranks,
        votes=votes,
        winner_before=before.evaluation.winner,
        winner_after=after.evaluation.winner,
        tied_before=before.evaluation.tied_winners,
        tied_after=after.evaluation.tied_winners,
    )
