"""The baseline app's storage: three small tables through SQLAlchemy Core, durable commits."""

from __future__ import annotations

import os
from functools import cache
from typing import Any

from sqlalchemy import Engine, create_engine, event, text

#: The label the wall puts beside the count of phones with saved weights (the benchmark reads it).
WEIGHTS_LABEL = "Gewichtungen"

SCHEMA = (
    "CREATE TABLE IF NOT EXISTS bench_phase (code VARCHAR(16) PRIMARY KEY, phase VARCHAR(16))",
    "CREATE TABLE IF NOT EXISTS bench_participant (code VARCHAR(16), token VARCHAR(64), "
    "PRIMARY KEY (code, token))",
    "CREATE TABLE IF NOT EXISTS bench_weight (code VARCHAR(16), token VARCHAR(64), "
    "name VARCHAR(32), value INTEGER, PRIMARY KEY (code, token, name))",
)


@cache
def engine(url: str | None = None) -> Engine:
    """The process's engine for ``url`` (default: ``BENCH_MINIMAL_DATABASE_URL``), tables made."""
    made = create_engine(url or os.environ["BENCH_MINIMAL_DATABASE_URL"])
    if made.dialect.name == "sqlite":

        @event.listens_for(made, "connect")
        def pragmas(connection: Any, _: Any) -> None:
            cursor = connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=FULL")
            cursor.execute("PRAGMA busy_timeout=5000")
            cursor.close()

    with made.begin() as connection:
        for statement in SCHEMA:
            connection.execute(text(statement))
    return made


def set_phase(db: Engine, code: str, phase: str) -> None:
    """The facilitator's move: the session's phase."""
    with db.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO bench_phase (code, phase) VALUES (:code, :phase) "
                "ON CONFLICT (code) DO UPDATE SET phase = excluded.phase"
            ),
            {"code": code, "phase": phase},
        )


def phase(db: Engine, code: str) -> str:
    """The session's phase ('' for an unknown session)."""
    with db.connect() as connection:
        found = connection.execute(
            text("SELECT phase FROM bench_phase WHERE code = :code"), {"code": code}
        ).scalar()
    return str(found or "")


def join(db: Engine, code: str, token: str) -> None:
    """A participant (again)."""
    with db.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO bench_participant (code, token) VALUES (:code, :token) "
                "ON CONFLICT DO NOTHING"
            ),
            {"code": code, "token": token},
        )


def save(db: Engine, code: str, token: str, weights: dict[str, int]) -> None:
    """A phone's sliders, all of them, in one durable commit (as the app saves a ballot)."""
    with db.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO bench_weight (code, token, name, value) "
                "VALUES (:code, :token, :name, :value) "
                "ON CONFLICT (code, token, name) DO UPDATE SET value = excluded.value"
            ),
            [{"code": code, "token": token, "name": k, "value": v} for k, v in weights.items()],
        )


def counts(db: Engine, code: str) -> tuple[int, int]:
    """Participants, and participants with saved weights."""
    with db.connect() as connection:
        joined = connection.execute(
            text("SELECT COUNT(*) FROM bench_participant WHERE code = :code"), {"code": code}
        ).scalar()
        weighed = connection.execute(
            text("SELECT COUNT(DISTINCT token) FROM bench_weight WHERE code = :code"),
            {"code": code},
        ).scalar()
    return int(joined or 0), int(weighed or 0)


def stored(db: Engine, code: str) -> dict[str, dict[str, int]]:
    """Every saved slider: token → name → value."""
    found: dict[str, dict[str, int]] = {}
    with db.connect() as connection:
        rows = connection.execute(
            text("SELECT token, name, value FROM bench_weight WHERE code = :code"),
            {"code": code},
        )
        for token, name, value in rows:
            found.setdefault(token, {})[name] = int(value)
    return found
