"""Every export format, registered in one place: id → pure function ``(Snapshot) -> bytes``.

The console's download buttons and the ``/export/{code}.{format}`` route both iterate over
:data:`FORMATS`; adding a format here adds it to both.  Each entry says how to name the file and
which content type to send it with.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from types import MappingProxyType

from workshop.errors import NotFound
from workshop.export import charts, csvzip, json_export, pdf, record_html, xlsx
from workshop.export.snapshot import Snapshot


class UnknownFormat(NotFound):
    """No export format has this id (details: ``format``)."""

    message = "There is no such export format."


@dataclass(frozen=True)
class ExportFormat:
    """One export format: how to make it, what to call it, how to send it.

    ``id`` is used in URLs and catalog keys (``export.format.<id>``); ``suffix`` ends the file
    name; ``needs_charts``: the format is only useful with the wall's charts in the snapshot.
    """

    id: str
    suffix: str
    content_type: str
    render: Callable[[Snapshot], bytes]
    needs_charts: bool = False

    def file_name(self, snapshot: Snapshot) -> str:
        """``<title>-<code>-<yyyy-mm-dd><suffix>``: sortable, unique per session and day."""
        return self.name_for(snapshot.title, snapshot.code, snapshot.exported_at)

    def name_for(self, title: str, code: str, when: datetime) -> str:
        """The file name for a session's export made at `when` (before the snapshot exists)."""
        return f"{slug(title)}-{code}-{when.strftime('%Y-%m-%d')}{self.suffix}"


def slug(text: str, limit: int = 40) -> str:
    """A file-name-safe ASCII version of a title ("Kick-off Süd" → "kick-off-sud")."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    cleaned = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return cleaned[:limit].rstrip("-") or "workshop"


XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

_ALL = (
    ExportFormat("xlsx", ".xlsx", XLSX_TYPE, xlsx.workbook_bytes),
    ExportFormat("csv", "-csv.zip", "application/zip", csvzip.zip_bytes),
    ExportFormat("json", ".json", "application/json", json_export.json_bytes),
    ExportFormat("html", "-record.html", "text/html; charset=utf-8", record_html.html_bytes),
    ExportFormat("pdf", "-record.pdf", "application/pdf", pdf.pdf_bytes),
    ExportFormat("charts", "-charts.zip", "application/zip", charts.charts_zip, needs_charts=True),
)  # fmt: skip

#: The formats by id, in the order the console shows them.
FORMATS: Mapping[str, ExportFormat] = MappingProxyType({f.id: f for f in _ALL})


def get_format(format_id: str) -> ExportFormat:
    """The format with this id; :class:`UnknownFormat` otherwise."""
    try:
        return FORMATS[format_id]
    except KeyError:
        raise UnknownFormat(format=format_id) from None


def render(format_id: str, snapshot: Snapshot) -> bytes:
    """The snapshot in this format."""
    return get_format(format_id).render(snapshot)
