"""The wall fits the projector it is on (issue 15, item 2).

A projector cannot scroll: at 1280×720 and 1920×1080, in every phase, hidden and revealed, in a
second round, before anyone has joined and beside an earlier workshop's results, the wall's
document is no taller than the screen.
Every panel the wall rotates through is measured (they share one grid cell, so the tallest one
decides the height), every chart legend entry and axis title lies wholly inside its chart and
the screen and is not shortened (nor is any axis label), every chart axis shows at least three
labels, and no text is
smaller than 16 px at 1920×1080 (two thirds of that at 1280×720, where the same picture is
drawn at two thirds: see ``workshop/ui/wall/page.py``).

Each panel is photographed into ``screenshots/wall-fit-<width>x<height>-<state>-<panel>.png``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

import pytest
from e2e_support import SCREENSHOTS, open_page, url, wait_ready
from support.live_server import LiveServer

from workshop.content import ContentPack
from workshop.packs import default_pack
from workshop.rounds.live import LiveSession
from workshop.rounds.results import round_results
from workshop.store import PHASES, SessionSettings, Store, open_store
from workshop.text.wording import option_names
from workshop.web.demo import seed_demo

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, ViewportSize

pytestmark = pytest.mark.browser

SIZES: tuple[ViewportSize, ...] = ({"width": 1280, "height": 720}, {"width": 1920, "height": 1080})
MIN_FONT_1080 = 16.0
COMMENTS = (
    ("option", "pods", "Pods klingen gut, wenn die Teams stabil bleiben."),
    ("criterion", "REL", "Beziehung ist für unsere Geschäftskund:innen das Wichtigste."),
    ("general", None, "<b>Kein HTML</b> – bitte als Text zeigen."),
)
HIDDEN_COMMENT = "Dieser Kommentar wurde von der Moderation ausgeblendet."
#: Concerns beyond the demo's four: two pages' worth, one of them far too long for a card.
MORE_CONCERNS = (
    "Siehe https://intranet.example.org/" + "kundenservice-" * 12 + " " + "X" * 80,
    "Wie lange dauert die Einarbeitung in ein neues Kundensegment, und wer übernimmt in der "
    "Zeit die laufenden Fälle? " * 4,
    "Was passiert mit den Kennzahlen, an denen wir heute gemessen werden?",
    "Wer entscheidet, welche Kund:innen zu welchem Team gehören?",
)
#: Concerns naming an option: "what would lower your resistance" (one far too long for a card).
LOWERING = (
    ("pods", "Nur wenn jedes Team eine feste Vertretung hat."),
    (
        "swarming",
        "Mehr Einarbeitung vorher, und klare Regeln, wer den Fall am Ende abschließt. " * 3,
    ),
    ("pods", "Wenn wir die Kund:innen vorher fragen."),
    ("tiered", "Weniger Weiterleitungen."),
    ("case_owner", "Eine Obergrenze für offene Fälle je Person."),
)
PILOT = {
    "option": "pods_swarm",
    "team": "Team Nord (Privatkund:innen, 14 Mitarbeitende)",
    "weeks": 8,
    "measures": ["fcr", "effort", "wellbeing"],
    "other_measures": "Zahl der Weiterleitungen je Fall",
    "review_on": "2026-05-04",
}

_MEASURE = """() => {
  const inside = (r, box) => r.left >= box.left - 1 && r.right <= box.right + 1
    && r.top >= box.top - 1 && r.bottom <= box.bottom + 1;
  const screen = {left: 0, top: 0, right: innerWidth, bottom: innerHeight};
  const problems = [];
  const charts = [...document.querySelectorAll('[data-testid=stVegaLiteChart] svg.marks')];
  for (const [c, svg] of charts.entries()) {
    const box = svg.getBoundingClientRect();
    if (!inside(box, screen)) problems.push(`chart ${c} leaves the screen`);
    for (const t of svg.querySelectorAll('.role-legend-label text, .role-axis-title text')) {
      const r = t.getBoundingClientRect(), text = t.textContent;
      if (!inside(r, box)) problems.push(`chart ${c}: "${text}" cut by the chart`);
      if (text.endsWith('…')) problems.push(`chart ${c}: "${text}" shortened`);
    }
    // Option names are wrapped onto two lines; none of the pack's needs shortening.
    for (const t of svg.querySelectorAll('.role-axis-label text')) {
      if (t.textContent.includes('…')) problems.push(`chart ${c}: "${t.textContent}" shortened`);
    }
    for (const axis of svg.querySelectorAll('g.role-axis')) {
      const labels = axis.querySelectorAll('.role-axis-label text').length;
      // Vega draws the grid as an axis of its own, without labels.
      if (labels > 0 && labels < 3) problems.push(`chart ${c}: an axis has ${labels} labels`);
    }
  }
  const heights = {
    document: document.documentElement.scrollHeight,
    body: document.body.scrollHeight,
  };
  for (const id of ['stApp', 'stAppViewContainer', 'stMain', 'stMainBlockContainer']) {
    const e = document.querySelector(`[data-testid=${id}]`);
    // scrollHeight is in the element's own (unzoomed) pixels.
    if (e) heights[id] = Math.round(Math.max(e.scrollHeight * (e.currentCSSZoom ?? 1),
                                             e.getBoundingClientRect().bottom));
  }
  const sideways = document.documentElement.scrollWidth - innerWidth;
  const panels = document.querySelectorAll('.st-key-wall_panels > div').length;
  return {heights, problems, charts: charts.length, panels, sideways};
}"""

_FONTS = """() => {
  const sizes = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode, e = node.parentElement;
    if (!node.textContent.trim() || !e || e.closest('style, script')) continue;
    const r = e.getBoundingClientRect(), s = getComputedStyle(e);
    if (r.width <= 1 || r.height <= 1 || s.visibility === 'hidden') continue;
    // The effective size on the screen: the computed size times the zoom (or the SVG's scale).
    let size = parseFloat(s.fontSize) * (e.currentCSSZoom ?? 1);
    // An SVG's screen matrix holds its scale and the zoom.
    if (e instanceof SVGElement) size = parseFloat(s.fontSize) * (e.getScreenCTM()?.a ?? 1);
    sizes.push([Math.round(size * 10) / 10, node.textContent.trim().slice(0, 30)]);
  }
  return sizes;
}"""


@dataclass(frozen=True)
class State:
    """One thing the wall can show: a session in a phase, revealed or not."""

    name: str
    code: str
    key: str
    phase: str
    revealed: bool
    spotlight: str = ""  # the option whose role changes the wall shows ("" none)


@pytest.fixture(scope="module")
def states(server: LiveServer) -> Iterator[tuple[Store, list[State]]]:
    """The demo session in every phase (with comments, one hidden), a round 2, an empty one."""
    with open_store(server.database_url) as store:
        settings = SessionSettings(vote_mode="dots", role_groups=("Service", "Vertrieb", "IT"))
        pack = default_pack()
        demo = seed_demo(store, pack, settings, language="de")
        writer = store.join(demo.code).token
        for kind, target, text in COMMENTS:
            store.add_comment(demo.code, writer, kind, target, text)
        for text in MORE_CONCERNS:
            store.add_concern(demo.code, writer, text)
        for option, text in LOWERING:
            store.add_concern(demo.code, writer, text, option_id=option)
        store.set_pilot(demo.code, demo.facilitator_key, PILOT)
        hidden = store.add_comment(demo.code, writer, "general", None, HIDDEN_COMMENT)
        store.set_comment_hidden(demo.code, demo.facilitator_key, hidden.id, True)
        found = [
            State(f"{phase}-{'shown' if revealed else 'hidden'}", demo.code, demo.facilitator_key,
                  phase, revealed)
            for phase in PHASES
            for revealed in (False, True)
        ]  # fmt: skip
        second = seed_demo(store, pack, settings, language="de", seed=7)
        store.start_round(second.code, second.facilitator_key)
        for n in range(6):
            token = store.join(second.code).token
            weights = {c: (10 if c in ("REL", "EMO") else 3 + n % 4) for c in pack.criterion_ids}
            store.submit_weights(second.code, token, weights)
        found.append(State("round2-results", second.code, second.facilitator_key, "results", True))
        # "What changes for me" under the option with the longest texts, under the tallest
        # header (welcome) and in the options phase.
        wordiest = max(
            (*pack.option_ids, *(h.id for h in pack.hybrids)),
            key=lambda o: sum(len(c.aspect(a).de) for c in pack.role_changes if c.option == o
                              for a in ("responsibility", "skills", "load")),
        )  # fmt: skip
        for phase in ("welcome", "options"):
            found.append(State(f"spotlight-{phase}", demo.code, demo.facilitator_key, phase,
                               False, wordiest))  # fmt: skip
        empty = store.create_session("Neuer Workshop", "de", demo.session.pack_data, settings)
        found.append(State("nobody-yet", empty.code, empty.facilitator_key, "welcome", False))
        # Imported from an earlier workshop: its top places beside the ranking, under both
        # headlines (the vote puts another option first than the weights).
        imported = seed_demo(store, pack, settings, language="de", seed=11)
        leader = outvote(store, imported.code, pack, settings)
        store.set_earlier_results(imported.code, imported.facilitator_key,
                                  earlier_results(pack, leader))  # fmt: skip
        found.append(State("results-earlier", imported.code, imported.facilitator_key, "results",
                           True))  # fmt: skip
        yield store, found


def outvote(store: Store, code: str, pack: ContentPack, settings: SessionSettings) -> str:
    """Newcomers give their dots to the weights' runner-up until the vote puts it first.

    Returns the first place by the weights.
    """
    live = LiveSession(pack.criterion_ids)
    for _ in range(40):  # three dots a newcomer: a dozen voters are more than enough
        live.apply(store.events_since(code, live.seq))
        results = round_results(live, pack, settings, 1)
        if results.vote_differs:
            return results.ranking[0].option
        ranking = [r.option for r in results.ranking]
        token = store.join(code).token
        store.submit_vote(code, token, {"dots": {ranking[1]: 3, ranking[2]: 1, ranking[3]: 1}})
    raise AssertionError("the vote never put another option first")


def earlier_results(pack: ContentPack, leader: str) -> dict[str, Any]:
    """An earlier workshop's summary whose top three have the longest names, first place not
    this session's (so the wall names the change in the longest words); its last round stayed
    below the threshold."""
    names = option_names(pack, "de")
    longest = sorted((o for o in names if o != leader), key=lambda o: -len(names[o]))
    ranking = [{"option": o, "rank": n, "score": 0.6} for n, o in enumerate(longest, start=1)]
    below = {"round": 2, "shown": False, "ballots": 3, "votes": 3, "ratings": 3,
             "ranking": [], "tally": None, "least_resistance": []}  # fmt: skip
    shown = {"round": 1, "shown": True, "ballots": 12, "votes": 12, "ratings": 12,
             "ranking": ranking, "tally": None, "least_resistance": longest[-1:]}  # fmt: skip
    return {"title": "Kick-off", "exported_at": "2026-11-27T14:05:00Z", "rounds": [shown, below]}


def show(store: Store, page: Page, state: State) -> None:
    """Put the session into the state and wait until the wall drew it, charts included."""
    settings = store.get_session(state.code).settings
    if settings.spotlight != state.spotlight:
        store.update_settings(state.code, state.key, replace(settings, spotlight=state.spotlight))
    store.set_phase(state.code, state.key, state.phase)
    store.set_revealed(state.code, state.key, state.revealed)
    seq = store.last_seq(state.code)
    page.wait_for_selector(f".wall-head[data-seq='{seq}']", timeout=20_000)
    wait_ready(page)
    page.wait_for_function(
        """() => [...document.querySelectorAll('[data-testid=stVegaLiteChart]')]
                 .every(c => c.querySelector('svg.marks .role-axis'))""",
        timeout=20_000,
        polling=100,
    )


def force_panel(page: Page, index: int | None) -> None:
    """Show panel `index` whatever the rotation says (None: give the rotation back)."""
    page.evaluate(
        """(index) => {
          document.getElementById('test-panel')?.remove();
          if (index === null) return;
          const style = document.createElement('style');
          style.id = 'test-panel';
          // More specific than the wall's own rule, which hides all panels but the current one.
          const all = 'html body .st-key-wall_panels [class*="st-key-wall_panel_"]'.repeat(1)
            + '[class*="st-key-wall_panel_"]';
          const key = `.st-key-wall_panel_${index}`;
          const one = `html body .st-key-wall_panels ${key}${key}${key}`;
          style.textContent = `${all}, ${all} * {visibility: hidden !important}
            ${one}, ${one} * {visibility: visible !important}`;
          document.head.append(style);
        }""",
        index,
    )
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s['width']}x{s['height']}")
def test_wall_fits_the_screen_in_every_phase(
    browser: Browser, server: LiveServer, states: tuple[Store, list[State]], size: ViewportSize
) -> None:
    """Height, legends, axis titles and text sizes of every panel of every state of the wall."""
    store, found = states
    tag = f"{size['width']}x{size['height']}"
    minimum = MIN_FONT_1080 * size["height"] / 1080 - 0.1
    context = browser.new_context(
        viewport=size, device_scale_factor=1, locale="de-DE", timezone_id="Europe/Berlin"
    )
    problems: dict[str, Any] = {}
    SCREENSHOTS.mkdir(exist_ok=True)
    try:
        pages: dict[str, Page] = {}
        for state in found:
            if state.code not in pages:
                pages[state.code] = open_page(context, url(server.port, f"/wall?code={state.code}"))
            page = pages[state.code]
            show(store, page, state)
            measured = page.evaluate(_MEASURE)
            too_tall = {k: v for k, v in measured["heights"].items() if v > size["height"]}
            if too_tall:
                problems[f"{state.name}: taller than {size['height']} px"] = too_tall
            if measured["sideways"] > 0:
                problems[f"{state.name}: scrolls sideways"] = measured["sideways"]
            if measured["problems"]:
                problems[f"{state.name}: charts"] = measured["problems"]
            for panel in range(max(measured["panels"], 1)):
                force_panel(page, panel if measured["panels"] else None)
                small = sorted({(s, text) for s, text in page.evaluate(_FONTS) if s < minimum})
                if small:
                    problems[f"{state.name} panel {panel}: text below {minimum:.1f} px"] = small
                page.screenshot(path=str(SCREENSHOTS / f"wall-fit-{tag}-{state.name}-{panel}.png"))
            force_panel(page, None)
            text = page.evaluate("() => document.body.textContent")  # every panel's text
            if HIDDEN_COMMENT in text:
                problems[f"{state.name}: a hidden comment is shown"] = True
            # A spotlight is all the wall shows until the facilitator clears it.
            listed = state.code == found[0].code and not state.spotlight
            if listed and not all(c[2] in text for c in COMMENTS):
                problems[f"{state.name}: comments missing"] = True
    finally:
        context.close()
    assert not problems, "\n".join(f"{k}: {v}" for k, v in problems.items())
