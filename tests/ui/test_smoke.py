"""Every page renders without an error for every kind of reader, in German and English."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.pages import page
from support.seeding import new_session

from workshop.store import PHASES, Store

PAGES = ("home", "participate", "facilitate", "wall", "explore")
ROLES = ("visitor", "participant", "facilitator", "wall")


@pytest.fixture
def store(ui_store: Store) -> Store:
    """The app's store on this test's own SQLite file (see conftest.ui_store)."""
    return ui_store


def params_for(role: str, store: Store, code: str, key: str) -> dict[str, str]:
    if role == "participant":
        return {"code": code, "p": store.join(code).token}
    if role == "facilitator":
        return {"code": code, "key": key}
    if role == "wall":
        return {"code": code}
    return {}


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", PAGES)
def test_page_renders(store: Store, name: str, role: str, lang: str) -> None:
    """The page runs to the end without an exception."""
    code, key = new_session(store)
    at = page(name, lang=lang, **params_for(role, store, code, key))
    assert not at.exception, at.exception


@pytest.mark.parametrize("phase", PHASES)
def test_participant_page_in_every_phase(store: Store, phase: str) -> None:
    """The phone page renders in each phase, with results revealed and enough ballots."""
    code, key = new_session(store, anonymity_threshold=3)
    tokens = [store.join(code).token for _ in range(3)]
    for i, token in enumerate(tokens):
        store.submit_weights(code, token, {c: (i + j) % 11 for j, c in enumerate(_criteria())})
    store.set_phase(code, key, phase)
    store.set_revealed(code, key, True)
    at = page("participate", code=code, p=tokens[0])
    assert not at.exception, at.exception


def _criteria() -> tuple[str, ...]:
    from workshop.packs import default_pack

    return default_pack().criterion_ids


def test_database_url_can_come_from_streamlit_secrets(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without the environment variable, the store URL is read from Streamlit secrets."""
    from workshop.ui import secrets

    url = f"sqlite:///{tmp_path / 'from-secrets.sqlite3'}"
    monkeypatch.delenv("WORKSHOP_DATABASE_URL", raising=False)
    monkeypatch.setattr("streamlit.secrets", {"WORKSHOP_DATABASE_URL": url})
    assert secrets.secret_database_url() == url
