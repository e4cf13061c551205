"""Charts rendered on the server, without a browser: Vega-Lite → SVG or PNG with vl-convert.

The specs themselves are the wall's (:mod:`workshop.export.chart_specs` builds them with Altair;
:mod:`workshop.export.wall_charts` fills them and is handed to the snapshot as its
:data:`~workshop.export.snapshot.ChartMaker`), so a slide shows exactly what the projector
showed.  This module only renders and packs them:

* :func:`chart_png` — one chart as PNG for slides (the wall's large type, twice the pixels);
* :func:`chart_svg` — one chart as SVG for the printable record;
* :func:`charts_zip` — every chart of a snapshot as PNG files in one zip (an export format).

vl-convert takes about 0.3 s for an SVG and 0.8 s for a PNG, so renders are cached by the spec's
JSON text: the record's HTML and PDF and the PNG downloads of one snapshot draw each chart once.
"""

from __future__ import annotations

import functools
import io
import json
import zipfile
from collections.abc import Mapping
from typing import Any, Literal

import vl_convert as vlc

from workshop.export.snapshot import ChartSpec, Snapshot

#: Pixel widths of the drawing area: a 16:9 slide, and the text width of an A4 page.
WALL_WIDTH = 1100
PRINT_WIDTH = 640
#: PNG pixels per CSS pixel: sharp on slides; in print 1.6 gives about 150 dpi on an A4 page's
#: text width, and rendering costs grow with the pixels (1.6 is about a third cheaper than 2).
PNG_SCALE = 2.0
PRINT_PNG_SCALE = 1.6

Variant = Literal["wall", "screen"]


def _spec_text(chart: ChartSpec, variant: Variant) -> str:
    """The chart's spec as canonical JSON with a fixed width (the wall's specs stretch)."""
    spec: dict[str, Any] = dict(chart.wall if variant == "wall" else chart.screen)
    spec["width"] = WALL_WIDTH if variant == "wall" else PRINT_WIDTH
    spec.setdefault("background", "white")
    return json.dumps(spec, sort_keys=True, ensure_ascii=False, default=str)


@functools.lru_cache(maxsize=64)
def _render_png(spec_text: str, scale: float) -> bytes:
    png: bytes = vlc.vegalite_to_png(json.loads(spec_text), scale=scale)
    return png


@functools.lru_cache(maxsize=64)
def _render_svg(spec_text: str) -> str:
    svg: str = vlc.vegalite_to_svg(json.loads(spec_text))
    return svg


def chart_png(chart: ChartSpec, variant: Variant = "wall", scale: float = PNG_SCALE) -> bytes:
    """One chart as PNG (default: the wall's version, for slides)."""
    return _render_png(_spec_text(chart, variant), scale)


def chart_svg(chart: ChartSpec, variant: Variant = "screen") -> str:
    """One chart as SVG markup (default: the print version, for the record)."""
    return _render_svg(_spec_text(chart, variant))


def png_name(chart: ChartSpec) -> str:
    """The file name of a chart's PNG, e.g. ``round1-weights.png``."""
    return f"{chart.name}.png"


def charts_zip(snapshot: Snapshot) -> bytes:
    """Every chart of the snapshot as a PNG, zipped (stored: PNGs are compressed already)."""
    buffer = io.BytesIO()
    stamp = snapshot.exported_at.timetuple()[:6]
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_STORED) as archive:
        for chart in snapshot.charts:
            archive.writestr(zipfile.ZipInfo(png_name(chart), date_time=stamp), chart_png(chart))
    return buffer.getvalue()


def with_data(spec: Mapping[str, Any], rows: list[dict[str, Any]]) -> dict[str, Any]:
    """A data-less spec (as the wall keeps them) with these rows inlined."""
    return {**spec, "data": {"values": rows}}
