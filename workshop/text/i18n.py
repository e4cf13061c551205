"""German and English texts of the app.

Every string a facilitator or participant reads lives in :data:`workshop.text.catalog.CATALOG`
with a
German and an English text; :func:`t` looks one up and fills in its placeholders.  Pack content
(criteria, options, …) carries its own `Text` pairs.  A test fails when a key lacks a language or
the two languages disagree on placeholders.
"""

from __future__ import annotations

import string
from collections.abc import Mapping

from workshop.content import LANGS, Lang
from workshop.text.catalog import CATALOG

DEFAULT_LANG: Lang = "de"


def t(key: str, lang: str, /, **values: object) -> str:
    """The text for `key` in `lang` (German or English), placeholders filled from `values`."""
    entry = CATALOG[key]
    text = entry["de"] if lang == "de" else entry["en"]
    return text.format(**values) if values else text


def language_from_locale(locale: str | None, fallback: Lang = DEFAULT_LANG) -> Lang:
    """The app language for a browser locale such as ``de-DE`` or ``en-GB``."""
    if locale:
        prefix = locale.replace("_", "-").split("-")[0].lower()
        for lang in LANGS:
            if prefix == lang:
                return lang
        return "en"  # any other browser language reads English better than German
    return fallback


def coerce_lang(value: object, fallback: Lang = DEFAULT_LANG) -> Lang:
    """A valid language code from untrusted input (query parameter, stored setting)."""
    return "de" if value == "de" else "en" if value == "en" else fallback


def placeholders(text: str) -> set[str]:
    """Names of the ``{placeholders}`` in a catalog text."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def problems(catalog: Mapping[str, Mapping[str, str]] = CATALOG) -> list[str]:
    """Every catalog entry lacking a language or whose languages differ in placeholders."""
    found = []
    for key, entry in catalog.items():
        missing = [lang for lang in LANGS if not entry.get(lang, "").strip()]
        if missing:
            found.append(f"{key}: no text in {', '.join(missing)}")
        elif placeholders(entry["de"]) != placeholders(entry["en"]):
            found.append(f"{key}: placeholders differ between de and en")
    return found
