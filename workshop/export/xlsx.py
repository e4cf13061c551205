"""The XLSX workbook: one formatted sheet per table of :mod:`workshop.export.tables`.

Formatting that makes the file readable when opened: a bold, shaded header row that stays frozen
while scrolling, an autofilter, column widths from the content (long texts wrap in a wide
column), numbers stored as numbers with a display format (shares as "0.0%", scores as "0.0").

Formula safety: openpyxl stores any text starting with "=" as a formula.  Every text cell is
therefore written with an explicit string type, and text that starts like a formula (see
:data:`~workshop.export.tables.FORMULA_TRIGGERS`) also gets Excel's "quote prefix" — the hidden
leading apostrophe Excel itself sets when someone types ``'=1+1`` — so the cell shows the text
exactly as written and stays text when edited.
"""

from __future__ import annotations

import io
import zipfile
from datetime import datetime

from openpyxl import Workbook
from openpyxl.cell.cell import Cell as XlCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from workshop.export.snapshot import Snapshot
from workshop.export.tables import FORMULA_TRIGGERS, Cell, Column, Table, tables

HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DCE6F0")
#: Number formats per column kind (Excel shows them in the reader's locale).
NUMBER_FORMATS = {
    "int": "0",
    "number": "0.000",
    "percent": "0.0%",
    "points": "0.0",
}
DATE_FORMAT = "yyyy-mm-dd hh:mm"
MIN_WIDTH, MAX_WIDTH, LONG_TEXT_WIDTH = 8, 48, 80


def workbook_bytes(snapshot: Snapshot) -> bytes:
    """The session as an XLSX workbook."""
    book = Workbook()
    book.remove(book.active)
    for table in tables(snapshot):
        _write_sheet(book.create_sheet(_sheet_title(table.title)), table)
    book.properties.title = snapshot.title
    book.properties.creator = "Fall oder Kunde?"
    # A fixed timestamp keeps the bytes of two exports of the same snapshot equal.  Written
    # through ExcelWriter: Workbook.save would overwrite `modified` with the current time.
    book.properties.created = book.properties.modified = snapshot.exported_at.replace(tzinfo=None)
    buffer = io.BytesIO()
    ExcelWriter(book, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED)).save()
    return _with_fixed_dates(buffer.getvalue(), snapshot.exported_at)


def _with_fixed_dates(data: bytes, stamp: datetime) -> bytes:
    """The XLSX zip with every member dated `stamp`.

    openpyxl dates each member with the current time (2-second resolution), so two saves of the
    same workbook differed whenever they straddled such a tick.
    """
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as target,
    ):
        for member in source.infolist():
            info = zipfile.ZipInfo(member.filename, date_time=stamp.timetuple()[:6])
            info.compress_type = member.compress_type
            target.writestr(info, source.read(member.filename))
    return buffer.getvalue()


def _sheet_title(title: str) -> str:
    """A valid sheet name: at most 31 characters, none of []:*?/\\ (Excel's rules)."""
    cleaned = "".join("-" if ch in "[]:*?/\\" else ch for ch in title)
    return cleaned[:31]


def _write_sheet(sheet: Worksheet, table: Table) -> None:
    """Header, rows, formats, widths, frozen header and autofilter."""
    sheet.append([column.header for column in table.columns])
    for cell in sheet[1]:
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(vertical="top", wrap_text=True)
    for row_number, row in enumerate(table.rows, start=2):
        for column_number, (column, value) in enumerate(zip(table.columns, row, strict=True), 1):
            _write_cell(sheet.cell(row=row_number, column=column_number), column, value)
    sheet.freeze_panes = "A2"
    if table.rows:
        sheet.auto_filter.ref = sheet.dimensions
    for index, column in enumerate(table.columns, start=1):
        width = _width(column, [row[index - 1] for row in table.rows])
        sheet.column_dimensions[get_column_letter(index)].width = width


def _write_cell(cell: XlCell, column: Column, value: Cell) -> None:
    """One value with its type and format; text is always stored as text."""
    if value is None:
        return
    if isinstance(value, str):
        cell.value = value
        cell.data_type = "s"  # never a formula, whatever the text starts with
        if value.startswith(FORMULA_TRIGGERS):
            cell.quotePrefix = True
        if column.kind == "longtext" or "\n" in value:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        return
    cell.value = value
    if isinstance(value, datetime):
        cell.number_format = DATE_FORMAT
    elif column.kind in NUMBER_FORMATS:
        cell.number_format = NUMBER_FORMATS[column.kind]
    elif isinstance(value, int):
        cell.number_format = NUMBER_FORMATS["int"]


def _width(column: Column, values: list[Cell]) -> float:
    """A column width (in characters) that fits the header and most values."""
    if column.kind == "longtext":
        return LONG_TEXT_WIDTH
    lengths = [len(column.header)] + [_display_length(v) for v in values]
    return float(min(max(max(lengths) + 2, MIN_WIDTH), MAX_WIDTH))


def _display_length(value: Cell) -> int:
    """About how many characters a value takes on screen."""
    if value is None:
        return 0
    if isinstance(value, datetime):
        return 16
    if isinstance(value, float):
        return 8
    return max((len(line) for line in str(value).splitlines()), default=0)
