"""The decision record: HTML that renders and escapes, a PDF whose text holds the key figures."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from workshop.export import Snapshot, build_snapshot
from workshop.export.pdf import pdf_bytes
from workshop.export.record import document, plain_text
from workshop.export.record_html import html_bytes
from workshop.export.wall_charts import wall_charts
from workshop.export.words import number, option_names
from workshop.store import Store


def pdf_text(data: bytes) -> str:
    """All text of a PDF, whitespace collapsed (pure Python: pypdf)."""
    reader = PdfReader(io.BytesIO(data))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


def key_figures(snapshot: Snapshot) -> list[str]:
    """Title, participant count, each round's leader with its score, and the next steps."""
    options = option_names(snapshot.pack, snapshot.lang)
    figures = [snapshot.title, f"{len(snapshot.participants)}", "Pilot mit zwei Teams ab März."]
    for r in snapshot.rounds:
        leader = r.results.ranking[0]
        figures += [options[leader.option], number(leader.score * 100, snapshot.lang, 1)]
    return figures


@pytest.fixture(scope="module")
def html(snapshot: Snapshot) -> str:
    return html_bytes(snapshot).decode("utf-8")


@pytest.fixture(scope="module")
def pdf(snapshot: Snapshot) -> bytes:
    return pdf_bytes(snapshot)


def test_html_record_has_every_section(html: str) -> None:
    """Title, phases with notes, both rounds, concerns, comments and next steps are there."""
    for heading in (
        "Ergebnisprotokoll",
        "Ablauf und Notizen",
        "Runde 1",
        "Runde 2",
        "Rangfolge und Robustheit",
        "Gewichte der Gruppe und Streuung",
        "Veränderung seit Runde 1",
        "Was ändert sich für wen?",
        "Sorgen und Fragen",
        "Pilot",
        "Kommentare",
        "Nächste Schritte",
    ):
        assert f">{heading}<" in html, heading
    assert html.startswith("<!DOCTYPE html>") and '<html lang="de">' in html


def test_html_record_embeds_charts_as_images(html: str, snapshot: Snapshot) -> None:
    """Every chart is an <img> with an SVG data URI: drawn on the server, unable to run script."""
    assert html.count('<img src="data:image/svg+xml;base64,') == len(snapshot.charts) == 7
    assert "<svg" not in html and "<script" not in html


def test_html_record_escapes_participant_text(html: str) -> None:
    """A comment with markup appears as text, never as a tag."""
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html
    assert "„Zitat“ – Gedanke… Äußerung" in html


def test_html_record_prints_well(html: str) -> None:
    """Print rules: A4 pages, headings kept with what follows, figures and rows not split."""
    assert "@page { size: A4;" in html
    assert "break-after: avoid" in html and "break-inside: avoid" in html
    assert "thead { display: table-header-group; }" in html


def test_pdf_text_contains_the_key_figures(pdf: bytes, snapshot: Snapshot) -> None:
    """The PDF (text extracted with pypdf) holds title, count, leaders, scores, next steps."""
    text = pdf_text(pdf)
    assert "ERGEBNISPROTOKOLL" in text
    for figure in key_figures(snapshot):
        assert figure in text, figure
    assert "Seite 1" in text
    assert len(PdfReader(io.BytesIO(pdf)).pages) >= 5


def test_pdf_is_a4_with_embedded_fonts(pdf: bytes) -> None:
    """A4 pages, and the bundled Vera font embedded (typographic quotes and dashes survive)."""
    reader = PdfReader(io.BytesIO(pdf))
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)
    assert "„Zitat“ – Gedanke… Äußerung" in pdf_text(pdf)


def test_english_record(shared_store: Store, seeded) -> None:  # type: ignore[no-untyped-def]
    """In English the record says "Decision record" and uses English headings and numbers."""
    english = build_snapshot(shared_store, seeded.code, seeded.key, lang="en", charts=wall_charts)
    text = pdf_text(pdf_bytes(english))
    assert "DECISION RECORD" in text
    for figure in (*key_figures(english), "Phases and notes", "Next steps", "Page 1"):
        assert figure in text, figure


def test_pdf_pages_rasterise(pdf: bytes, tmp_path: Path) -> None:
    """pdftoppm turns every page into a PNG (the PDF is well-formed for a real renderer)."""
    if shutil.which("pdftoppm") is None:
        if os.environ.get("CI") == "true":  # .ci/run installs poppler-utils: never skip there
            pytest.fail("pdftoppm (poppler-utils) is missing in CI")
        pytest.skip("pdftoppm (poppler-utils) not installed")
    source = tmp_path / "record.pdf"
    source.write_bytes(pdf)
    subprocess.run(
        ["pdftoppm", "-r", "30", "-png", str(source), str(tmp_path / "page")], check=True
    )
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) == len(PdfReader(io.BytesIO(pdf)).pages)
    assert all(page.read_bytes().startswith(b"\x89PNG") for page in pages)


def test_record_without_charts_still_renders(shared_store: Store, seeded) -> None:  # type: ignore[no-untyped-def]
    """Without a chart maker the record has its tables and sentences but no figures."""
    bare = build_snapshot(shared_store, seeded.code, seeded.key)
    assert "<img" not in html_bytes(bare).decode()
    assert "ERGEBNISPROTOKOLL" in pdf_text(pdf_bytes(bare))
    assert "Nächste Schritte" in plain_text(document(bare))
