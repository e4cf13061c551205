"""The model explorer: every weight, context factor and hybrid parameter as a slider, live scores.

Usable without a session — to prepare a workshop or to think alone — on the built-in pack.
Nothing is stored: the sliders live in this browser session only.

Each slider owns a session-state key (``explorer.w.<criterion>``, ``explorer.c.<factor>``,
``explorer.h.<hybrid>.<parameter>``) that is filled with its default before the first draw, so a
reset only has to write the defaults back.  Scoring reuses the engine's fast path (a
:class:`~workshop.engine.scoring.ScoringModel` per context, then microseconds per weight change)
and the
wall's chart specs and plain-word sentences.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import streamlit as st

from workshop.content import ContentPack, ContextFactor, Lang, Parameter
from workshop.engine.ballots import SLIDER_DEFAULT, SLIDER_MAX, SLIDER_MIN
from workshop.engine.context import explain_cell
from workshop.engine.scoring import Evaluation, ScoringModel
from workshop.export.chart_specs import axis_options, ranking_frame
from workshop.packs import default_pack
from workshop.rounds.results import rank_options, sensitivity_report
from workshop.text.wording import (
    criterion_names,
    number,
    option_names,
    percent,
    sensitivity_sentences,
)
from workshop.ui import charts
from workshop.ui.runtime import language_switch, plain, plain_names, text, text_md, tr

_EXPLAIN_KEY = "explorer.explain"


# --------------------------------------------------------------------------- keys and defaults


def weight_key(criterion_id: str) -> str:
    """Session-state key of a criterion's weight slider."""
    return f"explorer.w.{criterion_id}"


def factor_key(factor_id: str) -> str:
    """Session-state key of a context factor's slider."""
    return f"explorer.c.{factor_id}"


def parameter_key(hybrid_id: str, parameter_id: str) -> str:
    """Session-state key of a hybrid parameter's slider."""
    return f"explorer.h.{hybrid_id}.{parameter_id}"


def defaults(pack: ContentPack) -> dict[str, float]:
    """Every slider's starting value: weights 5, factors neutral, parameters at their default."""
    values: dict[str, float] = {weight_key(c): SLIDER_DEFAULT for c in pack.criterion_ids}
    values.update({factor_key(f.id): _slider_number(f.neutral, f) for f in pack.context_factors})
    for h in pack.hybrids:
        values.update({parameter_key(h.id, p.id): p.default for p in h.parameters})
    return values


def _whole(factor: ContextFactor) -> bool:
    """True when a factor's range and step are whole numbers (an integer slider reads better)."""
    return all(float(x).is_integer() for x in (factor.minimum, factor.maximum, factor.step))


def _slider_number(value: float, factor: ContextFactor) -> float:
    return int(value) if _whole(factor) else float(value)


def _reset(pack: ContentPack) -> None:
    """Button callback: every slider back to its default."""
    for key, value in defaults(pack).items():
        st.session_state[key] = value


# --------------------------------------------------------------------------- page


def render() -> None:
    """Draw the explorer for the built-in pack."""
    st.set_page_config(layout="wide")  # sliders beside the results on a laptop
    pack = default_pack()
    lang: Lang = st.session_state.get("_lang", "de")
    for key, value in defaults(pack).items():
        st.session_state.setdefault(key, value)
    language_switch("explorer_lang")
    st.title(tr("explorer.title"))
    st.write(tr("explorer.intro"))
    summary = st.container()  # filled once the scores are known, above the sliders on a phone
    controls, results = st.columns([2, 3], gap="large")
    with controls:
        weights, context, hybrids = _controls(pack)
    model = ScoringModel.build(pack, context, hybrids)
    evaluation = model.evaluate(weights)
    options = option_names(pack, lang)
    with summary:
        _summary(pack, evaluation, options, lang)
    with results:
        _ranking(pack, model, evaluation, options, lang)
        _explain(pack, model, evaluation, context, options, lang)


# --------------------------------------------------------------------------- controls


def _controls(
    pack: ContentPack,
) -> tuple[dict[str, float], dict[str, float], dict[str, dict[str, float]]]:
    """The three slider tabs; returns weights, context and hybrid parameters."""
    weights_tab, context_tab, hybrids_tab = st.tabs(
        [tr("explorer.tab.weights"), tr("explorer.tab.context"), tr("explorer.tab.hybrids")]
    )
    with weights_tab:
        st.caption(tr("explorer.weights_hint"))
        weights = {c.id: float(_weight_slider(pack, c.id)) for c in pack.criteria}
    with context_tab:
        st.caption(tr("explorer.context_hint"))
        _scenario_picker(pack)
        context = {f.id: float(_factor_slider(f)) for f in pack.context_factors}
    with hybrids_tab:
        st.caption(tr("explorer.hybrids_hint"))
        hybrids = _hybrid_sliders(pack)
    st.button(
        tr("explorer.reset"),
        on_click=_reset,
        args=(pack,),
        icon=":material/restart_alt:",
        key="explorer.reset",
    )
    return weights, context, hybrids


def _scenario_picker(pack: ContentPack) -> None:
    """Set the context and hybrid sliders to one of the pack's typical situations."""
    if not pack.scenarios:
        return
    names = {s.id: text(s.name) for s in pack.scenarios}
    st.selectbox(
        tr("explorer.scenario_label"),
        list(names),
        index=None,
        format_func=names.__getitem__,
        placeholder=tr("explorer.scenario_placeholder"),
        key="explorer.scenario",
        on_change=_apply_scenario,
        args=(pack,),
    )
    chosen = st.session_state.get("explorer.scenario")
    if chosen in names:
        st.caption(text_md(pack.scenario(chosen).description))


def _apply_scenario(pack: ContentPack) -> None:
    """Move the sliders to the chosen situation's values (they stay free to change)."""
    chosen = st.session_state.get("explorer.scenario")
    if chosen not in {s.id for s in pack.scenarios}:
        return
    scenario = pack.scenario(chosen)
    for factor in pack.context_factors:
        if factor.id in scenario.context:
            value = scenario.context[factor.id]
            st.session_state[factor_key(factor.id)] = _slider_number(value, factor)
    for hybrid_id, values in scenario.hybrids.items():
        for parameter_id, value in values.items():
            st.session_state[parameter_key(hybrid_id, parameter_id)] = float(value)


def _weight_slider(pack: ContentPack, criterion_id: str) -> int:
    """A 0–10 weight slider; its help gives the definition and what a 1 and a 5 mean."""
    criterion = pack.criterion(criterion_id)
    help_text = (
        f"{text_md(criterion.definition)}\n\n"
        f"**{tr('common.anchor_1')}** {text_md(criterion.low)}\n\n"
        f"**{tr('common.anchor_5')}** {text_md(criterion.high)}"
    )
    value: int = st.slider(
        text_md(criterion.name),
        min_value=SLIDER_MIN,
        max_value=SLIDER_MAX,
        step=1,
        key=weight_key(criterion_id),
        help=help_text,
    )
    return value


def _factor_slider(factor: ContextFactor) -> float:
    """A context factor on its own range; the help explains both ends and the neutral point."""
    label = text_md(factor.name)
    if factor.unit is not None:
        label = tr("explorer.factor_label", name=label, unit=text_md(factor.unit))
    neutral = _slider_number(factor.neutral, factor)
    help_text = (
        f"{text_md(factor.description)}\n\n"
        f"{tr('explorer.factor_low', text=text_md(factor.low))}\n\n"
        f"{tr('explorer.factor_high', text=text_md(factor.high))}\n\n"
        f"{tr('explorer.factor_neutral', value=neutral)}"
    )
    whole = _whole(factor)
    value: float = st.slider(
        label,
        min_value=_slider_number(factor.minimum, factor),
        max_value=_slider_number(factor.maximum, factor),
        step=_slider_number(factor.step, factor),
        key=factor_key(factor.id),
        help=help_text,
        format="%d" if whole else "%.2f",
    )
    return value


def _hybrid_sliders(pack: ContentPack) -> dict[str, dict[str, float]]:
    """Each hybrid's name, what it combines, and a slider per parameter."""
    values: dict[str, dict[str, float]] = {}
    for hybrid in pack.hybrids:
        st.markdown(f"**{text_md(hybrid.name)}**")
        parts = tr(
            "explorer.hybrid_parts",
            a=text_md(pack.option(hybrid.a).name),
            b=text_md(pack.option(hybrid.b).name),
        )
        st.caption(f"{text_md(hybrid.summary)} {parts}")
        values[hybrid.id] = {p.id: _parameter_slider(hybrid.id, p) for p in hybrid.parameters}
    return values


def _parameter_slider(hybrid_id: str, parameter: Parameter) -> float:
    value: float = st.slider(
        text_md(parameter.name),
        min_value=float(parameter.minimum),
        max_value=float(parameter.maximum),
        step=float(parameter.step),
        key=parameter_key(hybrid_id, parameter.id),
        help=text_md(parameter.description),
        format="%.2f",
    )
    return float(value)


# --------------------------------------------------------------------------- results


def _summary(
    pack: ContentPack, evaluation: Evaluation, options: Mapping[str, str], lang: Lang
) -> None:
    """Who leads, how safe that is (plain words), and whether TOPSIS agrees."""
    report = sensitivity_report(evaluation, pack.criterion_ids)
    leader = float(evaluation.wsm.max())
    criteria, names = plain_names(criterion_names(pack, lang)), plain_names(options)
    lines = sensitivity_sentences(report, leader, criteria, names, lang)  # shown as Markdown
    topsis_first = evaluation.topsis_leaders[0]
    key = "explorer.topsis_agrees" if topsis_first in report.tied else "explorer.topsis_differs"
    with st.container(border=True):
        st.markdown(f"**{lines[0]}**")
        for line in lines[1:]:
            st.markdown(f"- {line}")
        st.caption(f"{tr(key, option=names[topsis_first])} {tr('wall.sens.others')}")


def _ranking(
    pack: ContentPack,
    model: ScoringModel,
    evaluation: Evaluation,
    options: Mapping[str, str],
    lang: Lang,
) -> None:
    """The contribution chart and a table with weighted-sum and TOPSIS ranks side by side."""
    st.subheader(tr("explorer.section.ranking"))
    ranked = rank_options(model, evaluation)
    data = ranking_frame(
        ranked,
        pack.criterion_ids,
        [float(w) for w in evaluation.weights],
        criterion_names(pack, lang),
        axis_options(pack, lang, "screen"),
        tr("wall.other_criteria"),
    )
    charts.draw("ranking", data, lang, size="screen", alt=tr("common.chart_alt.ranking"))
    st.caption(tr("explorer.ranking_caption"))
    table = pd.DataFrame(
        {
            tr("explorer.col.rank"): [r.rank for r in ranked],
            tr("explorer.col.option"): [options[r.option] for r in ranked],
            tr("explorer.col.kind"): [
                tr("explorer.kind.hybrid" if r.hybrid else "explorer.kind.pure") for r in ranked
            ],
            tr("explorer.col.score"): [r.score * 100.0 for r in ranked],
            tr("explorer.col.topsis"): [r.topsis * 100.0 for r in ranked],
            tr("explorer.col.topsis_rank"): [r.topsis_rank for r in ranked],
        }
    )
    st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        column_config={
            tr("explorer.col.score"): st.column_config.NumberColumn(format="%.1f"),
            tr("explorer.col.topsis"): st.column_config.NumberColumn(format="%.1f"),
        },
        key="explorer_table",
    )


def _explain(
    pack: ContentPack,
    model: ScoringModel,
    evaluation: Evaluation,
    context: Mapping[str, float],
    options: Mapping[str, str],
    lang: Lang,
) -> None:
    """One option's score taken apart: per criterion base value, context shifts, weight, points."""
    st.subheader(tr("explorer.section.explain"))
    chosen = st.selectbox(
        tr("explorer.explain_pick"),
        options=list(model.ids),
        index=evaluation.order()[0],
        format_func=lambda option_id: options[option_id],
        key=_EXPLAIN_KEY,
    )
    i = model.ids.index(chosen)
    score = number(float(evaluation.wsm[i]) * 100.0, lang)
    st.markdown(tr("explorer.explain_total", option=plain(options[chosen]), score=score))
    if chosen in model.hybrid_ids:
        hybrid = pack.hybrid(chosen)
        st.caption(
            tr(
                "explorer.explain_hybrid",
                a=plain(options[hybrid.a]),
                b=plain(options[hybrid.b]),
            )
        )
    st.dataframe(
        explain_table(pack, model, evaluation, context, chosen, lang),
        hide_index=True,
        width="stretch",
        height="content",  # every criterion at once: the sum is the point
        column_config={
            tr("explorer.col.why"): st.column_config.TextColumn(width="large"),
            tr("explorer.col.context_why"): st.column_config.TextColumn(width="large"),
        },
        key="explorer_explain_table",
    )
    st.caption(tr("explorer.explain_help"))


def explain_table(
    pack: ContentPack,
    model: ScoringModel,
    evaluation: Evaluation,
    context: Mapping[str, float],
    option_id: str,
    lang: Lang,
) -> pd.DataFrame:
    """The "explain a score" table of one option (context columns only for pure options)."""
    i = model.ids.index(option_id)
    pure = option_id in pack.option_ids
    rows: dict[str, list[object]] = {}
    columns = ["criterion", "base", "shift", "value", "weight", "contribution", "why", "context"]
    for column in columns:
        rows[column] = []
    for k, criterion in enumerate(pack.criteria):
        rows["criterion"].append(criterion.name.get(lang))
        rows["value"].append(number(float(model.matrix[i, k]), lang, 2))
        rows["weight"].append(percent(float(evaluation.weights[k]), lang))
        rows["contribution"].append(number(float(evaluation.contributions[i, k]) * 100.0, lang))
        if pure:
            value = pack.option(option_id).profile[criterion.id]
            shifts = explain_cell(pack, context, option_id, criterion.id)
            rows["base"].append(number(value.value, lang, 1))
            rows["shift"].append(_signed(sum(s.points for s in shifts), lang))
            rows["why"].append(value.rationale.get(lang))
            rows["context"].append(
                " · ".join(
                    _shift_reason(pack, s.factor, option_id, criterion.id, s.points, lang)
                    for s in shifts
                )
            )
    labels = {
        "criterion": "explorer.col.criterion",
        "base": "explorer.col.base",
        "shift": "explorer.col.shift",
        "value": "explorer.col.value",
        "weight": "explorer.col.weight",
        "contribution": "explorer.col.contribution",
        "why": "explorer.col.why",
        "context": "explorer.col.context_why",
    }
    kept = [c for c in columns if rows[c]]
    return pd.DataFrame({tr(labels[c]): rows[c] for c in kept})


def _signed(points: float, lang: Lang) -> str:
    """A shift in scale points with its sign ("+0,40"); "0" when nothing moves."""
    if abs(points) < 1e-9:
        return "0"
    return ("+" if points > 0 else "−") + number(abs(points), lang, 2)


def _shift_reason(
    pack: ContentPack, factor_id: str, option_id: str, criterion_id: str, points: float, lang: Lang
) -> str:
    """One context factor's shift of a cell with the pack's reason for it."""
    factor = pack.context_factor(factor_id)
    reason = next(
        (
            m.rationale.get(lang)
            for m in factor.modifiers
            if m.option == option_id and m.criterion == criterion_id
        ),
        "",
    )
    return tr(
        "explorer.shift_reason",
        factor=factor.name.get(lang),
        points=_signed(points, lang),
        reason=reason,
    )
