"""The address phones use to join: reachable from the room, never `localhost`.

Order of preference (docs/architecture.md, "Reachable join address"):
1. a configured public URL (``WORKSHOP_PUBLIC_URL``, e.g. behind a proxy);
2. the address the facilitator's browser used, unless it is a loopback address;
3. the machine's LAN address, with the port the server listens on.
"""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass
from typing import Literal
from urllib.parse import urlsplit

Origin = Literal["configured", "browser", "lan", "loopback"]


@dataclass(frozen=True)
class JoinBase:
    """The base URL for join links and where it came from (shown on the console)."""

    url: str
    origin: Origin


def is_loopback_host(host: str) -> bool:
    """True for localhost and loopback IPs (127.0.0.0/8, ::1)."""
    host = host.strip("[]").lower()
    if host in {"localhost", "localhost.localdomain", ""}:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host.endswith(".localhost")


def lan_address() -> str | None:
    """This machine's address on the local network, or None when it has none.

    Connecting a UDP socket sends nothing; it only asks the OS which interface it would use.
    """
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect(("192.0.2.1", 9))  # TEST-NET-1: never routed, never contacted
        address = str(probe.getsockname()[0])
    except OSError:
        return None
    finally:
        probe.close()
    return None if is_loopback_host(address) else address


def origin_of(url: str) -> str:
    """Scheme, host and port of a URL, without path or query."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def join_base(configured: str | None, browser_url: str | None, port: int) -> JoinBase:
    """Choose the base URL phones can reach (see the module docstring for the order)."""
    if configured:
        return JoinBase(configured.rstrip("/"), "configured")
    if browser_url:
        host = urlsplit(browser_url).hostname or ""
        if not is_loopback_host(host):
            return JoinBase(origin_of(browser_url), "browser")
    lan = lan_address()
    if lan:
        return JoinBase(f"http://{lan}:{port}", "lan")
    return JoinBase(f"http://localhost:{port}", "loopback")


def join_url(base: JoinBase, code: str) -> str:
    """The link a phone opens (and the QR code carries) to join a session."""
    return f"{base.url}/join/{code}"
