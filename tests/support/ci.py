"""CI or not: where a test that needs a service (PostgreSQL, Chromium, nginx) may skip."""

from __future__ import annotations

import os
from typing import NoReturn

import pytest


def in_ci() -> bool:
    """Tell whether this run is CI (``CI=true``), where nothing that needs a service may skip."""
    return os.environ.get("CI", "").lower() == "true"


def unavailable(reason: str, tests: str) -> NoReturn:
    """Skip with `reason`; in CI fail instead, because `tests` (e.g. "browser tests") must run."""
    if in_ci():
        pytest.fail(f"{reason} (CI=true: {tests} must run)", pytrace=False)
    pytest.skip(reason)
