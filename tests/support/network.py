"""The network of a test: a free port, and a TCP proxy whose connectivity a test switches.

The proxy stands between a client and a server on loopback: in front of the app it is a phone's
Wi-Fi dropping, in front of PostgreSQL it is the database going away (see ``outage``).
"""

from __future__ import annotations

import random
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress

#: Where test servers listen: below Linux's ephemeral range (32768–60999 by default), which
#: outgoing connections draw from.  A port the kernel handed out with ``bind(0)`` was free
#: only at that moment: a connection to PostgreSQL or a browser could take it before the
#: server bound it ("Port … is not available", seen in a full run).
_TEST_PORTS = range(20000, 32000)


def free_port() -> int:
    """A loopback port nothing listens on right now, outside the ephemeral range."""
    for port in random.sample(_TEST_PORTS, 50):
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free test port between 20000 and 32000")


def consecutive_free_ports(count: int) -> int:
    """A port p with p … p + count - 1 free (``deploy/serve.py`` numbers its apps so)."""
    for _ in range(50):
        first = free_port()
        if first + count <= _TEST_PORTS.stop and all(
            _nothing_listens(first + n) for n in range(1, count)
        ):
            return first
    raise RuntimeError(f"no {count} consecutive free test ports")


def _nothing_listens(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) != 0


class TcpProxy:
    """A loopback TCP proxy in front of the app whose connectivity a test switches off and on.

    Offline, every open connection (the page's websocket included) is cut and new ones are
    closed at once: what a phone sees when its Wi-Fi drops.  Threads, one pair per connection.
    """

    def __init__(self, target_port: int) -> None:
        self.target_port = target_port
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(0.1)
        self.port = int(self._listener.getsockname()[1])
        self._online = threading.Event()
        self._online.set()
        self._stopped = threading.Event()
        self._lock = threading.Lock()
        self._open: set[socket.socket] = set()
        self._thread = threading.Thread(target=self._accept, name="tcp-proxy", daemon=True)
        self._thread.start()

    @property
    def online(self) -> bool:
        return self._online.is_set()

    def go_offline(self) -> None:
        """Cut every connection and refuse new ones."""
        self._online.clear()
        with self._lock:
            for sock in self._open:
                _close(sock)
            self._open.clear()

    def go_online(self) -> None:
        """Forward new connections again."""
        self._online.set()

    def close(self) -> None:
        self._stopped.set()
        self.go_offline()
        self._thread.join(timeout=2)
        self._listener.close()

    def _accept(self) -> None:
        while not self._stopped.is_set():
            try:
                client, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            if not self._online.is_set():
                _close(client)
                continue
            try:
                upstream = socket.create_connection(("127.0.0.1", self.target_port), timeout=5)
            except OSError:
                _close(client)
                continue
            client.settimeout(None)
            upstream.settimeout(None)
            with self._lock:
                self._open.update((client, upstream))
            for source, target in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(source, target), daemon=True).start()

    def _pump(self, source: socket.socket, target: socket.socket) -> None:
        try:
            while chunk := source.recv(65536):
                target.sendall(chunk)
        except OSError:
            pass
        finally:
            with self._lock:
                self._open.discard(source)
                self._open.discard(target)
            _close(source)
            _close(target)


def _close(sock: socket.socket) -> None:
    with suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)
    sock.close()


@contextmanager
def tcp_proxy(target_port: int) -> Iterator[TcpProxy]:
    """A running :class:`TcpProxy` for the block."""
    proxy = TcpProxy(target_port)
    try:
        yield proxy
    finally:
        proxy.close()
