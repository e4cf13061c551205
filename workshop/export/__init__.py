"""Exports a facilitator can hand over: XLSX, CSV, JSON (re-importable), the decision record.

Pure functions returning bytes, registered in one place (:mod:`workshop.export.registry`)::

    from workshop.export import FORMATS, build_snapshot, import_session

    snapshot = build_snapshot(store, code, key)          # one read of the session, privacy applied
    data = FORMATS["xlsx"].render(snapshot)              # or "csv", "json", "html", "pdf", "charts"
    name = FORMATS["xlsx"].file_name(snapshot)
    created = import_session(store, json_bytes)          # a JSON export → a new session

Modules: ``snapshot`` (what is read and what privacy leaves out), ``tables`` + ``xlsx`` +
``csvzip`` (the spreadsheets), ``json_export`` (schema version 3) and its import
(``json_parse``: limits and strict parsing, ``json_checks``: the whole file checked into a plan,
``json_import``: the plan written as a new session), ``summary`` (a round's group results as
exported, and the earlier workshop's results an import keeps), ``record`` (the decision
record's content) + ``record_html`` + ``pdf`` (its two layouts), ``chart_specs`` (the wall's
charts as Vega-Lite specs and data, shared with the projector), ``wall_charts`` (those charts of
a round, for a snapshot), ``charts`` (wall charts rendered without a browser), ``words``
(numbers and sentences in German and English).

Like every domain module this package imports neither Streamlit nor SQLAlchemy: it reads through
the store's public methods, and the chart maker (:func:`~workshop.export.wall_charts.wall_charts`)
is handed in by the caller.
"""

from __future__ import annotations

from workshop.export.json_export import SCHEMA_VERSION
from workshop.export.json_import import import_session
from workshop.export.json_parse import ImportRejected
from workshop.export.registry import FORMATS, ExportFormat, UnknownFormat, get_format, render
from workshop.export.snapshot import ChartMaker, ChartSpec, RoundSnapshot, Snapshot, build_snapshot

__all__ = [
    "FORMATS",
    "SCHEMA_VERSION",
    "ChartMaker",
    "ChartSpec",
    "ExportFormat",
    "ImportRejected",
    "RoundSnapshot",
    "Snapshot",
    "UnknownFormat",
    "build_snapshot",
    "get_format",
    "import_session",
    "render",
]
