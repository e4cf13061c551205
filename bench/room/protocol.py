"""One browser tab as the Streamlit 1.67 frontend speaks to the server, minus the drawing.

What the frontend does and this client repeats (read from ``streamlit/static/.../index.*.js``
and ``streamlit/web/server/starlette/starlette_websocket.py``):

- the websocket is ``/_stcore/stream`` with the subprotocol header ``streamlit, <xsrf token>``,
  the page's cookies and an ``Origin`` header;
- once connected it asks for a run: ``BackMsg.rerun_script`` with the URL's query string, the
  page name from the path (``participate``) and no page hash; later runs carry the page hash
  the server's ``new_session`` named;
- every rerun carries the state of every active widget (``getActiveWidgetStates``); a widget
  change sends one at once; widgets that a full run did not draw are forgotten;
- ``ForwardMsg.auto_rerun`` (a ``run_every`` fragment) starts a ``setInterval`` that sends a
  rerun with the fragment's id and ``is_auto_rerun`` set, whether or not a run is going on;
  ``stop_auto_rerun`` ends it;
- messages marked ``metadata.cacheable`` are cached by hash; every rerun lists the hashes, so
  the server may send a ``ref_hash`` instead.

Widget states kept: sliders and number inputs (the widgets the benchmark moves) with their
drawn values; other widgets (buttons, the language switch) are left to their server defaults,
as a browser leaves buttons until they are clicked.
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState
from websockets.asyncio.client import ClientConnection, connect
from websockets.typing import Subprotocol

FINISHED = ForwardMsg.ScriptFinishedStatus.FINISHED_SUCCESSFULLY
FRAGMENT_FINISHED = ForwardMsg.ScriptFinishedStatus.FINISHED_FRAGMENT_RUN_SUCCESSFULLY
EARLY = ForwardMsg.ScriptFinishedStatus.FINISHED_EARLY_FOR_RERUN
#: What the frontend sends as context: a phone in Berlin (winter time), German, light theme.
TIMEZONE, TIMEZONE_OFFSET, LOCALE = "Europe/Berlin", -60, "de-DE"


@dataclass
class Widget:
    """A widget the page drew: its kind, the key the app gave it, its state as sent."""

    kind: str
    key: str
    state: WidgetState
    minimum: float = 0.0
    maximum: float = 10.0
    #: The fragment the widget was drawn in ('' outside any): a change reruns only that.
    fragment: str = ""


@dataclass
class Counters:
    """What one tab saw: runs by outcome, messages, bytes, exceptions the page showed."""

    full_runs: int = 0
    fragment_runs: int = 0
    early: int = 0
    messages: int = 0
    received: int = 0
    exceptions: int = 0
    refs: int = 0


@dataclass
class Waiter:
    """A future resolved by the first received message ``test`` accepts."""

    test: Callable[[ForwardMsg, bytes], bool]
    future: asyncio.Future[float] = field(default_factory=asyncio.Future)


def user_key(widget_id: str) -> str:
    """The key the app gave a widget: Streamlit appends it to the id (``$$ID-<hash>-<key>``)."""
    parts = widget_id.split("-", 2)
    return parts[2] if len(parts) == 3 and parts[0] == "$$ID" else ""


class Tab:
    """One browser tab on one Streamlit page: the websocket, the widgets, the fragment timers."""

    def __init__(self, port: int, path: str, query: str, cookies: dict[str, str]) -> None:
        self.port, self.path, self.query, self.cookies = port, path, query, cookies
        self.page_hash = ""
        self.widgets: dict[str, Widget] = {}
        self.buttons: dict[str, str] = {}  # label → widget id
        self.seen_this_run: set[str] = set()
        self.cached: set[str] = set()
        self.counters = Counters()
        self.new_sessions = 0
        self.timers: dict[str, asyncio.Task[None]] = {}
        self.waiters: list[Waiter] = []
        self.listeners: list[Callable[[ForwardMsg, bytes, float], None]] = []
        self.socket: ClientConnection | None = None
        self.reader: asyncio.Task[None] | None = None
        self.closed = False
        self.error = ""

    # --------------------------------------------------------------------- connection

    async def open(self) -> float:
        """Connect and ask for the first run; returns the seconds until it finished."""
        xsrf = self.cookies.get("_streamlit_xsrf", "")
        start = time.perf_counter()
        self.socket = await connect(
            f"ws://127.0.0.1:{self.port}/_stcore/stream",
            subprotocols=[Subprotocol("streamlit"), Subprotocol(xsrf or "x")],
            additional_headers={
                "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
                "Origin": f"http://127.0.0.1:{self.port}",
            },
            max_size=None,
            compression=None,  # Chromium offers permessage-deflate, the server declines it
            open_timeout=60,
            ping_interval=None,
        )
        self.reader = asyncio.create_task(self._read())
        done = self.expect(lambda m, _: finish_status(m) == FINISHED)
        await self.rerun()
        await asyncio.wait_for(done, 120)
        return time.perf_counter() - start

    async def close(self) -> None:
        """Stop the timers and close the websocket."""
        self.closed = True
        for task in self.timers.values():
            task.cancel()
        if self.socket is not None:
            with contextlib.suppress(Exception):
                await self.socket.close()
        if self.reader is not None:
            self.reader.cancel()
            with contextlib.suppress(BaseException):
                await self.reader

    # --------------------------------------------------------------------- sending

    async def rerun(
        self, fragment_id: str = "", auto: bool = False, extra: list[WidgetState] | None = None
    ) -> None:
        """Send ``rerun_script`` with every widget's state, as ``sendRerunBackMsg`` does."""
        if self.socket is None or self.closed:
            return
        message = BackMsg()
        state = message.rerun_script
        state.query_string = self.query
        if self.page_hash:
            state.page_script_hash = self.page_hash
        else:
            state.page_name = self.path.strip("/")
        state.fragment_id = fragment_id
        state.is_auto_rerun = auto
        state.widget_states.widgets.extend(w.state for w in self.widgets.values())
        state.widget_states.widgets.extend(extra or ())
        state.cached_message_hashes.extend(self.cached)
        info = state.context_info
        info.timezone, info.timezone_offset, info.locale = TIMEZONE, TIMEZONE_OFFSET, LOCALE
        info.url = f"http://127.0.0.1:{self.port}{self.path}?{self.query}"
        info.is_embedded = False
        info.color_scheme = "light"
        try:
            await self.socket.send(message.SerializeToString())
        except Exception as error:  # a closed socket: counted, the phone stops
            self.error = self.error or f"send: {type(error).__name__}"

    async def set_widget(self, widget: Widget, value: float) -> None:
        """Change a widget's value and send the rerun the frontend sends at once."""
        if widget.kind == "slider":
            del widget.state.double_array_value.data[:]
            widget.state.double_array_value.data.append(float(value))
        else:
            widget.state.int_value = int(value)
        await self.rerun(fragment_id=widget.fragment)

    async def click(self, widget_id: str) -> None:
        """A button press: a trigger value sent once with the other widgets' states."""
        await self.rerun(extra=[WidgetState(id=widget_id, trigger_value=True)])

    # --------------------------------------------------------------------- receiving

    def expect(self, test: Callable[[ForwardMsg, bytes], bool]) -> asyncio.Future[float]:
        """A future with the perf_counter time of the first later message ``test`` accepts."""
        waiter = Waiter(test)
        self.waiters.append(waiter)
        return waiter.future

    async def _read(self) -> None:
        assert self.socket is not None
        try:
            async for raw in self.socket:
                now = time.perf_counter()
                data = raw if isinstance(raw, bytes) else raw.encode()
                message = ForwardMsg()
                message.ParseFromString(data)
                self._handle(message, data, now)
        except asyncio.CancelledError:
            raise
        except Exception as error:
            if not self.closed:
                self.error = self.error or f"receive: {type(error).__name__}: {error}"
        finally:
            if not self.closed:
                self.error = self.error or "websocket closed by the server"
                for waiter in self.waiters:
                    if not waiter.future.done():
                        waiter.future.set_exception(ConnectionError(self.error))

    def _handle(self, message: ForwardMsg, data: bytes, now: float) -> None:
        self.counters.messages += 1
        self.counters.received += len(data)
        if message.metadata.cacheable and message.hash:
            self.cached.add(message.hash)
        kind = message.WhichOneof("type")
        if kind == "new_session":
            self.new_sessions += 1
            self.page_hash = message.new_session.page_script_hash or self.page_hash
            self.seen_this_run = set()
        elif kind == "navigation":
            # With st.navigation the page's own hash comes here (new_session names the main
            # script's); the frontend's currentPageScriptHash.
            self.page_hash = message.navigation.page_script_hash or self.page_hash
        elif kind == "page_info_changed":
            self.query = message.page_info_changed.query_string  # the URL the app set
        elif kind == "delta":
            self._delta(message)
        elif kind == "ref_hash":
            self.counters.refs += 1
        elif kind == "auto_rerun":
            self._start_timer(message.auto_rerun.fragment_id, message.auto_rerun.interval)
        elif kind == "stop_auto_rerun":
            for fragment in message.stop_auto_rerun.fragment_ids:
                task = self.timers.pop(fragment, None)
                if task is not None:
                    task.cancel()
        elif kind == "script_finished":
            self._finished(message.script_finished)
        for listener in self.listeners:
            listener(message, data, now)
        if self.waiters:
            for waiter in list(self.waiters):
                if waiter.future.done():
                    self.waiters.remove(waiter)
                elif waiter.test(message, data):
                    waiter.future.set_result(now)
                    self.waiters.remove(waiter)

    def _finished(self, status: int) -> None:
        if status == FINISHED:
            self.counters.full_runs += 1
            # The frontend's removeInactive: a full run drops the widgets it did not draw.
            for widget_id in [w for w in self.widgets if w not in self.seen_this_run]:
                del self.widgets[widget_id]
        elif status == FRAGMENT_FINISHED:
            self.counters.fragment_runs += 1
        elif status == EARLY:
            self.counters.early += 1

    def _delta(self, message: ForwardMsg) -> None:
        delta = message.delta
        if delta.WhichOneof("type") != "new_element":
            return
        element = delta.new_element
        kind = element.WhichOneof("type")
        if kind == "exception":
            self.counters.exceptions += 1
        elif kind == "slider":
            self._slider(element.slider, delta.fragment_id)
        elif kind == "number_input":
            self._number_input(element.number_input, delta.fragment_id)
        elif kind == "button":
            self.buttons[element.button.label] = element.button.id

    def _slider(self, proto: Any, fragment: str) -> None:
        if proto.options:
            # A select slider (the options page's hybrid parameters): left to its server
            # default like a button, since the frontend sends it in a form not rebuilt here.
            return
        self.seen_this_run.add(proto.id)
        widget = self.widgets.get(proto.id)
        if widget is None or proto.set_value:
            values = list(proto.value) if proto.set_value else list(proto.default)
            state = WidgetState(id=proto.id)
            state.double_array_value.data.extend(values)
            self.widgets[proto.id] = Widget(
                "slider", user_key(proto.id), state, proto.min, proto.max, fragment
            )

    def _number_input(self, proto: Any, fragment: str) -> None:
        self.seen_this_run.add(proto.id)
        widget = self.widgets.get(proto.id)
        if widget is None or proto.set_value:
            value = proto.value if proto.set_value else proto.default
            state = WidgetState(id=proto.id, int_value=int(value))
            self.widgets[proto.id] = Widget(
                "number",
                user_key(proto.id),
                state,
                float(proto.min),
                float(proto.max),
                fragment,
            )

    def _start_timer(self, fragment_id: str, interval: float) -> None:
        if not fragment_id or fragment_id in self.timers:
            return  # the frontend keeps a running interval of the same length

        async def tick() -> None:
            while not self.closed:
                await asyncio.sleep(interval)
                await self.rerun(fragment_id, auto=True)

        self.timers[fragment_id] = asyncio.create_task(tick())

    def value(self, widget: Widget) -> float:
        """The value the widget's state holds now."""
        if widget.kind == "slider":
            return float(widget.state.double_array_value.data[0])
        return float(widget.state.int_value)


def finish_status(message: ForwardMsg) -> int | None:
    return message.script_finished if message.WhichOneof("type") == "script_finished" else None


def full_run_finished_after(tab: Tab) -> Callable[[ForwardMsg, bytes], bool]:
    """A test for the end of the first full run that starts after now (a button's run)."""
    started = tab.new_sessions

    def test(message: ForwardMsg, _: bytes) -> bool:
        return tab.new_sessions > started and finish_status(message) == FINISHED

    return test


def run_finished_after(tab: Tab, widget: Widget) -> Callable[[ForwardMsg, bytes], bool]:
    """A test for the end of the run a change of `widget` starts: a full run, the run of its
    fragment when it was drawn in one, or the runs of the fragments its callback names
    (``st.rerun(<keys>)``): the first run to finish that started after the change, as the
    browser waits for it (the phone has no timer of its own: changes are pushed)."""
    started = tab.new_sessions
    accepted = {FINISHED, FRAGMENT_FINISHED}

    def test(message: ForwardMsg, _: bytes) -> bool:
        return tab.new_sessions > started and finish_status(message) in accepted

    return test


def shows(marker: bytes) -> Callable[[ForwardMsg, bytes], bool]:
    """A test for the first delta whose bytes contain ``marker`` (text the page draws).

    The text may also come HTML-escaped (the wall draws its header as HTML: "&" is "&amp;").
    """
    escaped = html.escape(marker.decode(), quote=False).encode()

    def test(message: ForwardMsg, data: bytes) -> bool:
        return message.WhichOneof("type") == "delta" and (marker in data or escaped in data)

    return test
