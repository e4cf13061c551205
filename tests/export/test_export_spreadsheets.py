"""XLSX and CSV: exact sheets, headers and row counts for the seeded session; formatting; safety."""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import datetime

import openpyxl
import pandas as pd
import pytest

from workshop.export import Snapshot, words
from workshop.export.csvzip import BOM, dialect_for, file_name, table_csv, zip_bytes
from workshop.export.tables import FORMULA_TRIGGERS, TABLE_IDS, neutralise, tables
from workshop.export.xlsx import workbook_bytes
from workshop.packs import default_pack

PACK = default_pack()

SHEETS_DE = [
    "Übersicht",
    "Gruppengewichte",
    "Gewichte je Person",
    "Rangfolge",
    "Sensitivität",
    "Abstimmung",
    "Kommentare",
    "Sorgen und Fragen",
    "Notizen",
    "Widerstand",
    "Widerstand je Person",
    "Pilot",
]
CRITERIA_DE = [
    "Lösungsgeschwindigkeit",
    "Erstlösungsquote",
    "Geringer Kundenaufwand",
    "Beziehungskontinuität",
    "Einheitliches Kundenerlebnis",
    "Handlungsspielraum und Eigenverantwortung",
    "Geringer Qualifizierungsbedarf",
    "Geringe emotionale Belastung",
    "Lastausgleich",
    "Ausfallsicherheit und Vertretbarkeit",
    "Geringe Kosten je Kontakt",
    "Schnelle Umsetzung von Änderungen",
    "Klare Verantwortung",
    "Wissenssicherung",
    "Geringer Umstellungsaufwand",
]
OPTIONS_DE = list(words.option_names(PACK, "de").values())  # hybrids marked "(Mischform)"
HEADERS_DE = {
    "Übersicht": ["Angabe", "Wert"],
    "Gruppengewichte": [
        "Runde",
        "Kriterium (ID)",
        "Kriterium",
        "Gruppengewicht",
        "Median der Anteile",
        "Unteres Quartil",
        "Oberes Quartil",
        "Quartilsabstand",
        "Konsens (0–1)",
    ],
    "Gewichte je Person": ["Runde", "Person (Pseudonym)", *CRITERIA_DE],
    "Rangfolge": [
        "Runde",
        "Rang",
        "Option (ID)",
        "Option",
        "Mischform",
        "Punkte (von 100)",
        "TOPSIS-Rang",
        "TOPSIS-Nähe (0–1)",
    ],
    "Sensitivität": [
        "Runde",
        "Kriterium",
        "Wenn das Gewicht …",
        "Gewicht jetzt",
        "Schwelle",
        "Nötige Änderung",
        "Platz 1 jetzt",
        "Neuer Platz 1",
    ],
    "Abstimmung": [
        "Runde",
        "Abstimmungsart",
        "Option (ID)",
        "Option",
        "Klebepunkte",
        "Gezählte Stimmen",
    ],
    "Kommentare": ["Runde", "Bezug (Art)", "Bezug", "Text", "Ausgeblendet"],
    "Sorgen und Fragen": [
        "Runde",
        "Art",
        "Text",
        "Unterstützung",
        "Ausgeblendet",
        "Status",
        "Antwort",
        "Zu Option",
    ],
    "Notizen": ["Phase", "Notiz"],
    "Widerstand": [
        "Runde",
        "Rang (Widerstand)",
        "Option (ID)",
        "Option",
        "Summe der Widerstände",
        "Mittelwert",
        "Median",
        "Unteres Quartil",
        "Oberes Quartil",
        "Starker Widerstand (ab 7)",
        "Akzeptanz",
        "Geringster Widerstand",
        "Weniger Widerstand als „So bleiben wie heute“",
        "Widerstand eingeschätzt",
    ],
    "Widerstand je Person": [
        "Runde",
        "Person (Pseudonym)",
        *OPTIONS_DE,
        "So bleiben wie heute",
    ],
    "Pilot": ["Angabe", "Wert"],
}


def flips(snapshot: Snapshot) -> int:
    """Sensitivity rows expected: every flip of every visible round."""
    return sum(len(r.results.sensitivity.flips) for r in snapshot.rounds if r.results.sensitivity)


@pytest.fixture(scope="module")
def workbook(snapshot: Snapshot) -> bytes:
    return workbook_bytes(snapshot)


def test_xlsx_has_exactly_the_expected_sheets_headers_and_rows(
    workbook: bytes, snapshot: Snapshot
) -> None:
    """Read back with pandas: nine sheets, German headers, row counts of the seeded session."""
    sheets = pd.read_excel(io.BytesIO(workbook), sheet_name=None)
    assert list(sheets) == SHEETS_DE
    assert {name: list(frame.columns) for name, frame in sheets.items()} == HEADERS_DE
    rows = {name: len(frame) for name, frame in sheets.items()}
    assert rows == {
        # 16 facts (dots: budget and cap) + 5 per round + 1 per round whose vote disagrees
        "Übersicht": 33 + sum(r.results.vote_differs for r in snapshot.rounds),
        "Gruppengewichte": 2 * 15,
        "Gewichte je Person": 2 * 12,
        "Rangfolge": 2 * 10,  # 6 pure options + 4 hybrids
        "Sensitivität": flips(snapshot),
        "Abstimmung": 2 * 10,
        "Kommentare": 3,  # the fourth is hidden
        "Sorgen und Fragen": 3,
        "Notizen": 3,
        "Widerstand": 0,  # the seeded session has no resistance round
        "Widerstand je Person": 0,
        "Pilot": 1,  # "no pilot agreed yet"
    }
    assert flips(snapshot) > 0


def test_xlsx_values_are_numbers_and_pseudonyms(workbook: bytes) -> None:
    """Weights, shares and counts are numeric; people are P01…P12 (in pseudonym order, not
    joining order); no per-person area."""
    people = pd.read_excel(io.BytesIO(workbook), sheet_name="Gewichte je Person")
    assert people["Person (Pseudonym)"].iloc[:12].tolist() == [f"P{n:02d}" for n in range(1, 13)]
    assert people[CRITERIA_DE].dtypes.map(pd.api.types.is_integer_dtype).all()
    assert "Bereich" not in people.columns
    weights = pd.read_excel(io.BytesIO(workbook), sheet_name="Gruppengewichte")
    for round_no in (1, 2):
        assert weights[weights["Runde"] == round_no]["Gruppengewicht"].sum() == pytest.approx(1.0)


def test_xlsx_formatting(workbook: bytes) -> None:
    """Bold shaded header, frozen header row, autofilter, widths, number formats."""
    book = openpyxl.load_workbook(io.BytesIO(workbook))
    for sheet in book.worksheets:
        assert sheet.freeze_panes == "A2", sheet.title
        assert all(cell.font.b for cell in sheet[1]), sheet.title
        assert all(cell.fill.fgColor.rgb.endswith("DCE6F0") for cell in sheet[1]), sheet.title
        assert all(sheet.column_dimensions[c.column_letter].width >= 8 for c in sheet[1])
    ranking = book["Rangfolge"]
    assert ranking.auto_filter.ref == ranking.dimensions
    weights = book["Gruppengewichte"]
    assert isinstance(weights["D2"].value, float) and weights["D2"].number_format == "0.0%"
    assert book["Kommentare"].column_dimensions["D"].width == 80
    created = book["Übersicht"]["B4"]  # row 1 header, then title, code, created
    assert isinstance(created.value, datetime) and created.number_format == "yyyy-mm-dd hh:mm"


def test_xlsx_text_starting_like_a_formula_stays_text(workbook: bytes) -> None:
    """ "=HYPERLINK(…)", "+49 …", "@alle", "-- Sorge" are stored as text with a quote prefix."""
    book = openpyxl.load_workbook(io.BytesIO(workbook))
    texts = [
        c
        for sheet in ("Kommentare", "Sorgen und Fragen")
        for c in book[sheet]["C"] + book[sheet]["D"]
    ]
    risky = [c for c in texts if isinstance(c.value, str) and c.value.startswith(FORMULA_TRIGGERS)]
    assert {c.value[0] for c in risky} == {"=", "+", "@", "-"}
    for cell in risky:
        assert cell.data_type == "s" and cell.quotePrefix, cell.value
    assert not any(
        c.data_type == "f" for sheet in book.worksheets for row in sheet.iter_rows() for c in row
    )


def test_xlsx_headers_follow_the_snapshot_language(shared_store, seeded) -> None:  # type: ignore[no-untyped-def]
    """An English snapshot gives English sheet names and headers."""
    from workshop.export import build_snapshot

    english = build_snapshot(shared_store, seeded.code, seeded.key, lang="en")
    sheets = pd.read_excel(io.BytesIO(workbook_bytes(english)), sheet_name=None)
    assert list(sheets)[:3] == ["Summary", "Group weights", "Weights per person"]
    assert list(sheets["Votes"].columns) == [
        "Round",
        "Voting method",
        "Option (ID)",
        "Option",
        "Dots",
        "Votes counted",
    ]


# --------------------------------------------------------------------------- CSV


@pytest.fixture(scope="module")
def csv_zip(snapshot: Snapshot) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(zip_bytes(snapshot)))


def test_csv_zip_holds_one_file_per_table(csv_zip: zipfile.ZipFile) -> None:
    """01_summary.csv … 09_notes.csv, in workbook order."""
    assert csv_zip.namelist() == [file_name(t) for t in TABLE_IDS if t != "earlier_results"]
    assert csv_zip.namelist()[0] == "01_summary.csv"


def test_csv_is_excel_friendly(csv_zip: zipfile.ZipFile) -> None:
    """UTF-8 with BOM, CRLF line ends, umlauts intact; German: ";" and a decimal comma."""
    data = csv_zip.read("03_participant_weights.csv")
    assert data.startswith(BOM.encode("utf-8"))
    text = data.decode("utf-8-sig")
    assert "\r\n" in text and text.splitlines()[0].startswith("Runde;Person (Pseudonym);Lösungs")
    assert "Lösungsgeschwindigkeit" in text
    assert "0,0" in csv_zip.read("02_group_weights.csv").decode("utf-8-sig")


def test_english_csv_uses_comma_and_decimal_point(snapshot: Snapshot) -> None:
    """An English export is written for English Excel: "," between fields, "." in numbers."""
    table = next(t for t in tables(snapshot) if t.id == "group_weights")
    text = table_csv(table, dialect_for("en")).decode("utf-8-sig")
    header, first = list(csv.reader(io.StringIO(text), delimiter=","))[:2]
    assert header == [c.header for c in table.columns]
    floats = [
        (cell, value)
        for cell, value in zip(first, table.rows[0], strict=True)
        if isinstance(value, float)
    ]
    assert floats and all(cell == repr(value) for cell, value in floats)


def test_csv_parses_back_to_the_same_data(csv_zip: zipfile.ZipFile, snapshot: Snapshot) -> None:
    """Every CSV, read with the csv module, equals its table (numbers exactly, text neutralised)."""
    for table in tables(snapshot):
        data = csv_zip.read(file_name(table.id)).decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(data), delimiter=";"))
        assert rows[0] == [c.header for c in table.columns]
        assert len(rows) - 1 == len(table.rows), table.id
        for written, expected in zip(rows[1:], table.rows, strict=True):
            assert written == [_as_csv_text(value) for value in expected], table.id


def _as_csv_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, float):
        assert float(repr(value)) == value  # the text gives back the exact number
        return repr(value).replace(".", ",")
    return neutralise(value) if isinstance(value, str) else str(value)


def test_csv_and_xlsx_hold_the_same_tables(csv_zip: zipfile.ZipFile, workbook: bytes) -> None:
    """pandas reads the same tables from both formats (sep ";", decimal ",", utf-8-sig)."""
    sheets = pd.read_excel(io.BytesIO(workbook), sheet_name=None)
    present = [t for t in TABLE_IDS if t != "earlier_results"]  # not an imported session
    for table_id, (name, frame) in zip(present, sheets.items(), strict=True):
        parsed = pd.read_csv(
            io.BytesIO(csv_zip.read(file_name(table_id))),
            sep=";",
            decimal=",",
            encoding="utf-8-sig",
        )
        assert parsed.shape == frame.shape, name
        assert list(parsed.columns) == list(frame.columns), name
        numbers = frame.select_dtypes("number").columns
        pd.testing.assert_frame_equal(parsed[numbers], frame[numbers], check_dtype=False)


def test_csv_neutralises_formula_text(csv_zip: zipfile.ZipFile) -> None:
    """Comments that start like formulas get a leading apostrophe in the CSV."""
    data = csv_zip.read(file_name("comments")).decode("utf-8-sig")
    texts = [row[3] for row in list(csv.reader(io.StringIO(data), delimiter=";"))[1:]]
    assert '\'=HYPERLINK("http://example.invalid","klick")' in texts
    assert "'+49 30 1234 – so erreichen Sie uns" in texts


@pytest.mark.parametrize("text", ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\t=1", "\r=1"])
def test_neutralise_prefixes_every_trigger(text: str) -> None:
    """Each formula trigger gets exactly one leading apostrophe."""
    assert neutralise(text) == "'" + text


@pytest.mark.parametrize("text", ["Summe = 3", "a+b", "", "'schon zitiert", "12"])
def test_neutralise_leaves_ordinary_text_alone(text: str) -> None:
    """Text that does not start with a trigger is unchanged."""
    assert neutralise(text) == text
