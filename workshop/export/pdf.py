"""The decision record as PDF, laid out with ReportLab from the same :class:`Document` as the HTML.

Why ReportLab (and not headless Chromium printing the HTML, or fpdf2):

* it is pure Python from PyPI: the PDF works wherever ``make run`` works, on a facilitator's
  laptop without a browser binary, and costs no browser start (1–2 s) per download;
* it bundles Bitstream Vera TTF fonts, which cover German typography („“ – … ß, no-break spaces),
  so no system font is needed (fpdf2 ships none, and its core fonts lack „“);
* its Platypus layout paginates tables (repeating the header row), keeps a chart with its
  caption, and numbers pages.

Charts are embedded as PNG at about 150 dpi (vl-convert, cached per chart).  Known
limit: characters outside Vera's Latin set (emoji, Cyrillic, CJK) print as empty boxes in the PDF;
the HTML record shows them with the reader's fonts.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    Image,
    KeepTogether,
    ListFlowable,
    ListItem,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus import Paragraph as RlParagraph

from workshop.export.charts import PRINT_PNG_SCALE, chart_png
from workshop.export.record import (
    Block,
    Bullets,
    Document,
    Facts,
    Figure,
    Heading,
    Paragraph,
    TableBlock,
    document,
)
from workshop.export.snapshot import Snapshot
from workshop.text.i18n import t

FONT, FONT_BOLD, FONT_ITALIC = "Vera", "VeraBd", "VeraIt"
INK = colors.HexColor("#14212e")
MUTED = colors.HexColor("#5a6570")
ACCENT = colors.HexColor("#0072B2")
HEADER_FILL = colors.HexColor("#dce6f0")
RULE = colors.HexColor("#cfd8e0")
MARGIN = 16 * mm
FRAME_WIDTH = A4[0] - 2 * MARGIN


def _register_fonts() -> None:
    """Register ReportLab's bundled Vera fonts once (found on ReportLab's own font path)."""
    if FONT in pdfmetrics.getRegisteredFontNames():
        return
    for name, file in ((FONT, "Vera.ttf"), (FONT_BOLD, "VeraBd.ttf"), (FONT_ITALIC, "VeraIt.ttf")):
        pdfmetrics.registerFont(TTFont(name, file))
    pdfmetrics.registerFontFamily(
        FONT, normal=FONT, bold=FONT_BOLD, italic=FONT_ITALIC, boldItalic=FONT_BOLD
    )


def _styles() -> dict[str, ParagraphStyle]:
    body = ParagraphStyle(
        "body", fontName=FONT, fontSize=9.5, leading=13.5, textColor=INK, spaceAfter=3
    )
    return {
        "body": body,
        "muted": ParagraphStyle("muted", parent=body, fontName=FONT_ITALIC, textColor=MUTED),
        "kind": ParagraphStyle(
            "kind", parent=body, fontName=FONT_BOLD, fontSize=8.5, textColor=ACCENT
        ),
        "title": ParagraphStyle(
            "title", parent=body, fontName=FONT_BOLD, fontSize=19, leading=23, spaceAfter=8
        ),
        "h2": ParagraphStyle(
            "h2",
            parent=body,
            fontName=FONT_BOLD,
            fontSize=13.5,
            leading=17,
            spaceBefore=12,
            spaceAfter=5,
            textColor=ACCENT,
        ),
        "h3": ParagraphStyle(
            "h3",
            parent=body,
            fontName=FONT_BOLD,
            fontSize=10.5,
            leading=14,
            spaceBefore=8,
            spaceAfter=3,
        ),
        "h4": ParagraphStyle(
            "h4",
            parent=body,
            fontName=FONT_BOLD,
            fontSize=9.5,
            leading=13,
            spaceBefore=6,
            spaceAfter=2,
            textColor=ACCENT,
        ),
        "cell": ParagraphStyle("cell", parent=body, fontSize=8.5, leading=11, spaceAfter=0),
        "cell_head": ParagraphStyle(
            "cell_head", parent=body, fontName=FONT_BOLD, fontSize=8.5, leading=11, spaceAfter=0
        ),
        "caption": ParagraphStyle("caption", parent=body, fontSize=8, leading=10, textColor=MUTED),
    }


def _markup(text: str) -> str:
    """Plain text for a ReportLab paragraph: its mini-markup escaped, line breaks kept."""
    return escape(text).replace("\n", "<br/>")


def _flowables(block: object, styles: dict[str, ParagraphStyle]) -> list[Flowable]:
    """The flowables of one document block."""
    if isinstance(block, Heading):
        return [RlParagraph(_markup(block.text), styles[f"h{block.level}"])]
    if isinstance(block, Paragraph):
        return [RlParagraph(_markup(block.text), styles["muted" if block.muted else "body"])]
    if isinstance(block, Bullets):
        items = [
            ListItem(RlParagraph(_markup(i), styles["body"]), leftIndent=12) for i in block.items
        ]
        return [
            ListFlowable(items, bulletType="bullet", start="•", leftIndent=12, bulletFontName=FONT)
        ]
    if isinstance(block, Facts):
        return [_facts(block, styles)]
    if isinstance(block, TableBlock):
        return [_table(block, styles)]
    if isinstance(block, Figure):
        return [_figure(block, styles)]
    raise TypeError(f"unknown block {block!r}")


def _facts(block: Facts, styles: dict[str, ParagraphStyle]) -> Table:
    value_style = "cell_head" if block.strong else "cell"
    rows = [
        [RlParagraph(_markup(k), styles["cell"]), RlParagraph(_markup(v), styles[value_style])]
        for k, v in block.rows
    ]
    table = Table(rows, colWidths=[FRAME_WIDTH * 0.32, FRAME_WIDTH * 0.68], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1 if block.strong else 3.5),
            ]
        )
    )
    return table


def _table(block: TableBlock, styles: dict[str, ParagraphStyle]) -> Table:
    """A table that breaks across pages with its header row repeated."""
    right = ParagraphStyle("cell_right", parent=styles["cell"], alignment=TA_RIGHT)
    right_head = ParagraphStyle("cell_head_right", parent=styles["cell_head"], alignment=TA_RIGHT)

    def cell(text: str, numeric: bool, head: bool) -> RlParagraph:
        style = (
            (right_head if head else right) if numeric else styles["cell_head" if head else "cell"]
        )
        return RlParagraph(_markup(text), style)

    data = [[cell(h, n, True) for h, n in zip(block.header, block.numeric, strict=True)]]
    data += [
        [cell(v, n, False) for v, n in zip(row, block.numeric, strict=True)] for row in block.rows
    ]
    total = sum(block.widths)
    table = Table(data, colWidths=[FRAME_WIDTH * w / total for w in block.widths], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
                ("LINEBELOW", (0, 0), (-1, -1), 0.5, RULE),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 2.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
            ]
        )
    )
    return table


#: Largest share of the page height a chart may take: the ranking (with its legend) needs more
#: to keep its labels legible; the others shrink a little so text can share their page.
FIGURE_HEIGHT = {"ranking": 0.62}
DEFAULT_FIGURE_HEIGHT = 0.42


def _figure(block: Figure, styles: dict[str, ParagraphStyle]) -> KeepTogether:
    """The chart at the frame's width (or less, if it would be too tall), with its caption."""
    png = chart_png(block.chart, "screen", PRINT_PNG_SCALE)
    width_px, height_px = ImageReader(io.BytesIO(png)).getSize()
    width = FRAME_WIDTH
    height = width * height_px / width_px
    limit = A4[1] * FIGURE_HEIGHT.get(block.chart.kind, DEFAULT_FIGURE_HEIGHT)
    if height > limit:
        width, height = width * limit / height, limit
    image = Image(io.BytesIO(png), width=width, height=height, hAlign="LEFT")
    caption = RlParagraph(_markup(block.caption), styles["caption"])
    return KeepTogether([image, caption, Spacer(1, 4)])


def _story(blocks: Sequence[Block], styles: dict[str, ParagraphStyle]) -> list[Flowable]:
    """All blocks' flowables; a heading is kept on one page with what follows it.

    (A style's keepWithNext does not hold a heading to a chart that is itself kept together, so
    the heading and the next flowable are grouped here explicitly.)
    """
    story: list[Flowable] = []
    pending: list[Flowable] = []
    for index, block in enumerate(blocks):
        flowables = _flowables(block, styles)
        # A short introduction between two headings stays with both ("What changes for
        # whom?", its introduction, the first option): alone it would end a page.
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        lead_in = pending and isinstance(block, Paragraph) and isinstance(following, Heading)
        if isinstance(block, Heading) or lead_in:
            pending += flowables
            continue
        if pending:
            story.append(KeepTogether([*pending, flowables[0]]))
            flowables, pending = flowables[1:], []
        story += flowables
    return story + pending


def render_pdf(doc: Document) -> bytes:
    """Lay the document out on A4 pages with a footer line and page numbers."""
    _register_fonts()
    styles = _styles()
    buffer = io.BytesIO()
    template = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN + 4 * mm,
        title=f"{doc.kind}: {doc.title}",
        author="Fall oder Kunde?",
        lang=doc.lang,
        invariant=True,  # no creation timestamp or random id: equal input, equal bytes
    )
    story: list[Flowable] = [
        RlParagraph(_markup(doc.kind.upper()), styles["kind"]),
        RlParagraph(_markup(doc.title), styles["title"]),
    ]
    story += _story(doc.blocks, styles)
    page_word = t("export.record.page", doc.lang, number="{number}")

    def footer(canvas: Canvas, _: object) -> None:
        canvas.saveState()
        canvas.setFont(FONT, 7.5)
        canvas.setFillColor(MUTED)
        canvas.drawString(MARGIN, 10 * mm, doc.footer[:120])
        canvas.drawRightString(
            A4[0] - MARGIN, 10 * mm, page_word.format(number=canvas.getPageNumber())
        )
        canvas.restoreState()

    template.build(story, onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()


def pdf_bytes(snapshot: Snapshot) -> bytes:
    """The decision record as PDF."""
    return render_pdf(document(snapshot))
