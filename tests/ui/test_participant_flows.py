"""Participant flows on the phone page, driven through AppTest against a real SQLite store."""

from __future__ import annotations

import dataclasses

import pytest
from support.pages import page, ranking_lines, refresh, texts
from support.seeding import new_session

from workshop.errors import InputLocked
from workshop.packs import default_pack
from workshop.store import Store
from workshop.web import services


@pytest.fixture
def store(ui_store: Store) -> Store:
    """The app's store on this test's own SQLite file (see conftest.ui_store)."""
    return ui_store


@pytest.fixture
def joined(store: Store) -> tuple[str, str, str]:
    """A session (code, key) and one participant's token."""
    code, key = new_session(store, anonymity_threshold=3)
    return code, key, store.join(code).token


def test_join_by_code_gives_an_identity(store: Store) -> None:
    """Entering the code on the start page joins and opens the participant page."""
    code, _ = new_session(store)
    at = page("home")
    at.text_input(key="join_code").input(code.lower())
    at.button[0].click().run()
    assert at.query_params["code"] == code
    token = at.query_params["p"]
    assert store.participant(code, token) is not None


def test_mistyped_code_is_explained(store: Store) -> None:
    """A malformed code gets a clear message and joins nothing."""
    at = page("home")
    at.text_input(key="join_code").input("12")
    at.button[0].click().run()
    assert "sechs Zeichen" in texts(at)
    assert not at.exception


def test_weights_save_on_change_and_survive_a_reload(
    store: Store, joined: tuple[str, str, str]
) -> None:
    """A moved slider is stored at once; a reloaded page shows the same weights again."""
    code, key, token = joined
    store.set_phase(code, key, "weigh")
    at = page("participate", code=code, p=token)
    at.slider(key="w.1.FCR").set_value(9).run()
    assert store.weights_of(code, token).weights["FCR"] == 9
    reloaded = page("participate", code=code, p=token)
    assert reloaded.slider(key="w.1.FCR").value == 9
    assert "gespeichert" in texts(reloaded)


def test_confirming_default_weights_submits_a_ballot(
    store: Store, joined: tuple[str, str, str]
) -> None:
    """Someone happy with the defaults can submit them with one tap."""
    code, key, token = joined
    store.set_phase(code, key, "weigh")
    at = page("participate", code=code, p=token)
    assert store.weights_of(code, token) is None
    next(b for b in at.button if b.label == "Diese Gewichtung abgeben").click().run()
    assert store.weights_of(code, token) is not None


def test_ranking_follows_my_weights(store: Store, joined: tuple[str, str, str]) -> None:
    """Putting all weight on relationship continuity ranks the dedicated owner first."""
    code, key, token = joined
    store.set_phase(code, key, "weigh")
    at = page("participate", code=code, p=token)
    for slider in at.slider:
        if slider.key != "w.1.REL":
            slider.set_value(0)
    at.slider(key="w.1.REL").set_value(10).run()
    first = ranking_lines(at)[0]
    assert first.startswith("1. Feste Ansprechperson")


def test_hybrid_parameters_are_saved_and_rescored(
    store: Store, joined: tuple[str, str, str]
) -> None:
    """Moving a hybrid's parameter stores it with the ballot and changes that hybrid's score."""
    code, key, token = joined
    store.set_phase(code, key, "options")
    at = page("participate", code=code, p=token)
    before = ranking_lines(at)
    # Untouched, the slider follows the group's setting (its key carries the value shown).
    at.select_slider(key="h.1.segment.share@0.2").set_value(0.9).run()
    ballot = store.weights_of(code, token)
    assert ballot is not None and ballot.hybrid_params["segment"]["share"] == pytest.approx(0.9)
    assert at.select_slider(key="h.1.segment.share").value == pytest.approx(0.9)
    assert ranking_lines(at) != before


@pytest.mark.parametrize(
    ("mode", "fill", "expected"),
    [
        ("single", lambda at: at.radio[0].set_value("pods").run(), {"choice": "pods"}),
        (
            "dots",
            lambda at: (
                at.number_input(key="dots.1.pods").set_value(3),
                at.number_input(key="dots.1.segment").set_value(2).run(),
            ),
            {"dots": {"pods": 3, "segment": 2}},
        ),
        (
            "ranking",
            lambda at: (
                at.button(key="rank.add.pods").click().run(),
                at.button(key="rank.add.swarming").click().run(),
                at.button(key="rank.up.swarming").click().run(),
            ),
            {"ranking": ["swarming", "pods"]},
        ),
    ],
)
def test_vote_in_each_mode(store: Store, mode: str, fill: object, expected: dict) -> None:
    """Single choice, dots and ranking votes are stored as cast."""
    code, key = new_session(store, vote_mode=mode)
    token = store.join(code).token
    store.set_phase(code, key, "vote")
    at = page("participate", code=code, p=token)
    fill(at)  # type: ignore[operator]
    next(b for b in at.button if b.label == "Stimme abgeben").click().run()
    assert not at.exception
    assert store.vote_of(code, token).vote == expected


def test_too_many_dots_are_refused(store: Store) -> None:
    """A dot vote over budget gets a clear message and stores nothing."""
    code, key = new_session(store, vote_mode="dots", dot_budget=3, dot_cap_per_option=3)
    token = store.join(code).token
    store.set_phase(code, key, "vote")
    at = page("participate", code=code, p=token)
    at.number_input(key="dots.1.pods").set_value(3).run()
    # A tap on "send" that overtakes the rerun disabling it: the vote is not cast.
    at.number_input(key="dots.1.swarming").set_value(2)
    next(b for b in at.button if b.label == "Stimme abgeben").click().run()
    assert store.vote_of(code, token) is None
    assert "Zu viele Klebepunkte: 5 von höchstens 3. Bitte nehmen Sie 2 zurück." in texts(at)
    assert next(b for b in at.button if b.label == "Stimme abgeben").disabled


def test_dots_left_are_counted_as_they_are_spread(store: Store) -> None:
    """The phone counts the dots left with every tap; casting needs at least one dot."""
    code, key = new_session(store, vote_mode="dots", dot_budget=5, dot_cap_per_option=3)
    token = store.join(code).token
    store.set_phase(code, key, "vote")
    at = page("participate", code=code, p=token)
    assert "Noch keine Klebepunkte verteilt – Sie haben 5." in texts(at)
    assert next(b for b in at.button if b.label == "Stimme abgeben").disabled
    at.number_input(key="dots.1.pods").increment().run()
    at.number_input(key="dots.1.pods").increment().run()
    assert "Noch 3 von 5 Klebepunkten frei." in texts(at)
    assert not next(b for b in at.button if b.label == "Stimme abgeben").disabled
    assert store.vote_of(code, token) is None  # spreading is not voting


def test_changed_dots_say_they_are_not_cast_yet(store: Store) -> None:
    """After casting, changed dots are flagged as not yet cast until cast again."""
    code, key = new_session(store, vote_mode="dots", dot_budget=5, dot_cap_per_option=3)
    token = store.join(code).token
    store.set_phase(code, key, "vote")
    at = page("participate", code=code, p=token)
    at.number_input(key="dots.1.pods").set_value(2).run()
    next(b for b in at.button if b.label == "Stimme abgeben").click().run()
    assert "Ihre Stimme ist gespeichert" in texts(at)
    at.number_input(key="dots.1.segment").increment().run()
    assert "Sie haben Ihre Auswahl geändert" in texts(at)
    assert "Ihre Stimme ist gespeichert" not in texts(at)
    assert store.vote_of(code, token).vote == {"dots": {"pods": 2}}
    next(b for b in at.button if b.label == "Stimme abgeben").click().run()
    assert "Ihre Stimme ist gespeichert" in texts(at)
    assert store.vote_of(code, token).vote == {"dots": {"pods": 2, "segment": 1}}


def test_comment_on_an_option(store: Store, joined: tuple[str, str, str]) -> None:
    """A comment on an option is stored against that option."""
    code, key, token = joined
    store.set_phase(code, key, "options")
    at = page("participate", code=code, p=token)
    at.selectbox[0].set_value("pods")
    at.text_area[0].input("Wer übernimmt die Vertretung?")
    next(b for b in at.button if b.label == "Kommentar senden").click().run()
    (comment,) = store.comments(code)
    assert (comment.target_kind, comment.target_id) == ("option", "pods")


def test_post_a_concern_and_upvote_it(store: Store, joined: tuple[str, str, str]) -> None:
    """A posted concern appears; one tap supports it, a second tap withdraws the support."""
    code, _, token = joined
    at = page("participate", code=code, p=token)
    at.text_area[0].input("Wie ändert sich meine Rolle?")
    next(b for b in at.button if b.label == "Absenden").click().run()
    (concern,) = store.concerns(code)
    at.button(key=f"up.{concern.id}").click().run()
    assert store.concerns(code)[0].upvotes == 1
    at.button(key=f"up.{concern.id}").click().run()
    assert store.concerns(code)[0].upvotes == 0


def test_locked_weights_cannot_change(store: Store, joined: tuple[str, str, str]) -> None:
    """When the facilitator locks weights the sliders are disabled and the store refuses too."""
    code, key, token = joined
    store.set_phase(code, key, "weigh")
    store.set_locked(code, key, "weights", True)
    at = page("participate", code=code, p=token)
    assert at.slider(key="w.1.FCR").disabled
    assert "geschlossen" in texts(at)
    with pytest.raises(InputLocked):
        store.submit_weights(code, token, {"FCR": 3})


def test_page_follows_the_facilitator(store: Store, joined: tuple[str, str, str]) -> None:
    """When the facilitator moves on, the phone's next run shows the new phase."""
    code, key, token = joined
    at = page("participate", code=code, p=token)
    assert at.subheader[0].value == "Ankommen & Sorgen"
    store.set_phase(code, key, "vote")
    refresh(at, store, code)
    assert at.subheader[0].value == "Abstimmen"


def test_a_page_opened_after_a_phase_change_shows_the_new_phase(
    store: Store, joined: tuple[str, str, str]
) -> None:
    """A phone opening the page does not draw the shared view of a second ago."""
    from support.pages import app_page

    from workshop.web import services

    code, key, token = joined
    assert services.session_view(code).phase == "welcome"  # now cached for everyone
    store.set_phase(code, key, "vote")
    at = app_page("participate", timeout=30, forget_views=False, code=code, p=token).run()
    assert at.subheader[0].value == "Abstimmen"


def test_results_wait_for_reveal_and_threshold(store: Store, joined: tuple[str, str, str]) -> None:
    """Results stay hidden until revealed, then show counts only below the threshold."""
    code, key, token = joined
    store.set_phase(code, key, "results")
    at = page("participate", code=code, p=token)
    assert "sobald die Moderation sie freigibt" in texts(at)
    store.set_revealed(code, key, True)
    store.submit_weights(code, token, {c: 5 for c in _criteria()})
    refresh(at, store, code)
    assert "ab 3" in texts(at)
    for _ in range(2):
        other = store.join(code).token
        store.submit_weights(code, other, {c: 7 for c in _criteria()})
    refresh(at, store, code)
    assert "Meine Gewichtung und die der Gruppe" in texts(at)


def test_my_weights_vs_the_group_lists_the_largest_difference_first(
    store: Store, joined: tuple[str, str, str]
) -> None:
    """After the reveal, the criterion where I differ most from the group's median comes first."""
    code, key, token = joined
    criteria = _criteria()
    mine = {c: 5 for c in criteria} | {criteria[3]: 10, criteria[5]: 2}
    store.submit_weights(code, token, mine)
    for _ in range(3):
        store.submit_weights(code, store.join(code).token, {c: 5 for c in criteria})
    store.set_phase(code, key, "results")
    store.set_revealed(code, key, True)
    at = page("participate", code=code, p=token)
    names = {c.id: c.name.de for c in default_pack().criteria}
    (block,) = [m.value for m in at.markdown if " — Sie " in m.value]  # one element for all
    lines = block.split("\n\n")
    assert len(lines) == len(criteria)
    assert lines[0].startswith(f"**{names[criteria[3]]}**")  # 14 % against 7 %
    assert lines[1].startswith(f"**{names[criteria[5]]}**")  # 3 % against 7 %


def test_page_speaks_english_on_request(store: Store, joined: tuple[str, str, str]) -> None:
    """?lang=en shows the phone page in English."""
    code, _, token = joined
    at = page("participate", code=code, p=token, lang="en")
    assert at.subheader[0].value == "Welcome & concerns"


def _criteria() -> tuple[str, ...]:
    from workshop.packs import default_pack

    return default_pack().criterion_ids


def test_language_switch_changes_the_page_and_the_url(
    store: Store, joined: tuple[str, str, str]
) -> None:
    """Choosing English on the phone shows English at once and keeps it in the URL."""
    code, _, token = joined
    at = page("participate", code=code, p=token)
    at.segmented_control(key="lang_switch").set_value("en").run()
    assert at.subheader[0].value == "Welcome & concerns"
    assert at.query_params["lang"] == "en"


# --- issue 15: phones that are current and clear --------------------------------------------


def test_a_vote_mode_change_asks_for_a_new_vote_and_counts_only_valid_votes(
    store: Store,
) -> None:
    """Single votes stop counting once the mode is ranking; the phone asks to vote again."""
    code, key = new_session(store, vote_mode="single", anonymity_threshold=3)
    tokens = [store.join(code).token for _ in range(3)]
    store.set_phase(code, key, "vote")
    for token in tokens:
        store.submit_vote(code, token, {"choice": "pods"})
    settings = store.get_session(code).settings
    store.update_settings(code, key, dataclasses.replace(settings, vote_mode="ranking"))
    at = page("participate", code=code, p=tokens[0])
    shown = texts(at)
    assert "Art der Abstimmung geändert" in shown
    assert "Ihre Stimme ist gespeichert" not in shown
    view = services.session_view(code, fresh=True)
    assert services.results_of(view).votes == 0  # the wall's and the console's count
    at.button(key="rank.add.segment").click().run()
    next(b for b in at.button if b.label == "Stimme abgeben").click().run()
    assert "Ihre Stimme ist gespeichert" in texts(at)
    assert "Art der Abstimmung geändert" not in texts(at)
    view = services.session_view(code, fresh=True)
    assert services.results_of(view).votes == 1


def test_the_ranking_shows_places_and_reorders(store: Store) -> None:
    """Ranked options show their places with full names; ▲, ▼ and ✕ reorder them."""
    code, key = new_session(store, vote_mode="ranking")
    token = store.join(code).token
    store.set_phase(code, key, "vote")
    at = page("participate", code=code, p=token)
    for option in ("pods", "segment", "swarming"):
        at.button(key=f"rank.add.{option}").click().run()
    at.button(key="rank.down.pods").click().run()
    at.button(key="rank.out.swarming").click().run()
    places = [m.value for m in at.markdown if m.value.startswith(("**1.**", "**2.**", "**3.**"))]
    assert len(places) == 2
    assert places[0].startswith("**1.** Segmentmodell") and places[1].startswith("**2.** ")
    assert at.button(key="rank.up.segment").disabled  # first place cannot move up
    next(b for b in at.button if b.label == "Stimme abgeben").click().run()
    assert store.vote_of(code, token).vote == {"ranking": ["segment", "pods"]}


def test_the_vote_is_confirmed_right_below_its_button(store: Store) -> None:
    """ "Saved" appears after "Cast my vote", not at the top of the page."""
    code, key = new_session(store, vote_mode="single")
    token = store.join(code).token
    store.set_phase(code, key, "vote")
    at = page("participate", code=code, p=token)
    at.radio[0].set_value("pods").run()
    next(b for b in at.button if b.label == "Stimme abgeben").click().run()
    order = [
        "send" if getattr(e, "label", None) == "Stimme abgeben" else getattr(e, "value", "")
        for e in _walk(at.main)
    ]
    sent = order.index("send")
    saved = next(i for i, v in enumerate(order) if "Ihre Stimme ist gespeichert" in str(v))
    assert saved == sent + 1


def _walk(node: object) -> list[object]:
    """Every element of an AppTest tree in page order."""
    children = getattr(node, "children", None)
    if not children:
        return [node]
    return [e for child in children.values() for e in _walk(child)]


def test_hybrid_settings_start_from_the_group_and_read_as_quantities(store: Store) -> None:
    """The facilitator's share shows as a percentage, other values with a decimal comma."""
    code, key = new_session(store)
    token = store.join(code).token
    at = page("participate", code=code, p=token)  # the mirror is filled in the welcome phase
    store.set_context(code, key, {"factors": {}, "hybrids": {"segment": {"share": 0.45}}})
    store.set_phase(code, key, "options")
    services.forget_view(code)  # as the follower finds the new phase a moment later
    at.run()
    share = at.select_slider(key="h.1.segment.share@0.45")
    assert share.value == pytest.approx(0.45)
    assert "45\u202f%" in share.options and "0.45" not in share.options
    intensity = at.select_slider(key="h.1.segment.intensity@2")
    assert "1,5" in intensity.options and "2" in intensity.options


def test_the_weight_help_explains_the_0_to_10_slider(
    store: Store, joined: tuple[str, str, str]
) -> None:
    """The help says what 0 and 10 mean, not a 1-to-5 scale."""
    code, key, token = joined
    store.set_phase(code, key, "weigh")
    at = page("participate", code=code, p=token)
    help_text = at.slider(key="w.1.FCR").help
    assert "0 = spielt keine Rolle" in help_text and "10 = entscheidend" in help_text
    assert "1 bedeutet" not in help_text and "5 bedeutet" not in help_text


def test_phones_see_the_vote_result_after_the_reveal(store: Store) -> None:
    """Once revealed, the results phase shows the tally of the vote beside the ranking."""
    code, key = new_session(store, vote_mode="single", anonymity_threshold=3)
    tokens = [store.join(code).token for _ in range(3)]
    for n, token in enumerate(tokens):
        store.submit_weights(code, token, {c: 5 + n % 2 for c in _criteria()}, {})
        store.submit_vote(code, token, {"choice": "pods" if n else "segment"})
    store.set_phase(code, key, "results")
    store.set_revealed(code, key, True)
    at = page("participate", code=code, p=tokens[0])
    assert "Ergebnis der Abstimmung" in texts(at)
    shown = texts(at)
    assert "— 2 Stimmen · 67\u202f%" in shown and "— 1 Stimme · 33\u202f%" in shown
    assert shown.index("— 2 Stimmen") < shown.index("— 1 Stimme ")  # most votes first
