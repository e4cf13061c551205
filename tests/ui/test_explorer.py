"""The model explorer: sliders for weights, context and hybrids, live ranking, explanations."""

from __future__ import annotations

import html
from collections.abc import Callable

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest
from support.seeding import PACK

from workshop.ui.explorer import factor_key, parameter_key, weight_key

Open = Callable[..., AppTest]


def ranking_table(at: AppTest) -> pd.DataFrame:
    """The ranking table (weighted sum and TOPSIS side by side)."""
    return at.dataframe[0].value


def leader_line(at: AppTest) -> str:
    """The bold first line of the summary: who is in first place."""
    return next(m.value for m in at.markdown if m.value.startswith("**"))


def only(at: AppTest, criterion: str) -> AppTest:
    """Set every weight to 0 except `criterion` at 10, and rerun."""
    for c in PACK.criterion_ids:
        at.slider(key=weight_key(c)).set_value(10 if c == criterion else 0)
    return at.run()


def test_explorer_has_a_slider_for_everything(open_page: Open) -> None:
    """Every criterion, context factor and hybrid parameter has a slider at its default."""
    at = open_page("explore").run()
    assert not at.exception
    keys = {s.key for s in at.slider}
    assert {weight_key(c) for c in PACK.criterion_ids} <= keys
    assert {factor_key(f.id) for f in PACK.context_factors} <= keys
    for h in PACK.hybrids:
        assert {parameter_key(h.id, p.id) for p in h.parameters} <= keys
    assert at.slider(key=weight_key("REL")).value == 5
    complexity = PACK.context_factor("complexity")
    assert at.slider(key=factor_key("complexity")).value == complexity.neutral
    help_text = html.unescape(at.slider(key=weight_key("REL")).help)  # pack text is escaped
    assert PACK.criterion("REL").low.de in help_text and PACK.criterion("REL").high.de in help_text


def test_explorer_reranks_when_a_weight_slider_moves(open_page: Open) -> None:
    """Putting all weight on one criterion puts the option best on it first, live."""
    at = open_page("explore").run()
    before = ranking_table(at)
    at = only(at, "REL")
    after = ranking_table(at)
    assert after.iloc[0]["Option"] == "Feste Ansprechperson"
    assert not before.equals(after)
    assert "Feste Ansprechperson" in leader_line(at)
    at = only(at, "CST")
    assert ranking_table(at).iloc[0]["Option"] != "Feste Ansprechperson"


def test_context_and_hybrid_sliders_change_scores(open_page: Open) -> None:
    """Moving a context factor or a hybrid parameter changes the scores."""
    at = open_page("explore").run()
    scores = ranking_table(at).set_index("Option")["Punkte"]
    at.slider(key=factor_key("complexity")).set_value(100).run()
    moved = ranking_table(at).set_index("Option")["Punkte"]
    assert not scores.sort_index().equals(moved.sort_index())
    segment = "Segmentmodell: feste Ansprechpersonen für Schlüsselkunden (Mischform)"
    at.slider(key=parameter_key("segment", "share")).set_value(1.0).run()
    assert ranking_table(at).set_index("Option")["Punkte"][segment] != moved[segment]


def test_explain_a_score_lists_every_criterion(open_page: Open) -> None:
    """The explain table gives each criterion's value, weight and contribution; the sum holds."""
    at = open_page("explore").run()
    at.slider(key=factor_key("complexity")).set_value(100).run()
    at.selectbox(key="explorer.explain").set_value("case_owner").run()
    table = at.dataframe[1].value
    assert len(table) == len(PACK.criteria)
    contributions = table["Beitrag (Punkte)"].str.replace(",", ".").astype(float)
    score = ranking_table(at).set_index("Option")["Punkte"]["Fallverantwortung"]
    assert contributions.sum() == pytest.approx(score, abs=0.05 * len(table))  # rounded cells
    assert table["Wirkung des Kontexts"].str.len().max() > 0  # complexity shifts some cells


def test_reset_restores_the_defaults(open_page: Open) -> None:
    """The reset button puts every slider back to its starting value."""
    at = only(open_page("explore").run(), "REL")
    at.button(key="explorer.reset").click().run()
    assert all(at.slider(key=weight_key(c)).value == 5 for c in PACK.criterion_ids)


@pytest.mark.parametrize(
    ("lang", "title", "tab"),
    [("de", "Das Modell erkunden", "Gewichte"), ("en", "Explore the model", "Weights")],
)
def test_explorer_in_german_and_english(open_page: Open, lang: str, title: str, tab: str) -> None:
    """The explorer speaks German and English, pack content included."""
    at = open_page("explore", lang=lang).run()
    assert not at.exception
    assert at.title[0].value == title
    assert at.tabs[0].label == tab
    name = PACK.criterion("REL").name.get(lang)
    assert at.slider(key=weight_key("REL")).label == name
    at = only(at, "REL")
    assert PACK.option("dedicated").name.get(lang) in leader_line(at)


def test_a_typical_situation_moves_the_context_sliders(open_page: Open) -> None:
    """Choosing a situation sets every context slider (and its hybrid settings) to its values."""
    at = open_page("explore").run()
    at.selectbox(key="explorer.scenario").set_value("expert").run()
    scenario = PACK.scenario("expert")
    for factor_id, value in scenario.context.items():
        assert at.slider(key=factor_key(factor_id)).value == value
    assert at.slider(key=parameter_key("tiered_swarm", "share")).value == 0.8
