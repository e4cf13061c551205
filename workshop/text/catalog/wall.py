"""UI texts of the wall view (the projector), its charts and its plain-word sentences.

The chart titles (``wall.chart.*``) and the sentences on sensitivity, disagreement and shifts
(``wall.sens.*``, ``wall.alert.*``, ``wall.shift.*``) are shared with the explorer.
"""

TEXTS: dict[str, dict[str, str]] = {
    "wall.no_code": {
        "de": "Für die Projektion fehlt der Workshop-Code. Öffnen Sie die Seite als "
        "/wall?code=ABC123 – den Link finden Sie in der Moderationsansicht.",
        "en": "The wall needs a workshop code. Open it as /wall?code=ABC123 – "
        "the facilitator console shows the link.",
    },
    "wall.join_title": {"de": "Jetzt mitmachen", "en": "Join now"},
    "wall.join_at": {
        "de": "QR-Code scannen oder {url} öffnen und den Code eingeben",
        "en": "Scan the QR code, or open {url} and enter the code",
    },
    "wall.qr_alt": {
        "de": "QR-Code zum Beitreten: {url}",
        "en": "QR code for joining: {url}",
    },
    "wall.counts.participants": {"de": "Teilnehmende", "en": "Participants"},
    "wall.counts.weights": {"de": "Gewichtungen", "en": "Weights submitted"},
    "wall.counts.votes": {"de": "Stimmen", "en": "Votes cast"},
    "wall.counts.concerns": {"de": "Sorgen und Fragen", "en": "Concerns and questions"},
    "wall.pager": {
        "de": "Was die Projektion nacheinander zeigt",
        "en": "What the wall shows in turn",
    },
    "wall.round_phase": {"de": "Runde {number} · {phase}", "en": "Round {number} · {phase}"},
    "wall.prompt.welcome": {
        "de": "Willkommen! Was beschäftigt Sie bei diesem Thema? Teilen Sie Ihre Sorgen "
        "und Fragen und unterstützen Sie die der anderen.",
        "en": "Welcome! What is on your mind about this topic? Post your concerns and "
        "questions, and upvote the ones you share.",
    },
    "wall.prompt.weigh": {
        "de": "Wie wichtig ist Ihnen jedes Kriterium? Stellen Sie die Regler auf Ihrem Handy ein.",
        "en": "How much does each criterion matter to you? Set the sliders on your phone.",
    },
    "wall.prompt.context": {
        "de": "Wie sieht unsere Einheit heute aus? Die Moderation hält den Kontext fest.",
        "en": "What does our unit look like today? The facilitator records the context.",
    },
    "wall.prompt.options": {
        "de": "Wie schneiden die reinen Modelle und Mischformen mit Ihren Gewichten ab? "
        "Probieren Sie es auf Ihrem Handy aus.",
        "en": "How do the pure models and hybrids score with your weights? Try it on your phone.",
    },
    "wall.prompt.vote": {
        "de": "Jetzt abstimmen: Geben Sie Ihre Stimme auf dem Handy ab.",
        "en": "Time to vote: cast your vote on your phone.",
    },
    "wall.prompt.results": {
        "de": "Das ist das Bild der Gruppe. Was nehmen wir mit, "
        "und was sind die nächsten Schritte?",
        "en": "This is where the group stands. What do we take away, and what comes next?",
    },
    "wall.hidden": {
        "de": "Die Ergebnisse bleiben verborgen, bis die Moderation sie zeigt – "
        "so legt sich niemand zu früh fest.",
        "en": "Results stay hidden until the facilitator reveals them, "
        "so nobody is swayed too early.",
    },
    "wall.threshold": {
        "de": "Die Gruppenergebnisse erscheinen, sobald {threshold} Teilnehmende ihre "
        "Gewichtung abgegeben haben (bisher {ballots}).",
        "en": "Group results appear once {threshold} participants have submitted their weights "
        "({ballots} so far).",
    },
    "wall.votes_threshold": {
        "de": "Das Abstimmungsergebnis erscheint ab {threshold} Stimmen (bisher {votes}).",
        "en": "The result of the vote appears once {threshold} votes are in ({votes} so far).",
    },
    "wall.section.ranking": {"de": "Rangfolge der Gruppe", "en": "Group ranking"},
    "wall.section.ranking_caption": {
        "de": "Gewichtete Summe mit den Gewichten der Gruppe, in Punkten von 100.",
        "en": "Weighted sum with the group's weights, in points out of 100.",
    },
    "wall.section.weights": {"de": "Gewichte der Gruppe", "en": "Group weights"},
    "wall.section.weights_caption": {
        "de": "Balken: Median der Gruppe. Linie: die mittlere Hälfte der Gruppe.",
        "en": "Bar: the group's median. Line: the middle half of the group.",
    },
    "wall.section.sensitivity": {"de": "Wie sicher ist Platz 1?", "en": "How safe is first place?"},
    "wall.section.alerts": {"de": "Hier sind wir uns uneinig", "en": "Where we disagree"},
    "wall.section.votes": {"de": "Abstimmung", "en": "Vote"},
    "wall.section.votes.single": {"de": "Abstimmung: Stimmen", "en": "Vote: votes cast"},
    "wall.section.votes.dots": {"de": "Abstimmung: Klebepunkte", "en": "Vote: dots"},
    "wall.section.votes.ranking": {
        "de": "Abstimmung: Borda-Punkte",
        "en": "Vote: Borda points",
    },
    "wall.votes_counted": {
        "de": "Gezählt: {votes} gültige Stimmen.",
        "en": "Counted: {votes} valid votes.",
    },
    "wall.section.shift_words": {"de": "Die Rangfolge", "en": "The ranking"},
    "wall.section.context": {"de": "Unsere Einheit heute", "en": "Our unit today"},
    "wall.default": {"de": "Ausgangswert", "en": "default"},
    "wall.context_note": {
        "de": "Der Kontext verändert, wie gut die Optionen abschneiden; "
        "die Moderation kann ihn anpassen.",
        "en": "The context changes how well the options score; the facilitator can adjust it.",
    },
    "wall.section.comments": {"de": "Kommentare", "en": "Comments"},
    "wall.no_comments": {
        "de": "Noch keine Kommentare – schreiben Sie Ihren auf dem Handy.",
        "en": "No comments yet – write yours on your phone.",
    },
    "wall.more_comments": {
        "de": "… und {count} weitere auf den Handys.",
        "en": "… and {count} more on your phones.",
    },
    "wall.comment.general": {"de": "Allgemein", "en": "General"},
    "wall.section.shift": {
        "de": "Was sich seit Runde {number} bewegt hat",
        "en": "What has moved since round {number}",
    },
    "wall.section.concerns": {"de": "Sorgen und Fragen", "en": "Concerns and questions"},
    "wall.no_concerns": {
        "de": "Noch keine Sorgen oder Fragen – teilen Sie Ihre auf dem Handy.",
        "en": "No concerns or questions yet – post yours from your phone.",
    },
    "wall.kind.concern": {"de": "Sorge", "en": "Concern"},
    "wall.kind.question": {"de": "Frage", "en": "Question"},
    # "Stimmen" would clash with the vote count; a concern is supported, not voted on.
    "wall.upvotes": {"de": "{count}-mal unterstützt", "en": "{count} upvotes"},
    "wall.upvote": {"de": "einmal unterstützt", "en": "1 upvote"},
    "wall.upvotes_none": {"de": "Neu", "en": "New"},
    "wall.more_concerns": {
        "de": "… und {count} weitere auf den Handys.",
        "en": "… and {count} more on your phones.",
    },
    "wall.other_criteria": {"de": "Übrige Kriterien", "en": "Other criteria"},
    "wall.kendall": {
        "de": "Übereinstimmung in der Reihenfolge der Kriterien (Kendalls W): {value}",
        "en": "Agreement on the order of the criteria (Kendall's W): {value}",
    },
    # --- sensitivity, disagreement and shifts in plain words (shared with the explorer)
    "wall.sens.others": {
        "de": "Dabei behalten die übrigen Gewichte ihr Verhältnis zueinander.",
        "en": "The other weights keep their proportions to each other.",
    },
    "wall.alert.none": {
        "de": "Bei allen Kriterien ist sich die Gruppe weitgehend einig.",
        "en": "The group largely agrees on every criterion.",
    },
    "wall.shift.votes": {
        "de": "{option}: {before} → {after}",
        "en": "{option}: {before} → {after}",
    },
    "wall.shift.votes_title": {
        "de": "Abstimmung im Vergleich zur letzten Runde",
        "en": "The vote compared with the last round",
    },
    # --- charts (shared with the explorer)
    "wall.chart.weight_axis": {"de": "Anteil am Gesamtgewicht", "en": "Share of the total weight"},
    "wall.chart.score_axis": {"de": "Punkte (von 100)", "en": "Points (out of 100)"},
    "wall.chart.points": {"de": "Punkte", "en": "Points"},
    "wall.chart.q1": {"de": "Unteres Quartil", "en": "Lower quartile"},
    "wall.chart.q3": {"de": "Oberes Quartil", "en": "Upper quartile"},
    "wall.chart.round": {"de": "Runde", "en": "Round"},
    "wall.chart.votes_axis.single": {"de": "Stimmen", "en": "Votes"},
    "wall.chart.votes_axis.dots": {"de": "Klebepunkte", "en": "Dots"},
    "wall.chart.votes_axis.ranking": {
        "de": "Borda-Punkte aus den Rangfolgen",
        "en": "Borda points from the rankings",
    },
    # --- issue 16: resistance, concern status, "what changes for me", the pilot
    "wall.prompt.resistance": {
        "de": "Wie groß ist Ihr Widerstand gegen jede Option? 0 = keiner, 10 = stärkster. "
        "Geben Sie Ihre Werte auf dem Handy ein.",
        "en": "How strongly do you resist each option? 0 = not at all, 10 = strongest. "
        "Enter your ratings on your phone.",
    },
    "wall.counts.resistance": {"de": "Widerstandswerte", "en": "Resistance ratings"},
    "wall.resistance.hidden": {
        "de": "Die Widerstandswerte bleiben verborgen, bis die Moderation sie zeigt – "
        "so schätzt jede Person für sich ein.",
        "en": "The resistance ratings stay hidden until the facilitator reveals them, "
        "so everyone rates on their own.",
    },
    "wall.resistance.threshold": {
        "de": "Die Widerstandswerte der Gruppe erscheinen, sobald {threshold} Teilnehmende "
        "ihre Einschätzung abgegeben haben (bisher {count}).",
        "en": "The group's resistance appears once {threshold} participants have rated "
        "the options ({count} so far).",
    },
    "wall.section.resistance": {"de": "Widerstand je Option", "en": "Resistance per option"},
    "wall.resistance.counted": {
        "de": "Summe aller Werte von 0 bis 10, gezählt: {count} Einschätzungen.",
        "en": "Sum of all ratings from 0 to 10, counted: {count} ratings.",
    },
    "wall.resistance.caption": {
        "de": "Dunkelblau: am wenigsten Widerstand. Grau mit gestrichelter Linie: "
        "„So bleiben wie heute“. Hinter dem Balken: Summe · wie viele 7 oder mehr gaben.",
        "en": "Dark blue: least resistance. Grey with the dashed line: "
        "“Keep as today”. After each bar: total · how many rated 7 or more.",
    },
    "wall.resistance.bar": {"de": "{total}", "en": "{total}"},
    "wall.resistance.bar_high": {"de": "{total} · {high} × ≥ 7", "en": "{total} · {high} × ≥ 7"},
    "wall.resistance.least": {
        "de": "Am wenigsten Widerstand: {options} ({total} von höchstens {maximum}).",
        "en": "Least resistance: {options} ({total} out of at most {maximum}).",
    },
    "wall.resistance.least_tied": {
        "de": "Gleich wenig Widerstand: {options} (je {total} von höchstens {maximum}).",
        "en": "Equally little resistance: {options} ({total} each out of at most {maximum}).",
    },
    "wall.resistance.beats_title": {
        "de": "Weniger Widerstand als „So bleiben wie heute“",
        "en": "Less resistance than “Keep as today”",
    },
    "wall.resistance.beats_none": {
        "de": "Keine Option stößt auf weniger Widerstand, als alles so zu lassen, wie es ist.",
        "en": "No option meets less resistance than keeping things as they are.",
    },
    "wall.resistance.status_quo_total": {
        "de": "„So bleiben wie heute“: {total}.",
        "en": "“Keep as today”: {total}.",
    },
    "wall.section.resistance_compare": {
        "de": "Widerstand und Rangfolge im Vergleich",
        "en": "Resistance and ranking compared",
    },
    "wall.resistance.winner": {
        "de": "{option} liegt nach den Gewichten auf Platz 1, beim Widerstand aber nur auf "
        "Platz {rank}.",
        "en": "{option} comes first by the weights, but only place {rank} by resistance.",
    },
    "wall.resistance.gap": {
        "de": "{option}: Platz {preference} nach den Gewichten, Platz {rank} beim Widerstand.",
        "en": "{option}: place {preference} by the weights, place {rank} by resistance.",
    },
    "wall.resistance.agree": {
        "de": "Widerstand und Rangfolge nach den Gewichten passen weitgehend zusammen.",
        "en": "Resistance and the ranking by the weights largely agree.",
    },
    "wall.resistance.compare_note": {
        "de": "Was die Gruppe am besten bewertet, muss nicht das sein, wogegen sie am "
        "wenigsten Widerstand hat – darüber lohnt es sich zu sprechen.",
        "en": "What the group scores best need not be what it resists least – "
        "that is worth talking about.",
    },
    "wall.resistance.col_option": {"de": "Option", "en": "Option"},
    "wall.resistance.col_preference": {"de": "Nach Gewichten", "en": "By weights"},
    "wall.resistance.col_resistance": {"de": "Nach Widerstand", "en": "By resistance"},
    "wall.section.resistance_lowering": {
        "de": "Was würde Ihren Widerstand senken?",
        "en": "What would lower your resistance?",
    },
    "wall.resistance.lowering_none": {
        "de": "Noch keine Hinweise zu einzelnen Optionen – schreiben Sie auf dem Handy, "
        "was Ihren Widerstand senken würde, und wählen Sie die Option dazu.",
        "en": "No notes on single options yet – write on your phone what would lower your "
        "resistance, and pick the option it is about.",
    },
    "wall.resistance.lowering_more": {
        "de": "… und {count} weitere auf den Handys.",
        "en": "… and {count} more on your phones.",
    },
    "wall.concern.answer": {"de": "Antwort: {answer}", "en": "Answer: {answer}"},
    "wall.concern.about": {"de": "Zu: {option}", "en": "About: {option}"},
    "wall.concern.statuses": {"de": "Stand der Sorgen und Fragen", "en": "Where they stand"},
    "wall.section.spotlight": {
        "de": "Was ändert sich für mich? {option}",
        "en": "What changes for me? {option}",
    },
    "wall.spotlight.short": {"de": "Im Fokus: {option}", "en": "In focus: {option}"},
    "wall.spotlight.some_aspects": {
        "de": "Hier die drei meistgefragten Punkte – alle sechs sehen Sie auf Ihrem Handy.",
        "en": "The three points asked about most – your phone shows all six.",
    },
    "wall.spotlight.all_aspects": {
        "de": "Mehr dazu und die Quellen sehen Sie auf Ihrem Handy.",
        "en": "Your phone shows more, with the sources.",
    },
    "wall.spotlight.missing": {"de": "–", "en": "–"},
    "wall.section.pilot": {"de": "Wie es weitergeht", "en": "What happens next"},
    "wall.pilot.option": {"de": "Pilot", "en": "Pilot"},
    "wall.pilot.team": {"de": "Team", "en": "Team"},
    "wall.pilot.weeks_label": {"de": "Dauer", "en": "Duration"},
    "wall.pilot.weeks": {"de": "{weeks} Wochen", "en": "{weeks} weeks"},
    "wall.pilot.week": {"de": "1 Woche", "en": "1 week"},
    "wall.pilot.measures": {"de": "Woran wir es messen", "en": "How we measure it"},
    "wall.pilot.review": {"de": "Gemeinsame Auswertung", "en": "Review together"},
    "wall.chart.resistance_axis": {
        "de": "Widerstand insgesamt (Summe)",
        "en": "Total resistance (sum)",
    },
    "wall.chart.resistance_high": {
        "de": "Starker Widerstand (7 oder mehr)",
        "en": "Strong resistance (7 or more)",
    },
    # --- issue 16: the earlier workshop's results beside the new round's (re-imported session)
    "wall.earlier.title": {"de": "Letzter Workshop ({date})", "en": "Last workshop ({date})"},
    "wall.earlier.title_undated": {"de": "Letzter Workshop", "en": "Last workshop"},
    "wall.earlier.place": {"de": "{rank}. {option}", "en": "{rank}. {option}"},
    "wall.earlier.same": {"de": "Weiterhin vorn: {option}.", "en": "Still first: {option}."},
    "wall.earlier.changed": {
        "de": "Vorher vorn: {before} – jetzt: {now}.",
        "en": "Ahead last time: {before} – now: {now}.",
    },
    "wall.earlier.counts_only": {
        "de": "Zu wenige Gewichtungen für ein Gruppenergebnis (abgegeben: {ballots}).",
        "en": "Too few weights for a group result ({ballots} submitted).",
    },
    "wall.earlier.then": {
        "de": "Zum Vergleich, so stand es im letzten Workshop:",
        "en": "For comparison, where the last workshop stood:",
    },
}
