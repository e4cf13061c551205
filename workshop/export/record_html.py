"""The decision record as one self-contained HTML page that prints well.

:func:`workshop.export.record.document` says what the record contains; this module only lays
those blocks out as HTML (as :mod:`workshop.export.pdf` lays them out as a PDF).  Every text from
a person (title, notes, comments, concerns) is escaped; charts are embedded as ``<img>`` data
URIs, so nothing in the page can run script.
"""

from __future__ import annotations

import base64
import html

from workshop.export.charts import chart_svg
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

_CSS = """
@page { size: A4; margin: 16mm 15mm 18mm 15mm; }
* { box-sizing: border-box; }
body { font-family: "Helvetica Neue", Arial, "DejaVu Sans", sans-serif; color: #14212e;
  font-size: 10.5pt; line-height: 1.45; max-width: 52rem; margin: 2rem auto; padding: 0 1rem; }
.kind { text-transform: uppercase; letter-spacing: .08em; color: #0072B2; font-weight: 600;
  font-size: 9pt; margin: 0; }
h1 { font-size: 20pt; margin: .1rem 0 .8rem 0; line-height: 1.2; }
h2 { font-size: 14pt; margin: 1.6rem 0 .4rem 0; padding-bottom: .15rem;
  border-bottom: 2px solid #0072B2; break-after: avoid; page-break-after: avoid; }
h3 { font-size: 11.5pt; margin: 1.1rem 0 .3rem 0; break-after: avoid; page-break-after: avoid; }
h4 { font-size: 10.5pt; margin: .8rem 0 .2rem 0; color: #0072B2; break-after: avoid;
  page-break-after: avoid; }
p { margin: .3rem 0; white-space: pre-wrap; overflow-wrap: anywhere; }
p.muted { color: #5a6570; font-style: italic; }
ul { margin: .3rem 0 .5rem 1.2rem; padding: 0; }
li { margin: .15rem 0; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .1rem 1.2rem;
  margin: .4rem 0; }
dl.facts dt { color: #5a6570; } dl.facts dd { margin: 0; font-weight: 600; }
dl.facts.plain dd { font-weight: 400; }
table { border-collapse: collapse; width: 100%; margin: .4rem 0 .7rem 0; font-size: 9.5pt; }
thead { display: table-header-group; }
th { text-align: left; background: #dce6f0; font-weight: 600; }
th, td { padding: .25rem .45rem; border-bottom: 1px solid #cfd8e0; vertical-align: top;
  overflow-wrap: anywhere; white-space: pre-wrap; }
td.num, th.num { text-align: right; white-space: nowrap; }
tr { break-inside: avoid; page-break-inside: avoid; }
figure { margin: .5rem 0 .8rem 0; break-inside: avoid; page-break-inside: avoid; }
figure img { width: 100%; max-width: 44rem; height: auto; }
figcaption { font-size: 9pt; color: #5a6570; }
footer { margin-top: 2rem; font-size: 8.5pt; color: #5a6570; border-top: 1px solid #cfd8e0;
  padding-top: .4rem; }
@media print { body { margin: 0; max-width: none; padding: 0; } }
"""


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def _html_block(block: Block) -> str:
    """One block as HTML; every text is escaped."""
    if isinstance(block, Heading):
        return f"<h{block.level}>{_esc(block.text)}</h{block.level}>"
    if isinstance(block, Paragraph):
        css = ' class="muted"' if block.muted else ""
        return f"<p{css}>{_esc(block.text)}</p>"
    if isinstance(block, Bullets):
        return "<ul>" + "".join(f"<li>{_esc(item)}</li>" for item in block.items) + "</ul>"
    if isinstance(block, Facts):
        rows = "".join(f"<dt>{_esc(k)}</dt><dd>{_esc(v)}</dd>" for k, v in block.rows)
        css = "facts" if block.strong else "facts plain"
        return f'<dl class="{css}">{rows}</dl>'
    if isinstance(block, TableBlock):
        return _html_table(block)
    return _html_figure(block)


def _html_table(block: TableBlock) -> str:
    def cell(tag: str, text: str, numeric: bool) -> str:
        css = ' class="num"' if numeric else ""
        return f"<{tag}{css}>{_esc(text)}</{tag}>"

    head = "".join(cell("th", h, n) for h, n in zip(block.header, block.numeric, strict=True))
    body = "".join(
        "<tr>"
        + "".join(cell("td", v, n) for v, n in zip(row, block.numeric, strict=True))
        + "</tr>"
        for row in block.rows
    )
    total = sum(block.widths)
    cols = "".join(f'<col style="width:{100 * w / total:.1f}%">' for w in block.widths)
    return (
        f"<table><colgroup>{cols}</colgroup><thead><tr>{head}</tr></thead>"
        f"<tbody>{body}</tbody></table>"
    )


def _html_figure(block: Figure) -> str:
    """The chart as an SVG image (a data URI: an <img> can never run script)."""
    svg = chart_svg(block.chart).encode("utf-8")
    source = "data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii")
    caption = _esc(block.caption)
    return (
        f'<figure><img src="{source}" alt="{caption}"><figcaption>{caption}</figcaption></figure>'
    )


def render_html(doc: Document) -> str:
    """The document as one self-contained HTML page."""
    body = "\n".join(_html_block(block) for block in doc.blocks)
    return (
        f'<!DOCTYPE html>\n<html lang="{doc.lang}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_esc(doc.kind)}: {_esc(doc.title)}</title>\n<style>{_CSS}</style>\n</head>\n"
        f'<body>\n<p class="kind">{_esc(doc.kind)}</p>\n<h1>{_esc(doc.title)}</h1>\n{body}\n'
        f"<footer>{_esc(doc.footer)}</footer>\n</body>\n</html>\n"
    )


def html_bytes(snapshot: Snapshot) -> bytes:
    """The decision record as an HTML page (UTF-8)."""
    return render_html(document(snapshot)).encode("utf-8")


__all__ = ["html_bytes", "render_html"]
