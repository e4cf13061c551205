"""UI texts of the explorer view (the whole model with sliders, no session needed).

The sentences on sensitivity and the chart titles come from the wall's catalog (``wall.sens.*``,
``wall.chart.*``), so both views word them the same way.
"""

TEXTS: dict[str, dict[str, str]] = {
    "explorer.title": {"de": "Das Modell erkunden", "en": "Explore the model"},
    "explorer.intro": {
        "de": "Probieren Sie aus, wie die Organisationsmodelle abschneiden: Legen Sie fest, wie "
        "wichtig Ihnen jedes Kriterium ist, beschreiben Sie den Kontext Ihrer Einheit und "
        "stellen Sie die Mischformen ein. Nichts wird gespeichert, und niemand sonst sieht Ihre "
        "Eingaben.",
        "en": "Try out how the organisational models compare: set how much each criterion "
        "matters to you, describe your unit's context and adjust the hybrids. Nothing is saved, "
        "and nobody else sees what you enter.",
    },
    "explorer.tab.weights": {"de": "Gewichte", "en": "Weights"},
    "explorer.tab.context": {"de": "Kontext", "en": "Context"},
    "explorer.tab.hybrids": {"de": "Mischformen", "en": "Hybrids"},
    "explorer.weights_hint": {
        "de": "0 = spielt keine Rolle, 10 = entscheidend. Es zählt nur das Verhältnis der "
        "Gewichte zueinander.",
        "en": "0 = does not matter, 10 = decisive. Only how the weights compare with each other "
        "counts.",
    },
    "explorer.context_hint": {
        "de": "Beschreiben Sie Ihre Einheit. Am neutralen Punkt ändert ein Kontextfaktor nichts; "
        "je weiter er davon abweicht, desto mehr verschiebt er die Stärken der Modelle.",
        "en": "Describe your unit. At its neutral point a context factor changes nothing; the "
        "further it moves away, the more it shifts the models' strengths.",
    },
    "explorer.hybrids_hint": {
        "de": "Eine Mischform verbindet zwei reine Modelle und gibt jedem Teil die Arbeit, die "
        "zu ihm passt – das kann besser sein als beide reinen Modelle. Ganz links entspricht sie "
        "einem reinen Modell, eine Aufteilung ganz rechts dem anderen. Dazwischen kosten zwei "
        "Modelle nebeneinander Abstimmung, und die Zuteilung an bekannte Personen kostet "
        "Wartezeit und Vertretung.",
        "en": "A hybrid combines two pure models and gives each part the work that suits it, "
        "which can beat both pure models. At the far left it equals one pure model, and a split "
        "at the far right equals the other. In between, running two models costs coordination, "
        "and routing to a known person costs waiting time and cover.",
    },
    "explorer.scenario_label": {
        "de": "Mit einer typischen Ausgangslage beginnen",
        "en": "Start from a typical situation",
    },
    "explorer.scenario_placeholder": {
        "de": "Ausgangslage wählen …",
        "en": "Choose a situation …",
    },
    "explorer.factor_label": {"de": "{name} ({unit})", "en": "{name} ({unit})"},
    "explorer.factor_low": {"de": "Unteres Ende: {text}", "en": "Low end: {text}"},
    "explorer.factor_high": {"de": "Oberes Ende: {text}", "en": "High end: {text}"},
    "explorer.factor_neutral": {
        "de": "Neutraler Punkt: {value}",
        "en": "Neutral point: {value}",
    },
    "explorer.hybrid_parts": {
        "de": "Verbindet {a} und {b}.",
        "en": "Combines {a} and {b}.",
    },
    "explorer.reset": {"de": "Alles zurücksetzen", "en": "Reset everything"},
    "explorer.section.ranking": {"de": "Rangfolge", "en": "Ranking"},
    "explorer.ranking_caption": {
        "de": "Gewichtete Summe in Punkten von 100; die Farben zeigen, was die wichtigsten "
        "Kriterien beitragen. TOPSIS, ein zweites Verfahren, steht zum Vergleich in der Tabelle.",
        "en": "Weighted sum in points out of 100; the colours show what the most important "
        "criteria contribute. TOPSIS, a second method, is in the table for comparison.",
    },
    "explorer.topsis_agrees": {
        "de": "TOPSIS kommt zum selben Ergebnis: {option} liegt vorn.",
        "en": "TOPSIS agrees: {option} comes first.",
    },
    "explorer.topsis_differs": {
        "de": "TOPSIS, ein zweites Verfahren, sieht {option} vorn.",
        "en": "TOPSIS, a second method, puts {option} first.",
    },
    "explorer.col.rank": {"de": "Rang", "en": "Rank"},
    "explorer.col.option": {"de": "Option", "en": "Option"},
    "explorer.col.kind": {"de": "Art", "en": "Kind"},
    "explorer.col.score": {"de": "Punkte", "en": "Points"},
    "explorer.col.topsis": {"de": "TOPSIS", "en": "TOPSIS"},
    "explorer.col.topsis_rank": {"de": "TOPSIS-Rang", "en": "TOPSIS rank"},
    "explorer.kind.pure": {"de": "Reines Modell", "en": "Pure model"},
    "explorer.kind.hybrid": {"de": "Mischform", "en": "Hybrid"},
    "explorer.section.explain": {"de": "Einen Punktwert erklären", "en": "Explain a score"},
    "explorer.explain_pick": {
        "de": "Welche Option möchten Sie nachvollziehen?",
        "en": "Which option would you like to trace?",
    },
    "explorer.col.criterion": {"de": "Kriterium", "en": "Criterion"},
    "explorer.col.base": {"de": "Grundwert (1–5)", "en": "Base value (1–5)"},
    "explorer.col.shift": {"de": "Kontext", "en": "Context"},
    "explorer.col.value": {"de": "Wert (1–5)", "en": "Value (1–5)"},
    "explorer.col.weight": {"de": "Gewicht", "en": "Weight"},
    "explorer.col.contribution": {"de": "Beitrag (Punkte)", "en": "Contribution (points)"},
    "explorer.col.why": {"de": "Begründung", "en": "Reason"},
    "explorer.col.context_why": {"de": "Wirkung des Kontexts", "en": "Effect of the context"},
    "explorer.shift_reason": {
        "de": "{factor} ({points}): {reason}",
        "en": "{factor} ({points}): {reason}",
    },
    "explorer.explain_total": {
        "de": "{option}: {score} von 100 Punkten – die Summe der Beiträge.",
        "en": "{option}: {score} points out of 100 – the sum of the contributions.",
    },
    "explorer.explain_hybrid": {
        "de": "Eine Mischform: Ihre Werte ergeben sich aus {a} und {b} (im aktuellen Kontext) "
        "und den Reglern unter „Mischformen“.",
        "en": "A hybrid: its values follow from {a} and {b} (in the current context) and the "
        "sliders under “Hybrids”.",
    },
    "explorer.explain_help": {
        "de": "Wert = Grundwert + Verschiebung durch den Kontext (auf 1–5 begrenzt). Beitrag = "
        "Wert auf 0–1 umgerechnet × Gewicht × 100.",
        "en": "Value = base value + shift from the context (kept within 1–5). Contribution = "
        "value mapped onto 0–1 × weight × 100.",
    },
}
