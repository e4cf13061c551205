"""The console shows the works-council factsheet, in the reader's language, where it is needed.

A link to ``docs/`` is useless in a running app, so the console renders the file itself: in the
Settings tab beside the anonymity threshold and the delete button, and on the create page
before a workshop exists (anyone may open that page, so a works council can read it there).
"""

from __future__ import annotations

from typing import Any

import pytest
from support.pages import page
from support.seeding import new_session

from workshop.store import Store
from workshop.store.records import MIN_ANONYMITY_THRESHOLD
from workshop.text.i18n import t
from workshop.ui.factsheet import factsheet_path

TITLE = {"de": "# Infoblatt für den Betriebsrat", "en": "# Factsheet for the works council"}


def factsheet_expanders(at: Any, lang: str) -> list[Any]:
    """The page's expanders labelled as the factsheet in `lang`."""
    return [e for e in at.expander if e.label == t("facilitator.factsheet", lang)]


def shown_factsheet(expander: Any) -> str:
    """The Markdown drawn inside the factsheet's expander."""
    return "\n".join(str(m.value) for m in expander.markdown)


@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_console_shows_the_factsheet_in_the_readers_language(
    ui_store: Store, lang: str
) -> None:
    """Settings tab: the expander holds the whole factsheet file of the reader's language."""
    code, key = new_session(ui_store)
    at = page("facilitate", code=code, key=key, lang=lang)
    assert not at.exception
    found = factsheet_expanders(at, lang)
    assert len(found) == 1
    body = shown_factsheet(found[0])
    assert body.startswith(TITLE[lang])
    assert body == factsheet_path(lang).read_text(encoding="utf-8").strip()


def test_the_create_page_shows_it_before_anything_is_created(ui_store: Store) -> None:
    """Without a key the create page has the factsheet too; the threshold's floor is the code's."""
    at = page("facilitate", lang="de")
    assert not at.exception
    found = factsheet_expanders(at, "de")
    assert len(found) == 1
    assert shown_factsheet(found[0]).startswith(TITLE["de"])
    threshold = next(n for n in at.number_input if n.label == t("facilitator.threshold", "de"))
    assert threshold.min == MIN_ANONYMITY_THRESHOLD
