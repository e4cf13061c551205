"""The works-council factsheet inside the app: the Markdown in ``docs/``, in the reader's language.

The factsheet (``docs/betriebsrat.md``, ``docs/works-council.md``) says what the app stores, who
sees what and for how long; a link to a file in the repository is of no use in a running app, so
the console shows the file itself.  It is our own text, shipped with the code, so it is rendered
as Markdown (tables, headings, lists); nothing a user typed goes into it.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import streamlit as st

from workshop.ui.runtime import reader_lang, tr

DOCS = Path(__file__).resolve().parents[2] / "docs"
#: The factsheet's file per language.
FACTSHEETS = {"de": "betriebsrat.md", "en": "works-council.md"}


def factsheet_path(lang: str) -> Path:
    """The factsheet's file in `lang` (German for any language without its own)."""
    return DOCS / FACTSHEETS.get(lang, FACTSHEETS["de"])


@cache
def factsheet_text(lang: str) -> str | None:
    """The factsheet's Markdown in `lang`, read once per process; None if the file is missing."""
    try:
        return factsheet_path(lang).read_text(encoding="utf-8")
    except OSError:
        return None


def render_factsheet() -> None:
    """A closed expander with the factsheet in the reader's language."""
    lang = reader_lang()
    with st.expander(tr("facilitator.factsheet"), icon=":material/policy:"):
        body = factsheet_text(lang)
        if body is None:
            st.caption(tr("facilitator.factsheet_missing", path=factsheet_path(lang).name))
        else:
            st.markdown(body)
