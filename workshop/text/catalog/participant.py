"""UI texts of the participant's phone."""

TEXTS: dict[str, dict[str, str]] = {
    "participant.not_joined": {
        "de": "Sie sind noch keinem Workshop beigetreten. Scannen Sie den QR-Code auf der "
        "Projektion oder geben Sie auf der Startseite den Code ein.",
        "en": "You have not joined a workshop yet. Scan the QR code on the wall or enter the "
        "code on the start page.",
    },
    "participant.to_start": {"de": "Zur Startseite", "en": "Go to the start page"},
    "participant.welcome_intro": {
        "de": "Schön, dass Sie dabei sind. Ihre Eingaben bleiben anonym: Ergebnisse sieht die "
        "Gruppe nur zusammengefasst und erst ab einer Mindestzahl an Teilnehmenden. "
        "Was beschäftigt Sie, wenn wir über Verantwortung im Service sprechen?",
        "en": "Good to have you here. Your input stays anonymous: the group only sees "
        "combined results, and only from a minimum number of participants. "
        "What is on your mind when we talk about responsibility in service?",
    },
    "participant.profile_title": {
        "de": "Optional: Name und Bereich",
        "en": "Optional: name and area",
    },
    "participant.nickname": {"de": "Spitzname (optional)", "en": "Nickname (optional)"},
    "participant.nickname_help": {
        "de": "Nur auf Ihrem Handy sichtbar; weder die Moderation noch Ergebnisse oder Exporte "
        "zeigen ihn.",
        "en": "Shown only on your phone; neither the facilitator nor results or exports show it.",
    },
    "participant.role_group": {"de": "Ihr Bereich (optional)", "en": "Your area (optional)"},
    "participant.role_group_none": {"de": "Keine Angabe", "en": "Prefer not to say"},
    "participant.role_group_help": {
        "de": "Ihr Bereich erscheint nur in Exporten als Zahl der Personen je Bereich – nie "
        "neben Ihren Eingaben, und kleine Bereiche gar nicht.",
        "en": "Your area appears only in exports, as the number of people per area – never "
        "next to your input, and small areas not at all.",
    },
    "participant.profile_save": {"de": "Speichern", "en": "Save"},
    "participant.concerns_title": {"de": "Sorgen und Fragen", "en": "Concerns and questions"},
    "participant.concerns_hint": {
        "de": "Zum Beispiel: „Wie verändert sich meine Rolle?“ oder „Bin ich für mehr "
        "Verantwortung gerüstet?“ Unterstützen Sie Beiträge anderer mit ▲.",
        "en": "For example: “How does my role change?” or “Am I equipped for more "
        "responsibility?” Upvote other people's posts with ▲.",
    },
    "participant.concern_kind": {"de": "Art", "en": "Kind"},
    "participant.kind.concern": {"de": "Sorge", "en": "Concern"},
    "participant.kind.question": {"de": "Frage", "en": "Question"},
    "participant.concern_text": {"de": "Ihr Beitrag", "en": "Your post"},
    "participant.concern_send": {"de": "Absenden", "en": "Post"},
    "participant.concern_sent": {
        "de": "Danke! Ihr Beitrag ist angekommen.",
        "en": "Thank you! Your post has been received.",
    },
    "participant.concern_empty": {
        "de": "Bitte schreiben Sie zuerst etwas.",
        "en": "Please write something first.",
    },
    "participant.upvote": {"de": "Unterstützen", "en": "Upvote"},
    "participant.upvote_undo": {"de": "Unterstützung zurücknehmen", "en": "Remove upvote"},
    "participant.locked": {
        "de": "{what}: Die Moderation hat diese Eingabe gerade geschlossen.",
        "en": "{what}: the facilitator has closed this input for now.",
    },
    "participant.weigh_intro": {
        "de": "Wie wichtig ist Ihnen jedes Kriterium für die Entscheidung? Es gibt kein "
        "Richtig oder Falsch – die Gewichte müssen sich nicht zu 100 addieren. Das "
        "Fragezeichen neben einem Kriterium erklärt, was es bedeutet und woran man sieht, ob "
        "ein Modell es schwach oder gut erfüllt.",
        "en": "How much does each criterion matter to you for this decision? There is no right "
        "or wrong – the weights need not add up to 100. The question mark next to a criterion "
        "explains what it means and how to tell whether a model serves it poorly or well.",
    },
    "participant.weights_saved": {
        "de": "Ihre Gewichtung ist gespeichert. Sie können sie weiter anpassen.",
        "en": "Your weights are saved. You can keep adjusting them.",
    },
    "participant.weights_not_saved": {
        "de": "Noch nicht abgegeben: Verschieben Sie einen Regler oder bestätigen Sie die "
        "Werte, wie sie sind.",
        "en": "Not submitted yet: move a slider or confirm the values as they are.",
    },
    "participant.weights_unsaved": {
        "de": "Ihre letzte Änderung ist nicht gespeichert. Die Regler zeigen weiter Ihre Werte – "
        "tippen Sie auf „Gewichtung erneut senden“, damit sie zählen.",
        "en": "Your last change is not saved. The sliders still show your values – tap "
        "“Send my weights again” so that they count.",
    },
    "participant.resend_weights": {
        "de": "Gewichtung erneut senden",
        "en": "Send my weights again",
    },
    "participant.confirm_weights": {
        "de": "Diese Gewichtung abgeben",
        "en": "Submit these weights",
    },
    "participant.my_ranking": {"de": "Ihre Rangfolge", "en": "Your ranking"},
    "participant.leader": {
        "de": "Mit Ihren Gewichten vorn: {name} ({score})",
        "en": "In the lead with your weights: {name} ({score})",
    },
    "participant.leader_tied": {
        "de": "Mit Ihren Gewichten gleichauf vorn: {name} ({score})",
        "en": "Tied for the lead with your weights: {name} ({score})",
    },
    "participant.ranking_hint": {
        "de": "So schneiden die Modelle mit Ihren Gewichten im Kontext der Gruppe ab "
        "(100 % = bei jedem Kriterium bestmöglich).",
        "en": "How the models score with your weights in the group's context "
        "(100 % = best possible on every criterion).",
    },
    "participant.context_intro": {
        "de": "Die Moderation hält gemeinsam mit Ihnen fest, wie unsere Einheit heute aussieht. "
        "Der Kontext verändert, wie gut ein Modell zu uns passt – nicht, was uns wichtig ist.",
        "en": "Together with you, the facilitator records what our unit looks like today. "
        "Context changes how well a model fits us – not what matters to us.",
    },
    "participant.options_intro": {
        "de": "Hier sehen Sie die reinen Modelle und Mischformen. Bei den Mischformen können Sie "
        "einstellen, wie sie aussehen – die Rangfolge passt sich sofort an.",
        "en": "Here are the pure models and the hybrids. For the hybrids you can set what they "
        "look like – the ranking updates at once.",
    },
    "participant.adjust_weights": {
        "de": "Meine Gewichtung anpassen",
        "en": "Adjust my weights",
    },
    "participant.hybrids_title": {"de": "Mischformen einstellen", "en": "Shape the hybrids"},
    "participant.hybrids_hint": {
        "de": "Ganz links entspricht jede Mischform einem reinen Modell, eine Aufteilung ganz "
        "rechts dem anderen. Dazwischen bekommt jeder Teil die Arbeit, die zu ihm passt – das kann "
        "besser sein als beide reinen Modelle. Dafür kosten zwei Modelle nebeneinander Abstimmung, "
        "und die Zuteilung an bekannte Personen kostet Wartezeit und Vertretung.",
        "en": "At the far left every hybrid equals one pure model, and a split at the far "
        "right equals the other. In between, each part gets the work that suits it, which can "
        "beat both pure models. But running two models side by side costs coordination, and "
        "routing to a known person costs waiting time and cover.",
    },
    "participant.comment_title": {"de": "Kommentieren", "en": "Comment"},
    "participant.comment_on": {
        "de": "Ihr Kommentar bezieht sich auf …",
        "en": "Your comment is about …",
    },
    "participant.comment_general": {"de": "Allgemein", "en": "General"},
    "participant.comment_text": {"de": "Ihr Kommentar", "en": "Your comment"},
    "participant.comment_send": {"de": "Kommentar senden", "en": "Send comment"},
    "participant.comment_sent": {
        "de": "Danke! Ihr Kommentar ist angekommen.",
        "en": "Thank you! Your comment has been received.",
    },
    "participant.comment_empty": {
        "de": "Bitte schreiben Sie zuerst etwas.",
        "en": "Please write something first.",
    },
    "participant.vote_saved": {
        "de": "Ihre Stimme ist gespeichert. Bis die Abstimmung schließt, können Sie sie ändern.",
        "en": "Your vote is saved. You can change it until voting closes.",
    },
    "participant.vote_not_saved": {
        "de": "Diese Stimme ist nicht gespeichert. Ihre Auswahl bleibt stehen – tippen Sie gleich "
        "noch einmal auf „Stimme abgeben“.",
        "en": "This vote is not saved. Your choice stays as it is – tap “Cast my vote” again in "
        "a moment.",
    },
    "participant.vote_not_saved_earlier": {
        "de": "Diese Stimme ist nicht gespeichert, es zählt weiter Ihre bisherige Stimme. Ihre "
        "Auswahl bleibt stehen – tippen Sie gleich noch einmal auf „Stimme abgeben“.",
        "en": "This vote is not saved; your earlier vote still counts. Your choice stays as it "
        "is – tap “Cast my vote” again in a moment.",
    },
    "participant.vote_changed": {
        "de": "Sie haben Ihre Auswahl geändert. Tippen Sie auf „Stimme abgeben“, damit die "
        "Änderung zählt – bis dahin gilt Ihre bisherige Stimme.",
        "en": "You changed your choice. Tap “Cast my vote” to make the change count – until "
        "then your earlier vote stands.",
    },
    "participant.vote_single": {
        "de": "Welches Modell sollen wir als Nächstes erproben?",
        "en": "Which model should we pilot next?",
    },
    "participant.vote_choice": {"de": "Ihre Wahl", "en": "Your choice"},
    "participant.vote_dots": {
        "de": "Verteilen Sie bis zu {budget} Klebepunkte, höchstens {cap} auf eine Option.",
        "en": "Place up to {budget} dots, at most {cap} on any one option.",
    },
    "participant.dots_none": {
        "de": "Noch keine Klebepunkte verteilt – Sie haben {budget}.",
        "en": "No dots placed yet – you have {budget}.",
    },
    "participant.dots_left": {
        "de": "Noch {left} von {budget} Klebepunkten frei.",
        "en": "{left} of {budget} dots left.",
    },
    "participant.dots_over": {
        "de": "Zu viele Klebepunkte: {spent} von höchstens {budget}. "
        "Bitte nehmen Sie {over} zurück.",
        "en": "Too many dots: {spent} of at most {budget}. Please take {over} back.",
    },
    "participant.vote_ranking": {
        "de": "Ordnen Sie die Optionen der Reihe nach ein – die beste zuerst. Mit ▲ und ▼ "
        "verschieben Sie eine Option; Optionen ohne Platz bekommen keine Punkte.",
        "en": "Rank the options in order of preference, best first. Move an option with ▲ and "
        "▼; options without a place get no points.",
    },
    "participant.vote_order": {"de": "Ihre Reihenfolge", "en": "Your order"},
    "participant.vote_again": {
        "de": "Die Moderation hat die Art der Abstimmung geändert. Ihre bisherige Stimme zählt "
        "nicht mehr – bitte stimmen Sie noch einmal ab.",
        "en": "The facilitator changed how we vote. Your earlier vote no longer counts – please "
        "vote again.",
    },
    "participant.rank_place": {"de": "Platz {place}", "en": "Place {place}"},
    "participant.rank_empty": {
        "de": "Noch keine Option eingeordnet – tippen Sie unten auf „Einordnen“.",
        "en": "No option ranked yet – tap “Rank” below.",
    },
    "participant.rank_unranked": {"de": "Noch nicht eingeordnet", "en": "Not ranked yet"},
    "participant.rank_add": {"de": "Einordnen", "en": "Rank"},
    "participant.rank_add_help": {
        "de": "Als nächsten Platz in Ihre Reihenfolge aufnehmen",
        "en": "Add as the next place in your order",
    },
    "participant.rank_up": {"de": "Einen Platz nach oben", "en": "Move up one place"},
    "participant.rank_down": {"de": "Einen Platz nach unten", "en": "Move down one place"},
    "participant.rank_remove": {"de": "Aus der Reihenfolge nehmen", "en": "Take out of the order"},
    "participant.vote_result": {"de": "Ergebnis der Abstimmung", "en": "Result of the vote"},
    "participant.vote_result_hint": {
        "de": "{votes} Stimmen. {how}",
        "en": "{votes} votes. {how}",
    },
    "participant.vote_how.single": {
        "de": "Je Option die Stimmen und ihr Anteil.",
        "en": "Votes per option and their share.",
    },
    "participant.vote_how.dots": {
        "de": "Je Option die Klebepunkte und ihr Anteil.",
        "en": "Dots per option and their share.",
    },
    "participant.vote_how.ranking": {
        "de": "Punkte nach Rangfolge (Borda): Platz 1 bekommt die meisten.",
        "en": "Points by rank (Borda): first place gets the most.",
    },
    "participant.vote_amount.single": {
        "de": "{n} Stimmen · {share}",
        "en": "{n} votes · {share}",
    },
    "participant.vote_amount.dots": {
        "de": "{n} Klebepunkte · {share}",
        "en": "{n} dots · {share}",
    },
    "participant.vote_amount.ranking": {"de": "{n} Punkte", "en": "{n} points"},
    "participant.vote_amount.single.one": {
        "de": "1 Stimme · {share}",
        "en": "1 vote · {share}",
    },
    "participant.vote_amount.dots.one": {
        "de": "1 Klebepunkt · {share}",
        "en": "1 dot · {share}",
    },
    "participant.vote_amount.ranking.one": {"de": "1 Punkt", "en": "1 point"},
    "participant.vote_too_few": {
        "de": "Erst {votes} Stimmen – das Ergebnis der Abstimmung erscheint zum Schutz der "
        "Anonymität ab {threshold}.",
        "en": "Only {votes} votes so far – to protect anonymity, the result of the vote appears "
        "from {threshold}.",
    },
    "participant.weight_help": {
        "de": "Der Regler sagt, wie wichtig Ihnen das ist: 0 = spielt keine Rolle, "
        "10 = entscheidend.",
        "en": "The slider says how much this matters to you: 0 = does not matter, 10 = decisive.",
    },
    "participant.vote_send": {"de": "Stimme abgeben", "en": "Cast my vote"},
    "participant.results_hidden": {
        "de": "Die Ergebnisse der Gruppe erscheinen, sobald die Moderation sie freigibt.",
        "en": "The group's results appear as soon as the facilitator reveals them.",
    },
    "participant.too_few": {
        "de": "Erst {n} Gewichtungen – Ergebnisse gibt es zum Schutz der Anonymität "
        "ab {threshold}.",
        "en": "Only {n} sets of weights so far – to protect anonymity, results start at "
        "{threshold}.",
    },
    "participant.me_vs_group": {
        "de": "Meine Gewichtung und die der Gruppe",
        "en": "My weights and the group's",
    },
    "participant.me_vs_group_hint": {
        "de": "Anteil am Gesamtgewicht; Gruppe = Median aus {n} Gewichtungen. "
        "Oben steht, wo Sie am meisten von der Gruppe abweichen.",
        "en": "Share of the total weight; group = median of {n} sets of weights. "
        "Where you differ most from the group comes first.",
    },
    "participant.you": {"de": "Sie", "en": "you"},
    "participant.group": {"de": "Gruppe", "en": "group"},
    "participant.group_ranking": {
        "de": "Rangfolge mit den Gewichten der Gruppe",
        "en": "Ranking with the group's weights",
    },
    # --- issue 16: resistance, "what changes for me", concern status, the pilot --------------
    "participant.resistance_intro": {
        "de": "Wie stark ist Ihr Widerstand gegen jede Option? 0 = kein Widerstand, "
        "10 = stärkster Widerstand. Auch „So bleiben wie heute“ ist eine Option. Die Option, "
        "gegen die die Gruppe den geringsten Widerstand hat, kann sie am besten mittragen.",
        "en": "How strongly do you resist each option? 0 = no resistance, 10 = strongest "
        "resistance. “Keep as today” is an option too. The option the group resists least is "
        "the one it can best carry.",
    },
    "participant.resistance_scale": {
        "de": "0 = kein Widerstand · 10 = stärkster Widerstand",
        "en": "0 = no resistance · 10 = strongest resistance",
    },
    "participant.resistance_send": {"de": "Widerstand speichern", "en": "Save my resistance"},
    "participant.resistance_not_saved": {
        "de": "Noch nicht gespeichert: Stellen Sie die Regler ein und tippen Sie auf "
        "„Widerstand speichern“ – auch wenn alles auf 0 bleiben soll.",
        "en": "Not saved yet: set the sliders and tap “Save my resistance” – even if "
        "everything is to stay at 0.",
    },
    "participant.resistance_changed": {
        "de": "Geändert, aber noch nicht gespeichert. Tippen Sie auf „Widerstand speichern“ – "
        "bis dahin gilt Ihre bisherige Einschätzung.",
        "en": "Changed but not saved yet. Tap “Save my resistance” – until then your earlier "
        "rating stands.",
    },
    "participant.resistance_saved": {
        "de": "Ihr Widerstand ist gespeichert. Solange die Eingabe offen ist, können Sie ihn "
        "ändern.",
        "en": "Your resistance is saved. You can change it while the input is open.",
    },
    "participant.resistance_failed": {
        "de": "Nicht gespeichert. Die Regler zeigen weiter Ihre Werte – tippen Sie gleich noch "
        "einmal auf „Widerstand speichern“.",
        "en": "Not saved. The sliders still show your values – tap “Save my resistance” again "
        "in a moment.",
    },
    "participant.resistance_failed_earlier": {
        "de": "Nicht gespeichert, es gilt weiter Ihre bisherige Einschätzung. Die Regler zeigen "
        "Ihre neuen Werte – tippen Sie gleich noch einmal auf „Widerstand speichern“.",
        "en": "Not saved; your earlier rating still stands. The sliders show your new values – "
        "tap “Save my resistance” again in a moment.",
    },
    "participant.lower_title": {
        "de": "Was würde Ihren Widerstand senken?",
        "en": "What would lower your resistance?",
    },
    "participant.lower_option": {"de": "Ihr Widerstand gegen …", "en": "Your resistance to …"},
    "participant.lower_text": {
        "de": "Was müsste sich ändern oder geklärt werden?",
        "en": "What would need to change or be settled?",
    },
    "participant.lower_send": {"de": "Absenden", "en": "Send"},
    "participant.lower_sent": {
        "de": "Danke! Ihr Hinweis steht jetzt bei den Sorgen und Fragen.",
        "en": "Thank you! Your note is now among the concerns and questions.",
    },
    "participant.resistance_group": {
        "de": "Widerstand der Gruppe",
        "en": "The group's resistance",
    },
    "participant.resistance_count": {
        "de": "{n} Personen haben ihren Widerstand eingeschätzt.",
        "en": "{n} people have rated their resistance.",
    },
    "participant.resistance_count.one": {
        "de": "1 Person hat ihren Widerstand eingeschätzt.",
        "en": "1 person has rated their resistance.",
    },
    "participant.resistance_too_few": {
        "de": "Das Ergebnis erscheint zum Schutz der Anonymität ab {threshold} Einschätzungen.",
        "en": "To protect anonymity, the result appears from {threshold} ratings.",
    },
    "participant.resistance_least": {
        "de": "Den geringsten Widerstand hat: {name}",
        "en": "Least resisted: {name}",
    },
    "participant.resistance_least_tied": {
        "de": "Gleich geringen Widerstand haben: {name}",
        "en": "Tied as least resisted: {name}",
    },
    "participant.resistance_group_hint": {
        "de": "Je Option die Summe aller Werte (weniger ist besser) und wie viele Personen "
        "{level} oder mehr gegeben haben.",
        "en": "Per option, the sum of all ratings (lower is better) and how many people gave "
        "{level} or more.",
    },
    "participant.resistance_line": {
        "de": "Summe {total} · {high} × {level} oder mehr",
        "en": "total {total} · {high} × {level} or more",
    },
    "participant.role_changes_title": {
        "de": "Was ändert sich für mich?",
        "en": "What changes for me?",
    },
    "participant.role_changes_hint": {
        "de": "Wählen Sie eine Rolle und eine Option. Ihre Auswahl bleibt auf Ihrem Handy und "
        "wird nirgends gespeichert.",
        "en": "Choose a role and an option. Your choice stays on your phone and is not saved "
        "anywhere.",
    },
    "participant.role_pick": {"de": "Rolle", "en": "Role"},
    "participant.role_option": {"de": "Option", "en": "Option"},
    "participant.role_no_change": {
        "de": "Für diese Rolle und Option beschreibt das Inhaltspaket keine Veränderung.",
        "en": "The content pack describes no change for this role under this option.",
    },
    "participant.role_sources": {"de": "Quellen: {sources}", "en": "Sources: {sources}"},
    "participant.concern_about": {"de": "zu: {option}", "en": "about: {option}"},
    "participant.concern_answer": {
        "de": "Antwort der Moderation: {answer}",
        "en": "Facilitator's answer: {answer}",
    },
    "participant.pilot_title": {"de": "Wie es weitergeht", "en": "What happens next"},
    "participant.pilot_option": {"de": "Wir erproben", "en": "We will pilot"},
    "participant.pilot_team": {"de": "Team", "en": "Team"},
    "participant.pilot_duration": {"de": "Dauer", "en": "Duration"},
    "participant.pilot_weeks": {"de": "{n} Wochen", "en": "{n} weeks"},
    "participant.pilot_weeks.one": {"de": "1 Woche", "en": "1 week"},
    "participant.pilot_measures": {"de": "Woran wir es messen", "en": "How we measure it"},
    "participant.pilot_review": {"de": "Gemeinsamer Rückblick", "en": "Review together"},
}
