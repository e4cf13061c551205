"""The format registry, the snapshot's key check, and the wall charts as PNG."""

from __future__ import annotations

import io
import time
import zipfile

import pytest
from export_support import EXPORTED_AT

from workshop.errors import WrongFacilitatorKey
from workshop.export import FORMATS, Snapshot, UnknownFormat, build_snapshot, get_format, render
from workshop.export.charts import chart_png, chart_svg
from workshop.export.json_parse import IMPORT_REASONS
from workshop.export.registry import slug
from workshop.store import Store
from workshop.text.catalog import CATALOG


def test_registry_lists_every_format_once() -> None:
    """xlsx, csv, json, html, pdf and the chart PNGs, each with a content type and suffix."""
    assert list(FORMATS) == ["xlsx", "csv", "json", "html", "pdf", "charts"]
    assert FORMATS["pdf"].content_type == "application/pdf"
    assert FORMATS["csv"].suffix.endswith(".zip")


@pytest.mark.parametrize("format_id", list(FORMATS))
def test_every_format_renders_bytes_with_a_file_name(format_id: str, snapshot: Snapshot) -> None:
    """Each registered function returns non-empty bytes; names carry title, code and date."""
    fmt = get_format(format_id)
    data = render(format_id, snapshot)
    assert isinstance(data, bytes) and data
    assert (
        fmt.file_name(snapshot)
        == f"kick-off-kundenservice-sud-{snapshot.code}-2026-03-14{fmt.suffix}"
    )
    magic = {
        "xlsx": b"PK",
        "csv": b"PK",
        "charts": b"PK",
        "pdf": b"%PDF",
        "json": b"{",
        "html": b"<!DOCTYPE",
    }
    assert data.startswith(magic[format_id])


@pytest.mark.parametrize("format_id", ["xlsx", "csv", "json", "pdf"])
def test_same_snapshot_same_bytes(format_id: str, snapshot: Snapshot) -> None:
    """Rendering is deterministic: equal snapshots give equal files (diffable, cacheable),
    also across a tick of the clock (zip members carry 2-second timestamps)."""
    first = render(format_id, snapshot)
    time.sleep(2.1)
    assert render(format_id, snapshot) == first


def test_unknown_format_is_a_named_error() -> None:
    """Asking for a format that does not exist raises UnknownFormat (a NotFound)."""
    with pytest.raises(UnknownFormat):
        get_format("docx")


def test_snapshot_needs_the_facilitator_key(shared_store: Store, seeded) -> None:  # type: ignore[no-untyped-def]
    """Without the right key nothing is read."""
    with pytest.raises(WrongFacilitatorKey):
        build_snapshot(shared_store, seeded.code, "not-the-key")


def test_slug_makes_ascii_file_names() -> None:
    """Umlauts are folded, anything else becomes a dash; an empty title still gives a name."""
    assert slug("Kick-off Süd: Piloten/2026") == "kick-off-sud-piloten-2026"
    assert slug("„“") == "workshop"


def test_wall_charts_render_to_png_and_svg(snapshot: Snapshot) -> None:
    """Each visible round has ranking, weights and votes charts; round 2 also the shift."""
    kinds = [(c.round, c.kind) for c in snapshot.charts]
    assert kinds == [
        (1, "ranking"),
        (1, "weights"),
        (1, "votes"),
        (2, "ranking"),
        (2, "weights"),
        (2, "votes"),
        (2, "shift"),
    ]
    chart = snapshot.charts[1]
    assert chart_png(chart).startswith(b"\x89PNG")
    assert chart_svg(chart).lstrip().startswith("<svg")
    assert "Erstlösungsquote" in chart_svg(chart)


def test_charts_zip_holds_one_png_per_chart(snapshot: Snapshot) -> None:
    """The charts format zips round1-ranking.png and so on."""
    archive = zipfile.ZipFile(io.BytesIO(render("charts", snapshot)))
    assert archive.namelist() == [f"{c.name}.png" for c in snapshot.charts]
    assert archive.read("round2-shift.png").startswith(b"\x89PNG")


def test_every_composed_export_key_exists() -> None:
    """Keys the code builds (format labels, import reasons, sheets) exist in the catalog."""
    keys = [f"export.format.{f}" for f in FORMATS] + [f"export.format_help.{f}" for f in FORMATS]
    keys += [f"export.import_error.{r}" for r in IMPORT_REASONS]
    keys += [f"export.sheet.{t}" for t in ("summary", "notes")]
    keys += [f"export.col.total.{m}" for m in ("single", "dots", "ranking")]
    assert [k for k in keys if k not in CATALOG] == []


def test_exported_at_is_the_fixed_time(snapshot: Snapshot) -> None:
    """The module's snapshot uses the fixed export time (guards the file-name test)."""
    assert snapshot.exported_at == EXPORTED_AT
