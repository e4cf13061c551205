"""Group aggregation: many participants' weights, rankings and votes brought together.

* weights — :func:`normalise_profiles`, :func:`aggregate_weights` (mean, median, renormalised
  geometric mean), :func:`spread` (quartiles, IQR, coefficient of variation);
* consensus — :func:`kendalls_w` (rankings, tie-corrected) and :func:`tastle_wierman` (an ordinal
  scale's frequencies);
* votes — :func:`tally_single`, :func:`tally_dots`, :func:`borda` and :func:`validate_vote`.

The group ranking the app shows uses the *median* weights: a few extreme participants move a
median far less than a mean (a 1,600-person workshop elsewhere needed outlier filtering for this).

Bad numbers are refused with :class:`~workshop.errors.InvalidNumbers` (a ``ValueError``): NaN,
infinite or negative weights or frequencies, and scales with NaN points or zero width.  Tallies
refuse votes naming unknown options, negative dots or repeated places with
:class:`~workshop.engine.ballots.InvalidVote`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Literal

import numpy as np
import pandas as pd

from workshop.engine.ballots import InvalidVote
from workshop.errors import InvalidNumbers

Method = Literal["mean", "median", "geomean"]

#: Normalised weights below this floor count as the floor in the geometric mean, so that one
#: participant's zero cannot veto a criterion for the whole group.
GEOMEAN_FLOOR = 1e-3

VoteMode = Literal["single", "dots", "ranking"]


def normalise_profiles(profiles: pd.DataFrame) -> pd.DataFrame:
    """Rows (participants) scaled to sum 1; an all-zero row becomes equal weights.

    Raises :class:`InvalidNumbers` when a weight is NaN, infinite or negative.
    """
    values = _non_negative(profiles.to_numpy(dtype=np.float64), "Weight profiles")
    with np.errstate(over="ignore"):
        totals = values.sum(axis=1, keepdims=True)
    if not np.all(np.isfinite(totals)):  # huge weights: scale each row by its largest first
        values = values / values.max(axis=1, keepdims=True)
        totals = values.sum(axis=1, keepdims=True)
    equal = np.full_like(values, 1.0 / max(values.shape[1], 1))
    normalised = np.divide(values, totals, out=equal, where=totals > 0.0)
    return pd.DataFrame(normalised, index=profiles.index, columns=profiles.columns)


def aggregate_weights(profiles: pd.DataFrame, method: Method = "median") -> pd.Series:
    """The group's weights (summing to 1) from participants' raw weight profiles."""
    weights = normalise_profiles(profiles).to_numpy()
    if weights.shape[0] == 0:
        raise ValueError("No weight profiles to aggregate.")
    return pd.Series(combine(weights, method), index=profiles.columns, name=method)


def combine(weights: np.ndarray, method: Method) -> np.ndarray:
    """Aggregate normalised weight rows (participants × criteria) and renormalise to sum 1."""
    if method == "mean":
        combined = weights.mean(axis=0)
    elif method == "median":
        combined = np.median(weights, axis=0)
    elif method == "geomean":
        combined = np.exp(np.log(np.maximum(weights, GEOMEAN_FLOOR)).mean(axis=0))
    else:
        raise ValueError(f"Unknown aggregation method {method!r}.")
    total = combined.sum()
    if total <= 0.0:  # e.g. medians all zero when everyone backs a different single criterion
        combined, total = weights.mean(axis=0), 1.0
    return np.asarray(combined / total, dtype=np.float64)


def spread(profiles: pd.DataFrame) -> pd.DataFrame:
    """Per criterion over normalised weights: median, quartiles, IQR, mean, std and CV (σ/μ)."""
    weights = normalise_profiles(profiles)
    q1, median, q3 = (weights.quantile(q) for q in (0.25, 0.5, 0.75))
    mean = weights.mean()
    std = weights.std(ddof=0)
    cv = std / mean.where(mean > 0.0)
    return pd.DataFrame(
        {"median": median, "q1": q1, "q3": q3, "iqr": q3 - q1, "mean": mean, "std": std, "cv": cv}
    )


def _non_negative(values: np.ndarray, what: str) -> np.ndarray:
    """`values` unchanged; raises :class:`InvalidNumbers` for NaN, infinite or negative ones."""
    if not np.all(np.isfinite(values)):
        raise InvalidNumbers(f"{what} must not hold NaN or infinite values.")
    if np.any(values < 0.0):
        raise InvalidNumbers(f"{what} must not be negative.")
    return values


def average_ranks(scores: pd.DataFrame, higher_first: bool = True) -> pd.DataFrame:
    """Rank each row's items 1..n (1 = highest score by default); ties get their average rank."""
    return scores.rank(axis=1, method="average", ascending=not higher_first)


def kendalls_w(rankings: pd.DataFrame) -> float:
    """Kendall's coefficient of concordance W, corrected for ties.

    `rankings`: raters × items, each row the rater's ranks (ties as average ranks).
    ``W = 12·S / (m²(n³ − n) − m·ΣT)`` with S the squared deviations of the rank sums from their
    mean and ``T = Σ(t³ − t)`` over each rater's groups of t tied ranks (Kendall & Smith 1939).
    """
    ranks = rankings.to_numpy(dtype=np.float64)
    if not np.all(np.isfinite(ranks)):
        raise InvalidNumbers("Rankings must not hold NaN or infinite values.")
    m, n = ranks.shape
    if m < 2 or n < 2:
        raise ValueError("Kendall's W needs at least two raters and two items.")
    sums = ranks.sum(axis=0)
    s = float(((sums - sums.mean()) ** 2).sum())
    ties = sum(_tie_term(row) for row in ranks)
    denominator = m * m * (n**3 - n) - m * ties
    return 1.0 if denominator <= 0.0 else 12.0 * s / denominator


def _tie_term(row: np.ndarray) -> float:
    _, counts = np.unique(row, return_counts=True)
    return float((counts**3 - counts).sum())


def tastle_wierman(
    frequencies: Sequence[float] | np.ndarray, values: Sequence[float] | None = None
) -> float:
    """Tastle & Wierman (2007) consensus of an ordinal scale from its frequencies, in [0, 1].

    ``Cns = 1 + Σ p_i·log2(1 − |X_i − μ|/d)`` with d the width of the scale.  1 means everyone
    chose the same point; 0 means an even split between the two ends.
    """
    counts = _non_negative(np.asarray(frequencies, dtype=np.float64), "Frequencies")
    points = (
        np.arange(1, counts.size + 1, dtype=np.float64)
        if values is None
        else np.asarray(values, dtype=np.float64)
    )
    if points.shape != counts.shape or not np.all(np.isfinite(points)):
        raise InvalidNumbers("Give one finite scale point per frequency.")
    with np.errstate(over="ignore"):
        total = counts.sum()
    if counts.size < 2 or total <= 0.0 or float(points.max() - points.min()) <= 0.0:
        raise InvalidNumbers(
            "Consensus needs a scale of at least two distinct points and some answers."
        )
    if not np.isfinite(total):  # huge counts: only their proportions matter
        counts = counts / counts.max()
        total = counts.sum()
    p = counts / total
    mean = float((p * points).sum())
    width = float(points.max() - points.min())
    used = p > 0.0
    return 1.0 + float((p[used] * np.log2(1.0 - np.abs(points[used] - mean) / width)).sum())


def tally_single(votes: Iterable[str], options: Sequence[str]) -> pd.Series:
    """Count single-choice votes per option (every option listed, zeros included)."""
    counts = dict.fromkeys(options, 0)
    for choice in votes:
        if choice not in counts:
            raise InvalidVote(f"Unknown option {choice!r}.")
        counts[choice] += 1
    return pd.Series(counts, name="votes", dtype="int64")


def tally_dots(allocations: Iterable[Mapping[str, int]], options: Sequence[str]) -> pd.Series:
    """Total dots per option over all participants' allocations."""
    totals = dict.fromkeys(options, 0)
    for allocation in allocations:
        for option, dots in allocation.items():
            if option not in totals:
                raise InvalidVote(f"Unknown option {option!r}.")
            if isinstance(dots, bool) or not isinstance(dots, int) or dots < 0:
                raise InvalidVote(f"Dots for {option!r} must be a whole number of at least 0.")
            totals[option] += dots
    return pd.Series(totals, name="dots", dtype="int64")


def borda(rankings: Iterable[Sequence[str]], options: Sequence[str]) -> pd.Series:
    """Borda points: an option in place r (1-based) of n options gets n − r; unranked get 0."""
    n = len(options)
    points = dict.fromkeys(options, 0)
    for ranking in rankings:
        if len(set(ranking)) != len(ranking):
            raise InvalidVote("The ranking names an option twice.")
        for place, option in enumerate(ranking, start=1):
            if option not in points:
                raise InvalidVote(f"Unknown option {option!r}.")
            points[option] += n - place
    return pd.Series(points, name="borda", dtype="int64")


def validate_vote(
    mode: VoteMode, vote: Any, options: Sequence[str], budget: int = 5, cap: int = 3
) -> dict[str, Any]:
    """Check a vote against the session's mode and return it in canonical form.

    single: ``{"choice": option}``; dots: ``{"dots": {option: n}}`` with n ≥ 0, at most `cap`
    per option and `budget` in total; ranking: ``{"ranking": [options…]}`` without repeats.
    Raises :class:`InvalidVote` with a message naming the problem.
    """
    if not isinstance(vote, Mapping):
        raise InvalidVote("A vote must be an object.")
    known = set(options)
    if mode == "single":
        choice = vote.get("choice")
        if choice not in known:
            raise InvalidVote(f"Unknown option {choice!r}.")
        return {"choice": choice}
    if mode == "dots":
        return {"dots": _valid_dots(vote.get("dots"), known, budget, cap)}
    if mode == "ranking":
        return {"ranking": _valid_ranking(vote.get("ranking"), known)}
    raise InvalidVote(f"Unknown vote mode {mode!r}.")


def _valid_dots(dots: Any, known: set[str], budget: int, cap: int) -> dict[str, int]:
    if not isinstance(dots, Mapping):
        raise InvalidVote("Dots must map options to numbers.")
    clean: dict[str, int] = {}
    for option, count in dots.items():
        if option not in known:
            raise InvalidVote(f"Unknown option {option!r}.")
        if isinstance(count, bool) or not isinstance(count, int) or count < 0:
            raise InvalidVote(f"Dots for {option!r} must be a whole number of at least 0.")
        if count > cap:
            raise InvalidVote(f"At most {cap} dots per option.")
        if count:
            clean[option] = count
    if sum(clean.values()) > budget:
        raise InvalidVote(f"At most {budget} dots in total.")
    return clean


def _valid_ranking(ranking: Any, known: set[str]) -> list[str]:
    if not isinstance(ranking, Sequence) or isinstance(ranking, str) or not ranking:
        raise InvalidVote("A ranking must list at least one option.")
    if any(option not in known for option in ranking):
        raise InvalidVote("The ranking names an unknown option.")
    if len(set(ranking)) != len(ranking):
        raise InvalidVote("The ranking names an option twice.")
    return [str(option) for option in ranking]
