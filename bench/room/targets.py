"""The two apps the room benchmark measures: the workshop app and the minimal baseline.

Each starts its server processes (``streamlit run``, as the README does), makes a session,
lets the facilitator change the phase, says what the pages show and what the store holds.
"""

from __future__ import annotations

import functools
import os
import secrets
import sys
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
for entry in (ROOT, ROOT / "tests", HERE):
    if str(entry) not in sys.path:
        sys.path.insert(0, str(entry))

from support.live_server import _healthy, live_server  # noqa: E402
from support.network import consecutive_free_ports, free_port  # noqa: E402
from support.processes import running  # noqa: E402

#: The phase the facilitator moves on to from each measured phase.
NEXT_PHASE = {"weigh": "context", "options": "vote", "vote": "results", "resistance": "results"}
#: Per phase: the key prefix of the widgets a phone moves (before the round number), the wall's
#: count that rises with the phase's input, and the catalog key of the button that sends it
#: (None: every move is saved by itself).
_INPUTS = {
    "weigh": ("w", "wall.counts.weights", None),
    "options": ("w", "wall.counts.weights", None),
    "vote": ("dots", "wall.counts.votes", "participant.vote_send"),
    "resistance": ("res", "wall.counts.resistance", "participant.resistance_send"),
}
#: Server environment: every phone comes from 127.0.0.1, so the per-address join limit is off.
SERVER_ENV = {"PYTHONUNBUFFERED": "1", "WORKSHOP_JOIN_BURST": "0"}


@dataclass
class Servers:
    """The running server processes: their ports and process ids (same order)."""

    ports: list[int] = field(default_factory=list)
    pids: list[int] = field(default_factory=list)


class WorkshopApp:
    """The real app (``app.py``) on the workshop store."""

    name = "workshop app"

    def __init__(self, database_url: str, nginx: bool = False) -> None:
        self.database_url = database_url
        #: Phones and walls reach the apps through nginx (``deploy/serve.py``), not directly.
        self.nginx = nginx
        self.code = ""
        self.key = ""
        self.round = 1
        self._store: Any = None

    @contextmanager
    def start(self, folder: Path, processes: int) -> Iterator[Servers]:
        """K app processes on one database until the block ends."""
        servers = Servers()
        with ExitStack() as stack:
            if self.nginx:
                servers = stack.enter_context(behind_nginx(folder, processes, self.database_url))
            for number in range(0 if self.nginx else processes):
                place = folder / f"app{number}"
                place.mkdir(parents=True, exist_ok=True)
                server = stack.enter_context(
                    live_server(place, database_url=self.database_url, env=SERVER_ENV)
                )
                servers.ports.append(server.port)
                servers.pids.append(server.pid)
            from workshop.store import open_store

            self._store = stack.enter_context(open_store(self.database_url))
            yield servers

    def new_session(self, phase: str) -> str:
        """A fresh session in ``phase`` (dots voting, the default pack); returns its code."""
        from workshop.packs import default_pack, pack_to_data
        from workshop.store import SessionSettings

        created = self._store.create_session(
            "Bench room", "de", pack_to_data(default_pack()), SessionSettings()
        )
        self.code, self.key = created.code, created.facilitator_key
        self.round = created.session.round
        self.set_phase(phase)
        return str(self.code)

    def set_phase(self, phase: str) -> None:
        """The facilitator's move, through the store API with the facilitator key."""
        self._store.set_phase(self.code, self.key, phase)

    def wall_path(self) -> str:
        return f"/wall?code={self.code}"

    def phase_marker(self, phase: str) -> bytes:
        """Text the pages draw once they show ``phase`` (its name, in German)."""
        from workshop.text.i18n import t

        return t(f"common.phase.{phase}", "de").encode()

    def count_label(self, phase: str) -> str:
        """The wall's label beside the count the phase's inputs raise."""
        from workshop.text.i18n import t

        return t(_INPUTS[phase][1], "de")

    def input_prefix(self, phase: str) -> str:
        """The key prefix of the widgets a phone moves in ``phase``."""
        return f"{_INPUTS[phase][0]}.{self.round}."

    def send_label(self, phase: str) -> str | None:
        """The label of the button that sends the phase's input (None: no such button)."""
        from workshop.text.i18n import t

        key = _INPUTS[phase][2]
        return None if key is None else t(key, "de")

    def stored(self, tokens: list[str], phase: str) -> dict[str, dict[str, int]]:
        """What the store holds per token, by widget key (absent: nothing stored)."""
        found: dict[str, dict[str, int]] = {}
        for token in tokens:
            if phase == "resistance":
                rated = self._store.resistance_of(self.code, token)
                if rated is not None:
                    found[token] = {
                        f"res.{self.round}.{o}": round(v) for o, v in rated.ratings.items()
                    }
            elif phase == "vote":
                vote = self._store.vote_of(self.code, token)
                if vote is not None:
                    dots = vote.vote.get("dots", {})
                    found[token] = {f"dots.{self.round}.{o}": int(n) for o, n in dots.items()}
            else:
                ballot = self._store.weights_of(self.code, token)
                if ballot is not None:
                    found[token] = {
                        f"w.{self.round}.{c}": round(v) for c, v in ballot.weights.items()
                    }
        return found


@contextmanager
def behind_nginx(folder: Path, processes: int, database_url: str) -> Iterator[Servers]:
    """K app processes and nginx in front of them, as ``deploy/serve.py --apps K`` starts them
    (sticky sessions by nginx's route cookie, the frontend's files from disk, pre-gzipped).

    The one port is nginx's; the process ids are the apps' (nginx's own CPU is not counted).
    """
    var = folder / "nginx"
    var.mkdir(parents=True)
    for place in (folder, var):
        place.chmod(0o755)  # nginx's workers (nobody, when started by root) read the copy
    first, listen = consecutive_free_ports(processes), free_port()
    command = [
        sys.executable, str(ROOT / "deploy" / "serve.py"), "--apps", str(processes),
        "--app-port", str(first), "--listen-port", str(listen), "--var", str(var),
    ]  # fmt: skip
    env = {
        **os.environ,
        **SERVER_ENV,
        "WORKSHOP_DATABASE_URL": database_url,
        "WORKSHOP_PUBLIC_URL": f"http://127.0.0.1:{listen}",
    }
    ports = [listen, *range(first, first + processes)]
    with running(command, var / "serve.log", lambda: all(_healthy(p) for p in ports), env) as serve:
        yield Servers(ports=[listen], pids=_children_running_streamlit(serve.pid))
        time.sleep(0.5)  # nginx writes a websocket's line once it has closed
        spread = Counter(line.split()[-1] for line in _lines(var / "streams.log"))
        print(f"  websockets per app process (nginx): {dict(sorted(spread.items()))}", flush=True)


def _lines(path: Path) -> list[str]:
    return path.read_text().splitlines() if path.exists() else []


def _children_running_streamlit(parent: int) -> list[int]:
    """The process ids of `parent`'s children whose command line runs Streamlit."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            command = (entry / "cmdline").read_bytes()
        except OSError:
            continue  # ended meanwhile
        if int(stat[1]) == parent and b"streamlit" in command:
            found.append(int(entry.name))
    return sorted(found)


class MinimalApp:
    """The baseline (``bench/room/minimal_app.py``): one slider, one write, two fragments."""

    name = "minimal app"

    def __init__(self, database_url: str) -> None:
        self.database_url = database_url
        self.code = ""

    @contextmanager
    def start(self, folder: Path, processes: int) -> Iterator[Servers]:
        servers = Servers()
        env = {**os.environ, **SERVER_ENV, "BENCH_MINIMAL_DATABASE_URL": self.database_url}
        with ExitStack() as stack:
            for number in range(processes):
                port = free_port()
                command = [
                    sys.executable, "-m", "streamlit", "run", str(HERE / "minimal_app.py"),
                    "--server.port", str(port), "--server.address", "127.0.0.1",
                    "--server.headless", "true",
                ]  # fmt: skip
                log = folder / f"minimal{number}.log"
                process = stack.enter_context(
                    running(command, log, functools.partial(_healthy, port), env)
                )
                servers.ports.append(port)
                servers.pids.append(process.pid)
            yield servers

    def _engine(self) -> Any:
        from minimal_store import engine

        return engine(self.database_url)

    def new_session(self, phase: str) -> str:
        self.code = "M" + secrets.token_hex(4).upper()
        self.set_phase(phase)
        return self.code

    def set_phase(self, phase: str) -> None:
        from minimal_store import set_phase

        set_phase(self._engine(), self.code, phase)

    def wall_path(self) -> str:
        return f"/wall?code={self.code}"

    def phase_marker(self, phase: str) -> bytes:
        return f"Phase: {phase}".encode()

    def count_label(self, phase: str) -> str:
        from minimal_store import WEIGHTS_LABEL

        return str(WEIGHTS_LABEL)

    def input_prefix(self, phase: str) -> str:
        return "w.1."

    def send_label(self, phase: str) -> str | None:
        return None  # every move is saved by itself

    def stored(self, tokens: list[str], phase: str) -> dict[str, dict[str, int]]:
        from minimal_store import stored

        everything = stored(self._engine(), self.code)
        return {
            t: {f"w.1.{k}": v for k, v in everything[t].items()} for t in tokens if t in everything
        }
