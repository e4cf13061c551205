"""How fast one client may create participants: a token bucket per client address.

A script that joins a session again and again (with no cookie, or a new one each time) makes a
new participant every time and could pad the anonymity threshold.  Each client address may
therefore create at most ``burst`` participants at once and then ``per_minute`` a minute;
past that a join that would create a participant is refused (``TooManyJoins``).  Rejoining an
identity the browser already has is never counted.

The trade-off is a shared address: a room of phones on one venue Wi-Fi reaches an app hosted
elsewhere through one NAT address, and so shares one bucket.  The default (40 at once, then
300 a minute, so 300 phones in about 55 s) admits a real room scanning the QR code; for larger
rooms behind one address raise ``WORKSHOP_JOIN_BURST`` and ``WORKSHOP_JOIN_PER_MINUTE``
(``WORKSHOP_JOIN_BURST=0`` switches the limit off).  IPv6 clients are counted per /64, the
block one household or phone usually gets.

The client address is the connection's peer, unless that peer is a trusted proxy: then it is
the right-most address in ``X-Forwarded-For`` that is not itself a trusted proxy, the one the
nearest trusted proxy saw.  Entries further left were written by the client and could say
anything.  The trusted proxies are uvicorn's ``FORWARDED_ALLOW_IPS`` (default loopback,
``127.0.0.1,::1``): the server Streamlit runs on already applies the same rule with the same
list to every connection's address, so reading the same variable keeps the two from ever
disagreeing (a second, stricter list here could not undo what the server already believed).

Pure and in-process (no Streamlit, no database): each app process limits on its own.
"""

from __future__ import annotations

import ipaddress
import os
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Mapping
from dataclasses import dataclass

BURST_ENV = "WORKSHOP_JOIN_BURST"
PER_MINUTE_ENV = "WORKSHOP_JOIN_PER_MINUTE"
TRUSTED_PROXIES_ENV = "FORWARDED_ALLOW_IPS"  # uvicorn's own setting, see the docstring
DEFAULT_BURST = 40
DEFAULT_PER_MINUTE = 300
DEFAULT_TRUSTED_PROXIES = "127.0.0.1,::1"
#: Clients remembered at most; the least recently seen are forgotten first (their buckets
#: are full again after a few seconds anyway).
MAX_CLIENTS = 10_000

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@dataclass(frozen=True)
class JoinLimits:
    """How many participants one client address may create: at once, and then per minute."""

    burst: int = DEFAULT_BURST
    per_minute: int = DEFAULT_PER_MINUTE

    def __post_init__(self) -> None:
        if self.burst < 0 or self.per_minute < 1:
            raise ValueError("the join burst must be 0 or more and the rate per minute 1 or more")

    @property
    def enabled(self) -> bool:
        """False when the limit is switched off (a burst of 0)."""
        return self.burst > 0

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] = os.environ) -> JoinLimits:
        """The limits from WORKSHOP_JOIN_BURST and WORKSHOP_JOIN_PER_MINUTE (defaults if unset).

        A value that is not a whole number in range raises ValueError naming the variable, so
        a typo stops the app at start instead of silently changing the limit.
        """
        burst = _whole_number(environ, BURST_ENV, DEFAULT_BURST, minimum=0)
        per_minute = _whole_number(environ, PER_MINUTE_ENV, DEFAULT_PER_MINUTE, minimum=1)
        return cls(burst, per_minute)


def _whole_number(environ: Mapping[str, str], name: str, default: int, *, minimum: int) -> int:
    raw = environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        value = minimum - 1
    if value < minimum:
        raise ValueError(f"{name} must be a whole number of at least {minimum}, not {raw!r}")
    return value


class JoinLimiter:
    """A token bucket per client address, safe to share between threads."""

    def __init__(
        self,
        limits: JoinLimits,
        clock: Callable[[], float] = time.monotonic,
        max_clients: int = MAX_CLIENTS,
    ) -> None:
        self.limits = limits
        self._clock = clock
        self._max_clients = max_clients
        self._rate = limits.per_minute / 60.0  # tokens per second
        # Per bucket key: (tokens left, when last counted); oldest use first.
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()
        self._lock = threading.Lock()

    def allow(self, client: str) -> bool:
        """Count one new participant for `client`; False (and nothing counted) past the limit."""
        if not self.limits.enabled:
            return True
        key = bucket_key(client)
        now = self._clock()
        with self._lock:
            tokens, then = self._buckets.pop(key, (float(self.limits.burst), now))
            tokens = min(float(self.limits.burst), tokens + max(0.0, now - then) * self._rate)
            allowed = tokens >= 1.0
            self._buckets[key] = (tokens - 1.0 if allowed else tokens, now)
            while len(self._buckets) > self._max_clients:
                self._buckets.popitem(last=False)
        return allowed


def bucket_key(address: str) -> str:
    """The bucket an address counts against: itself, IPv6 by its /64, IPv4-mapped as IPv4."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address.strip().lower()[:64]  # not an address (a unix socket): its own bucket
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return str(ip.ipv4_mapped)
        return str(ipaddress.IPv6Network((ip, 64), strict=False))
    return str(ip)


@dataclass(frozen=True)
class TrustedProxies:
    """The proxies whose X-Forwarded-For is believed: addresses and networks (or everyone)."""

    networks: tuple[Network, ...]
    literals: frozenset[str] = frozenset()
    everyone: bool = False

    @classmethod
    def parse(cls, text: str) -> TrustedProxies:
        """Comma-separated addresses or networks ("127.0.0.1, 10.0.0.0/8"), read as uvicorn does.

        '' trusts nobody and "*" everybody; an entry that is neither an address nor a network
        (a unix socket's name) is trusted only as that exact text.
        """
        if text.strip() == "*":
            return cls((), everyone=True)
        networks, literals = [], set()
        for entry in (part.strip() for part in text.split(",")):
            try:
                # As uvicorn: "/" makes a network (host bits must be zero), else one address.
                networks.append(ipaddress.ip_network(entry if "/" in entry else _single(entry)))
            except ValueError:
                if entry:
                    literals.add(entry)
        return cls(tuple(networks), frozenset(literals))

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] = os.environ) -> TrustedProxies:
        """The trusted proxies from FORWARDED_ALLOW_IPS, by default loopback only."""
        return cls.parse(environ.get(TRUSTED_PROXIES_ENV, DEFAULT_TRUSTED_PROXIES))

    def __contains__(self, address: object) -> bool:
        if self.everyone:
            return True
        if not isinstance(address, str):
            return False
        try:
            ip = ipaddress.ip_address(address)
        except ValueError:
            return address in self.literals
        return any(ip.version == net.version and ip in net for net in self.networks)


def _single(entry: str) -> str:
    """One address as a network of one (ValueError if it is not an address)."""
    ip = ipaddress.ip_address(entry)
    return f"{ip}/{ip.max_prefixlen}"


def client_address(peer: str, forwarded_for: str, trusted: TrustedProxies) -> str:
    """The address a join is counted against.

    `peer` is the connection's address, `forwarded_for` every X-Forwarded-For header of the
    request joined by commas ('' if none).  Only when the peer is a trusted proxy is the header
    read, from the right: the first entry that is not a trusted proxy is the client the
    proxies saw.  If every entry is a trusted proxy, the left-most one is the client.
    """
    if peer not in trusted or not forwarded_for.strip():
        return peer
    hops = [host for host in (_host_of(entry) for entry in forwarded_for.split(",")) if host]
    for host in reversed(hops):
        if host not in trusted:
            return host
    return hops[0] if hops else peer


def _host_of(entry: str) -> str:
    """The address in one X-Forwarded-For entry, without a port ("[::1]:80", "1.2.3.4:5")."""
    entry = entry.strip()
    if entry.startswith("["):
        return entry[1:].split("]", 1)[0]
    if entry.count(":") == 1:
        return entry.split(":", 1)[0]
    return entry
