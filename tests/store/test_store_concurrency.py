"""200 threads at once: no errors, exact counts, and an event log a poller never sees a gap in."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

from store_support import Database

from workshop.store import CreatedSession, Joined, Store

THREADS = 200
CONCERNS = 3
WEIGHT_RESUBMITS = 3


def _participate(store: Store, code: str, number: int, concern_ids: list[int]) -> int:
    """What one phone does: join, change its ballot and vote, comment, upvote; return its id."""
    joined = store.join(code, nickname=f"P{number}")
    for attempt in range(WEIGHT_RESUBMITS):
        store.submit_weights(code, joined.token, {"SPD": float(attempt), "FCR": float(number)})
    store.submit_vote(code, joined.token, {"choice": "OWN"})
    store.submit_vote(code, joined.token, {"choice": f"O{number % 4}"})
    store.add_comment(code, joined.token, "general", None, f"Kommentar {number}")
    favourite = concern_ids[number % CONCERNS]
    store.upvote(code, joined.token, favourite)
    store.upvote(code, joined.token, favourite)  # a double tap counts once
    if number % 2 == 0:  # half of them change their mind about another concern
        other = concern_ids[(number + 1) % CONCERNS]
        store.upvote(code, joined.token, other)
        store.remove_upvote(code, joined.token, other)
    return joined.participant_id


def _events_per_participant(number: int) -> int:
    """Events one participant causes: join, 3 ballots, 2 votes, comment, upvote (+2)."""
    return 1 + WEIGHT_RESUBMITS + 2 + 1 + 1 + (2 if number % 2 == 0 else 0)


class GapDetector:
    """Polls events_since(last) while writers run and records every batch it sees."""

    def __init__(self, store: Store, code: str) -> None:
        self.store, self.code = store, code
        self.seen: list[int] = []
        self.gaps: list[tuple[int, int]] = []
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.wait(0.01):  # poll like a projector would, only faster
            self.poll()
        self.poll()

    def poll(self) -> None:
        last = self.seen[-1] if self.seen else 0
        for event in self.store.events_since(self.code, last):
            expected = (self.seen[-1] if self.seen else 0) + 1
            if event.seq != expected:
                self.gaps.append((expected, event.seq))
            self.seen.append(event.seq)


def test_200_threads_submit_and_change_at_once(
    store: Store, db: Database, created: CreatedSession, alice: Joined
) -> None:
    """200 concurrent participants: no errors, every count exact, no gap for a poller."""
    code = created.code
    concern_ids = [store.add_concern(code, alice.token, f"Sorge {i}").id for i in range(CONCERNS)]
    start_seq = store.last_seq(code)
    start = threading.Barrier(THREADS, timeout=60)

    def participant(number: int) -> int:
        start.wait()  # everybody starts together
        return _participate(store, code, number, concern_ids)

    detector = GapDetector(store, code)
    poller = threading.Thread(target=detector.run)
    poller.start()
    try:
        with ThreadPoolExecutor(max_workers=THREADS) as pool:
            ids = list(pool.map(participant, range(THREADS)))  # re-raises any thread's error
    finally:
        detector.stop.set()
        poller.join(timeout=60)

    counts = store.counts(code)
    assert (counts.participants, counts.weights, counts.votes) == (THREADS + 1, THREADS, THREADS)
    assert (counts.comments, counts.concerns) == (THREADS, CONCERNS)
    assert db.count("ballots") == THREADS and db.count("votes") == THREADS

    ballots, votes = store.all_weights(code), store.votes(code)
    for number, participant_id in enumerate(ids):
        assert ballots[participant_id].weights == {"SPD": 2.0, "FCR": float(number)}
        assert votes[participant_id].vote == {"choice": f"O{number % 4}"}

    upvotes = {concern.id: concern.upvotes for concern in store.concerns(code)}
    for index, concern_id in enumerate(concern_ids):
        assert upvotes[concern_id] == sum(1 for n in range(THREADS) if n % CONCERNS == index)

    expected_events = start_seq + sum(_events_per_participant(n) for n in range(THREADS))
    assert store.last_seq(code) == expected_events
    assert [e.seq for e in store.events_since(code, 0)] == list(range(1, expected_events + 1))
    assert detector.gaps == []
    assert detector.seen == list(range(1, expected_events + 1))
