"""The CSV export: the same tables as the workbook, one CSV file each, in one zip.

Each file is UTF-8 with a byte-order mark (without it Excel reads UTF-8 as the local code page
and umlauts break), comma-separated, every field quoted where needed (RFC 4180), lines ending in
CRLF.  Numbers are written with a decimal point and full precision (``repr``), dates as ISO 8601
in UTC.  Text that starts like a formula gets a leading apostrophe (see
:func:`~workshop.export.tables.neutralise`); that is the only change to any text.

Known limit: Excel set to German regional settings expects ";" and a decimal comma when it opens
a CSV by double-click; there the XLSX export is the better choice (the import wizard reads these
files correctly).
"""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import datetime

from workshop.export.snapshot import Snapshot
from workshop.export.tables import TABLE_IDS, Cell, Table, neutralise, tables

BOM = "\ufeff"


def file_name(table_id: str) -> str:
    """The zip member of a table: ``01_summary.csv``, ``02_group_weights.csv``, …"""
    return f"{TABLE_IDS.index(table_id) + 1:02d}_{table_id}.csv"


def table_csv(table: Table) -> bytes:
    """One table as CSV bytes (BOM, comma, CRLF)."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=",", quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow([neutralise(column.header) for column in table.columns])
    for row in table.rows:
        writer.writerow([_field(value) for value in row])
    return (BOM + buffer.getvalue()).encode("utf-8")


def _field(value: Cell) -> str:
    """A cell as CSV text."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, int):
        return str(value)
    return neutralise(value)


def zip_bytes(snapshot: Snapshot) -> bytes:
    """Every table as a CSV file in one zip (fixed member dates: equal input, equal bytes)."""
    buffer = io.BytesIO()
    stamp = snapshot.exported_at.timetuple()[:6]
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for table in tables(snapshot):
            info = zipfile.ZipInfo(file_name(table.id), date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, table_csv(table))
    return buffer.getvalue()
