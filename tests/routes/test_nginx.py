"""The large-room recipe: nginx in front of the app (deploy/serve.py with deploy/nginx.conf).

nginx must send the frontend's files itself, pre-gzipped, and pass everything else to the app:
the join link, exports (still refused without the key) and the websocket.  Phones behind it
are limited one by one (the address nginx forwards), never all as nginx's one address.  Without
nginx these tests skip with a reason, except in CI (CI=true), where they fail.
"""

from __future__ import annotations

import base64
import http.client
import os
import re
import shutil
import socket
import tempfile
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from serve import find_nginx
from support.ci import unavailable
from support.live_server import LiveServer, live_server, nginx_in_front

from workshop.packs import default_pack, pack_to_data
from workshop.store import open_store


@dataclass(frozen=True)
class Proxy:
    """nginx in front of a live app: its port and the folder with its config and static copy."""

    port: int
    folder: Path
    app: LiveServer

    def request(
        self, path: str, headers: dict[str, str] | None = None
    ) -> tuple[http.client.HTTPResponse, bytes]:
        """One GET through nginx, without following redirects; the response and its body."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        connection.request("GET", path, headers=headers or {})
        response = connection.getresponse()
        return response, response.read()


@pytest.fixture(scope="module")
def proxy(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Proxy]:
    if find_nginx() is None:
        unavailable("nginx is not installed (Debian: apt-get install nginx-light)", "these tests")
    # Started by root, nginx's workers run as `nobody`: its folder must be world-readable,
    # which pytest's own temporary folders are not.
    folder = Path(tempfile.mkdtemp(prefix="fok-nginx-"))
    folder.chmod(0o755)
    try:
        with (
            live_server(tmp_path_factory.mktemp("behind-nginx")) as app,
            nginx_in_front(app.port, folder, folder / "nginx.log") as nginx,
        ):
            yield Proxy(nginx.port, folder, app)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def bundle_path(proxy: Proxy) -> str:
    """The path of the main JavaScript bundle that index.html loads."""
    html = (proxy.folder / "static" / "index.html").read_text()
    match = re.search(r'src="\./(static/js/[^"]+\.js)"', html)
    assert match, "index.html names no script bundle"
    return f"/{match.group(1)}"


def test_nginx_sends_the_frontend_bundles_itself_pre_gzipped(proxy: Proxy) -> None:
    """A bundle comes from nginx's copy, gzipped once in advance and cached for a year."""
    path = bundle_path(proxy)
    response, body = proxy.request(path, {"Accept-Encoding": "gzip"})
    assert response.status == 200
    assert response.getheader("Server", "").startswith("nginx")
    assert response.getheader("Content-Encoding") == "gzip"
    assert "immutable" in response.getheader("Cache-Control", "")
    assert body == (proxy.folder / "static" / f"{path.lstrip('/')}.gz").read_bytes()


def test_pages_get_the_app_shell_from_nginx(proxy: Proxy) -> None:
    """The phone page's HTML is the app's own index.html, revalidated on every load."""
    response, body = proxy.request("/participate")
    assert response.status == 200
    assert response.getheader("Cache-Control") == "no-cache"
    assert body == (proxy.folder / "static" / "index.html").read_bytes()
    assert body == proxy.app.get("/participate").read()  # what the app itself would send


def test_join_link_works_through_nginx(proxy: Proxy) -> None:
    """The QR link reaches the app: a cookie for the new identity and a redirect to the phone."""
    with open_store(proxy.app.database_url) as store:
        code = store.create_session("Hinter nginx", "de", pack_to_data(default_pack())).code
    response, _ = proxy.request(f"/join/{code}")
    assert response.status == 303
    assert response.getheader("Location", "").split("?")[0].endswith("/participate")
    assert f"fok_{code}=" in response.getheader("Set-Cookie", "")


def test_exports_still_need_the_key_through_nginx(proxy: Proxy) -> None:
    """nginx adds no way around the facilitator key."""
    with open_store(proxy.app.database_url) as store:
        code = store.create_session("Geheim", "de", pack_to_data(default_pack())).code
    assert proxy.request(f"/export/{code}.json")[0].status == 403
    assert proxy.request(f"/export/{code}.json?key=wrong")[0].status == 403


def test_the_websocket_is_passed_through(proxy: Proxy) -> None:
    """The page's websocket upgrade reaches Streamlit, whose origin check sees nginx's host.

    A name, not 127.0.0.1: Streamlit lets local origins through whatever the Host header says.
    """
    host = f"workshop.test:{proxy.port}"
    key = base64.b64encode(os.urandom(16)).decode()
    handshake = (
        "GET /_stcore/stream HTTP/1.1\r\n"
        f"Host: {host}\r\nOrigin: http://{host}\r\n"
        "Upgrade: websocket\r\nConnection: Upgrade\r\n"
        f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n"
        "Sec-WebSocket-Protocol: streamlit\r\n\r\n"
    )
    with socket.create_connection(("127.0.0.1", proxy.port), timeout=10) as connection:
        connection.sendall(handshake.encode())
        status = connection.recv(4096).split(b"\r\n", 1)[0]
    assert status == b"HTTP/1.1 101 Switching Protocols", status


# --------------------------------------------------------------------------- the join limit


def join_via_nginx(proxy: Proxy, code: str, phone: str, forged: str | None = None) -> str:
    """A cookieless join through nginx from loopback address `phone`; the Location."""
    connection = http.client.HTTPConnection(
        "127.0.0.1", proxy.port, timeout=10, source_address=(phone, 0)
    )
    headers = {"X-Forwarded-For": forged} if forged else {}
    connection.request("GET", f"/join/{code}", headers=headers)
    response = connection.getresponse()
    response.read()
    return response.getheader("Location") or ""


def test_phones_behind_nginx_each_have_their_own_limit(proxy: Proxy) -> None:
    """60 phones (more than one address may create at once) join through nginx: all get in.

    Each phone connects from its own address (127.0.20.N: only 127.0.0.1 is trusted), so the
    app must count the address nginx forwards, not nginx's own.
    """
    with open_store(proxy.app.database_url) as store:
        code = store.create_session("Großer Raum", "de", pack_to_data(default_pack())).code
    phones = [f"127.0.20.{n}" for n in range(1, 61)]
    with ThreadPoolExecutor(max_workers=8) as pool:
        locations = list(pool.map(lambda phone: join_via_nginx(proxy, code, phone), phones))
    assert all(loc.startswith("/participate?") for loc in locations), set(locations)
    assert len({parse_qs(urlsplit(loc).query)["p"][0] for loc in locations}) == 60
    with open_store(proxy.app.database_url) as store:
        assert store.counts(code).participants == 60


@pytest.mark.parametrize("forged", [False, True], ids=["plain", "forged-forwarded-for"])
def test_a_burst_from_one_phone_behind_nginx_is_refused(proxy: Proxy, forged: bool) -> None:
    """80 joins at once from one phone: refused past the limit, whatever it writes in
    X-Forwarded-For (nginx appends the real address; only that one counts)."""
    with open_store(proxy.app.database_url) as store:
        code = store.create_session("Skript", "de", pack_to_data(default_pack())).code
    phone = "127.0.21.2" if forged else "127.0.21.1"

    def one(n: int) -> str:
        return join_via_nginx(proxy, code, phone, f"10.98.0.{n + 1}" if forged else None)

    with ThreadPoolExecutor(max_workers=8) as pool:
        locations = list(pool.map(one, range(80)))
    assert "/?error=too_many_joins" in locations
    with open_store(proxy.app.database_url) as store:
        assert store.counts(code).participants < 80


def test_a_browser_gets_its_cookie_from_the_app_through_nginx(proxy: Proxy) -> None:
    """nginx sends the page itself, so the browser cookie comes with the frontend's first
    request to the app (its health check, before the websocket opens)."""
    response, _ = proxy.request("/_stcore/health")
    cookies = response.headers.get_all("Set-Cookie") or []
    assert any(cookie.startswith("fok_id=") for cookie in cookies), cookies
