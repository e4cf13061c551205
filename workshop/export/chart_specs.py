"""The wall's charts as data: Vega-Lite specs authored with Altair, and the tables they draw.

Streamlit-free, so the projector (:mod:`workshop.ui.charts` draws these), the explorer and the
exports (:mod:`workshop.export.wall_charts`: a slide shows what the room saw) share one
definition of every chart.

Building Altair chart objects costs about 30 ms per chart and refresh (docs/architecture.md,
"Measured capacity"), so every chart kind's spec is built once per language and size by :func:`spec`
(cached) and each refresh only hands new data to it.  A stable spec also lets the browser swap
the data in place instead of redrawing the chart.

Each ``*_frame`` function turns results into the small Arrow table its spec expects, built from
plain lists: Streamlit sends an Arrow table as it is, where a DataFrame costs a conversion of a
few milliseconds per chart on every draw.  Labels are already in the reader's language.  Option
labels come ready for the axis, in up to two lines (see :func:`wrap` and :func:`axis_options`:
a hybrid's badge must survive shortening); criterion names stay on one line (the axis shortens a
very long one).

Sizes: ``"wall"`` for a projector (axis labels 20 px, readable from the back of a room at
1920×1080), ``"screen"`` for a laptop or phone.

Colours: the Okabe–Ito palette, safe for the common colour-vision deficiencies.  A stacked bar
can tell at most seven criteria apart that way, so contributions show the seven heaviest criteria
and fold the rest into one grey "other criteria" segment (the explorer's table gives them all).
"""

from __future__ import annotations

import functools
import textwrap
from collections.abc import Mapping, Sequence
from typing import Any, Literal

import altair as alt
import numpy as np
import pyarrow as pa

from workshop.content import ContentPack, Lang
from workshop.engine.ballots import STATUS_QUO
from workshop.rounds.resistance import OptionResistance
from workshop.rounds.results import GroupWeight, RankedOption, RoundShift, VoteTally
from workshop.text.i18n import t
from workshop.text.wording import option_names

ChartKind = Literal["weights", "ranking", "votes", "shift", "resistance"]
Size = Literal["wall", "screen"]

#: Okabe & Ito (2008) without black: distinguishable with every common colour-vision deficiency.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442")
OTHER_COLOUR = "#9E9E9E"
#: Criteria shown separately in contribution bars; the rest form "other criteria".
TOP_CRITERIA = len(PALETTE)
BAR_COLOUR = PALETTE[0]
BEFORE_COLOUR = "#9E9E9E"
RULE_COLOUR = "#222222"
#: Text on charts: near-black, like the page text (the theme's default grey is too faint).
INK = "#14212e"

#: Font sizes and row heights per size (px).  The wall's 20 px labels stay readable at 1080p.
_FONT = {"wall": 20, "screen": 14}
_ROW = {"wall": 36, "screen": 30}  # one-line rows (criteria)
_ROW2 = {"wall": 50, "screen": 42}  # rows with up to two label lines (options)
_WRAP = {"wall": 40, "screen": 46}  # characters per label line (screen: above the bar)
_SCREEN_BAR = 16  # bar thickness on a screen, with the option's name above it
_SCREEN_RANK_ROW = 62  # two lines of name (about 36 px) and the bar below them
_SCREEN_BAR_OFFSET = 15  # the bar's middle below the row's middle


# --------------------------------------------------------------------------- specs


@functools.cache
def spec(kind: ChartKind, lang: Lang, size: Size = "wall", mode: str = "") -> dict[str, Any]:
    """The Vega-Lite spec of a chart kind (built once; treat the result as read-only).

    `mode` is the vote mode for ``"votes"`` (its axis title differs), else empty.
    """
    builders = {
        "weights": _weights_chart,
        "ranking": _ranking_chart,
        "votes": _votes_chart,
        "shift": _shift_chart,
        "resistance": _resistance_chart,
    }
    chart = builders[kind](lang, size, mode)
    built: dict[str, Any] = chart.to_dict()
    # Streamlit supplies the data on every draw; Altair marks each data-less view "empty".
    built.pop("datasets", None)
    for view in (built, *built.get("layer", ())):
        view.pop("data", None)
    # Fit the width to the column; the height follows the number of rows (a "step" per row).
    built["autosize"] = {"type": "fit-x", "contains": "padding"}
    return built


def _config(chart: alt.TopLevelMixin, size: Size) -> alt.TopLevelMixin:
    """Large, plain type and no chart border, for every chart of a size."""
    font = _FONT[size]
    configured: alt.TopLevelMixin = (
        chart.configure_axis(
            labelColor=INK,
            titleColor=INK,
            labelFontSize=font,
            titleFontSize=font,
            titleFontWeight="normal",
            labelLimit=460 if size == "wall" else 260,
            grid=True,
            gridOpacity=0.4,
        )
        .configure_legend(
            labelColor=INK,
            labelFontSize=font,
            titleFontSize=font,
            titleFontWeight="normal",
            labelLimit=380 if size == "wall" else 240,
            symbolSize=font * 12,
            orient="bottom",
            columns=2,
            direction="horizontal",
        )
        .configure_view(strokeWidth=0)
    )
    return configured


def _label_axis(size: Size) -> alt.Axis:
    """The category axis: long labels wrapped at the line breaks the frames put in."""
    return alt.Axis(
        title=None,
        labelExpr="split(datum.label, '\\n')",
        labelLineHeight=_FONT[size] + 4,
        labelPadding=8,
        ticks=False,
        domain=False,
    )


def _percent_axis(lang: Lang, key: str) -> alt.Axis:
    # Whole percent steps: small shares (a few percent each) must not repeat a rounded label.
    return alt.Axis(title=t(key, lang), format=".0%", tickCount=5, tickMinStep=0.01)


def _weights_chart(lang: Lang, size: Size, mode: str) -> alt.TopLevelMixin:
    """Group weight per criterion (median bar) with the middle half of the group (rule)."""
    y = alt.Y("label:N", sort=alt.EncodingSortField("order"), axis=_label_axis(size))
    base = alt.Chart().encode(y=y)
    bars = base.mark_bar(color=BAR_COLOUR, opacity=0.85, cornerRadiusEnd=3).encode(
        x=alt.X("weight:Q", axis=_percent_axis(lang, "wall.chart.weight_axis")),
        tooltip=[
            alt.Tooltip("label:N", title=t("common.criterion", lang)),
            alt.Tooltip("weight:Q", title=t("common.weight", lang), format=".1%"),
            alt.Tooltip("low:Q", title=t("wall.chart.q1", lang), format=".1%"),
            alt.Tooltip("high:Q", title=t("wall.chart.q3", lang), format=".1%"),
        ],
    )
    rule = base.mark_rule(color=RULE_COLOUR, strokeWidth=3 if size == "wall" else 2).encode(
        x="low:Q", x2="high:Q"
    )
    ends = base.mark_tick(color=RULE_COLOUR, thickness=3, size=_ROW[size] * 0.45).encode(x="low:Q")
    ends_high = base.mark_tick(color=RULE_COLOUR, thickness=3, size=_ROW[size] * 0.45).encode(
        x="high:Q"
    )
    layered = alt.layer(bars, rule, ends, ends_high).properties(height=alt.Step(_ROW[size]))
    return _config(layered, size)


def _ranking_chart(lang: Lang, size: Size, mode: str) -> alt.TopLevelMixin:
    """Options best first, each bar stacked from its criteria's contributions, score at the end.

    On the wall the option names form the axis; on a screen (a phone is 360–430 px wide) they
    stand above their bars instead, so the bars get the whole width.  The wall shows one bar
    per option in one colour (see :func:`_wall_ranking_chart`).
    """
    if size == "wall":
        return _wall_ranking_chart(lang)
    y = alt.Y("label:N", sort=alt.EncodingSortField("rank", op="min"), axis=None)
    base = alt.Chart().encode(y=y)
    colour = alt.Color(
        "group:N",
        sort=alt.EncodingSortField("slot", op="min"),
        scale=alt.Scale(range=[*PALETTE, OTHER_COLOUR]),
        # One column on a phone: more would be cut off.
        legend=alt.Legend(title=None, columns=1),
    )
    # The name takes the top of the row (up to two lines), the bar sits below it.
    mark = base.mark_bar(
        stroke="white", strokeWidth=1, size=_SCREEN_BAR, yOffset=_SCREEN_BAR_OFFSET
    )
    bars = mark.encode(
        x=alt.X(
            "sum(points):Q",
            title=t("wall.chart.score_axis", lang),
            stack="zero",
            axis=alt.Axis(tickCount=6),
        ),
        color=colour,
        order=alt.Order("slot:Q", sort="ascending"),
        tooltip=[
            alt.Tooltip("label:N", title=t("common.option", lang)),
            alt.Tooltip("group:N", title=t("common.criterion", lang)),
            alt.Tooltip("points:Q", title=t("wall.chart.points", lang), format=".1f"),
        ],
    )
    totals = base.mark_text(
        align="left",
        dx=8,
        dy=_SCREEN_BAR_OFFSET,
        fontSize=_FONT[size] + 2,
        fontWeight="bold",
        color=RULE_COLOUR,
    ).encode(x="max(total):Q", text=alt.Text("max(total):Q", format=".0f"))
    names = (
        base.transform_filter("datum.slot == 0")  # one name per option, not one per segment
        .mark_text(
            align="left",
            baseline="top",
            dy=-_SCREEN_RANK_ROW / 2 + 2,  # from the row's middle to its top
            fontSize=_FONT[size],
            lineBreak="\n",
            color=INK,
        )
        .encode(x=alt.datum(0), text="label:N")
    )
    layered = alt.layer(bars, totals, names).properties(height=alt.Step(_SCREEN_RANK_ROW))
    return _config(layered, size)


def _wall_ranking_chart(lang: Lang) -> alt.TopLevelMixin:
    """The projector's ranking: one bar per option with its score written at its end.

    From the back of a room a stacked bar of fifteen criteria is mostly one grey "other"
    segment and a legend nobody can read; the total, directly labelled, is what the room
    discusses (the weights chart beside it shows what the group values).  First place is dark
    blue, the others a lighter blue.  The data are the same rows as the stacked chart's.
    """
    size: Size = "wall"
    base = (
        alt.Chart()
        .transform_aggregate(total="max(total)", rank="min(rank)", groupby=["label"])
        .encode(
            y=alt.Y("label:N", sort=alt.EncodingSortField("rank", op="min"), axis=_label_axis(size))
        )
    )
    bars = base.mark_bar(cornerRadiusEnd=3).encode(
        x=alt.X(
            "total:Q",
            title=t("wall.chart.score_axis", lang),
            scale=alt.Scale(domain=[0, 100]),
            axis=alt.Axis(tickCount=5),
        ),
        color=alt.condition("datum.rank == 1", alt.value(BAR_COLOUR), alt.value(PALETTE[4])),
        tooltip=[
            alt.Tooltip("label:N", title=t("common.option", lang)),
            alt.Tooltip("total:Q", title=t("wall.chart.points", lang), format=".1f"),
        ],
    )
    totals = base.mark_text(
        align="left", dx=8, fontSize=_FONT[size] + 2, fontWeight="bold", color=RULE_COLOUR
    ).encode(x="total:Q", text=alt.Text("total:Q", format=".0f"))
    return _config(alt.layer(bars, totals).properties(height=alt.Step(_ROW2[size])), size)


def _votes_chart(lang: Lang, size: Size, mode: str) -> alt.TopLevelMixin:
    """Votes, dots or Borda points per option, most first."""
    y = alt.Y("label:N", sort=alt.EncodingSortField("order"), axis=_label_axis(size))
    base = alt.Chart().encode(y=y)
    title = t(f"wall.chart.votes_axis.{mode or 'single'}", lang)
    bars = base.mark_bar(color=PALETTE[1], cornerRadiusEnd=3).encode(
        x=alt.X("value:Q", title=title, axis=alt.Axis(tickMinStep=1)),
        tooltip=[
            alt.Tooltip("label:N", title=t("common.option", lang)),
            alt.Tooltip("value:Q", title=title),
        ],
    )
    labels = base.mark_text(align="left", dx=8, fontSize=_FONT[size] + 2, color=RULE_COLOUR).encode(
        x="value:Q", text="value:Q"
    )
    return _config(alt.layer(bars, labels).properties(height=alt.Step(_ROW2[size])), size)


def _shift_chart(lang: Lang, size: Size, mode: str) -> alt.TopLevelMixin:
    """Each criterion's group weight in the previous round (grey) and now (blue), joined."""
    y = alt.Y("label:N", sort=alt.EncodingSortField("order", op="min"), axis=_label_axis(size))
    base = alt.Chart().encode(y=y)
    x = alt.X("value:Q", axis=_percent_axis(lang, "wall.chart.weight_axis"))
    rule = base.mark_line(color=RULE_COLOUR, strokeWidth=2).encode(x=x, detail="label:N")
    points = base.mark_circle(size=_FONT[size] * 16, opacity=1).encode(
        x=x,
        color=alt.Color(
            "round:N",
            sort=alt.EncodingSortField("side", op="min"),
            scale=alt.Scale(range=[BEFORE_COLOUR, BAR_COLOUR]),
            legend=alt.Legend(title=None, orient="top", columns=2),
        ),
        tooltip=[
            alt.Tooltip("label:N", title=t("common.criterion", lang)),
            alt.Tooltip("round:N", title=t("wall.chart.round", lang)),
            alt.Tooltip("value:Q", title=t("common.weight", lang), format=".1%"),
        ],
    )
    return _config(alt.layer(rule, points).properties(height=alt.Step(_ROW[size])), size)


def _resistance_chart(lang: Lang, size: Size, mode: str) -> alt.TopLevelMixin:
    """Each option's total resistance, least first, "keep as today" grey with a dashed line.

    The least resisted option(s) are dark blue, the others light blue; the dashed line at the
    total of keeping things as today shows at a glance which options the group would carry.
    The text at each bar's end is the frame's ``text`` (the total and how many rated strong
    resistance).  An invisible point at ``limit`` leaves room for that text.
    """
    # "min": layered domains keep a sort only with count, min or max (else alphabetical).
    y = alt.Y("label:N", sort=alt.EncodingSortField("order", op="min"), axis=_label_axis(size))
    base = alt.Chart().encode(y=y)
    title = t("wall.chart.resistance_axis", lang)
    colour = alt.Color(
        "kind:N",
        scale=alt.Scale(
            domain=["least", "other", "status_quo"],
            range=[BAR_COLOUR, PALETTE[4], OTHER_COLOUR],
        ),
        legend=None,
    )
    bars = base.mark_bar(cornerRadiusEnd=3).encode(
        x=alt.X("total:Q", title=title, axis=alt.Axis(tickMinStep=1, tickCount=5)),
        color=colour,
        tooltip=[
            alt.Tooltip("label:N", title=t("common.option", lang)),
            alt.Tooltip("total:Q", title=title),
            alt.Tooltip("high:Q", title=t("wall.chart.resistance_high", lang)),
        ],
    )
    # Without a y encoding the rule spans the whole height: the reference line.
    reference = (
        alt.Chart()
        .transform_filter("datum.kind == 'status_quo'")
        .mark_rule(color=RULE_COLOUR, strokeDash=[8, 5], strokeWidth=2)
        .encode(x="total:Q")
    )
    labels = base.mark_text(
        align="left", dx=8, fontSize=_FONT[size] + 2, fontWeight="bold", color=RULE_COLOUR
    ).encode(x="total:Q", text="text:N")
    room = base.mark_point(opacity=0).encode(x="limit:Q")
    layered = alt.layer(bars, reference, labels, room).properties(height=alt.Step(_ROW2[size]))
    return _config(layered, size)


# --------------------------------------------------------------------------- data


def wrap(label: str, size: Size = "wall", suffix: str = "") -> str:
    """A label in at most two lines (the category axes split at the line breaks).

    A longer label is shortened with "…"; `suffix` (e.g. "(Hybrid)") always stays visible.
    """
    full = f"{label} {suffix}" if suffix else label
    placeholder = f"… {suffix}" if suffix else "…"
    lines = textwrap.wrap(
        full, _WRAP[size], break_long_words=False, max_lines=2, placeholder=placeholder
    )
    return "\n".join(lines) or full


def axis_options(pack: ContentPack, lang: Lang, size: Size = "wall") -> dict[str, str]:
    """Option and hybrid labels for a chart axis of `size`: wrapped, hybrids marked.

    The names and the badge come from :func:`workshop.text.wording.option_names`; the badge is
    wrapped apart from the name so that a shortened label keeps it.
    """
    return option_names(pack, lang, fit=lambda name, badge: wrap(name, size, suffix=badge))


def weights_frame(weights: Sequence[GroupWeight], names: Mapping[str, str]) -> pa.Table:
    """One row per criterion, heaviest first: label, weight, low, high (shares), order."""
    ordered = sorted(weights, key=lambda w: -w.weight)
    return pa.table(
        {
            "label": [names[w.criterion] for w in ordered],
            "weight": [w.weight for w in ordered],
            "low": [w.low for w in ordered],
            "high": [w.high for w in ordered],
            "order": list(range(len(ordered))),
        }
    )


def criterion_groups(
    criteria: Sequence[str], weights: Sequence[float]
) -> tuple[list[int], list[str]]:
    """Slot per criterion for the stacked bars: the seven heaviest get 0–6, the rest slot 7.

    Returns the slot of each criterion (criterion order) and, per slot, a representative id
    ("" for the shared "other criteria" slot).
    """
    order = [int(k) for k in np.argsort(-np.asarray(weights, dtype=np.float64), kind="stable")]
    slots = [0] * len(criteria)
    # Seven named slots, then "other" as the eighth: the colour scale assigns the palette in
    # slot order, so "other" always lands on the grey after the seven palette colours.
    shown = order[:TOP_CRITERIA]
    names = []
    for slot, k in enumerate(shown):
        slots[k] = slot
        names.append(criteria[k])
    if len(shown) < len(criteria):
        for k in order[len(shown) :]:
            slots[k] = len(shown)
        names.append("")
    return slots, names


def ranking_frame(
    ranking: Sequence[RankedOption],
    criteria: Sequence[str],
    weights: Sequence[float],
    names: Mapping[str, str],
    option_labels: Mapping[str, str],
    other_label: str,
) -> pa.Table:
    """Rows (option, criterion group) with points of 100; heaviest criteria first in each bar."""
    slots, representatives = criterion_groups(criteria, weights)
    group_names = [names[c] if c else other_label for c in representatives]
    rows: dict[str, list[Any]] = {k: [] for k in ("label", "group", "slot", "points", "rank")}
    rows["total"] = []
    for position, option in enumerate(ranking, start=1):
        points = [0.0] * len(group_names)
        for k, value in enumerate(option.contributions):
            points[slots[k]] += value * 100.0
        label = option_labels[option.option]
        for slot, value in enumerate(points):
            rows["label"].append(label)
            rows["group"].append(group_names[slot])
            rows["slot"].append(slot)
            rows["points"].append(value)
            rows["rank"].append(position)  # display order; tied options keep model order
            rows["total"].append(option.score * 100.0)
    return pa.table(rows)


def votes_frame(tally: VoteTally, option_labels: Mapping[str, str]) -> pa.Table:
    """One row per option with votes (all options for Borda), most first: label, value, order."""
    order = [o for o in tally.order() if tally.totals[o] > 0 or tally.mode == "ranking"]
    order = order or tally.order()[:1]  # an empty chart would lose its axis
    return pa.table(
        {
            "label": [option_labels[o] for o in order],
            "value": [tally.totals[o] for o in order],
            "order": list(range(len(order))),
        }
    )


def shift_frame(
    shift: RoundShift,
    names: Mapping[str, str],
    before_label: str,
    after_label: str,
) -> pa.Table:
    """Two rows per criterion (previous round, this round), biggest change first."""
    ordered = sorted(shift.weights, key=lambda w: -abs(w.change))
    rows: dict[str, list[Any]] = {k: [] for k in ("label", "round", "side", "value", "order")}
    for position, w in enumerate(ordered):
        for side, (round_label, value) in enumerate(
            ((before_label, w.before), (after_label, w.after))
        ):
            rows["label"].append(names[w.criterion])
            rows["round"].append(round_label)
            rows["side"].append(side)
            rows["value"].append(value)
            rows["order"].append(position)
    return pa.table(rows)


def resistance_frame(
    options: Sequence[OptionResistance],
    option_labels: Mapping[str, str],
    status_quo_label: str,
    texts: Sequence[str],
) -> pa.Table:
    """One row per option (and "keep as today"), least resistance first.

    Columns: label, total, high, kind ("least", "other" or "status_quo"), text (written at
    the bar's end, one per option in `options` order, in the reader's language), order and
    limit (the x axis reaches that far, so the text fits beside the longest bar).
    """
    least = min((o.total for o in options), default=0)
    longest = max((o.total for o in options), default=0)
    kinds = [
        "status_quo" if o.option == STATUS_QUO else "least" if o.total == least else "other"
        for o in options
    ]
    return pa.table(
        {
            "label": [
                status_quo_label if o.option == STATUS_QUO else option_labels[o.option]
                for o in options
            ],
            "total": [o.total for o in options],
            "high": [o.high for o in options],
            "kind": kinds,
            "text": list(texts),
            "order": list(range(len(options))),
            "limit": [max(longest * 1.35, 10.0)] * len(options),
        }
    )
