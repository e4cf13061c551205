"""The Store: one object with every storage operation of the app.

It is assembled from small mixins, one file per concern; all share `StoreCore`'s
transactions and event log.  A Store is thread-safe: share one per process (for example
through ``st.cache_resource``) and call it from any thread.
"""

from __future__ import annotations

from types import TracebackType

from workshop.store.discussion import DiscussionOps
from workshop.store.events import EventOps
from workshop.store.facilitator import FacilitatorOps
from workshop.store.inputs import InputOps
from workshop.store.participants import ParticipantOps


class Store(FacilitatorOps, ParticipantOps, InputOps, DiscussionOps, EventOps):
    """Workshop sessions, participants, their input and the event log, in one database.

    Session lifecycle and steering: `create_session`, `get_session`, `check_key`,
    `set_phase`, `set_locked`, `set_revealed`, `start_round`, `update_settings`,
    `set_context`, `set_note`, `notes`, `delete_session`, `purge_expired`.
    Participants: `join`, `participant`, `participants`, `update_participant`, `counts`.
    Input per round: `submit_weights`, `weights_of`, `all_weights`, `submit_vote`,
    `vote_of`, `votes`, `context`.
    Discussion: `add_comment`, `comments`, `set_comment_hidden`, `add_concern`, `upvote`,
    `remove_upvote`, `my_upvotes`, `concerns`, `set_concern_hidden`.
    Event log: `events_since`, `last_seq`. Health: `ping`.
    """

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()
