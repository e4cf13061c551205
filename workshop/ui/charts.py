"""Drawing the wall's and the explorer's charts with Streamlit.

The specs and the data frames are Streamlit-free (:mod:`workshop.export.chart_specs`, shared with
the exports); this module only hands them to ``st.vega_lite_chart``.
"""

from __future__ import annotations

import pyarrow as pa
import streamlit as st

from workshop.content import Lang
from workshop.export.chart_specs import ChartKind, Size, spec


def draw(kind: ChartKind, data: pa.Table, lang: Lang, size: Size = "wall", mode: str = "") -> None:
    """Draw a chart: the cached spec of `kind`, with this data.

    No widget key: a chart without selections keeps its place (and the browser swaps its data
    in place) as long as the spec is the same object content, which :func:`spec` guarantees.
    """
    st.vega_lite_chart(data, spec(kind, lang, size, mode), width="stretch")
