"""The named errors of the workshop app: one hierarchy, one stable code per failure.

Every failure a user can meet is a :class:`WorkshopError`.  Each class carries

* ``code`` — a stable, language-neutral string (``"session_not_found"``) that the UI looks up
  in its German and English catalogs, and
* ``message`` — an English sentence fit to show a user when no translation exists.

An instance may carry ``details`` (for example ``{"field": "nickname"}`` or
``{"kind": "votes"}``) so a translation can be precise; details never contain secrets.
The UI catches ``WorkshopError`` and shows ``code``/``details``; anything else is a bug.

Hierarchy: every error class of the package, wherever it is defined.  A module that defines
its own subclass puts it under the closest family, and the tree names that module in brackets;
``tests/test_error_tree.py`` checks the drawing against the classes::

    WorkshopError                  workshop_error        base class, never raised bare
    ├── NotFound                   not_found
    │   ├── SessionNotFound        session_not_found     unknown or deleted join code
    │   ├── ItemNotFound           item_not_found        unknown comment or concern
    │   └── UnknownFormat          not_found             no export format has this id (the
    │                                                    code is its parent's)
    │                                                    [workshop.export.registry]
    ├── Forbidden                  forbidden
    │   ├── WrongFacilitatorKey    wrong_facilitator_key the key does not open this session
    │   └── UnknownParticipant     unknown_participant   the participant token is not known here
    ├── SessionExpired             session_expired       past its expiry; no more input
    ├── InputLocked                input_locked          the facilitator locked this kind of input
    ├── InvalidInput               invalid_input         malformed or out-of-range (a ValueError)
    │   ├── InvalidSettings        invalid_settings      session settings out of range
    │   ├── InvalidContext         invalid_context       unknown, non-finite or out-of-range context
    │   │                                                or hybrid parameter
    │   ├── InvalidNumbers         invalid_numbers       a matrix, scale or count that no method
    │   │                                                can score (NaN, infinite, negative, …)
    │   ├── InvalidWeights         invalid_weights       weights that do not fit the criteria
    │   │                                                [workshop.engine.ballots]
    │   ├── InvalidVote            invalid_vote          a vote that does not fit the vote mode
    │   │                                                [workshop.engine.ballots]
    │   ├── InvalidResistance      invalid_resistance    resistance ratings that miss an option,
    │   │                                                name an unknown one or leave 0–10
    │   ├── InvalidPilot           invalid_pilot         a pilot plan with an unknown option, no
    │   │                                                team, weeks outside 1–52 or no measure
    │   ├── PackError              invalid_pack          a content pack with problems, all listed
    │   │                                                [workshop.packs]
    │   └── ImportRejected         import_rejected       a session file that cannot be imported;
    │                                                    shown by its reason, not its code
    │                                                    [workshop.export.json_parse]
    ├── Conflict                   conflict              the request clashes with the current state
    │   └── JoinCodeUnavailable    join_code_unavailable no free join code could be drawn
    ├── TooManyJoins               too_many_joins        one address created too many participants
    │                                                    too fast (raised by workshop.web.joinlimit)
    ├── TooManyImports             too_many_imports      an import is running, or one address
    │                                                    imported too often (raised by the import
    │                                                    form in workshop.ui)
    └── StoreUnavailable           storage_unavailable   the database cannot be reached or is busy
        └── StoreMisconfigured     storage_misconfigured the database URL cannot be used

Invalid input changes nothing: every operation that raises leaves the stored state as it was.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

__all__ = [
    "Conflict",
    "Forbidden",
    "InputLocked",
    "InvalidContext",
    "InvalidInput",
    "InvalidNumbers",
    "InvalidPilot",
    "InvalidResistance",
    "InvalidSettings",
    "ItemNotFound",
    "JoinCodeUnavailable",
    "NotFound",
    "SessionExpired",
    "SessionNotFound",
    "StoreMisconfigured",
    "StoreUnavailable",
    "TooManyImports",
    "TooManyJoins",
    "UnknownParticipant",
    "WorkshopError",
    "WrongFacilitatorKey",
]


class WorkshopError(Exception):
    """Base of every error the app reports to a user; see the module docstring."""

    code: str = "workshop_error"
    message: str = "Something went wrong."

    def __init__(self, message: str | None = None, **details: object) -> None:
        self.message = message or type(self).message
        self.details: Mapping[str, object] = MappingProxyType(dict(details))
        super().__init__(self.message)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(code={self.code!r}, message={self.message!r})"


class NotFound(WorkshopError):
    """Something the request names does not exist."""

    code = "not_found"
    message = "This was not found."


class SessionNotFound(NotFound):
    """No session has this join code (never had one, or it was deleted or purged)."""

    code = "session_not_found"
    message = "There is no workshop session with this code."


class ItemNotFound(NotFound):
    """The comment or concern does not exist in this session (or is hidden)."""

    code = "item_not_found"
    message = "This item does not exist in this session."


class Forbidden(WorkshopError):
    """The caller may not do this."""

    code = "forbidden"
    message = "You may not do this."


class WrongFacilitatorKey(Forbidden):
    """The facilitator key does not open this session; the same message whatever the key was."""

    code = "wrong_facilitator_key"
    message = "The facilitator key is not valid for this session."


class UnknownParticipant(Forbidden):
    """The participant token is not known in this session."""

    code = "unknown_participant"
    message = "You are not known in this session. Please join again with the link or code."


class SessionExpired(WorkshopError):
    """The session is past its expiry date and accepts no more input."""

    code = "session_expired"
    message = "This workshop session has ended."


class InputLocked(WorkshopError):
    """The facilitator has locked this kind of input (details: ``kind``)."""

    code = "input_locked"
    message = "The facilitator has closed this input for now."


class InvalidInput(WorkshopError, ValueError):
    """Input is malformed or out of range (details: ``field`` and often ``reason``).

    Also a :class:`ValueError`, so notebook code that catches the standard error keeps working.
    """

    code = "invalid_input"
    message = "This input is not valid."


class InvalidSettings(InvalidInput):
    """Session settings are out of range (details: ``field``)."""

    code = "invalid_settings"
    message = "These session settings are not valid."


class InvalidContext(InvalidInput):
    """A context factor or hybrid parameter that is unknown, not finite or outside its range.

    A misspelt factor or hybrid id is refused, never ignored: a silently neutral factor would
    change the ranking without anyone noticing.
    """

    code = "invalid_context"
    message = "This context does not fit the content pack."


class InvalidNumbers(InvalidInput):
    """Numbers no method can score: NaN or infinite values, negative counts, an empty scale."""

    code = "invalid_numbers"
    message = "These numbers cannot be scored."


class InvalidResistance(InvalidInput):
    """Resistance ratings (Systemisches Konsensieren) that do not fit the options.

    Every option and the passive option "keep as today" needs one whole number 0–10; a missing,
    unknown or off-scale rating is refused (details: ``reason`` and, where one is to blame,
    ``option``).
    """

    code = "invalid_resistance"
    message = "Rate every option, including keeping things as today, with a whole number 0–10."


class InvalidPilot(InvalidInput):
    """A pilot plan that does not fit the pack (see :mod:`workshop.rounds.pilot`).

    Details: ``field`` (option, team, weeks, measures, other_measures, review_on or plan) and
    ``reason`` (unknown, empty, type, chars, too_long, range or date).
    """

    code = "invalid_pilot"
    message = "Choose an option, name the team, 1–52 weeks and at least one measure."


class Conflict(WorkshopError):
    """The request clashes with the current state."""

    code = "conflict"
    message = "This clashes with a change made at the same time. Please try again."


class JoinCodeUnavailable(Conflict):
    """No unused join code could be drawn after several attempts."""

    code = "join_code_unavailable"
    message = "No free session code could be found. Please try again."


class TooManyImports(WorkshopError):
    """An import was refused to keep the store free for the workshops running on it.

    The create page, where anyone may import, lets one import run at a time per process and
    one client address start only a few a minute; nothing was created.
    """

    code = "too_many_imports"
    message = "Another import is running or this address imported too often; try again soon."


class TooManyJoins(WorkshopError):
    """One client address created more new participants than the join limit allows.

    Rejoining an identity one already has is never refused; waiting a few seconds helps.
    """

    code = "too_many_joins"
    message = "Many people are joining from this network right now. Please try again shortly."


class StoreUnavailable(WorkshopError):
    """The database cannot be reached or stayed busy too long.

    The operation may or may not have taken effect; submits, upvotes and steering are safe to
    retry because they are idempotent.
    """

    code = "storage_unavailable"
    message = "The workshop data cannot be reached right now. Please try again in a moment."


class StoreMisconfigured(StoreUnavailable):
    """The configured database URL cannot be used (details: ``reason``); an operator must fix it."""

    code = "storage_misconfigured"
    message = "The workshop database is not configured correctly."
