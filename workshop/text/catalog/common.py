"""UI texts shared by every view."""

TEXTS: dict[str, dict[str, str]] = {
    "common.app_name": {"de": "Fall oder Kunde?", "en": "Case or Customer?"},
    "common.language": {"de": "Sprache", "en": "Language"},
    "common.tagline": {
        "de": "Verantwortung im Kundenservice gemeinsam neu ordnen: entlang der Fälle, "
        "entlang der Kundenbeziehung – oder in einer Mischform.",
        "en": "Rethinking responsibility in customer service together: along cases, "
        "along the customer relationship – or a hybrid.",
    },
    "common.phase.welcome": {"de": "Ankommen & Sorgen", "en": "Welcome & concerns"},
    "common.phase.weigh": {"de": "Kriterien gewichten", "en": "Weigh the criteria"},
    "common.phase.context": {"de": "Unser Kontext", "en": "Our context"},
    "common.phase.options": {"de": "Optionen & Bewertung", "en": "Options & live scores"},
    "common.phase.vote": {"de": "Abstimmen", "en": "Vote"},
    "common.phase.results": {"de": "Ergebnisse & nächste Schritte", "en": "Results & next steps"},
    "common.input.weights": {"de": "Gewichtungen", "en": "Weights"},
    "common.input.votes": {"de": "Stimmen", "en": "Votes"},
    "common.input.comments": {"de": "Kommentare", "en": "Comments"},
    "common.input.concerns": {"de": "Sorgen und Fragen", "en": "Concerns and questions"},
    "common.offline": {
        "de": "Keine Verbindung – die Seite verbindet sich gleich wieder. "
        "Was Sie gespeichert haben, bleibt erhalten.",
        "en": "No connection – the page will reconnect in a moment. Everything you saved is kept.",
    },
    "common.offline_forever": {
        "de": "Die Verbindung ist abgebrochen. Bitte laden Sie die Seite neu – "
        "was Sie gespeichert haben, bleibt erhalten.",
        "en": "The connection was lost. Please reload the page – everything you saved is kept.",
    },
    "common.round": {"de": "Runde {number}", "en": "Round {number}"},
    "common.code": {"de": "Code", "en": "Code"},
    "common.saved": {"de": "Gespeichert", "en": "Saved"},
    "common.hybrid": {"de": "Mischform", "en": "Hybrid"},
    "common.hybrid_label": {"de": "{name} (Mischform)", "en": "{name} (hybrid)"},
    "common.score": {"de": "Punktwert", "en": "Score"},
    "common.criterion": {"de": "Kriterium", "en": "Criterion"},
    "common.option": {"de": "Option", "en": "Option"},
    "common.weight": {"de": "Gewicht", "en": "Weight"},
    "common.rank": {"de": "Rang", "en": "Rank"},
    "common.join_hint": {
        "de": "Mit dem Handy beitreten: QR-Code scannen oder {url} öffnen und den Code eingeben.",
        "en": "Join from your phone: scan the QR code or open {url} and enter the code.",
    },
    "common.slider_low": {"de": "0 = spielt keine Rolle", "en": "0 = does not matter"},
    "common.slider_high": {"de": "10 = entscheidend", "en": "10 = decisive"},
    "common.anchor_1": {"de": "1 bedeutet:", "en": "1 means:"},
    "common.anchor_5": {"de": "5 bedeutet:", "en": "5 means:"},
    "common.nav.home": {"de": "Start", "en": "Start"},
    "common.nav.participate": {"de": "Mitmachen", "en": "Take part"},
    "common.nav.facilitate": {"de": "Moderation", "en": "Facilitation"},
    "common.nav.wall": {"de": "Projektion", "en": "Wall"},
    "common.nav.explore": {"de": "Modell erkunden", "en": "Explore the model"},
}
