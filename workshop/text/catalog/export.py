"""Texts of the exports (sheet names, headers, the decision record) and of the console's Export tab.

Spreadsheet headers and the record are written in the session's language; the Export tab in the
reader's.  ``export.import_error.<reason>`` translates each reason of
:class:`workshop.export.ImportRejected`.
"""

TEXTS: dict[str, dict[str, str]] = {
    # --- words shared by every format -------------------------------------------------------
    "export.yes": {"de": "ja", "en": "yes"},
    "export.no": {"de": "nein", "en": "no"},
    "export.round": {"de": "Runde {number}", "en": "Round {number}"},
    "export.hidden_mark": {"de": "ausgeblendet", "en": "hidden"},
    "export.target.general": {"de": "Allgemein", "en": "General"},
    "export.language.de": {"de": "Deutsch", "en": "German"},
    "export.language.en": {"de": "Englisch", "en": "English"},
    "export.vote_mode.single": {"de": "Eine Stimme", "en": "Single choice"},
    "export.vote_mode.dots": {"de": "Klebepunkte", "en": "Dot voting"},
    "export.vote_mode.ranking": {"de": "Rangfolge (Borda)", "en": "Ranking (Borda)"},
    "export.direction.below": {"de": "sinkt unter", "en": "falls below"},
    "export.direction.above": {"de": "steigt über", "en": "rises above"},
    "export.target_kind.option": {"de": "Option", "en": "Option"},
    "export.target_kind.criterion": {"de": "Kriterium", "en": "Criterion"},
    "export.target_kind.general": {"de": "Allgemein", "en": "General"},
    "export.concern_kind.concern": {"de": "Sorge", "en": "Concern"},
    "export.concern_kind.question": {"de": "Frage", "en": "Question"},
    "export.counts_only": {
        "de": "unter der Anonymitätsschwelle von {threshold}: nur Anzahlen",
        "en": "below the anonymity threshold of {threshold}: counts only",
    },
    # --- sheet names (at most 31 characters) -------------------------------------------------
    "export.sheet.summary": {"de": "Übersicht", "en": "Summary"},
    "export.sheet.group_weights": {"de": "Gruppengewichte", "en": "Group weights"},
    "export.sheet.participant_weights": {"de": "Gewichte je Person", "en": "Weights per person"},
    "export.sheet.ranking": {"de": "Rangfolge", "en": "Ranking"},
    "export.sheet.sensitivity": {"de": "Sensitivität", "en": "Sensitivity"},
    "export.sheet.votes": {"de": "Abstimmung", "en": "Votes"},
    "export.sheet.comments": {"de": "Kommentare", "en": "Comments"},
    "export.sheet.concerns": {"de": "Sorgen und Fragen", "en": "Concerns and questions"},
    "export.sheet.notes": {"de": "Notizen", "en": "Notes"},
    "export.sheet.resistance": {"de": "Widerstand", "en": "Resistance"},
    "export.sheet.participant_resistance": {
        "de": "Widerstand je Person",
        "en": "Resistance per person",
    },
    "export.sheet.pilot": {"de": "Pilot", "en": "Pilot"},
    "export.sheet.earlier_results": {
        "de": "Ergebnisse letzter Workshop",
        "en": "Last workshop's results",
    },
    # --- summary items -----------------------------------------------------------------------
    "export.field.title": {"de": "Titel", "en": "Title"},
    "export.field.code": {"de": "Workshop-Code", "en": "Workshop code"},
    "export.field.created": {"de": "Angelegt (UTC)", "en": "Created (UTC)"},
    "export.field.exported": {"de": "Exportiert (UTC)", "en": "Exported (UTC)"},
    "export.field.language": {"de": "Sprache", "en": "Language"},
    "export.field.phase": {"de": "Aktuelle Phase", "en": "Current phase"},
    "export.field.round": {"de": "Aktuelle Runde", "en": "Current round"},
    "export.field.participants": {"de": "Teilnehmende", "en": "Participants"},
    "export.field.joined": {"de": "Beigetreten", "en": "Joined"},
    "export.field.active": {
        "de": "Teilnehmende mit Eingaben",
        "en": "Participants with input",
    },
    "export.field.area": {"de": "Bereich {area}", "en": "Area {area}"},
    "export.field.no_area": {"de": "Ohne Bereichsangabe", "en": "No area given"},
    "export.field.areas_withheld": {
        "de": "Zurückgehaltene Bereiche zusammen",
        "en": "Withheld areas together",
    },
    "export.area_withheld": {
        "de": "zurückgehalten (zu wenige Personen)",
        "en": "withheld (too few people)",
    },
    "export.field.individual": {
        "de": "Einzelne Eingaben enthalten",
        "en": "Individual inputs included",
    },
    "export.field.threshold": {"de": "Anonymitätsschwelle", "en": "Anonymity threshold"},
    "export.field.vote_mode": {"de": "Abstimmungsart", "en": "Voting method"},
    "export.field.dot_budget": {"de": "Klebepunkte je Person", "en": "Dots per person"},
    "export.field.dot_cap": {"de": "Höchstens je Option", "en": "At most per option"},
    "export.field.revealed": {"de": "Ergebnisse gezeigt", "en": "Results shown"},
    "export.field.hidden_included": {
        "de": "Ausgeblendete Beiträge enthalten",
        "en": "Hidden posts included",
    },
    "export.field.comments": {"de": "Kommentare", "en": "Comments"},
    "export.field.concerns": {"de": "Sorgen und Fragen", "en": "Concerns and questions"},
    "export.field.ballots": {"de": "Gewichtungen abgegeben", "en": "Weights submitted"},
    "export.field.votes": {"de": "Stimmen abgegeben", "en": "Votes cast"},
    "export.field.results": {"de": "Ergebnisse", "en": "Results"},
    "export.field.leader": {"de": "Platz 1", "en": "First place"},
    "export.field.robust": {"de": "Platz 1 stabil", "en": "First place robust"},
    "export.field.vote_score": {"de": "Abstimmung und Bewertung", "en": "Vote and scores"},
    "export.field.resistance": {
        "de": "Widerstand eingeschätzt",
        "en": "Resistance rated",
    },
    "export.field.resistance_results": {
        "de": "Ergebnisse Widerstand",
        "en": "Resistance results",
    },
    "export.field.least_resisted": {"de": "Geringster Widerstand", "en": "Least resistance"},
    "export.field.spotlight": {
        "de": "Rollenwechsel im Blick (Projektion)",
        "en": "Role changes in focus (wall)",
    },
    "export.field.pilot": {"de": "Pilot", "en": "Pilot"},
    "export.field.pilot_option": {"de": "Option im Pilot", "en": "Option piloted"},
    "export.field.pilot_team": {"de": "Pilotteam", "en": "Pilot team"},
    "export.field.pilot_weeks": {"de": "Dauer (Wochen)", "en": "Duration (weeks)"},
    "export.field.pilot_measures": {"de": "Woran wir messen", "en": "Measured by"},
    "export.field.pilot_other": {"de": "Weitere Messgrößen", "en": "Other measures"},
    "export.field.pilot_review": {"de": "Gemeinsame Auswertung am", "en": "Joint review on"},
    "export.pilot.none": {"de": "Noch kein Pilot festgelegt.", "en": "No pilot agreed yet."},
    # --- column headers ----------------------------------------------------------------------
    "export.col.item": {"de": "Angabe", "en": "Item"},
    "export.col.value": {"de": "Wert", "en": "Value"},
    "export.col.round": {"de": "Runde", "en": "Round"},
    "export.col.criterion_id": {"de": "Kriterium (ID)", "en": "Criterion (ID)"},
    "export.col.criterion": {"de": "Kriterium", "en": "Criterion"},
    "export.col.group_weight": {"de": "Gruppengewicht", "en": "Group weight"},
    "export.col.median": {"de": "Median der Anteile", "en": "Median share"},
    "export.col.q1": {"de": "Unteres Quartil", "en": "Lower quartile"},
    "export.col.q3": {"de": "Oberes Quartil", "en": "Upper quartile"},
    "export.col.iqr": {"de": "Quartilsabstand", "en": "Interquartile range"},
    "export.col.consensus": {"de": "Konsens (0–1)", "en": "Consensus (0–1)"},
    "export.col.participant": {"de": "Person (Pseudonym)", "en": "Person (pseudonym)"},
    "export.col.rank": {"de": "Rang", "en": "Rank"},
    "export.col.option_id": {"de": "Option (ID)", "en": "Option (ID)"},
    "export.col.option": {"de": "Option", "en": "Option"},
    "export.col.hybrid": {"de": "Mischform", "en": "Hybrid"},
    "export.col.score": {"de": "Punkte (von 100)", "en": "Points (out of 100)"},
    "export.col.topsis_rank": {"de": "TOPSIS-Rang", "en": "TOPSIS rank"},
    "export.col.topsis": {"de": "TOPSIS-Nähe (0–1)", "en": "TOPSIS closeness (0–1)"},
    "export.col.direction": {"de": "Wenn das Gewicht …", "en": "If the weight …"},
    "export.col.weight_now": {"de": "Gewicht jetzt", "en": "Weight now"},
    "export.col.threshold": {"de": "Schwelle", "en": "Threshold"},
    "export.col.change": {"de": "Nötige Änderung", "en": "Change needed"},
    "export.col.leader": {"de": "Platz 1 jetzt", "en": "First place now"},
    "export.col.new_leader": {"de": "Neuer Platz 1", "en": "New first place"},
    "export.col.vote_mode": {"de": "Abstimmungsart", "en": "Voting method"},
    "export.col.total.single": {"de": "Stimmen", "en": "Votes"},
    "export.col.total.dots": {"de": "Klebepunkte", "en": "Dots"},
    "export.col.total.ranking": {"de": "Borda-Punkte", "en": "Borda points"},
    "export.col.votes_counted": {"de": "Gezählte Stimmen", "en": "Votes counted"},
    "export.col.about": {"de": "Bezug (Art)", "en": "About (kind)"},
    "export.col.target": {"de": "Bezug", "en": "About"},
    "export.col.text": {"de": "Text", "en": "Text"},
    "export.col.hidden": {"de": "Ausgeblendet", "en": "Hidden"},
    "export.col.kind": {"de": "Art", "en": "Kind"},
    "export.col.upvotes": {"de": "Unterstützung", "en": "Upvotes"},
    "export.col.phase": {"de": "Phase", "en": "Phase"},
    "export.col.note": {"de": "Notiz", "en": "Note"},
    "export.col.status": {"de": "Status", "en": "Status"},
    "export.col.answer": {"de": "Antwort", "en": "Answer"},
    "export.col.about_option": {"de": "Zu Option", "en": "About option"},
    "export.col.resistance_total": {
        "de": "Summe der Widerstände",
        "en": "Resistance (total)",
    },
    "export.col.resistance_mean": {"de": "Mittelwert", "en": "Mean"},
    "export.col.resistance_median": {"de": "Median", "en": "Median"},
    "export.col.high": {"de": "Starker Widerstand (ab 7)", "en": "Strong resistance (7+)"},
    "export.col.acceptance": {"de": "Akzeptanz", "en": "Acceptance"},
    "export.col.resistance_rank": {"de": "Rang (Widerstand)", "en": "Rank (resistance)"},
    "export.col.least": {"de": "Geringster Widerstand", "en": "Least resistance"},
    "export.col.beats_status_quo": {
        "de": "Weniger Widerstand als „So bleiben wie heute“",
        "en": "Less resistance than “Keep as today”",
    },
    # --- sentences ---------------------------------------------------------------------------
    # --- chart titles ------------------------------------------------------------------------
    "export.chart.ranking": {
        "de": "Rangfolge der Gruppe, Runde {number}",
        "en": "Group ranking, round {number}",
    },
    "export.chart.weights": {
        "de": "Gewichte der Gruppe mit der mittleren Hälfte der Meinungen, Runde {number}",
        "en": "Group weights with the middle half of opinions, round {number}",
    },
    "export.chart.votes": {"de": "Abstimmung, Runde {number}", "en": "Vote, round {number}"},
    "export.chart.resistance": {
        "de": "Widerstand je Option, Runde {number}",
        "en": "Resistance per option, round {number}",
    },
    "export.chart.shift": {
        "de": "Gewichte in Runde {before} und Runde {after}",
        "en": "Weights in round {before} and round {after}",
    },
    # --- the decision record -----------------------------------------------------------------
    "export.record.kind": {"de": "Ergebnisprotokoll", "en": "Decision record"},
    "export.record.as_of": {"de": "Stand", "en": "As of"},
    "export.record.rounds": {"de": "Runden", "en": "Rounds"},
    "export.record.dots_mode": {
        "de": "{mode} ({budget} je Person, höchstens {cap} je Option)",
        "en": "{mode} ({budget} per person, at most {cap} per option)",
    },
    "export.record.privacy": {
        "de": "Alle Beiträge sind anonym. Ergebnisse einer Runde erscheinen erst ab {threshold} "
        "abgegebenen Gewichtungen; darunter nennt dieses Ergebnisprotokoll nur Anzahlen.",
        "en": "All input is anonymous. A round's results appear only once {threshold} sets of "
        "weights are in; below that, this decision record gives counts only.",
    },
    "export.record.phases": {"de": "Ablauf und Notizen", "en": "Phases and notes"},
    "export.record.no_note": {"de": "Keine Notiz.", "en": "No note."},
    "export.record.counts_only": {
        "de": "Für diese Runde liegen {ballots} Gewichtungen vor – weniger als die "
        "Anonymitätsschwelle von {threshold}. Deshalb nennt das Ergebnisprotokoll nur Anzahlen.",
        "en": "This round has {ballots} sets of weights – fewer than the anonymity threshold of "
        "{threshold}. The decision record therefore gives counts only.",
    },
    "export.record.ranking": {"de": "Rangfolge und Robustheit", "en": "Ranking and robustness"},
    "export.record.weights": {
        "de": "Gewichte der Gruppe und Streuung",
        "en": "Group weights and spread",
    },
    "export.record.middle_half": {
        "de": "Mittlere Hälfte der Gruppe",
        "en": "Middle half of the group",
    },
    "export.record.disagreement": {
        "de": "Wo die Gruppe uneins ist:",
        "en": "Where the group disagrees:",
    },
    "export.record.no_alerts": {
        "de": "Bei allen Kriterien ist sich die Gruppe weitgehend einig.",
        "en": "The group largely agrees on every criterion.",
    },
    "export.record.kendall": {
        "de": "Übereinstimmung in der Reihenfolge der Kriterien (Kendalls W): {value}",
        "en": "Agreement on the order of the criteria (Kendall's W): {value}",
    },
    "export.record.votes": {"de": "Abstimmung", "en": "Vote"},
    "export.record.votes_counts_only": {
        "de": "{votes} Stimmen abgegeben – weniger als die Anonymitätsschwelle von "
        "{threshold}. Das Ergebnis der Abstimmung wird deshalb nicht genannt.",
        "en": "{votes} votes cast – fewer than the anonymity threshold of {threshold}. "
        "The result of the vote is therefore not given.",
    },
    "export.record.shift": {
        "de": "Veränderung seit Runde {number}",
        "en": "Change since round {number}",
    },
    "export.record.concerns_by_status": {
        "de": "Sorgen und Fragen",
        "en": "Concerns and questions",
    },
    "export.record.status_group": {"de": "{status} ({count})", "en": "{status} ({count})"},
    "export.record.resistance": {"de": "Widerstand", "en": "Resistance"},
    "export.record.resistance_counts_only": {
        "de": "{count} Teilnehmende haben ihren Widerstand eingeschätzt – zu wenige, um "
        "Ergebnisse zu zeigen (Anonymitätsschwelle {threshold}).",
        "en": "{count} participants rated their resistance – too few to show results "
        "(anonymity threshold {threshold}).",
    },
    "export.record.resistance_intro": {
        "de": "{count} Teilnehmende haben ihren Widerstand gegen jede Option von 0 (kein "
        "Widerstand) bis 10 (stärkster Widerstand) eingeschätzt. Je kleiner der "
        "Widerstandswert, desto eher trägt die Gruppe die Option mit.",
        "en": "{count} participants rated their resistance to each option from 0 (none) to 10 "
        "(strongest). The lower the total, the more readily the group would carry the option.",
    },
    "export.record.least_resisted": {
        "de": "Den geringsten Widerstand hat {options} (Widerstandswert {total}).",
        "en": "The least resistance goes to {options} (total {total}).",
    },
    "export.record.beats_status_quo": {
        "de": "Weniger Widerstand als „So bleiben wie heute“ (Widerstandswert {total}): {options}.",
        "en": "Less resistance than “Keep as today” (total {total}): {options}.",
    },
    "export.record.none_beats_status_quo": {
        "de": "Keine Option hat weniger Widerstand als „So bleiben wie heute“ "
        "(Widerstandswert {total}).",
        "en": "No option meets less resistance than “Keep as today” (total {total}).",
    },
    "export.record.disagree_winner": {
        "de": "{option} liegt in der Bewertung vorn, beim Widerstand aber erst auf Platz "
        "{resistance}: Was die Gruppe am besten bewertet, ist nicht das, wogegen sie am "
        "wenigsten Widerstand hat.",
        "en": "{option} leads the scores but is only in place {resistance} for resistance: "
        "what the group scores best is not what it resists least.",
    },
    "export.record.disagree_rank": {
        "de": "{option}: Platz {preference} in der Bewertung, Platz {resistance} beim Widerstand.",
        "en": "{option}: place {preference} in the scores, place {resistance} for resistance.",
    },
    "export.record.no_disagreement": {
        "de": "Bewertung und Widerstand weisen in dieselbe Richtung.",
        "en": "Scores and resistance point the same way.",
    },
    "export.record.roles": {"de": "Was ändert sich für wen?", "en": "What changes for whom?"},
    "export.record.roles_intro_pilot": {
        "de": "Für die Option im Pilot und die nächstplatzierte Option: was sich für jede "
        "Rolle ändert.",
        "en": "For the option being piloted and the next-placed option: what changes for each "
        "role.",
    },
    "export.record.roles_intro_top": {
        "de": "Für die zwei bestplatzierten Optionen der letzten Runde mit Ergebnissen: was "
        "sich für jede Rolle ändert.",
        "en": "For the two best-placed options of the last round with results: what changes "
        "for each role.",
    },
    "export.record.roles_none": {
        "de": "Noch keine Option steht fest (kein Pilot und keine Runde mit Ergebnissen).",
        "en": "No option stands out yet (no pilot and no round with results).",
    },
    "export.record.role_option_pilot": {"de": "{option} (Pilot)", "en": "{option} (pilot)"},
    "export.record.role_option_first": {"de": "{option} (Platz 1)", "en": "{option} (first)"},
    "export.record.role_option_next": {
        "de": "{option} (nächstplatziert)",
        "en": "{option} (next placed)",
    },
    "export.record.role_missing": {
        "de": "Für diese Option sind keine Rollenwechsel beschrieben.",
        "en": "No role changes are described for this option.",
    },
    "export.record.sources": {"de": "Quellen: {sources}", "en": "Sources: {sources}"},
    "export.record.pilot": {"de": "Pilot", "en": "Pilot"},
    "export.record.answer": {"de": "Antwort: {answer}", "en": "Answer: {answer}"},
    "export.record.comments": {"de": "Kommentare", "en": "Comments"},
    "export.record.none": {"de": "Keine.", "en": "None."},
    "export.record.hidden_left_out": {
        "de": "Von der Moderation ausgeblendet und hier nicht enthalten: {count}.",
        "en": "Hidden by the facilitator and not included here: {count}.",
    },
    "export.record.hidden_included": {
        "de": "Von der Moderation ausgeblendet, hier enthalten und markiert: {count}.",
        "en": "Hidden by the facilitator, included here and marked: {count}.",
    },
    "export.record.next_steps": {"de": "Nächste Schritte", "en": "Next steps"},
    "export.record.no_next_steps": {
        "de": "Noch keine nächsten Schritte notiert (sie kommen aus der Notiz zur Phase "
        "„Ergebnisse & nächste Schritte“).",
        "en": "No next steps noted yet (they come from the note for the phase “Results & next "
        "steps”).",
    },
    "export.record.page": {"de": "Seite {number}", "en": "Page {number}"},
    # the earlier workshop's results (a session imported from its JSON export)
    "export.record.earlier": {
        "de": "Ergebnisse des letzten Workshops",
        "en": "Results of the last workshop",
    },
    "export.record.earlier_intro": {
        "de": "Dieser Workshop setzt den Workshop „{title}“ fort (exportiert am {date}). Zum "
        "Vergleich stehen hier dessen Ergebnisse – so, wie die Gruppe sie damals gesehen hat. "
        "Die Runden dieses Workshops folgen danach.",
        "en": "This workshop continues the workshop “{title}” (exported on {date}). For "
        "comparison, here are its results as the group saw them then. This workshop's rounds "
        "follow below.",
    },
    "export.record.earlier_round": {
        "de": "Damals: Runde {number}",
        "en": "Then: round {number}",
    },
    "export.record.earlier_counts_only": {
        "de": "Diese Runde lag unter der Anonymitätsschwelle von {threshold}; bekannt sind nur "
        "Anzahlen.",
        "en": "This round was below the anonymity threshold of {threshold}; only counts are known.",
    },
    "export.record.earlier_more": {
        "de": "Die vollständige Rangfolge steht in der Tabelle „{sheet}“ der Excel- und "
        "CSV-Exporte.",
        "en": "The full ranking is in the table “{sheet}” of the Excel and CSV exports.",
    },
    "export.record.earlier_vote": {
        "de": "Abstimmung ({unit}): vorn lag {options} mit {total}.",
        "en": "Vote ({unit}): {options} led with {total}.",
    },
    "export.record.earlier_vote_none": {
        "de": "Abstimmung: {votes} Stimmen – unter der Anonymitätsschwelle, daher ohne Ergebnis.",
        "en": "Vote: {votes} votes – below the anonymity threshold, so no result.",
    },
    "export.record.earlier_vote_empty": {
        "de": "Abstimmung: Es wurden keine Punkte vergeben.",
        "en": "Vote: no points were given.",
    },
    "export.record.earlier_least": {
        "de": "Den geringsten Widerstand hatte {options}.",
        "en": "The least resistance went to {options}.",
    },
    "export.record.earlier_least_none": {
        "de": "Widerstand: {count} Einschätzungen – unter der Anonymitätsschwelle, daher ohne "
        "Ergebnis.",
        "en": "Resistance: {count} ratings – below the anonymity threshold, so no result.",
    },
    "export.record.round_then": {
        "de": "Runde {number} (aus dem letzten Workshop übernommen)",
        "en": "Round {number} (carried over from the last workshop)",
    },
    "export.record.round_now": {
        "de": "Runde {number} (dieser Workshop)",
        "en": "Round {number} (this workshop)",
    },
    "export.record.carried_over_empty": {
        "de": "Die Eingaben dieser Runde wurden nicht mit übernommen; ihre Ergebnisse stehen oben "
        "unter „Ergebnisse des letzten Workshops“.",
        "en": "This round's inputs were not carried over; its results are shown above under "
        "“Results of the last workshop”.",
    },
    # --- the console's Export tab ------------------------------------------------------------
    "export.tab": {"de": "Export", "en": "Export"},
    "export.intro": {
        "de": "Exporte gibt es jederzeit, auch mitten im Workshop: Jede Datei entsteht beim "
        "Klick und zeigt den Stand in diesem Moment.",
        "en": "Exports are available at any time, even mid-workshop: each file is made when you "
        "click and shows the workshop as it is at that moment.",
    },
    "export.include_hidden": {
        "de": "Ausgeblendete Beiträge einschließen",
        "en": "Include hidden posts",
    },
    "export.include_hidden_help": {
        "de": "Standardmäßig bleiben Beiträge, die Sie ausgeblendet haben, draußen.",
        "en": "By default, posts you have hidden are left out.",
    },
    "export.individual": {
        "de": "Einzelne Eingaben beifügen (pseudonymisiert)",
        "en": "Add individual inputs (pseudonymised)",
    },
    "export.individual_help": {
        "de": "Standardmäßig enthalten Exporte nur Gruppenergebnisse und Anzahlen. "
        "Eingeschaltet kommen die Schieberegler und Stimmen jeder Person hinzu – unter einem "
        "Pseudonym, das für jeden Export neu ausgelost wird, ohne Bereich und erst ab der "
        "Anonymitätsschwelle. Das braucht es nur, um den Workshop aus der JSON-Datei "
        "vollständig wiederherzustellen oder selbst nachzurechnen.",
        "en": "By default, exports hold only group results and counts. Switched on, they add "
        "each person's sliders and vote – under a pseudonym drawn anew for every export, "
        "without an area, and only from the anonymity threshold on. You only need this to "
        "restore the workshop completely from the JSON file or to recalculate it yourself.",
    },
    "export.step.snapshot": {
        "de": "Stand des Workshops wird gelesen …",
        "en": "Reading the workshop …",
    },
    "export.step.chart": {"de": "„{title}“ wird gezeichnet …", "en": "Drawing “{title}” …"},
    "export.charts_make": {"de": "Diagramme zeichnen", "en": "Draw the charts"},
    "export.charts_again": {"de": "Neu zeichnen", "en": "Draw again"},
    "export.charts_as_of": {"de": "Stand {time}", "en": "As of {time}"},
    "export.stale": {
        "de": "Seitdem hat sich im Workshop etwas geändert.",
        "en": "The workshop has changed since then.",
    },
    "export.format.xlsx": {"de": "Excel-Arbeitsmappe", "en": "Excel workbook"},
    "export.format.csv": {"de": "CSV-Tabellen (ZIP)", "en": "CSV tables (zip)"},
    "export.format.json": {"de": "JSON zum Weiterarbeiten", "en": "JSON to continue later"},
    "export.format.html": {"de": "Ergebnisprotokoll (HTML)", "en": "Decision record (HTML)"},
    "export.format.pdf": {"de": "Ergebnisprotokoll (PDF)", "en": "Decision record (PDF)"},
    "export.format.charts": {"de": "Alle Diagramme (PNG, ZIP)", "en": "All charts (PNG, zip)"},
    "export.format_help.xlsx": {
        "de": "Alle Tabellen mit Überschriften in der Sprache des Workshops.",
        "en": "Every table, with headers in the workshop's language.",
    },
    "export.format_help.csv": {
        "de": "Dieselben Tabellen als CSV (UTF-8), getrennt wie in der Sprache des Workshops "
        "üblich: deutsch mit Semikolon und Dezimalkomma, englisch mit Komma.",
        "en": "The same tables as CSV (UTF-8), separated as usual in the workshop's language: "
        "German with semicolons and decimal commas, English with commas.",
    },
    "export.format_help.json": {
        "de": "Lässt sich als neuer Workshop wieder einlesen, z. B. für einen Folgetermin. Die "
        "Gruppenergebnisse der Runden kommen immer mit und erscheinen dort als „Ergebnisse des "
        "letzten Workshops“; die einzelnen Eingaben (zum Weiterrechnen) nur, wenn „Einzelne "
        "Eingaben beifügen“ eingeschaltet ist.",
        "en": "Can be imported again as a new workshop, e.g. for a follow-up meeting. The "
        "rounds' group results always come along and appear there as “Results of the last "
        "workshop”; the individual inputs (to keep calculating) only with “Add individual "
        "inputs” switched on.",
    },
    "export.format_help.html": {
        "de": "Zum Lesen im Browser und zum Drucken.",
        "en": "For reading in a browser and printing.",
    },
    "export.format_help.pdf": {
        "de": "Zum Weitergeben an Leitung, Betriebsrat und Pilotteams.",
        "en": "For passing on to management, the works council and the pilot teams.",
    },
    "export.format_help.charts": {
        "de": "Jedes Diagramm der Projektion als Bild für Folien.",
        "en": "Every chart of the wall as an image for slides.",
    },
    "export.charts_title": {"de": "Diagramme für Folien", "en": "Charts for slides"},
    "export.no_charts": {
        "de": "Diagramme gibt es, sobald eine Runde die Anonymitätsschwelle erreicht hat.",
        "en": "Charts appear once a round has reached the anonymity threshold.",
    },
    "export.chart_download": {"de": "PNG herunterladen", "en": "Download PNG"},
    "export.link_title": {"de": "Direkte Download-Links", "en": "Direct download links"},
    "export.link_hint": {
        "de": "Diese Links enthalten Ihren Moderationsschlüssel – nur an Vertrauenspersonen "
        "weitergeben.",
        "en": "These links contain your facilitator key – share them only with people you trust.",
    },
    "export.failed": {
        "de": "Der Export ist fehlgeschlagen. Bitte versuchen Sie es noch einmal.",
        "en": "The export failed. Please try again.",
    },
    # --- import ------------------------------------------------------------------------------
    "export.import_title": {
        "de": "Workshop aus JSON fortsetzen",
        "en": "Continue a workshop from JSON",
    },
    "export.import_intro": {
        "de": "Eine JSON-Datei aus einem früheren Workshop wird zu einem neuen Workshop mit "
        "eigenem Code und eigenem Moderationsschlüssel. Der aktuelle Workshop bleibt unverändert.",
        "en": "A JSON file from an earlier workshop becomes a new workshop with its own code and "
        "facilitator key. The current workshop stays as it is.",
    },
    "export.import_file": {"de": "JSON-Datei", "en": "JSON file"},
    "export.import_button": {"de": "Als neuen Workshop anlegen", "en": "Create as a new workshop"},
    "export.import_where": {
        "de": "Stelle in der Datei: {where}",
        "en": "Place in the file: {where}",
    },
    "export.import_error.too_large": {
        "de": "Die Datei ist zu groß für einen Workshop-Export.",
        "en": "The file is too large for a workshop export.",
    },
    "export.import_error.not_json": {
        "de": "Die Datei ist kein gültiges JSON (oder nicht UTF-8-kodiert).",
        "en": "The file is not valid JSON (or not UTF-8 encoded).",
    },
    "export.import_error.too_deep": {
        "de": "Die Datei ist zu tief verschachtelt – so sieht kein Workshop-Export aus.",
        "en": "The file is nested too deeply – no workshop export looks like this.",
    },
    "export.import_error.foreign": {
        "de": "Das ist kein Workshop-Export dieser App.",
        "en": "This is not a workshop export from this app.",
    },
    "export.import_error.version": {
        "de": "Diese Datei stammt aus einer anderen Version der App und kann hier nicht "
        "eingelesen werden.",
        "en": "This file comes from another version of the app and cannot be read here.",
    },
    "export.import_error.missing": {
        "de": "In der Datei fehlt eine nötige Angabe – sie ist unvollständig oder wurde verändert.",
        "en": "The file lacks a required field – it is incomplete or has been altered.",
    },
    "export.import_error.unexpected": {
        "de": "Die Datei enthält eine unbekannte Angabe – sie wurde verändert oder stammt "
        "nicht aus dieser App.",
        "en": "The file contains an unknown field – it has been altered or does not come from "
        "this app.",
    },
    "export.import_error.type": {
        "de": "Eine Angabe in der Datei hat die falsche Art (z. B. Text statt Zahl).",
        "en": "A field in the file has the wrong kind of value (e.g. text instead of a number).",
    },
    "export.import_error.value": {
        "de": "Eine Angabe in der Datei passt nicht (außerhalb des erlaubten Bereichs, "
        "unbekannt oder widersprüchlich).",
        "en": "A value in the file does not fit (out of range, unknown or inconsistent).",
    },
    "export.import_error.text": {
        "de": "Ein Text in der Datei ist zu lang, leer oder enthält unzulässige Zeichen.",
        "en": "A text in the file is too long, empty or contains characters that are not allowed.",
    },
    "export.import_error.pack": {
        "de": "Die Inhalte (Kriterien und Optionen) in der Datei sind nicht gültig.",
        "en": "The content (criteria and options) in the file is not valid.",
    },
    "export.import_nothing_created": {
        "de": "Es wurde nichts angelegt.",
        "en": "Nothing was created.",
    },
}
