"""When the push thread reruns a phone's page (workshop.ui.push); the rerun itself is what the
browser tests see (a phase change followed within seconds, a concern arriving, a reconnect)."""

from __future__ import annotations

from workshop.ui.push import LAZY_EVERY, RETRY_INCOMPLETE, _Page, watch


def _page(drawn: tuple[object, object] | None, since: float = 100.0) -> _Page:
    return _Page("CODE", drawn, lambda view: (None, None), since)


def test_a_change_that_must_show_reruns_at_once() -> None:
    page = _page(("weigh", ()))
    assert page.stale(("vote", ()), now=100.0)
    assert not page.stale(("weigh", ()), now=100.0)


def test_a_change_that_may_wait_reruns_after_a_pause_only() -> None:
    """Other people's concerns: a burst of upvotes reruns each phone at most every 1.5 s."""
    page = _page(("welcome", ((1, 0),)))
    changed = ("welcome", ((1, 1),))
    assert not page.stale(changed, now=100.0 + LAZY_EVERY / 2)
    assert page.stale(changed, now=100.0 + LAZY_EVERY)


def test_an_incomplete_page_is_retried_after_a_pause() -> None:
    page = _page(None)
    assert not page.stale(("weigh", None), now=100.0 + RETRY_INCOMPLETE / 2)
    assert page.stale(("weigh", None), now=100.0 + RETRY_INCOMPLETE)


def test_outside_a_served_page_nothing_is_watched() -> None:
    """No script run (and AppTest's stand-in runtime): the page polls instead."""
    assert watch("CODE", ("weigh", None), lambda view: ("weigh", None)) is False
