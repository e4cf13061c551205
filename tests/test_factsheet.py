"""The works-council factsheet states the code's numbers, in both languages, and is linked.

The factsheet (docs/betriebsrat.md, docs/works-council.md) promises a works council what the app
does; a promise that drifts from the code is worse than none.  Each factsheet has one table of
figures ("Die Zahlen auf einen Blick" / "The figures at a glance"); every row is tied here to
the code that decides it, and every other number in the text must be one of those figures or a
legal citation, so a figure cannot be changed in the prose alone.
"""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import pytest

from workshop.errors import InvalidSettings
from workshop.export.json_import import import_session
from workshop.store import SessionSettings, Store
from workshop.store.records import MIN_ANONYMITY_THRESHOLD
from workshop.ui.factsheet import FACTSHEETS, factsheet_path
from workshop.web import browser, routes, services
from workshop.web.joinlimit import JoinLimits

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
README = ROOT / "README.md"
DAY = 24 * 60 * 60

#: The figures table's heading per language.
TABLE_HEADING = {"de": "## Die Zahlen auf einen Blick", "en": "## The figures at a glance"}

#: Each figure's row label per language, by a name used below.
LABELS = {
    "threshold_default": {
        "de": "Anonymitätsschwelle, Voreinstellung",
        "en": "Anonymity threshold, default",
    },
    "threshold_minimum": {
        "de": "Anonymitätsschwelle, kleinster einstellbarer Wert",
        "en": "Anonymity threshold, smallest value allowed",
    },
    "retention_days": {
        "de": "Aufbewahrung eines Workshops ab dem Anlegen, in Tagen",
        "en": "Retention of a workshop from its creation, in days",
    },
    "purge_minutes": {
        "de": "Abstand der automatischen Löschläufe, in Minuten",
        "en": "Interval between automatic deletion runs, in minutes",
    },
    "join_burst": {
        "de": "Neue Teilnehmende je IP-Adresse auf einmal, Voreinstellung",
        "en": "New participants per IP address at once, default",
    },
    "join_per_minute": {
        "de": "Danach neue Teilnehmende je IP-Adresse und Minute, Voreinstellung",
        "en": "Then new participants per IP address and minute, default",
    },
    "cookie_days": {
        "de": "Längste Lebensdauer eines Cookies im Browser, in Tagen",
        "en": "Longest lifetime of a cookie in the browser, in days",
    },
}

#: Legal citations and names whose digits are not figures of the app.
CITATIONS = (
    "§ 87 Abs. 1 Nr. 6",
    "Section 87(1) no. 6",
    "14.09.1984 – 1 ABR 23/82",
    "26.07.1994 – 1 ABR 6/94",
    "Erwägungsgrund 26",
    "Recital 26",
    "Art. 5",
    "Art. 13",
    "Art. 25",
    "Art. 35",
    "SHA-256",
    "IPv6",
)


def _smallest_threshold() -> int:
    """The smallest anonymity threshold SessionSettings accepts, found by trying."""
    value = 1
    while True:
        try:
            SessionSettings(anonymity_threshold=value)
        except InvalidSettings:
            value += 1
        else:
            return value


def code_figures() -> dict[str, int]:
    """Each figure as the code decides it."""
    ttl = inspect.signature(Store.create_session).parameters["ttl_days"].default
    limits = JoinLimits.from_environment({})  # the defaults, whatever this shell has set
    cookie_age = max(browser.BROWSER_COOKIE_MAX_AGE, routes.COOKIE_MAX_AGE)
    return {
        "threshold_default": SessionSettings().anonymity_threshold,
        "threshold_minimum": _smallest_threshold(),
        "retention_days": ttl,
        "purge_minutes": int(services.PURGE_EVERY // 60),
        "join_burst": limits.burst,
        "join_per_minute": limits.per_minute,
        "cookie_days": cookie_age // DAY,
    }


def read(lang: str) -> str:
    """The factsheet in `lang`."""
    return (DOCS / FACTSHEETS[lang]).read_text(encoding="utf-8")


def figures_table(text: str, heading: str) -> dict[str, str]:
    """The rows (label → value) of the table right under `heading`."""
    assert heading in text, f"the factsheet has no section {heading!r}"
    section = text.split(heading, 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("|")]
    cells = [[cell.strip() for cell in row.strip("|").split("|")] for row in rows[2:]]
    return {label: value for label, value in cells}


def stated(lang: str) -> dict[str, str]:
    """The factsheet's figures by name, as written."""
    table = figures_table(read(lang), TABLE_HEADING[lang])
    by_label = {labels[lang]: name for name, labels in LABELS.items()}
    assert set(table) == set(by_label), "the figures table's rows are not the ones tied to code"
    return {by_label[label]: value for label, value in table.items()}


@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_figures_are_the_codes(lang: str) -> None:
    """Every figure in the factsheet's table is what the code does."""
    written = stated(lang)
    expected = {name: str(value) for name, value in code_figures().items()}
    assert written == expected


def test_both_languages_state_the_same_figures() -> None:
    """German and English state the same figures (beside matching the code)."""
    assert stated("de") == stated("en")


@pytest.mark.parametrize("lang", ["de", "en"])
def test_no_other_number_in_the_text(lang: str) -> None:
    """Outside the table and citations, every number is one of the table's figures.

    So "ab 5 Gewichtungen" in the prose cannot stay behind when the default changes.
    """
    text = read(lang)
    heading = TABLE_HEADING[lang]
    before, after = text.split(heading, 1)
    prose = " ".join((before + after.split("\n## ", 1)[1]).split())  # citations may wrap
    for citation in CITATIONS:
        prose = prose.replace(citation, "")
    figures = set(stated(lang).values())
    strays = sorted(set(re.findall(r"\d+", prose)) - figures)
    assert strays == [], f"numbers in the text that are no figure of the table: {strays}"


def test_the_smallest_threshold_is_the_settings_minimum() -> None:
    """The threshold found by trying is the constant the console's input starts at."""
    assert _smallest_threshold() == MIN_ANONYMITY_THRESHOLD
    assert SessionSettings().anonymity_threshold >= MIN_ANONYMITY_THRESHOLD


def test_every_way_in_uses_the_retention_default() -> None:
    """A continued workshop gets the same period, and no page sets its own."""
    default = inspect.signature(Store.create_session).parameters["ttl_days"].default
    assert inspect.signature(import_session).parameters["ttl_days"].default == default
    pages = [*sorted((ROOT / "workshop").glob("ui/**/*.py")), *(ROOT / "workshop").glob("web/*.py")]
    setting_their_own = [p.name for p in pages if "ttl_days" in p.read_text(encoding="utf-8")]
    assert setting_their_own == []


def test_readme_links_both_factsheets() -> None:
    """The README links the German and the English factsheet, and states the same default."""
    readme = README.read_text(encoding="utf-8")
    for name in FACTSHEETS.values():
        assert f"](docs/{name})" in readme
        assert (DOCS / name).is_file()
    default = SessionSettings().anonymity_threshold
    assert f"anonymity threshold (default {default} people)" in readme


def test_the_console_reads_the_same_files() -> None:
    """The console's factsheet is these files, by language; German for any other language."""
    assert factsheet_path("de") == DOCS / "betriebsrat.md"
    assert factsheet_path("en") == DOCS / "works-council.md"
    assert factsheet_path("fr") == DOCS / "betriebsrat.md"
