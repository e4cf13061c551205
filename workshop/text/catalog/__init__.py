"""All UI texts, German and English, merged from one module per area of the app.

Each area module defines ``TEXTS: dict[str, dict[str, str]]`` with keys prefixed by the area
(``common.``, ``participant.``, ``facilitator.``, ``wall.``, ``explorer.``, ``error.``); a key
defined twice is a bug that the i18n test catches.
"""

from __future__ import annotations

from workshop.text.catalog import (
    common,
    errors,
    explorer,
    export,
    facilitator,
    participant,
    results,
    wall,
)

AREAS = (common, errors, participant, facilitator, wall, explorer, results, export)


def _merge() -> dict[str, dict[str, str]]:
    merged: dict[str, dict[str, str]] = {}
    for area in AREAS:
        for key, entry in area.TEXTS.items():
            if key in merged:
                raise RuntimeError(f"UI text key {key!r} is defined twice")
            merged[key] = entry
    return merged


CATALOG: dict[str, dict[str, str]] = _merge()
