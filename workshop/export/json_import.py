"""Importing a JSON export (:mod:`workshop.export.json_export`) as a new session: all or nothing.

Version 1 files (earlier exports: participants with a ``role_group``, every ballot of a visible
round) are read as version 2 with individual rows; their role groups are dropped.

Import rules — :func:`import_session` checks the whole file before it creates anything
(:func:`workshop.export.json_parse.parse`, then :func:`workshop.export.json_checks.check`) and
raises :class:`~workshop.export.json_parse.ImportRejected` (``details["reason"]`` says which
rule, ``details["where"]`` the place in the file); the limits are in
:mod:`workshop.export.json_parse`:

* ``too_large``: more than ``MAX_IMPORT_BYTES``, or more than ``MAX_PARTICIPANTS``
  participants, ``MAX_ROUNDS`` rounds or ``MAX_ITEMS`` comments/concerns;
* ``not_json``: not UTF-8, not JSON, NaN/Infinity, a key twice in one object;
* ``too_deep``: nested deeper than ``MAX_DEPTH`` (checked before parsing);
* ``foreign``: not an object with our ``format`` marker;  ``version``: another schema version;
* ``missing`` / ``unexpected``: a required key is absent / a key is not in the schema;
* ``type``: a value of the wrong JSON type;
* ``value``: out of range, unknown id (criterion, option, phase, participant …), inconsistent
  (counts, round numbers, withheld flags that do not match the threshold);
* ``text``: text too long, empty where required, or with control characters;
* ``pack``: the content pack fails :func:`workshop.packs.pack_from_data`.

Earlier results: the rounds' ``summary`` (the group results the room saw, see
:mod:`workshop.export.summary`) is kept with the new session as its earlier results
(``store.set_earlier_results``) together with the file's session title and export time — with or
without per-person rows, so the default export (aggregates only) carries the earlier workshop's
conclusions too.  A file without summaries (versions 1 and 2, and version 3 files written before
them) keeps no earlier results; only its rows, if any, come back.

Text is never interpreted: markup such as ``<script>`` is kept as the characters it is, and every
export and view escapes it.  If the store fails while the new session is being filled, the
half-made session is deleted again, so an import creates a whole session or nothing.
"""

from __future__ import annotations

from contextlib import suppress

from workshop.errors import WorkshopError
from workshop.export.json_checks import ImportPlan, check
from workshop.export.json_parse import parse
from workshop.store import CreatedSession, Store


def import_session(store: Store, data: bytes, *, ttl_days: float = 30) -> CreatedSession:
    """Create a new session from a JSON export; all or nothing (see the module docstring).

    Returns the new session with its facilitator key (shown once, like any new session's).
    """
    plan = check(parse(data))
    created = store.create_session(
        plan.title, plan.language, plan.pack_data, plan.settings, ttl_days
    )
    try:
        _fill(store, created.code, created.facilitator_key, plan)
    except BaseException:
        # Undo the half-made session; if even that fails, the original error matters more.
        with suppress(WorkshopError):
            store.delete_session(created.code, created.facilitator_key)
        raise
    return CreatedSession(created.code, created.facilitator_key, store.get_session(created.code))


def _fill(store: Store, code: str, key: str, plan: ImportPlan) -> None:
    """Write a checked plan into the new, empty session, in the order the store needs."""
    # Upvoters need not have submitted anything, so there may be more of them than listed.
    most_upvotes = max((c[4] for c in plan.concerns), default=0)
    tokens = [store.join(code).token for _ in range(max(plan.people, most_upvotes))]
    hidden_comments: list[int] = []
    hidden_concerns: list[int] = []
    for number, round_plan in enumerate(plan.rounds, start=1):
        if number > 1:
            store.start_round(code, key)
        store.set_context(code, key, round_plan.context)
        for person, weights, hybrid in round_plan.ballots:
            store.submit_weights(code, tokens[person], weights, hybrid)
        for person, vote in round_plan.votes:
            store.submit_vote(code, tokens[person], vote)
        for person, ratings in round_plan.resistance:
            store.submit_resistance(code, tokens[person], ratings)
        for round_no, kind, target, text, hidden in plan.comments:
            if round_no == number:
                made = store.add_comment(code, tokens[0], kind, target or None, text)
                if hidden:
                    hidden_comments.append(made.id)
        for round_no, concern_kind, text, hidden, upvotes, status, answer, about in plan.concerns:
            if round_no == number:
                concern = store.add_concern(code, tokens[0], text, concern_kind, about)
                for token in tokens[:upvotes]:  # upvote before hiding: hidden ones take none
                    store.upvote(code, token, concern.id)
                if status != concern.status or answer:
                    store.set_concern_status(code, key, concern.id, status, answer)
                if hidden:
                    hidden_concerns.append(concern.id)
    for comment_id in hidden_comments:
        store.set_comment_hidden(code, key, comment_id, True)
    for concern_id in hidden_concerns:
        store.set_concern_hidden(code, key, concern_id, True)
    if plan.pilot:
        store.set_pilot(code, key, plan.pilot)
    earlier = plan.earlier_results()
    if earlier is not None:
        store.set_earlier_results(code, key, earlier)
    for phase, note in plan.notes.items():
        store.set_note(code, key, phase, note)
    for kind in plan.locked:  # last: a locked kind would refuse the inputs above
        store.set_locked(code, key, kind, True)
    store.set_phase(code, key, plan.phase)
    store.set_revealed(code, key, plan.revealed)


__all__ = ["import_session"]
