"""The CSV export: the same tables as the workbook, one CSV file each, in one zip.

Each file is UTF-8 with a byte-order mark (without it Excel reads UTF-8 as the local code page
and umlauts break), every field quoted where needed (RFC 4180), lines ending in CRLF.  Numbers
keep full precision (``repr``), dates are ISO 8601 in UTC.  Text that starts like a formula gets a
leading apostrophe (see :func:`~workshop.export.tables.neutralise`); that is the only change to
any text.

Separator and decimal mark follow the export's language, because Excel opens a CSV by
double-click with the machine's regional settings: German exports use ";" and a decimal comma
(``0,25``), English ones "," and a decimal point.  A ``sep=`` first line would tell Excel the
separator regardless, but then Excel ignores the byte-order mark and breaks the umlauts.
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass
from datetime import datetime

from workshop.export.snapshot import Snapshot
from workshop.export.tables import TABLE_IDS, Cell, Table, neutralise, tables

BOM = "\ufeff"


@dataclass(frozen=True)
class Dialect:
    """How numbers and fields are written for one language's Excel."""

    delimiter: str
    decimal: str


DIALECTS: dict[str, Dialect] = {"de": Dialect(";", ","), "en": Dialect(",", ".")}


def dialect_for(lang: str) -> Dialect:
    """The CSV dialect of an export in `lang` (English conventions for any other language)."""
    return DIALECTS.get(lang, DIALECTS["en"])


def file_name(table_id: str) -> str:
    """The zip member of a table: ``01_summary.csv``, ``02_group_weights.csv``, …"""
    return f"{TABLE_IDS.index(table_id) + 1:02d}_{table_id}.csv"


def table_csv(table: Table, dialect: Dialect = DIALECTS["en"]) -> bytes:
    """One table as CSV bytes (BOM, the dialect's separator, CRLF)."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(
        buffer, delimiter=dialect.delimiter, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n"
    )
    writer.writerow([neutralise(column.header) for column in table.columns])
    for row in table.rows:
        writer.writerow([_field(value, dialect) for value in row])
    return (BOM + buffer.getvalue()).encode("utf-8")


def _field(value: Cell, dialect: Dialect) -> str:
    """A cell as CSV text."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, float):
        return repr(value).replace(".", dialect.decimal)
    if isinstance(value, int):
        return str(value)
    return neutralise(value)


def zip_bytes(snapshot: Snapshot) -> bytes:
    """Every table as a CSV file in one zip (fixed member dates: equal input, equal bytes)."""
    dialect = dialect_for(snapshot.lang)
    buffer = io.BytesIO()
    stamp = snapshot.exported_at.timetuple()[:6]
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for table in tables(snapshot):
            info = zipfile.ZipInfo(file_name(table.id), date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, table_csv(table, dialect))
    return buffer.getvalue()
