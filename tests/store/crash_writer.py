"""Child process of the crash test: join and submit ballots until killed.

Usage: python crash_writer.py DATABASE_URL JOIN_CODE

After each submit_weights call returns (the commit is acknowledged), it prints
``ack <participant_id> <value>`` and flushes, so the parent knows what must survive.
"""

from __future__ import annotations

import sys

from workshop.store import open_store

MAX_BALLOTS = 100_000  # a bound, so a parent that fails to kill us does not leave us running


def main(url: str, code: str) -> None:
    store = open_store(url)
    print("ready", flush=True)
    for value in range(MAX_BALLOTS):
        joined = store.join(code)
        store.submit_weights(code, joined.token, {"SPD": float(value)})
        print(f"ack {joined.participant_id} {value}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
