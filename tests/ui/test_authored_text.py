"""Everything authored is shown as text: pack texts, the title, area names and notes (issue 12).

A session is made the way an import makes one (see `hostile_texts`): every criterion, option,
factor, hybrid and source text of the pack, in both languages, the title, the area names and the
notes carry a remote image, a link, an icon, a colour, a formula, HTML and bold type.  Every page
and phase is drawn, and every string Streamlit would render as Markdown (bodies, captions, alerts,
widget labels and help, radio options, progress texts, expander and tab labels) is checked: none
holds the markup unescaped, and each text reads as written once the character references are
resolved.  Where Streamlit shows text as it is (selectbox options, text fields), the text must be
there unchanged: escaping it there would show "&#40;" to the reader.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pyarrow as pa
import pytest
from google.protobuf.descriptor import FieldDescriptor
from google.protobuf.message import Message
from streamlit.testing.v1 import AppTest
from support import hostile_texts
from support.pages import ranking_lines

from workshop.content import ContentPack, Lang
from workshop.export import build_snapshot
from workshop.export.json_export import json_bytes
from workshop.packs import pack_from_data
from workshop.store import PHASES, VOTE_MODES, SessionSettings, Store

Opener = Callable[..., AppTest]

PACK = pack_from_data(hostile_texts.pack_data(), "hostile")
MARKERS = hostile_texts.markers()
#: Proto fields Streamlit renders as Markdown, whatever the element.
MARKDOWN_FIELDS = {"label", "help", "body", "text", "content"}
#: Elements whose strings are shown as they are (or as HTML: the wall's own, escaped, markup).
RAW_ELEMENTS = {"Text", "Code", "Exception"}


# --------------------------------------------------------------------------- what a page sends


@dataclass
class Rendered:
    """The strings of one page run, by how the browser treats them."""

    markdown: list[str] = field(default_factory=list)
    html: list[str] = field(default_factory=list)
    raw: list[str] = field(default_factory=list)


def rendered(at: AppTest) -> Rendered:
    """Every string field of every element and container of the page, sorted by treatment."""
    found = Rendered()
    for message in _messages(at._tree):
        _collect(message, found)
    return found


def _messages(node: Any) -> Iterator[Message]:
    proto = getattr(node, "proto", None)
    if isinstance(proto, Message):
        yield proto
    for child in getattr(node, "children", {}).values():
        yield from _messages(child)


def _collect(message: Message, found: Rendered) -> None:
    kind = message.DESCRIPTOR.name
    for descriptor, value in message.ListFields():
        values = value if descriptor.is_repeated else [value]
        if descriptor.type == FieldDescriptor.TYPE_MESSAGE:
            for item in values:
                _collect(item, found)
        elif descriptor.type == FieldDescriptor.TYPE_STRING:
            _bucket(found, kind, descriptor.name).extend(values)


def _bucket(found: Rendered, kind: str, name: str) -> list[str]:
    if kind == "Html":
        return found.html
    if kind in RAW_ELEMENTS:
        return found.raw
    if name in MARKDOWN_FIELDS or (kind == "Radio" and name == "options"):
        return found.markdown
    return found.raw


def shown(source: str) -> str:
    """What a reader sees of an escaped source: references resolved, word joiners dropped."""
    return html.unescape(source).replace("\u2060", "").replace("  \n", "\n")


def _foreign_image(source: str) -> bool:
    """Whether this HTML holds an <img> that does not come inline from the app (data: URI)."""
    images = re.findall(r"<img\b[^>]*>", source)
    return any(not re.search(r'\bsrc="data:', image) for image in images)


def check(
    at: AppTest,
    markdown: Iterable[str] = (),
    raw: Iterable[str] = (),
    as_html: Iterable[str] = (),
) -> None:
    """No markup unescaped anywhere; these texts shown as written where each kind belongs."""
    assert not at.exception, at.exception
    found = rendered(at)
    leaks = [(m, s[:160]) for s in found.markdown for m in MARKERS if m in s]
    # The app's own images (the wall's QR code) are inline data; any other <img> is a leak.
    leaks += [("<img", s[:160]) for s in found.html if _foreign_image(s)]
    assert not leaks, f"markup reached the page unescaped: {leaks[:5]}"
    readable = "\n".join(shown(s) for s in found.markdown)
    missing = [text for text in markdown if text not in readable]
    assert not missing, f"not shown as written: {missing[:3]}"
    missing_raw = [text for text in raw if text not in found.raw]
    assert not missing_raw, f"not offered as written: {missing_raw[:3]}"
    page_html = "\n".join(html.unescape(s) for s in found.html)
    missing_html = [text for text in as_html if text not in page_html]
    assert not missing_html, f"not on the wall as written: {missing_html[:3]}"


# --------------------------------------------------------------------------- texts of the pack


def criteria_texts(pack: ContentPack, lang: Lang) -> list[str]:
    return [t.get(lang) for c in pack.criteria for t in (c.name, c.definition, c.low, c.high)]


def factor_texts(pack: ContentPack, lang: Lang, ends: bool = True) -> list[str]:
    texts = []
    for f in pack.context_factors:
        parts = [f.name, f.description, *((f.low, f.high) if ends else ())]
        texts += [t.get(lang) for t in (*parts, *((f.unit,) if f.unit else ()))]
    return texts


def hybrid_texts(pack: ContentPack, lang: Lang, summaries: bool = True) -> list[str]:
    texts = []
    for h in pack.hybrids:
        texts += [h.name.get(lang), *([h.summary.get(lang)] if summaries else [])]
        texts += [t.get(lang) for p in h.parameters for t in (p.name, p.description)]
    return texts


def option_names(pack: ContentPack, lang: Lang) -> list[str]:
    return [o.name.get(lang) for o in pack.options] + [h.name.get(lang) for h in pack.hybrids]


# --------------------------------------------------------------------------- the session


@dataclass(frozen=True)
class Session:
    code: str
    key: str
    tokens: tuple[str, ...]


def _votes(mode: str, i: int) -> dict[str, Any]:
    options = list(PACK.option_ids)
    if mode == "single":
        return {"choice": options[i % 2]}
    if mode == "ranking":
        return {"ranking": options[i % 2 :] + options[: i % 2]}
    return {"dots": {options[0]: 2, options[1 + i % 2]: 3}}


def hostile_session(store: Store, lang: Lang, vote_mode: str = "dots") -> Session:
    """A session as an import makes it: hostile pack, title, areas and notes; three ballots."""
    settings = SessionSettings(
        anonymity_threshold=3, vote_mode=vote_mode, role_groups=hostile_texts.areas()
    )
    made = store.create_session(hostile_texts.title(), lang, hostile_texts.pack_data(), settings)
    code, key = made.code, made.facilitator_key
    for phase in PHASES:
        store.set_note(code, key, phase, hostile_texts.note())
    tokens = tuple(store.join(code).token for _ in range(3))
    for i, token in enumerate(tokens):
        store.submit_weights(
            code, token, {c: (3 * i + k) % 11 for k, c in enumerate(PACK.criterion_ids)}
        )
        store.submit_vote(code, token, _votes(vote_mode, i))
    store.add_comment(code, tokens[0], "option", PACK.option_ids[0], "Kommentar zur Option")
    return Session(code, key, tokens)


@pytest.fixture(params=["de", "en"])
def lang(request: pytest.FixtureRequest) -> Lang:
    value: Lang = request.param
    return value


# --------------------------------------------------------------------------- pages


def test_phone_shows_authored_text_as_text_in_every_phase(
    ui_store: Store, open_page: Opener, lang: Lang
) -> None:
    """Welcome, weigh, context, options, the vote in each mode, and the revealed results."""
    s = hostile_session(ui_store, lang)
    names = option_names(PACK, lang)

    def phone(phase: str) -> AppTest:
        ui_store.set_phase(s.code, s.key, phase)
        return open_page("participate", code=s.code, p=s.tokens[0], lang=lang).run()

    check(phone("welcome"), [hostile_texts.title()], raw=hostile_texts.areas())
    check(phone("weigh"), criteria_texts(PACK, lang), as_html=names)  # sliders, the ranking
    check(phone("context"), as_html=factor_texts(PACK, lang, ends=False))  # cards: one list
    check(phone("options"), hybrid_texts(PACK, lang), raw=names, as_html=names)
    for mode in VOTE_MODES:
        settings = SessionSettings(
            anonymity_threshold=3, vote_mode=mode, role_groups=hostile_texts.areas()
        )
        ui_store.update_settings(s.code, s.key, settings)
        at = phone("vote")
        check(at, names)  # every mode draws the names as Markdown (plain), the ranking too
    ui_store.set_revealed(s.code, s.key, True)
    at = phone("results")
    check(at, [c.name.get(lang) for c in PACK.criteria], as_html=names)
    assert ranking_lines(at), "the group ranking is drawn"


def test_wall_shows_authored_text_as_text(ui_store: Store, open_page: Opener, lang: Lang) -> None:
    """The wall's title and its results sentences name the texts as written, never as markup."""
    s = hostile_session(ui_store, lang)
    ui_store.set_phase(s.code, s.key, "results")
    ui_store.set_revealed(s.code, s.key, True)
    at = open_page("wall", code=s.code, lang=lang).run()
    check(at, as_html=[hostile_texts.title()])
    page_html = html.unescape("\n".join(rendered(at).html))
    assert any(name in page_html for name in option_names(PACK, lang)), "sentences name options"
    labels = set()  # chart data is drawn as text by Vega: names as written, not escaped
    for chart in at.get("vega_lite_chart"):
        labels |= set(
            pa.ipc.open_stream(chart.proto.data.data).read_all().column("label").to_pylist()
        )
    assert {c.name.get(lang) for c in PACK.criteria} <= labels, "the weights chart names criteria"


def test_console_shows_authored_text_as_text(
    ui_store: Store, open_page: Opener, lang: Lang
) -> None:
    """Title, context and hybrid sliders, a situation, moderation; areas and notes in fields."""
    s = hostile_session(ui_store, lang)
    scenario = PACK.scenarios[0]
    at = open_page("facilitate", code=s.code, key=s.key, lang=lang)
    # Chosen before the run: a rerun makes AppTest call the console's format functions in the
    # test's own thread, which has no reader language (it would label English options German).
    at.session_state[f"scenario.{s.code}.1"] = scenario.id
    at.run()
    check(
        at,
        [
            hostile_texts.title(),
            *factor_texts(PACK, lang),
            *hybrid_texts(PACK, lang, summaries=False),
            scenario.description.get(lang),
            PACK.options[0].name.get(lang),  # the comment's target in the moderation tab
        ],
        raw=[", ".join(hostile_texts.areas()), hostile_texts.note()],
    )
    assert any(shown(t.proto.body) == hostile_texts.title() for t in at.title)


def test_explorer_shows_authored_text_as_text(
    open_page: Opener, lang: Lang, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The explorer with the hostile pack: every slider, the situation, the explained hybrid."""
    monkeypatch.setattr("workshop.ui.explorer.default_pack", lambda: PACK)
    scenario, hybrid = PACK.scenarios[0], PACK.hybrids[0]
    at = open_page("explore", lang=lang)
    at.session_state["explorer.scenario"] = scenario.id  # as in the console test
    at.session_state["explorer.explain"] = hybrid.id
    at.run()
    check(
        at,
        [
            *criteria_texts(PACK, lang),
            *factor_texts(PACK, lang),
            *hybrid_texts(PACK, lang),
            scenario.description.get(lang),
            hybrid.name.get(lang),
            PACK.option(hybrid.a).name.get(lang),
        ],
    )


def test_imported_session_opens_a_console_showing_text(ui_store: Store, open_page: Opener) -> None:
    """The JSON import itself: the hostile session exported and uploaded opens a plain console."""
    s = hostile_session(ui_store, "de")
    data = json_bytes(build_snapshot(ui_store, s.code, s.key))
    at = open_page("facilitate", code=s.code, key=s.key).run()
    at.file_uploader(key="export.import_file").set_value(("w.json", data, "application/json"))
    at.run()
    at.button(key="export.import_button").click().run()
    new_code = at.query_params["code"]
    assert new_code != s.code, "a new session was created"
    assert any(new_code in c.proto.code_text for c in at.code), "the new console is drawn"
    check(at, [hostile_texts.title(), *factor_texts(PACK, "de")])


def test_where_a_rejected_file_is_wrong_is_text(ui_store: Store, open_page: Opener) -> None:
    """A refused import names the place by the file's own keys, which may be markup."""
    s = hostile_session(ui_store, "de")
    document = json.loads(json_bytes(build_snapshot(ui_store, s.code, s.key)))
    bad_key = hostile_texts.fragments()[0] + hostile_texts.fragments()[5]
    document["session"][bad_key] = 1
    at = open_page("facilitate", code=s.code, key=s.key).run()
    upload = ("w.json", json.dumps(document).encode(), "application/json")
    at.file_uploader(key="export.import_file").set_value(upload)
    at.run()
    at.button(key="export.import_button").click().run()
    assert at.error, "the file is refused"
    check(at, [f"session.{bad_key}"])
