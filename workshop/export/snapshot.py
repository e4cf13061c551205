"""One frozen picture of a session: everything any export needs, read once, privacy applied.

:func:`build_snapshot` is the only code of the export package that talks to the store, and it only
calls public store methods.  Every export format is then a pure function of the
:class:`Snapshot`, so all formats of one download show the same state.

Privacy rules, applied here once so that no format can forget them:

* by default a snapshot carries aggregates only: group weights and spread, rankings,
  robustness, vote tallies, counts, comments and concerns.  Per-person rows (each person's
  sliders and vote) are added only when ``individual`` is asked for, and then they cannot be
  tied to a person: pseudonyms are drawn at random for every snapshot (not in joining order,
  not the same in two exports), only people who submitted something appear, and a row never
  carries an area.  Tokens and nicknames are never read into a snapshot;
* a round's weight ballots and everything computed from them (group weights, ranking,
  sensitivity) are kept only from the anonymity threshold of ballots on; below it the round
  carries counts only (``weights_visible`` is False).  Votes follow the same rule with the
  number of votes (as :func:`workshop.rounds.results.round_results` does for the tally);
* areas appear only as a count of people per area, among the people who submitted something,
  with small areas withheld and complementary suppression (:mod:`workshop.engine.anonymity`), so no
  withheld area can be worked out from the shown ones and the total;
* hidden (moderated) comments and concerns are left out unless ``include_hidden`` is asked for;
  their number is kept either way so the record can say that some were hidden;
* who wrote a comment or concern, and who upvoted what, is never exported;
* resistance ratings follow the votes' rule with the number of complete ratings: below the
  threshold a round carries their count only (not even the totals), and each person's ratings
  are added only with ``individual`` and from the threshold on — under the same pseudonym as
  their ballot, never with an area.  No per-area aggregate of anything is exported;
* the earlier workshop's results (kept when the session was imported, ``earlier``) are group
  results the room saw then; they are read through :func:`workshop.export.summary.read_earlier`,
  which drops a damaged document whole rather than show part of it.

The group results come from :func:`workshop.rounds.results.round_results`, fed with a
:class:`~workshop.rounds.live.LiveSession` built from the rows read here (not from the event
log), so
the numbers always match the rows exported beside them even while people keep submitting.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any

from workshop.content import ContentPack, Lang
from workshop.engine.anonymity import NO_AREA, Cells, suppress
from workshop.engine.ballots import validate_resistance
from workshop.errors import InvalidResistance, WrongFacilitatorKey
from workshop.export.summary import EarlierResults, read_earlier
from workshop.packs import pack_from_data
from workshop.rounds.live import LiveSession, StoredRound
from workshop.rounds.pilot import stored_pilot
from workshop.rounds.resistance import ResistanceResults, rated_options, resistance_results
from workshop.rounds.results import RoundResults, round_results
from workshop.store import (
    Ballot,
    Comment,
    Concern,
    ParticipantView,
    Resistance,
    SessionSettings,
    Store,
    Vote,
)
from workshop.text.i18n import coerce_lang

JsonObject = dict[str, Any]
#: One round as read from the store: number, context, ballots, votes, resistance ratings.
RawRound = tuple[
    int, JsonObject, Mapping[int, Ballot], Mapping[int, Vote], Mapping[int, Resistance]
]


@dataclass(frozen=True)
class ChartSpec:
    """One wall chart, ready to render: Vega-Lite specs with their data inlined.

    ``screen`` is sized for print (the decision record), ``wall`` for slides (large type, like the
    projector).  ``name`` is a file-name stem such as ``round1-weights``.
    """

    name: str
    kind: str
    round: int
    title: str
    screen: Mapping[str, Any]
    wall: Mapping[str, Any]


@dataclass(frozen=True)
class ParticipantRow:
    """A participant who submitted something, as exported: a pseudonym and nothing else."""

    pseudonym: str


@dataclass(frozen=True)
class BallotRow:
    """One participant's slider positions in one round (criterion id → 0..10)."""

    pseudonym: str
    weights: Mapping[str, float]
    hybrid_params: Mapping[str, Any] | None


@dataclass(frozen=True)
class VoteRow:
    """One participant's vote in one round, as stored (``choice``, ``dots`` or ``ranking``)."""

    pseudonym: str
    vote: Mapping[str, Any]


@dataclass(frozen=True)
class ResistanceRow:
    """One participant's resistance ratings in one round (option id or STATUS_QUO → 0..10)."""

    pseudonym: str
    ratings: Mapping[str, int]


@dataclass(frozen=True)
class RoundSnapshot:
    """One round: its context, its counts, its inputs (if not withheld) and its results."""

    number: int
    context: Mapping[str, Any]
    ballots_count: int
    votes_count: int
    weights_visible: bool
    votes_visible: bool
    ballots: tuple[BallotRow, ...]
    votes: tuple[VoteRow, ...]
    results: RoundResults
    #: The resistance round's results (``shown`` False below the threshold: the count only).
    resistance: ResistanceResults = field(default_factory=lambda: ResistanceResults(0, False))
    resistance_rows: tuple[ResistanceRow, ...] = ()

    @property
    def resistance_visible(self) -> bool:
        """Whether this round's resistance results may be shown (threshold reached)."""
        return self.resistance.shown


@dataclass(frozen=True)
class CommentRow:
    """A comment without its author."""

    round: int
    target_kind: str
    target_id: str
    text: str
    hidden: bool


@dataclass(frozen=True)
class ConcernRow:
    """A concern or question without its author, with its number of upvotes.

    ``status`` is one of the store's CONCERN_STATUSES, ``answer`` the facilitator's answer
    (None if none), ``option_id`` the option it is about (None if none).
    """

    round: int
    kind: str
    text: str
    hidden: bool
    upvotes: int
    status: str = "open"
    answer: str | None = None
    option_id: str | None = None


@dataclass(frozen=True)
class Snapshot:
    """Everything an export needs (see the module docstring for what is left out and why).

    ``lang`` is the language of headers and texts (the session's language unless asked
    otherwise).  ``concerns`` are in the order they were raised; ``comments`` too.
    """

    lang: Lang
    code: str
    title: str
    language: str
    phase: str
    revealed: bool
    locked: frozenset[str]
    round: int
    created_at: datetime
    exported_at: datetime
    settings: SessionSettings
    pack_data: Mapping[str, Any]
    pack: ContentPack
    notes: Mapping[str, str]
    participants: tuple[ParticipantRow, ...]
    rounds: tuple[RoundSnapshot, ...]
    comments: tuple[CommentRow, ...]
    concerns: tuple[ConcernRow, ...]
    include_hidden: bool
    individual: bool
    joined: int
    areas: Cells
    hidden_comments: int
    hidden_concerns: int
    charts: tuple[ChartSpec, ...] = field(default=())
    #: The pilot plan in its stored shape (``workshop.rounds.pilot``), None if none is set.
    pilot: Mapping[str, Any] | None = None
    #: The earlier workshop's results (an imported session), None if none or damaged.
    earlier: EarlierResults | None = None

    @property
    def threshold(self) -> int:
        """The anonymity threshold in force."""
        return self.settings.anonymity_threshold

    def concerns_by_support(self) -> list[ConcernRow]:
        """Concerns most upvoted first, then in the order they were raised."""
        return sorted(self.concerns, key=lambda c: -c.upvotes)


#: Builds the wall charts of one round (the UI passes one that reuses the wall's own specs).
ChartMaker = Callable[[Snapshot, RoundSnapshot], Sequence[ChartSpec]]


# --------------------------------------------------------------------------- building


def build_snapshot(
    store: Store,
    code: str,
    key: str,
    *,
    lang: str | None = None,
    include_hidden: bool = False,
    individual: bool = False,
    charts: ChartMaker | None = None,
    now: datetime | None = None,
    shuffle: random.Random | None = None,
) -> Snapshot:
    """Read the session once through the store and apply the privacy rules.

    Raises :class:`~workshop.errors.WrongFacilitatorKey` unless `key` opens the session (the
    notes are the facilitator's, and the whole export is theirs to hand over).  `individual`
    adds per-person rows (see the module docstring); `charts` adds the wall's charts, without
    it the record has tables only.  `shuffle` draws the pseudonyms (tests pass a seeded one;
    by default the operating system's randomness, so nobody can predict or repeat the order).
    """
    if not store.check_key(code, key):
        raise WrongFacilitatorKey()
    view = store.get_session(code)
    pack = pack_from_data(view.pack_data, f"session {view.code}")
    raw_rounds: list[RawRound] = [
        (
            n,
            store.context(code, n),
            store.all_weights(code, n),
            store.votes(code, n),
            store.resistances(code, n),
        )
        for n in range(1, view.round + 1)
    ]
    plan = stored_pilot(store.pilot(code), pack)
    comments = store.comments(code, include_hidden=True)
    concerns = store.concerns(code, include_hidden=True)
    # Read last: people only ever join, so everyone behind a ballot or vote read above is known
    # even when someone joins and submits while the export runs.
    people = store.participants(code)
    active = _active(raw_rounds, comments, concerns)
    names = pseudonyms(active, shuffle or random.SystemRandom())
    threshold = view.settings.anonymity_threshold
    snapshot = Snapshot(
        lang=coerce_lang(lang, coerce_lang(view.language)),
        code=view.code,
        title=view.title,
        language=view.language,
        phase=view.phase,
        revealed=view.revealed,
        locked=view.locked,
        round=view.round,
        created_at=view.created_at,
        exported_at=now or datetime.now(UTC),
        settings=view.settings,
        pack_data=view.pack_data,
        pack=pack,
        notes=store.notes(code, key),
        participants=tuple(ParticipantRow(name) for name in sorted(names.values())),
        rounds=_rounds(pack, view.settings, [p.id for p in people], names, raw_rounds, individual),
        comments=tuple(_comment_row(c) for c in comments if include_hidden or not c.hidden),
        concerns=tuple(
            _concern_row(c)
            for c in sorted(concerns, key=lambda c: c.id)
            if include_hidden or not c.hidden
        ),
        include_hidden=include_hidden,
        individual=individual,
        joined=len(people),
        areas=area_counts(people, active, view.settings.role_groups, threshold),
        hidden_comments=sum(c.hidden for c in comments),
        hidden_concerns=sum(c.hidden for c in concerns),
        pilot=None if plan is None else plan.to_dict(),
        earlier=_earlier(store, code, pack),
    )
    if charts is None:
        return snapshot
    # A separate step: a chart maker reads the finished snapshot (names, language, rounds).
    made = tuple(chart for r in snapshot.rounds for chart in charts(snapshot, r))
    return replace(snapshot, charts=made)


def _earlier(store: Store, code: str, pack: ContentPack) -> EarlierResults | None:
    """The session's earlier results, or None; a document that cannot be read is ignored."""
    try:
        data = store.earlier_results(code)
    except (ValueError, AssertionError):  # stored text that is no JSON object: damaged
        return None
    return read_earlier(data, pack)


def pseudonyms(participant_ids: Iterable[int], shuffle: random.Random) -> dict[int, str]:
    """P01, P02, … drawn at random (`shuffle`), so a pseudonym tells nothing of joining order.

    Wider from 100 people on (P001…).
    """
    ordered = sorted(set(participant_ids))
    shuffle.shuffle(ordered)
    width = max(2, len(str(len(ordered))))
    return {pid: f"P{n:0{width}d}" for n, pid in enumerate(ordered, start=1)}


def _active(
    raw_rounds: Sequence[RawRound],
    comments: Sequence[Comment],
    concerns: Sequence[Concern],
) -> set[int]:
    """Who submitted anything: a ballot, a vote, resistance ratings, a comment or a concern.

    Someone who only joined left nothing to protect or to count, and an empty identity must
    not pad the export (four silent joins beside one real person).
    """
    active: set[int] = set()
    for _, _, ballots, votes, resistances in raw_rounds:
        active.update(ballots, votes, resistances)
    active.update(c.participant_id for c in comments)
    active.update(c.participant_id for c in concerns)
    return active


def area_counts(
    people: Sequence[ParticipantView],
    active: set[int],
    areas: Sequence[str],
    threshold: int,
) -> Cells:
    """People per area among the `active` ones, with small and revealing areas withheld.

    Every area of the session's settings is a cell (an area nobody chose is a cell of 0),
    people without an area are the :data:`~workshop.engine.anonymity.NO_AREA` cell.
    """
    counts = Counter(p.role_group or NO_AREA for p in people if p.id in active)
    cells = {area: counts.get(area, 0) for area in areas}
    cells[NO_AREA] = sum(n for area, n in counts.items() if area not in cells)
    return suppress(cells, threshold)


def _rounds(
    pack: ContentPack,
    settings: SessionSettings,
    participant_ids: Sequence[int],
    names: Mapping[int, str],
    raw_rounds: Sequence[RawRound],
    individual: bool,
) -> tuple[RoundSnapshot, ...]:
    """Each round's results, computed from exactly these rows, and the rows when asked for."""
    live = _live_from_rows(pack, participant_ids, [r[:4] for r in raw_rounds])
    rounds: list[RoundSnapshot] = []
    previous: RoundResults | None = None
    options = rated_options(pack)
    for number, context, ballots, votes, resistances in raw_rounds:
        results = round_results(live, pack, settings, number, previous)
        previous = results
        ratings = _complete_ratings(resistances, options)
        preference = tuple(o.option for o in results.ranking) if results.visible else ()
        resistance = resistance_results(ratings, options, settings.anonymity_threshold, preference)
        rating_rows = sorted((names[pid], r) for pid, r in ratings.items())
        weights_visible = results.visible
        votes_visible = results.tally is not None
        ballot_rows = sorted((names[pid], b) for pid, b in ballots.items())
        vote_rows = sorted((names[pid], v) for pid, v in votes.items())
        rounds.append(
            RoundSnapshot(
                number=number,
                context=context,
                ballots_count=len(ballots),
                votes_count=results.votes,  # valid for the vote mode, as on the wall
                weights_visible=weights_visible,
                votes_visible=votes_visible,
                ballots=tuple(BallotRow(n, b.weights, b.hybrid_params) for n, b in ballot_rows)
                if weights_visible and individual
                else (),
                votes=tuple(VoteRow(n, v.vote) for n, v in vote_rows)
                if votes_visible and individual
                else (),
                results=results,
                resistance=resistance,
                resistance_rows=tuple(ResistanceRow(n, r) for n, r in rating_rows)
                if resistance.shown and individual
                else (),
            )
        )
    return tuple(rounds)


def _complete_ratings(
    resistances: Mapping[int, Resistance], options: Sequence[str]
) -> dict[int, dict[str, int]]:
    """The ratings that rate every option and "keep as today" (the ones the results count).

    Rows are checked when they are stored, but an old or damaged row is left out here as
    :func:`~workshop.rounds.resistance.resistance_results` leaves it out, so the exported rows
    always match the exported count.
    """
    complete: dict[int, dict[str, int]] = {}
    for pid, row in resistances.items():
        try:
            complete[pid] = validate_resistance(row.ratings, options)
        except InvalidResistance:
            continue
    return complete


def _live_from_rows(
    pack: ContentPack,
    participant_ids: Sequence[int],
    raw_rounds: Sequence[tuple[int, JsonObject, Mapping[int, Ballot], Mapping[int, Vote]]],
) -> LiveSession:
    """The live state of exactly the rows read (see :meth:`LiveSession.from_rows`)."""
    rounds = [
        StoredRound(
            number,
            context,
            {pid: (b.weights, b.hybrid_params) for pid, b in ballots.items()},
            {pid: v.vote for pid, v in votes.items()},
        )
        for number, context, ballots, votes in raw_rounds
    ]
    return LiveSession.from_rows(pack.criterion_ids, participant_ids, rounds)


def _comment_row(comment: Comment) -> CommentRow:
    return CommentRow(
        comment.round, comment.target_kind, comment.target_id, comment.text, comment.hidden
    )


def _concern_row(concern: Concern) -> ConcernRow:
    return ConcernRow(
        concern.round,
        concern.kind,
        concern.text,
        concern.hidden,
        concern.upvotes,
        concern.status,
        concern.answer,
        concern.option_id,
    )
