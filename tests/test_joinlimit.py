"""The join limit (a token bucket per client address) and which address a join counts against."""

from __future__ import annotations

import ipaddress

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workshop.web.joinlimit import (
    DEFAULT_BURST,
    DEFAULT_PER_MINUTE,
    JoinLimiter,
    JoinLimits,
    TrustedProxies,
    bucket_key,
    client_address,
)

LOOPBACK = TrustedProxies.parse("127.0.0.1,::1")


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


# --------------------------------------------------------------------------- the bucket


def test_a_scripted_burst_is_refused_past_the_burst() -> None:
    """50 joins in 0.2 s from one address: the default burst passes, the rest is refused."""
    clock = Clock()
    limiter = JoinLimiter(JoinLimits(), clock)
    allowed = 0
    for _ in range(50):
        allowed += limiter.allow("203.0.113.7")
        clock.now += 0.004
    # 40 at once plus at most what 0.2 s at 5 a second refills (one).
    assert DEFAULT_BURST <= allowed <= DEFAULT_BURST + 1


def test_the_bucket_refills_at_the_rate_per_minute() -> None:
    """Once empty, one new join per 60/per_minute seconds, never more than the burst saved up."""
    clock = Clock()
    limiter = JoinLimiter(JoinLimits(burst=3, per_minute=60), clock)
    assert [limiter.allow("a") for _ in range(4)] == [True, True, True, False]
    clock.now += 0.9
    assert not limiter.allow("a")
    clock.now += 0.1
    assert limiter.allow("a") and not limiter.allow("a")
    clock.now += 3600  # an hour idle saves up the burst, not 3600 joins
    assert [limiter.allow("a") for _ in range(4)] == [True, True, True, False]


def test_a_room_behind_one_address_gets_in_at_room_pace() -> None:
    """300 phones behind one NAT scanning within a minute (one every 0.2 s) are all admitted."""
    clock = Clock()
    limiter = JoinLimiter(JoinLimits(), clock)
    for _ in range(300):
        assert limiter.allow("198.51.100.1")
        clock.now += 0.2


def test_addresses_have_their_own_buckets() -> None:
    """One address's burst does not use up another's."""
    limiter = JoinLimiter(JoinLimits(burst=2, per_minute=1), Clock())
    assert limiter.allow("10.0.0.1") and limiter.allow("10.0.0.1")
    assert not limiter.allow("10.0.0.1")
    assert limiter.allow("10.0.0.2")


def test_ipv6_counts_per_64() -> None:
    """A phone's /64 is one client: rotating the low 64 bits does not open new buckets."""
    limiter = JoinLimiter(JoinLimits(burst=2, per_minute=1), Clock())
    assert limiter.allow("2001:db8:1:2::1") and limiter.allow("2001:db8:1:2:ffff::9")
    assert not limiter.allow("2001:db8:1:2:abcd::1")
    assert limiter.allow("2001:db8:1:3::1")
    assert bucket_key("::ffff:192.0.2.1") == "192.0.2.1"


def test_a_burst_of_zero_switches_the_limit_off() -> None:
    limiter = JoinLimiter(JoinLimits(burst=0), Clock())
    assert all(limiter.allow("10.0.0.1") for _ in range(1000))


def test_memory_stays_bounded() -> None:
    """Many addresses: the least recently seen are forgotten, the limiter does not grow."""
    limiter = JoinLimiter(JoinLimits(burst=1, per_minute=1), Clock(), max_clients=100)
    for n in range(1000):
        limiter.allow(f"10.0.{n // 256}.{n % 256}")
    assert len(limiter._buckets) == 100


@given(
    burst=st.integers(1, 50),
    per_minute=st.integers(1, 600),
    gaps=st.lists(st.floats(0, 5, allow_nan=False), min_size=1, max_size=200),
)
def test_never_more_than_burst_plus_refill(burst: int, per_minute: int, gaps: list[float]) -> None:
    """Whatever the timing, admitted joins never exceed the burst plus the elapsed refill."""
    clock = Clock()
    limiter = JoinLimiter(JoinLimits(burst, per_minute), clock)
    start, allowed = clock.now, 0
    for gap in gaps:
        clock.now += gap
        allowed += limiter.allow("192.0.2.9")
    assert allowed <= burst + (clock.now - start) * per_minute / 60 + 1e-9


# --------------------------------------------------------------------------- the settings


def test_limits_come_from_the_environment() -> None:
    assert JoinLimits.from_environment({}) == JoinLimits(DEFAULT_BURST, DEFAULT_PER_MINUTE)
    environ = {"WORKSHOP_JOIN_BURST": " 200 ", "WORKSHOP_JOIN_PER_MINUTE": "1200"}
    assert JoinLimits.from_environment(environ) == JoinLimits(200, 1200)
    assert not JoinLimits.from_environment({"WORKSHOP_JOIN_BURST": "0"}).enabled


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("WORKSHOP_JOIN_BURST", "-1"),
        ("WORKSHOP_JOIN_BURST", "lots"),
        ("WORKSHOP_JOIN_PER_MINUTE", "0"),
        ("WORKSHOP_JOIN_PER_MINUTE", "2.5"),
    ],
)
def test_a_malformed_limit_stops_the_app(name: str, value: str) -> None:
    """A typo is an error naming the variable, never a silently different limit."""
    with pytest.raises(ValueError, match=name):
        JoinLimits.from_environment({name: value})


def test_trusted_proxies_read_like_uvicorn() -> None:
    """FORWARDED_ALLOW_IPS: addresses, networks, '*' for everyone, '' for nobody."""
    assert "127.0.0.1" in TrustedProxies.from_environment({})
    assert "::1" in TrustedProxies.from_environment({})
    assert "127.0.0.2" not in TrustedProxies.from_environment({})
    environ = {"FORWARDED_ALLOW_IPS": "10.0.0.0/8, 192.0.2.5"}
    trusted = TrustedProxies.from_environment(environ)
    assert "10.20.30.40" in trusted and "192.0.2.5" in trusted
    assert "127.0.0.1" not in trusted and "192.0.2.6" not in trusted
    assert "anything" in TrustedProxies.parse("*")
    assert "127.0.0.1" not in TrustedProxies.parse("")
    assert "unix:/run/app.sock" in TrustedProxies.parse("unix:/run/app.sock")


# --------------------------------------------------------------------------- the address


def test_a_forged_header_from_an_untrusted_peer_is_ignored() -> None:
    """A client talking to the app directly cannot name another address."""
    assert client_address("203.0.113.7", "198.51.100.1", LOOPBACK) == "203.0.113.7"
    assert client_address("203.0.113.7", "127.0.0.1", LOOPBACK) == "203.0.113.7"


def test_behind_a_trusted_proxy_the_right_most_untrusted_entry_counts() -> None:
    """nginx appends the phone's address; what the phone wrote further left is ignored."""
    assert client_address("127.0.0.1", "198.51.100.1", LOOPBACK) == "198.51.100.1"
    forged = "1.1.1.1, 2.2.2.2, 198.51.100.1"
    assert client_address("127.0.0.1", forged, LOOPBACK) == "198.51.100.1"
    assert client_address("127.0.0.1", "198.51.100.1, 127.0.0.1", LOOPBACK) == "198.51.100.1"
    assert client_address("127.0.0.1", "[2001:db8::1]:443", LOOPBACK) == "2001:db8::1"
    assert client_address("127.0.0.1", "198.51.100.1:5000", LOOPBACK) == "198.51.100.1"


def test_a_trusted_proxy_without_a_header_is_the_client() -> None:
    assert client_address("127.0.0.1", "", LOOPBACK) == "127.0.0.1"
    assert client_address("127.0.0.1", " , ", LOOPBACK) == "127.0.0.1"
    assert client_address("127.0.0.1", "127.0.0.1, ::1", LOOPBACK) == "127.0.0.1"


ipv4 = st.ip_addresses(v=4).map(str)


@given(peer=ipv4, hops=st.lists(ipv4, max_size=5))
def test_only_a_trusted_peer_lets_the_header_count(peer: str, hops: list[str]) -> None:
    """From an untrusted peer the header never matters; the answer is always some real hop."""
    header = ", ".join(hops)
    found = client_address(peer, header, LOOPBACK)
    if peer not in LOOPBACK:
        assert found == peer
    else:
        assert found in [peer, *hops]
        untrusted = [h for h in hops if h not in LOOPBACK]
        if untrusted:
            assert found == untrusted[-1]


@given(st.ip_addresses())
def test_bucket_keys_are_addresses_or_networks(address: ipaddress._BaseAddress) -> None:
    key = bucket_key(str(address))
    assert key == str(address) or "/" in key or key == str(getattr(address, "ipv4_mapped", ""))
