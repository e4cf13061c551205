"""The wall's charts of a round as export charts: the specs and data the projector draws.

Handed to :func:`~workshop.export.snapshot.build_snapshot` as its ``charts`` maker by the export
route and the console's chart downloads, so a slide or the decision record shows what the room
saw: the same specs (:func:`workshop.export.chart_specs.spec`) filled with the same data frames.
"""

from __future__ import annotations

from collections.abc import Callable

import pyarrow as pa

from workshop.export.chart_specs import (
    ChartKind,
    Size,
    axis_options,
    ranking_frame,
    shift_frame,
    spec,
    votes_frame,
    weights_frame,
)
from workshop.export.charts import with_data
from workshop.export.snapshot import ChartSpec, RoundSnapshot, Snapshot
from workshop.text.i18n import t
from workshop.text.wording import criterion_names

#: The chart sizes exported: print (the record) and the wall's (slides).
SIZES: tuple[Size, ...] = ("screen", "wall")


def wall_charts(snapshot: Snapshot, r: RoundSnapshot) -> list[ChartSpec]:
    """The wall's charts of one round, with data, in print and in wall size.

    Nothing for a round below the anonymity threshold.
    """
    results = r.results
    if not r.weights_visible or results.sensitivity is None:
        return []
    lang, pack = snapshot.lang, snapshot.pack
    names = criterion_names(pack, lang)
    weights = [w.weight for w in results.weights]
    other = t("wall.other_criteria", lang)

    def chart(
        kind: ChartKind, title: str, frame: Callable[[Size], pa.Table], mode: str = ""
    ) -> ChartSpec:
        specs = {
            size: with_data(spec(kind, lang, size, mode), frame(size).to_pylist()) for size in SIZES
        }
        name = f"round{r.number}-{kind}"
        return ChartSpec(name, kind, r.number, title, specs["screen"], specs["wall"])

    made = [
        chart(
            "ranking",
            t("export.chart.ranking", lang, number=r.number),
            lambda size: ranking_frame(
                results.ranking,
                results.criteria,
                weights,
                names,
                axis_options(pack, lang, size),
                other,
            ),
        ),
        chart(
            "weights",
            t("export.chart.weights", lang, number=r.number),
            lambda _: weights_frame(results.weights, names),
        ),
    ]
    tally = results.tally
    if tally is not None:
        made.append(
            chart(
                "votes",
                t("export.chart.votes", lang, number=r.number),
                lambda size: votes_frame(tally, axis_options(pack, lang, size)),
                mode=tally.mode,
            )
        )
    shift = results.shift
    if shift is not None:
        before = t("common.round", lang, number=shift.before)
        after = t("common.round", lang, number=shift.after)
        made.append(
            chart(
                "shift",
                t("export.chart.shift", lang, before=shift.before, after=shift.after),
                lambda _: shift_frame(shift, names, before, after),
            )
        )
    return made
