"""Process-wide services shared by every script run and every route: the store and live state.

Streamlit runs each script in its own thread, so everything here is created once per process and
is thread-safe.  Nothing here imports Streamlit: the routes in ``app.py`` use it too.
"""

from __future__ import annotations

import json
import logging
import os
import threading
import time
from collections.abc import Callable, Mapping
from functools import cache
from typing import Any, TypeVar

from workshop.content import ContentPack
from workshop.engine.scoring import ScoringModel
from workshop.errors import SessionNotFound, WorkshopError
from workshop.packs import pack_from_data
from workshop.rounds.live import LiveSession
from workshop.rounds.resistance import ResistanceResults, rated_options, resistance_results
from workshop.rounds.results import (
    RoundResults,
    SettingsLike,
    round_results,
    round_vote_count,
    summarise_round,
)
from workshop.store import SessionView, Store, open_store

T = TypeVar("T")

logger = logging.getLogger("workshop")

_lock = threading.Lock()
_live: dict[str, LiveSession] = {}
_packs: dict[str, ContentPack] = {}
_views: dict[str, tuple[float, SessionView]] = {}
_models: dict[tuple[str, str], ScoringModel] = {}
_MODEL_CACHE_LIMIT = 256
#: Per session: (what the results were computed from, the results) — current and previous round.
_results: dict[str, tuple[tuple[Any, ...], RoundResults]] = {}
_previous: dict[str, tuple[tuple[Any, ...], RoundResults]] = {}
#: Per session: (round, event number, threshold) and the resistance round's results.
_resistance: dict[str, tuple[tuple[Any, ...], ResistanceResults]] = {}

#: How long a session's view (phase, reveal, settings) may be shared between phones.
VIEW_TTL = 1.0

#: How often a running app deletes the workshops past their expiry, in seconds: on the first
#: session read of the process, then at most this often (:func:`purge_now_and_then`).
PURGE_EVERY = 3600.0
#: The monotonic time from which the next purge is due; 0.0: on the first session read.
_next_purge = 0.0


#: A second source of the database URL besides the environment: the Streamlit app registers
#: its secrets here at start (``workshop.ui.secrets.register``); None in scripts and tests.
secret_url: Callable[[], str | None] | None = None


@cache
def store() -> Store:
    """The one store of this process.

    Its URL comes from WORKSHOP_DATABASE_URL, else from :data:`secret_url` (in the app:
    ``WORKSHOP_DATABASE_URL`` in ``.streamlit/secrets.toml``), else the SQLite file.
    """
    from_secrets = secret_url() if secret_url is not None else None
    return open_store(os.environ.get("WORKSHOP_DATABASE_URL") or from_secrets)


def session_view(code: str, fresh: bool = False) -> SessionView:
    """The session's current view, shared by all phones for up to a second.

    Hundreds of phones polling for the phase then cost one query per second, not hundreds.
    """
    now = time.monotonic()
    purge_now_and_then(now)
    cached = _views.get(code)
    if not fresh and cached is not None and now - cached[0] < VIEW_TTL:
        return cached[1]
    view = store().get_session(code)
    _views[code] = (now, view)
    return view


def purge_now_and_then(now: float) -> None:
    """Delete the workshops past their expiry, at most once per PURGE_EVERY seconds.

    Nothing else deletes an expired workshop while the app runs, and the works-council
    factsheet (docs/betriebsrat.md) promises that this happens.  It rides on the session reads
    that phones and walls make anyway, so no thread is needed; a purge that fails (the database
    cannot be reached) waits for the next turn rather than slowing every read.  What this
    process still caches about a deleted workshop is dropped too.
    """
    global _next_purge
    with _lock:
        if now < _next_purge:
            return
        _next_purge = now + PURGE_EVERY
    try:
        if store().purge_expired() == 0:
            return
        for code in list(_live.keys() | _packs.keys() | _views.keys()):
            try:
                store().get_session(code)
            except SessionNotFound:
                forget_session(code)
    except WorkshopError as error:
        logger.warning("purging expired workshops failed: %s", error.code)


def last_view(code: str) -> SessionView | None:
    """The view this process read last for `code`, however old (None if it never read one).

    For a page that cannot reach the store: it can still show what it showed a moment ago.
    """
    cached = _views.get(code)
    return cached[1] if cached is not None else None


def forget_view(code: str) -> None:
    """Drop the cached view after a change, so the next read sees it at once."""
    _views.pop(code, None)


def forget_views() -> None:
    """Drop every cached view: the next read of any session asks the store (a test that
    wrote to the store itself opens its pages after this)."""
    _views.clear()


def expire_views() -> None:
    """Let every cached view expire now: the next read asks the store, while
    :func:`last_view` still has what was read (what a page shows when the store is down)."""
    for code, (_, view) in list(_views.items()):
        _views[code] = (float("-inf"), view)


def pack_of(view: SessionView) -> ContentPack:
    """The session's frozen content pack, parsed once per process."""
    return _once(_packs, view.code, lambda: pack_from_data(view.pack_data, f"session {view.code}"))


def live_session(view: SessionView) -> LiveSession:
    """The session's live aggregates, brought up to date from the event log."""
    criteria = pack_of(view).criterion_ids  # outside _once: its lock is not re-entrant
    live = _once(_live, view.code, lambda: LiveSession(criteria))
    if live.seq < view.last_seq:
        with live.lock:
            live.apply(store().events_since(view.code, live.seq))
    return live


def _once(table: dict[str, T], key: str, make: Callable[[], T]) -> T:
    found = table.get(key)
    if found is None:
        with _lock:
            found = table.get(key)
            if found is None:
                found = table[key] = make()
    return found


def cached(code: str) -> frozenset[str]:
    """Which caches hold something of this session ("live", "view", …): for tests and health."""
    tables: dict[str, Mapping[str, object]] = {
        "live": _live,
        "pack": _packs,
        "view": _views,
        "results": _results,
    }
    held = {name for name, table in tables.items() if code in table}
    if any(key[0] == code for key in _models):
        held.add("model")
    return frozenset(held)


def forget_session(code: str) -> None:
    """Drop everything cached about a deleted session."""
    _live.pop(code, None)
    _packs.pop(code, None)
    _views.pop(code, None)
    _results.pop(code, None)
    _previous.pop(code, None)
    _resistance.pop(code, None)
    for cache_key in [k for k in _models if k[0] == code]:
        _models.pop(cache_key, None)


def reset() -> None:
    """Forget the process's store and everything cached on it (tests start from nothing)."""
    if store.cache_info().currsize:
        store().close()
    store.cache_clear()
    for table in (_live, _packs, _views, _models, _results, _previous, _resistance):
        table.clear()
    global _next_purge
    _next_purge = 0.0


def results_of(view: SessionView) -> RoundResults:
    """The group's results of the session's current round, computed once for everyone.

    The phone's group view and the wall both read this, so they show the same ranking, the same
    sensitivity and the same shift; the exports compute theirs with the same
    :func:`~workshop.rounds.results.round_results` from the rows they export.  The results are
    recomputed only when the event log moved or the threshold or vote mode changed.
    """
    live = live_session(view)
    settings = view.settings
    settings_key = (settings.anonymity_threshold, settings.vote_mode)
    cached = _results.get(view.code)
    if cached is not None and cached[0] == (view.round, live.seq, *settings_key):
        return cached[1]
    pack = pack_of(view)
    with live.lock:  # other threads apply events to the same live state
        key = (view.round, live.seq, *settings_key)
        previous = _previous_round(view.code, live, pack, view.round, settings)
        results = round_results(live, pack, settings, view.round, previous)
    _results[view.code] = (key, results)
    return results


def vote_count(view: SessionView) -> int:
    """How many votes of the current round count in the current vote mode: what
    :func:`results_of` says, without computing the results (the wall's and the console's
    counters before the reveal)."""
    live = live_session(view)
    with live.lock:  # other threads apply events to the same live state
        return round_vote_count(live, pack_of(view), view.settings, view.round)


def resistance_of(view: SessionView) -> ResistanceResults:
    """The current round's resistance ratings, computed once for everyone.

    Read from the store when the event log moved (one query for the round's rows); the
    preference ranking they are compared with is the round's :func:`results_of`, so the wall
    and the phones name the same disagreements.  Below the anonymity threshold only the count
    is in it.  (Exports compute every round's from the rows they export.)
    """
    key = (view.round, view.last_seq, view.settings.anonymity_threshold, view.revealed)
    cached = _resistance.get(view.code)
    if cached is not None and cached[0] == key:
        return cached[1]
    rows = store().resistances(view.code, view.round)
    # The comparison with the preference shows only after the reveal: before it, a room's
    # every change would compute the group's results for a count.
    ranking = results_of(view).ranking if view.revealed else ()
    preference = tuple(ranked.option for ranked in ranking)
    results = resistance_results(
        {pid: row.ratings for pid, row in rows.items()},
        rated_options(pack_of(view)),
        view.settings.anonymity_threshold,
        preference,
    )
    _resistance[view.code] = (key, results)
    return results


def _previous_round(
    code: str, live: LiveSession, pack: ContentPack, round_no: int, settings: SettingsLike
) -> RoundResults | None:
    """Round r − 1's results: an earlier round no longer changes, so they are computed once."""
    if round_no <= 1:
        return None
    key = (round_no - 1, settings.anonymity_threshold, settings.vote_mode)
    kept = _previous.get(code)
    if kept is not None and kept[0] == key:
        return kept[1]
    previous = summarise_round(live, pack, settings, round_no - 1)
    _previous[code] = (key, previous)
    return previous


def context_of(view: SessionView) -> dict[str, Any]:
    """The group's context of the session's current round: ``{"factors": …, "hybrids": …}``."""
    return live_session(view).round(view.round).context


def model_for(
    view: SessionView, hybrids: Mapping[str, Mapping[str, float]] | None = None
) -> ScoringModel:
    """The scoring model under the group's context, with these hybrid parameters (cached)."""
    context = context_of(view)
    chosen = hybrids if hybrids is not None else context.get("hybrids", {})
    cache_key = (view.code, json.dumps([context.get("factors", {}), chosen], sort_keys=True))
    model = _models.get(cache_key)
    if model is None:
        if len(_models) > _MODEL_CACHE_LIMIT:
            _models.clear()
        model = ScoringModel.build(pack_of(view), context.get("factors", {}), chosen)
        _models[cache_key] = model
    return model
