"""Authored texts carrying Markdown and HTML, for the tests that everything authored stays text.

A facilitator can import any session JSON or pack TOML: its criterion, option, factor, hybrid
and source texts, the title, the area names and the notes are whatever the file says.  This
module builds such content the way an import does, from the default pack's data
(`workshop.packs.pack_to_data`), with every text in both languages extended by markup that would
load an image, link, draw an icon, colour, formula or HTML, or set bold type if it were rendered.

Shared by the page tests (tests/ui) and the browser test (tests/e2e).
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import Any

from workshop.packs import default_pack, pack_to_data

#: Where the image points in page tests: a port nothing listens on.
PIXEL = "http://127.0.0.1:9/pixel.png"
LINK = "https://example.org"


def fragments(pixel: str = PIXEL) -> tuple[str, ...]:
    """One piece of markup per kind Streamlit would render."""
    return (
        f"![x]({pixel})",
        f"[klick]({LINK})",
        ":material/home:",
        ":red[rot]",
        "$x^2$",
        "<img src=x onerror=alert(1)>",
        "**fett**",
    )


def hostile(pixel: str = PIXEL) -> str:
    """All pieces in one text."""
    return " ".join(fragments(pixel))


def markers(pixel: str = PIXEL) -> tuple[str, ...]:
    """What must never stand unescaped in a Markdown source built from these texts."""
    return (f"]({pixel}", f"]({LINK}", "<img", ":material/home:", ":red[", "$x", "**fett**")


def title(pixel: str = PIXEL) -> str:
    """A session title (at most 200 characters)."""
    return f"Workshop {hostile(pixel)}"


def areas(pixel: str = PIXEL) -> tuple[str, ...]:
    """Area names (role groups, at most 40 characters each): one piece of markup each."""
    return fragments(pixel)


def note(pixel: str = PIXEL) -> str:
    """A facilitator's note."""
    return f"Notiz {hostile(pixel)}\nzweite Zeile {hostile(pixel)}"


def pack_data(pixel: str = PIXEL) -> dict[str, Any]:
    """The default pack's data with the markup appended to every text and source citation."""
    data = copy.deepcopy(pack_to_data(default_pack()))
    suffix = f" {hostile(pixel)}"
    for text in _texts(data):
        text["de"] += suffix
        text["en"] += suffix
    for source in data.get("sources", []):
        source["citation"] += suffix
    return data


def _texts(value: Any) -> Iterator[dict[str, str]]:
    """Every German/English text table in pack data (a dict with exactly 'de' and 'en')."""
    if isinstance(value, dict):
        if set(value) == {"de", "en"} and all(isinstance(v, str) for v in value.values()):
            yield value
            return
        for item in value.values():
            yield from _texts(item)
    elif isinstance(value, list):
        for item in value:
            yield from _texts(item)
