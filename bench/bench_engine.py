"""Engine benchmark: scoring 20 options × 20 criteria, and one incremental ballot at 1,000 people.

Prints medians and ratios against baselines measured in the same run (not a test; no assertions):
* full rescoring (weighted sum + TOPSIS + contributions + sensitivity) vs pymcdm's TOPSIS alone;
* one incremental ballot update vs a batch recompute of the same aggregates.
Targets (issue 2): rescoring < 2 ms median and faster than pymcdm; incremental ≥ 100× faster.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

import numpy as np
import pandas as pd
from pymcdm.methods import TOPSIS
from pymcdm.normalizations import vector_normalization

from workshop.engine import group
from workshop.engine.aggregator import WeightAggregator
from workshop.engine.scoring import ScoringModel


def median_seconds(fn: Callable[[], object], repeat: int = 2000) -> float:
    """Median wall time of one call, after a short warm-up."""
    for _ in range(20):
        fn()
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def bench_scoring(rng: np.random.Generator) -> None:
    n = k = 20
    criteria = tuple(f"C{j}" for j in range(k))
    matrix = rng.uniform(1, 5, (n, k))
    model = ScoringModel(tuple(f"O{i}" for i in range(n)), (), criteria, matrix)
    weights = rng.uniform(0.1, 1.0, k)
    normalised = weights / weights.sum()
    topsis = TOPSIS(normalization_function=vector_normalization)
    types = np.ones(k)
    ours = median_seconds(lambda: model.evaluate(weights))
    theirs = median_seconds(lambda: topsis(matrix, normalised, types, validation=False))
    print(f"full rescoring 20×20 (WSM+TOPSIS+sensitivity): {ours * 1e3:8.3f} ms median")
    print(f"pymcdm TOPSIS alone, same matrix:              {theirs * 1e3:8.3f} ms median")
    print(f"ratio pymcdm / ours:                           {theirs / ours:8.1f}×")


def bench_incremental(rng: np.random.Generator) -> None:
    criteria = tuple(f"C{j}" for j in range(14))
    people = 1000
    ballots = {
        p: dict(zip(criteria, rng.integers(0, 11, 14).tolist(), strict=True)) for p in range(people)
    }
    live = WeightAggregator(criteria)
    for p, values in ballots.items():
        live.upsert(p, values)
    changes = [
        dict(zip(criteria, rng.integers(0, 11, 14).tolist(), strict=True)) for _ in range(64)
    ]
    counter = iter(range(10**9))

    def incremental() -> None:
        i = next(counter)
        live.upsert(i % people, changes[i % len(changes)])

    def batch() -> None:
        profiles = pd.DataFrame.from_dict(ballots, orient="index")
        for method in ("mean", "median", "geomean"):
            group.aggregate_weights(profiles, method)
        group.spread(profiles)
        for column in profiles:
            counts = profiles[column].value_counts().reindex(range(11), fill_value=0)
            group.tastle_wierman(counts.to_numpy(), list(range(11)))

    inc = median_seconds(incremental, repeat=5000)
    full = median_seconds(batch, repeat=50)
    print(f"incremental ballot update, 1,000 people × 14:  {inc * 1e6:8.1f} µs median")
    print(f"batch recompute of the same aggregates:        {full * 1e6:8.1f} µs median")
    print(f"ratio batch / incremental:                     {full / inc:8.1f}×")


if __name__ == "__main__":
    generator = np.random.default_rng(7)
    bench_scoring(generator)
    bench_incremental(generator)
