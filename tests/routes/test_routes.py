"""HTTP routes on a live server: the join link sets the cookie; nothing steers without a key."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import pytest
from support.live_server import LiveServer, live_server

from workshop.packs import default_pack, pack_to_data
from workshop.store import open_store


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    with live_server(tmp_path_factory.mktemp("live")) as running:
        yield running


@pytest.fixture(scope="module")
def session(server: LiveServer) -> tuple[str, str]:
    with open_store(server.database_url) as store:
        created = store.create_session("Routen", "de", pack_to_data(default_pack()))
    return created.code, created.facilitator_key


def token_from(location: str) -> str:
    return parse_qs(urlsplit(location).query)["p"][0]


def test_health(server: LiveServer) -> None:
    """/healthz answers 200 with the database reachable."""
    response = server.get("/healthz")
    assert response.status == 200
    assert response.read() == b'{"status":"ok"}'


def test_join_sets_cookie_and_redirects(server: LiveServer, session: tuple[str, str]) -> None:
    """The QR link creates an anonymous identity, keeps it in a cookie and opens the phone page."""
    code, _ = session
    response = server.get(f"/join/{code}")
    assert response.status == 303
    location = response.getheader("location") or ""
    assert location.startswith(f"/participate?code={code}&p=")
    cookie = response.getheader("set-cookie") or ""
    token = token_from(location)
    assert cookie.startswith(f"fok_{code}={token};")
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie
    with open_store(server.database_url) as store:
        assert store.participant(code, token) is not None


def test_rejoin_with_cookie_keeps_the_identity(
    server: LiveServer, session: tuple[str, str]
) -> None:
    """Scanning the QR code again with the cookie brings back the same participant."""
    code, _ = session
    first = token_from(server.get(f"/join/{code}").getheader("location") or "")
    again = server.get(f"/join/{code}", headers={"Cookie": f"fok_{code}={first}"})
    assert token_from(again.getheader("location") or "") == first
    with open_store(server.database_url) as store:
        assert store.counts(code).participants >= 1


def test_join_is_case_and_dash_tolerant(server: LiveServer, session: tuple[str, str]) -> None:
    """A code typed in lower case with a dash still joins."""
    code, _ = session
    response = server.get(f"/join/{code[:3].lower()}-{code[3:].lower()}")
    assert (response.getheader("location") or "").startswith(f"/participate?code={code}")


@pytest.mark.parametrize("bad", ["ZZZZZZ", "abc", "%3Cscript%3E"])
def test_unknown_codes_go_home_with_a_reason(server: LiveServer, bad: str) -> None:
    """An unknown or malformed code redirects to the start page with a reason and joins nothing."""
    response = server.get(f"/join/{bad}")
    assert response.status == 303
    assert response.getheader("location") == "/?error=session_not_found"
    # Only the browser cookie every new browser gets; no participant's.
    cookies = response.headers.get_all("set-cookie") or []
    assert all(cookie.startswith("fok_id=") for cookie in cookies)


def test_forged_cookie_gets_a_fresh_identity(server: LiveServer, session: tuple[str, str]) -> None:
    """A made-up cookie token is not accepted as someone's identity."""
    code, _ = session
    response = server.get(f"/join/{code}", headers={"Cookie": f"fok_{code}=forged-token"})
    assert token_from(response.getheader("location") or "") != "forged-token"


def test_no_route_steers_a_session(server: LiveServer, session: tuple[str, str]) -> None:
    """No HTTP path changes a session: the phase stays put whatever is requested."""
    code, key = session
    for path in (
        f"/facilitate?code={code}&key=wrong",
        f"/facilitate?code={code}&key={key}&phase=results",
        f"/join/{code}?key={key}&phase=results",
        f"/wall?code={code}&phase=results",
    ):
        server.get(path).read()
    with open_store(server.database_url) as store:
        assert store.get_session(code).phase == "welcome"
