"""One browser, one identity, and the join limit, on a live server (`streamlit run app.py`).

The browser cookie ``fok_id`` comes with the first response a browser gets; the join route
derives the participant's token from it (``credentials.participant_token_for``), so a code
typed later on the home page (which reads the same cookie, see ``tests/ui/test_joining.py``
and the browser test ``tests/e2e/test_identity_browser.py``) finds the same participant.

Scripted joins go to the app from their own loopback addresses (127.0.N.M: Linux routes all
of 127/8 to loopback, and only 127.0.0.1 is a trusted proxy), so each test has its own bucket.
"""

from __future__ import annotations

import http.client
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from http.cookies import SimpleCookie
from urllib.parse import parse_qs, urlsplit

import pytest
from support.live_server import LiveServer, live_server

from workshop.packs import default_pack, pack_to_data
from workshop.store import open_store
from workshop.store.credentials import is_token, participant_token_for
from workshop.web.joinlimit import DEFAULT_BURST, DEFAULT_PER_MINUTE

REFUSED = "/?error=too_many_joins"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    with live_server(tmp_path_factory.mktemp("identity")) as running:
        yield running


def new_code(server: LiveServer) -> str:
    with open_store(server.database_url) as store:
        return store.create_session("Identität", "de", pack_to_data(default_pack())).code


def participants(server: LiveServer, code: str) -> int:
    with open_store(server.database_url) as store:
        return store.counts(code).participants


def get(
    port: int, path: str, headers: dict[str, str] | None = None, source: str = "127.0.0.1"
) -> http.client.HTTPResponse:
    """One GET from the loopback address `source`, without following redirects."""
    connection = http.client.HTTPConnection(
        "127.0.0.1", port, timeout=10, source_address=(source, 0)
    )
    connection.request("GET", path, headers=headers or {})
    response = connection.getresponse()
    response.read()
    return response


def cookies_of(response: http.client.HTTPResponse) -> dict[str, str]:
    """Every cookie the response sets, by name (with its attributes in the raw header)."""
    jar: SimpleCookie = SimpleCookie()
    for header in response.headers.get_all("Set-Cookie") or []:
        jar.load(header)
    return {name: morsel.value for name, morsel in jar.items()}


def token_from(response: http.client.HTTPResponse) -> str:
    return parse_qs(urlsplit(response.getheader("Location") or "").query)["p"][0]


# --------------------------------------------------------------------------- the browser cookie


def test_every_page_gives_a_new_browser_its_cookie(server: LiveServer) -> None:
    """The app's first answer (the page, a health check) brings a random HttpOnly cookie."""
    for path in ("/", "/participate", "/_stcore/health"):
        response = get(server.port, path)
        raw = [h for h in response.headers.get_all("Set-Cookie") or [] if h.startswith("fok_id=")]
        assert len(raw) == 1, path
        assert "HttpOnly" in raw[0] and "SameSite=Lax" in raw[0] and "Path=/" in raw[0]
        assert is_token(cookies_of(response)["fok_id"])
        assert response.getheader("Cache-Control") == "no-store"  # never shared by a cache
    first, second = (cookies_of(get(server.port, "/"))["fok_id"] for _ in range(2))
    assert first != second


def test_a_browser_with_its_cookie_gets_no_new_one(server: LiveServer) -> None:
    secret = cookies_of(get(server.port, "/"))["fok_id"]
    response = get(server.port, "/", {"Cookie": f"fok_id={secret}"})
    assert "fok_id" not in cookies_of(response)
    assert response.getheader("Cache-Control") != "no-store"  # the page's own caching stays
    forged = get(server.port, "/", {"Cookie": "fok_id=short"})
    assert cookies_of(forged)["fok_id"] != "short"


def test_the_first_qr_scan_uses_the_cookie_it_sets(server: LiveServer) -> None:
    """A phone without cookies scans the QR code: its identity is the one its new cookie gives."""
    code = new_code(server)
    response = get(server.port, f"/join/{code}")
    assert response.status == 303
    set_cookies = cookies_of(response)
    token = token_from(response)
    assert token == participant_token_for(set_cookies["fok_id"], code)
    assert set_cookies[f"fok_{code}"] == token


def test_joining_again_with_the_browser_cookie_keeps_the_identity(server: LiveServer) -> None:
    """Another join with only the browser cookie (another path spelling too): the same person.

    This is what a code typed on the home page does with the cookie the websocket carries.
    """
    code = new_code(server)
    first = get(server.port, f"/join/{code}")
    secret = cookies_of(first)["fok_id"]
    spelt = f"/join/{code[:3].lower()}-{code[3:].lower()}"
    again = get(server.port, spelt, {"Cookie": f"fok_id={secret}"})
    assert token_from(again) == token_from(first)
    assert "fok_id" not in cookies_of(again)
    assert participants(server, code) == 1


def test_two_browsers_are_two_participants(server: LiveServer) -> None:
    code = new_code(server)
    assert token_from(get(server.port, f"/join/{code}")) != token_from(
        get(server.port, f"/join/{code}")
    )
    assert participants(server, code) == 2


# --------------------------------------------------------------------------- the join limit


def burst(
    server: LiveServer, code: str, n: int, source: str, forged: bool = False
) -> tuple[list[str], float]:
    """`n` cookieless joins at once from `source` (8 at a time); their Locations and seconds."""

    def one(i: int) -> str:
        headers = {"X-Forwarded-For": f"10.99.{i // 250}.{i % 250 + 1}"} if forged else {}
        return get(server.port, f"/join/{code}", headers, source).getheader("Location") or ""

    start = time.monotonic()
    with ThreadPoolExecutor(max_workers=8) as pool:
        locations = list(pool.map(one, range(n)))
    return locations, time.monotonic() - start


def admitted_at_most(seconds: float) -> float:
    """What the default limit lets one address create within `seconds`."""
    return DEFAULT_BURST + seconds * DEFAULT_PER_MINUTE / 60 + 1


def test_a_burst_of_cookieless_joins_is_refused_past_the_limit(server: LiveServer) -> None:
    """80 joins at once from one client: the burst gets in, the rest goes home with a reason."""
    code = new_code(server)
    locations, seconds = burst(server, code, 80, "127.0.10.1")
    joined = [loc for loc in locations if loc.startswith("/participate?")]
    refused = [loc for loc in locations if loc == REFUSED]
    assert len(joined) + len(refused) == 80
    assert refused, f"nothing refused in {seconds:.2f} s"
    assert DEFAULT_BURST <= len(joined) <= admitted_at_most(seconds)
    assert participants(server, code) == len(joined)


def test_a_forged_forwarded_address_from_an_untrusted_peer_is_ignored(
    server: LiveServer,
) -> None:
    """A client that talks to the app directly and names another address each time is one client."""
    code = new_code(server)
    locations, seconds = burst(server, code, 80, "127.0.11.1", forged=True)
    assert REFUSED in locations
    assert participants(server, code) <= admitted_at_most(seconds)


def test_rejoining_is_never_refused(server: LiveServer) -> None:
    """A browser that has its identity gets back in while its address is over the limit."""
    code = new_code(server)
    first = get(server.port, f"/join/{code}", source="127.0.12.1")
    secret = cookies_of(first)["fok_id"]
    locations, _ = burst(server, code, 80, "127.0.12.1")
    assert REFUSED in locations
    again = get(server.port, f"/join/{code}", {"Cookie": f"fok_id={secret}"}, "127.0.12.1")
    assert token_from(again) == token_from(first)
    # The limit is per address: another client is not affected by this one's burst.
    assert get(server.port, f"/join/{code}", source="127.0.12.2").getheader("Location") != REFUSED
