"""The console's Export tab: download every format at any time, PNGs of the wall's charts, import.

The formats themselves are pure functions in :mod:`workshop.export`; this module only builds a
snapshot (with the wall's own chart specs, :func:`workshop.export.wall_charts.wall_charts`),
shows progress while the files are made, and wraps the bytes in download buttons.  Files are made
when a button is clicked, never on a rerun of the console: the record's charts take a few seconds
to draw.

:func:`render_import` is self-contained, so the create page can call it as well.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urlencode

import streamlit as st

from workshop.errors import TooManyImports, WorkshopError
from workshop.export import FORMATS, build_snapshot
from workshop.export.charts import chart_png, png_name
from workshop.export.json_import import import_session
from workshop.export.json_parse import MAX_IMPORT_BYTES, ImportRejected, rejection_of
from workshop.export.wall_charts import wall_charts
from workshop.store import CreatedSession, SessionView, Store
from workshop.ui import lane
from workshop.ui.runtime import client_address, plain, reader_lang, show_error, tr
from workshop.ui.shell import page_file
from workshop.web import services
from workshop.web.joinlimit import JoinLimiter, JoinLimits

_CHARTS = "_export_charts"


# --------------------------------------------------------------------------- the tab


@dataclass(frozen=True)
class ChartFiles:
    """The wall's charts as PNGs, made for one session at one moment (kept in session state)."""

    code: str
    seq: int
    made_at: datetime
    charts: tuple[tuple[str, str, bytes], ...]  # (title, file name, PNG)


def render_exports(view: SessionView, key: str) -> None:
    """The Export tab of the console: every format, the charts as PNGs, direct links, import."""
    st.caption(tr("export.intro"))
    include_hidden = st.toggle(
        tr("export.include_hidden"),
        key="export.include_hidden",
        help=tr("export.include_hidden_help"),
    )
    individual = st.toggle(
        tr("export.individual"), key="export.individual", help=tr("export.individual_help")
    )
    _downloads(view, key, ExportOptions(reader_lang(), include_hidden, individual))
    _chart_downloads(view, key)
    _direct_links(view, key)
    st.divider()
    render_import()


@dataclass(frozen=True)
class ExportOptions:
    """What the facilitator chose for the next downloads (the export route's query)."""

    lang: str
    include_hidden: bool
    individual: bool

    def query(self) -> str:
        """The query string of :func:`export_url` (the key is added there)."""
        wanted = {"lang": self.lang}
        if self.include_hidden:
            wanted["hidden"] = "1"
        if self.individual:
            wanted["individual"] = "1"
        return urlencode(wanted)


def export_url(code: str, key: str, format_id: str, options: ExportOptions) -> str:
    """The key-checked export route of one format: what a console download opens.

    Downloads go through the route, which checks the key on every request, rather than
    Streamlit's deferred download, whose file id any browser session could redeem.
    """
    return f"/export/{code}.{format_id}?{options.query()}&{urlencode({'key': key})}"


def _downloads(view: SessionView, key: str, options: ExportOptions) -> None:
    """One link per format.  The server makes each file when it is opened, from the session as
    it is then: always current, never stale."""
    formats = list(FORMATS.values())
    for row in range(0, len(formats), 3):  # rows of three, so each button sits above its line
        for cell, fmt in zip(st.columns(3), formats[row : row + 3], strict=False):
            with cell:
                st.link_button(
                    tr(f"export.format.{fmt.id}"),
                    export_url(view.code, key, fmt.id, options),
                    icon=":material/download:",
                    width="stretch",
                )
                st.caption(tr(f"export.format_help.{fmt.id}"))


def make_chart_files(view: SessionView, key: str) -> ChartFiles:
    """Render every wall chart as PNG, with a progress bar (about half a second per chart)."""
    bar = st.progress(0.0, text=tr("export.step.snapshot"))
    with lane.stepped_aside():  # seconds of drawing: the phones' runs go on meanwhile
        snapshot = build_snapshot(services.store(), view.code, key, charts=wall_charts)
        files = []
        for done, chart in enumerate(snapshot.charts, start=1):
            bar.progress(
                done / (len(snapshot.charts) + 1), text=tr("export.step.chart", title=chart.title)
            )
            files.append((chart.title, png_name(chart), chart_png(chart)))
    bar.empty()
    return ChartFiles(view.code, view.last_seq, snapshot.exported_at, tuple(files))


def _chart_downloads(view: SessionView, key: str) -> None:
    """Each wall chart as a PNG for slides, with a preview; drawn when asked for."""
    st.markdown(f"#### {tr('export.charts_title')}")
    made = st.session_state.get(_CHARTS)
    if not isinstance(made, ChartFiles) or made.code != view.code:
        made = None
    label = tr("export.charts_again" if made else "export.charts_make")
    if st.button(label, icon=":material/bar_chart:", key="export.charts"):
        try:
            made = st.session_state[_CHARTS] = make_chart_files(view, key)
        except WorkshopError as error:
            show_error(error)
            return
    if made is None:
        return
    time = made.made_at.astimezone(UTC).strftime("%H:%M:%S UTC")
    st.caption(tr("export.charts_as_of", time=time))
    if view.last_seq != made.seq:
        st.info(tr("export.stale"), icon=":material/update:")
    if not made.charts:
        st.caption(tr("export.no_charts"))
        return
    cells = st.columns(2)
    for index, (title, name, png) in enumerate(made.charts):
        with cells[index % 2], st.container(border=True):
            st.markdown(f"**{plain(title)}**")
            st.image(png, width="stretch")
            st.download_button(
                tr("export.chart_download"),
                data=png,
                file_name=name,
                mime="image/png",
                key=f"export.chart.{name}",
                icon=":material/image:",
                on_click="ignore",
            )


def _direct_links(view: SessionView, key: str) -> None:
    """The key-protected routes, for scripts or a second device."""
    with st.expander(tr("export.link_title"), icon=":material/link:"):
        st.caption(tr("export.link_hint"))
        lines = [f"/export/{view.code}.{format_id}?key={key}" for format_id in FORMATS]
        st.code("\n".join(lines), language=None)


# --------------------------------------------------------------------------- import


#: Imports one client address may start: 3 at once, then one a minute (a facilitator imports
#: a file or two before a workshop; a 2,000-person file keeps the store busy for seconds).
IMPORT_LIMITER = JoinLimiter(JoinLimits(burst=3, per_minute=1))
_IMPORT_RUNNING = threading.Lock()


def bounded_import(
    store: Store, data: bytes, client: str, limiter: JoinLimiter | None = None
) -> CreatedSession:
    """Import `data` unless another import runs in this process or `client` imported too often.

    The create page needs no key, so without this bound anyone could keep the store busy with
    large imports.  Raises :class:`~workshop.errors.TooManyImports` (nothing created) then.
    """
    if not _IMPORT_RUNNING.acquire(blocking=False):
        raise TooManyImports()
    try:
        if not (limiter or IMPORT_LIMITER).allow(client):
            raise TooManyImports()
        return import_session(store, data)
    finally:
        _IMPORT_RUNNING.release()


def render_import() -> None:
    """Upload a JSON export and create a new session from it; errors are translated."""
    st.markdown(f"#### {tr('export.import_title')}")
    st.caption(tr("export.import_intro"))
    upload = st.file_uploader(
        tr("export.import_file"),
        type=["json"],
        key="export.import_file",
        max_upload_size=MAX_IMPORT_BYTES // (1024 * 1024),  # in MB; the import checks again
    )
    if not st.button(
        tr("export.import_button"), disabled=upload is None, key="export.import_button"
    ):
        return
    assert upload is not None  # the button is disabled without a file
    try:
        with lane.stepped_aside():  # a large file keeps the store busy for seconds
            created = bounded_import(services.store(), upload.getvalue(), client_address())
    except ImportRejected as error:
        reason, where = rejection_of(error)
        st.error(
            f"{tr(f'export.import_error.{reason}')} {tr('export.import_nothing_created')}",
            icon=":material/error:",
        )
        if where:
            # The place names the file's own keys, which can be anything: never Markdown.
            st.caption(tr("export.import_where", where=plain(where)))
        return
    except WorkshopError as error:
        show_error(error)
        return
    st.session_state["_show_key_once"] = created.code
    st.switch_page(
        page_file("facilitate"), query_params={"code": created.code, "key": created.facilitator_key}
    )
