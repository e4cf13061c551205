"""The join every way in shares (workshop.web.joining), and the home page's join-limit message.

AppTest cannot send cookies, so the cookie paths are tested on the shared function here and
end to end in ``tests/routes/test_identity.py`` (live server) and
``tests/e2e/test_identity_browser.py`` (a real browser typing the code).
"""

from __future__ import annotations

import pytest
from support.pages import page, texts
from support.seeding import new_session

from workshop.errors import SessionNotFound, TooManyJoins
from workshop.store import Store
from workshop.store.credentials import new_browser_secret, participant_token_for
from workshop.web import joining
from workshop.web.browser import BROWSER_COOKIE
from workshop.web.joinlimit import JoinLimiter, JoinLimits


@pytest.fixture
def store(ui_store: Store) -> Store:
    return ui_store


@pytest.fixture
def code(store: Store) -> str:
    return new_session(store)[0]


def generous() -> JoinLimiter:
    return JoinLimiter(JoinLimits(burst=1000, per_minute=1000))


def join(store: Store, code: str, limiter: JoinLimiter, **cookies: str) -> str:
    """A join as the route and the home page make it, from one client address."""
    return joining.join_token(
        store,
        code,
        remembered=cookies.get("legacy", ""),
        browser_secret=cookies.get("secret"),
        client="192.0.2.10",
        limiter=limiter,
    )


def test_one_browser_joining_again_and_again_is_one_participant(store: Store, code: str) -> None:
    """Typed code, QR link, a new tab: the browser secret gives the same identity each time."""
    secret, limiter = new_browser_secret(), generous()
    tokens = {join(store, code, limiter, secret=secret) for _ in range(5)}
    assert tokens == {participant_token_for(secret, code)}
    assert store.counts(code).participants == 1
    assert joining.derived_token({BROWSER_COOKIE: secret}, code) == tokens.pop()


def test_an_earlier_join_cookie_keeps_its_identity(store: Store, code: str) -> None:
    """A browser that joined before the browser cookie existed keeps its participant."""
    earlier = store.join(code).token
    token = join(store, code, generous(), legacy=earlier, secret=new_browser_secret())
    assert token == earlier
    assert store.counts(code).participants == 1


def test_a_forged_join_cookie_is_not_an_identity(store: Store, code: str) -> None:
    secret = new_browser_secret()
    token = join(store, code, generous(), legacy="forged-token", secret=secret)
    assert token == participant_token_for(secret, code)


def test_without_cookies_every_join_is_new(store: Store, code: str) -> None:
    """Cookies off (or a script): a new random identity each time, as before."""
    limiter = generous()
    assert len({join(store, code, limiter) for _ in range(3)}) == 3
    assert store.counts(code).participants == 3


def test_only_joins_that_create_count_against_the_limit(store: Store, code: str) -> None:
    """Past the limit new participants are refused; a browser's own identity is still found."""
    limiter = JoinLimiter(JoinLimits(burst=3, per_minute=1))
    secret = new_browser_secret()
    mine = join(store, code, limiter, secret=secret)
    join(store, code, limiter)
    join(store, code, limiter)
    with pytest.raises(TooManyJoins):
        join(store, code, limiter)
    with pytest.raises(TooManyJoins):
        join(store, code, limiter, secret=new_browser_secret())  # a new cookie is a new person
    assert join(store, code, limiter, secret=secret) == mine  # rejoining is free
    assert store.counts(code).participants == 3


def test_an_unknown_session_is_reported(store: Store) -> None:
    with pytest.raises(SessionNotFound):
        join(store, "ACDEFG", generous(), secret=new_browser_secret())


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("de", "Gerade treten sehr viele Geräte aus diesem Netz bei."),
        ("en", "A great many devices are joining from this network right now."),
    ],
)
def test_the_home_page_explains_a_refused_join(store: Store, lang: str, expected: str) -> None:
    """Where /join sends a refused join (/?error=too_many_joins): the message in both languages."""
    at = page("home", error="too_many_joins", lang=lang)
    assert expected in texts(at)
    assert not at.exception


def test_a_typed_code_past_the_limit_is_refused_on_the_home_page(
    store: Store, code: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The home page's join counts against the same limit and says why it refused."""
    spent = JoinLimiter(JoinLimits(burst=1, per_minute=1))
    assert spent.allow("127.0.0.1")  # AppTest has no address: it counts as loopback
    monkeypatch.setattr(joining, "LIMITER", spent)
    at = page("home")
    at.text_input(key="join_code").input(code)
    at.button[0].click().run()
    assert "Gerade treten sehr viele Geräte aus diesem Netz bei." in texts(at)
    assert "p" not in at.query_params
    assert store.counts(code).participants == 0
