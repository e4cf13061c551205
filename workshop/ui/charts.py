"""Drawing the wall's and the explorer's charts with Streamlit.

The specs and the data frames are Streamlit-free (:mod:`workshop.export.chart_specs`, shared with
the exports); this module only hands them to ``st.vega_lite_chart``.
"""

from __future__ import annotations

import functools
from typing import Any, Literal

import pyarrow as pa
import streamlit as st

from workshop.content import Lang
from workshop.export.chart_specs import ChartKind, Size, spec


def draw(
    kind: ChartKind,
    data: pa.Table,
    lang: Lang,
    size: Size = "wall",
    mode: str = "",
    width: int | Literal["stretch"] = "stretch",
    alt: str | None = None,
) -> None:
    """Draw a chart: the cached spec of `kind`, with this data.

    No widget key: a chart without selections keeps its place (and the browser swaps its data
    in place) as long as the spec is the same object content, which :func:`spec` guarantees.
    `width` in CSS pixels fixes the width (the wall lays out a canvas it zooms, and a stretched
    chart would measure the zoomed width); `alt` describes the chart to a screen reader.
    """
    st.vega_lite_chart(data, _quiet(kind, lang, size, mode), width=width, alt=alt)


@functools.cache
def _quiet(kind: ChartKind, lang: Lang, size: Size, mode: str) -> dict[str, Any]:
    """The spec without Vega's own ARIA texts for axes, legends and marks.

    Vega describes each of them in English ("X-axis titled …", "label: …; group: …") from the
    data's column names; `alt` names the chart in the reader's language instead.  Layered marks
    ignore ``config.aria``, so each mark says ``aria: false`` as well.
    """
    base = _marks_quiet(spec(kind, lang, size, mode))
    return {**base, "config": {**base.get("config", {}), "aria": False}}


def _marks_quiet(node: Any) -> Any:
    if isinstance(node, list):
        return [_marks_quiet(item) for item in node]
    if not isinstance(node, dict):
        return node
    copy = {key: _marks_quiet(value) for key, value in node.items()}
    mark = copy.get("mark")
    if isinstance(mark, (str, dict)):
        copy["mark"] = (
            {"type": mark, "aria": False} if isinstance(mark, str) else {**mark, "aria": False}
        )
    return copy
