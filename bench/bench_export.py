"""Export benchmark: every format of a 300-participant session, against the snapshot alone.

A session on a temporary SQLite file with 300 participants in two rounds (300 ballots and 300
dot votes per round, hybrid parameters, context, comments, concerns with upvotes, notes; see
``tests/support/seeding.py``).  Measured in the same run (medians; not a test, no assertions):

* baseline — :func:`workshop.export.build_snapshot` alone: every read from the store and the
  group results of both rounds (no charts);
* snapshot with charts — the same plus the wall's chart specs (what the record needs);
* each format — rendering one snapshot to bytes.  Chart renders are cached per spec, so the
  cache is cleared before each repetition: the figures are a first click's, a repeat click on an
  unchanged session is faster;
* a click — what a console download opens (the export route's work): snapshot (with charts
  where the format needs them, :func:`workshop.web.routes.export_snapshot`) and render;
* import — the JSON export re-imported into a new session (all or nothing).

Target (issue 5): each export of a 300-participant session within a few seconds.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
_DB = Path(tempfile.mkdtemp(prefix="bench-export-")) / "export.sqlite3"
os.environ["WORKSHOP_DATABASE_URL"] = f"sqlite:///{_DB}"  # the console's store: before imports
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))  # the seeding shared with the tests

from support.seeding import seed_session  # noqa: E402

from workshop.export import FORMATS, build_snapshot, import_session  # noqa: E402
from workshop.export import charts as export_charts  # noqa: E402
from workshop.export.wall_charts import wall_charts  # noqa: E402
from workshop.web import services  # noqa: E402
from workshop.web.routes import export_snapshot  # noqa: E402

PEOPLE = 300
REPEATS = {"fast": 7, "charts": 3}


def median_seconds(action: Callable[[], object], repeats: int, cold: bool = False) -> float:
    """Median wall time of `action`; `cold` clears the chart render cache before each run."""
    times = []
    for _ in range(repeats):
        if cold:
            export_charts._render_png.cache_clear()
            export_charts._render_svg.cache_clear()
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    """Seed, then time the baseline, each format, a click per format and the import."""
    store = services.store()  # the store the console's download buttons use
    start = time.perf_counter()
    seeded = seed_session(store, PEOPLE)
    print(f"seeded {PEOPLE} participants, 2 rounds in {time.perf_counter() - start:.1f} s")
    code, key = seeded.code, seeded.key

    def plain() -> object:
        return build_snapshot(store, code, key)

    def charted() -> object:
        return build_snapshot(store, code, key, charts=wall_charts)

    charted()  # warm up: imports, Altair specs, vl-convert's first call
    baseline = median_seconds(plain, REPEATS["fast"])
    with_charts = median_seconds(charted, REPEATS["fast"])
    snapshot = build_snapshot(store, code, key, charts=wall_charts)
    print(f"baseline  snapshot alone            {baseline * 1000:8.0f} ms   1.0×")
    ratio = with_charts / baseline
    print(f"          snapshot with chart specs {with_charts * 1000:8.0f} ms  {ratio:4.1f}×")
    print("format    render only / click (snapshot + render), medians")
    for fmt in FORMATS.values():
        drawn = fmt.needs_charts or fmt.id in ("html", "pdf")
        repeats = REPEATS["charts" if drawn else "fast"]
        render = median_seconds(lambda fmt=fmt: fmt.render(snapshot), repeats, cold=True)
        click = median_seconds(
            lambda fmt=fmt: fmt.render(export_snapshot(store, code, key, fmt.id)),
            repeats,
            cold=True,
        )
        size = len(fmt.render(snapshot)) / 1024
        print(
            f"{fmt.id:8s}  {render * 1000:8.0f} ms ({render / baseline:5.1f}×)"
            f"   click {click * 1000:8.0f} ms ({click / baseline:5.1f}×)   {size:8.0f} KB"
        )
    data = FORMATS["json"].render(snapshot)
    start = time.perf_counter()
    import_session(store, data)
    imported = time.perf_counter() - start
    print(
        f"import    JSON → new session      {imported * 1000:8.0f} ms ({imported / baseline:5.1f}×)"
    )
    store.close()


if __name__ == "__main__":
    main()
