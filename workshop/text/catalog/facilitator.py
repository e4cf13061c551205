"""UI texts of the facilitator's console (and the start page)."""

TEXTS: dict[str, dict[str, str]] = {
    "home.join_title": {"de": "Einem Workshop beitreten", "en": "Join a workshop"},
    "home.code_label": {"de": "Workshop-Code", "en": "Workshop code"},
    "home.join_button": {"de": "Beitreten", "en": "Join"},
    "home.code_invalid": {
        "de": "Ein Code hat sechs Zeichen, zum Beispiel 4KX7PQ. Bitte prüfen Sie die Eingabe.",
        "en": "A code has six characters, for example 4KX7PQ. Please check your entry.",
    },
    "home.create": {"de": "Workshop moderieren", "en": "Facilitate a workshop"},
    "facilitator.create_title": {"de": "Neuen Workshop anlegen", "en": "Create a new workshop"},
    "facilitator.create_intro": {
        "de": "Sie führen die Gruppe durch sieben Phasen – vom Sammeln der Sorgen und Fragen bis "
        "zur Entscheidung, was erprobt wird. Teilnehmende brauchen kein Konto, nur ihr Handy.",
        "en": "You guide the group through seven phases – from collecting concerns and questions "
        "to deciding what to pilot. Participants need no account, only their phone.",
    },
    "facilitator.title": {"de": "Titel", "en": "Title"},
    "facilitator.title_default": {
        "de": "Fall oder Kunde? Verantwortung im Service",
        "en": "Case or customer? Responsibility in service",
    },
    "facilitator.session_language": {
        "de": "Sprache des Workshops",
        "en": "Language of the workshop",
    },
    "facilitator.threshold": {"de": "Anonymitätsschwelle", "en": "Anonymity threshold"},
    "facilitator.threshold_help": {
        "de": "Gruppenergebnisse erscheinen erst ab so vielen Teilnehmenden (mindestens 3, "
        "üblich sind 5). Darunter zeigt die App nur, wie viele schon abgegeben haben.",
        "en": "Group results appear only from this many participants (at least 3, usually 5). "
        "Below that, the app only shows how many have submitted.",
    },
    "facilitator.vote_mode": {"de": "Abstimmungsart", "en": "Voting method"},
    "facilitator.vote_mode.single": {"de": "Eine Stimme", "en": "Single choice"},
    "facilitator.vote_mode.dots": {"de": "Klebepunkte", "en": "Dot voting"},
    "facilitator.vote_mode.ranking": {"de": "Rangfolge", "en": "Ranking"},
    "facilitator.dot_budget": {"de": "Klebepunkte je Person", "en": "Dots per person"},
    "facilitator.dot_cap": {"de": "Höchstens je Option", "en": "At most per option"},
    "facilitator.role_groups": {"de": "Bereiche (optional)", "en": "Areas (optional)"},
    "facilitator.role_groups_help": {
        "de": "Durch Kommas getrennt, z. B. Service, Vertrieb, IT. Teilnehmende können sich "
        "freiwillig zuordnen. Exporte nennen nur die Zahl der Personen je Bereich, und nur "
        "wo das niemanden erkennbar macht.",
        "en": "Separated by commas, e.g. Service, Sales, IT. Participants may pick one if they "
        "wish. Exports give only the number of people per area, and only where that makes "
        "nobody recognisable.",
    },
    "facilitator.create_button": {"de": "Workshop anlegen", "en": "Create workshop"},
    "facilitator.demo_title": {"de": "Erst einmal ausprobieren?", "en": "Try it first?"},
    "facilitator.demo_hint": {
        "de": "Legt einen Workshop mit zwölf simulierten Teilnehmenden an, damit Sie "
        "Moderationsansicht und Projektion in Ruhe kennenlernen können.",
        "en": "Creates a workshop with twelve simulated participants so you can get to know the "
        "facilitator console and the wall on your own.",
    },
    "facilitator.demo_button": {"de": "Demo-Workshop öffnen", "en": "Open a demo workshop"},
    "facilitator.join_link": {"de": "Beitrittslink: {url}", "en": "Join link: {url}"},
    "facilitator.origin.configured": {
        "de": "Adresse aus der Konfiguration (WORKSHOP_PUBLIC_URL).",
        "en": "Address from the configuration (WORKSHOP_PUBLIC_URL).",
    },
    "facilitator.origin.browser": {
        "de": "Die Adresse, unter der Sie die App gerade geöffnet haben.",
        "en": "The address at which you opened the app.",
    },
    "facilitator.origin.lan": {
        "de": "Die Adresse dieses Rechners im lokalen Netz – Handys müssen im selben WLAN sein.",
        "en": "This computer's address on the local network – phones must be on the same Wi-Fi.",
    },
    "facilitator.origin.loopback": {
        "de": "Achtung: Nur auf diesem Rechner erreichbar. Setzen Sie WORKSHOP_PUBLIC_URL oder "
        "öffnen Sie die App über die Netzwerkadresse.",
        "en": "Careful: reachable only on this computer. Set WORKSHOP_PUBLIC_URL or open the app "
        "through its network address.",
    },
    "facilitator.open_wall": {"de": "Projektion öffnen", "en": "Open the wall"},
    "facilitator.keep_safe": {
        "de": "Dies ist Ihr Moderationslink. Wer ihn hat, kann den Workshop steuern – bewahren "
        "Sie ihn sicher auf und zeigen Sie ihn nie auf der Projektion.",
        "en": "This is your facilitator link. Whoever has it can steer the workshop – keep it "
        "safe and never show it on the wall.",
    },
    "facilitator.key_stored": {"de": "Ich habe den Link gesichert", "en": "I have saved the link"},
    "facilitator.console_link": {"de": "Moderationslink", "en": "Facilitator link"},
    "facilitator.phase": {"de": "Phase", "en": "Phase"},
    "facilitator.count.joined": {"de": "Beigetreten", "en": "Joined"},
    "facilitator.count.joined_help": {
        "de": "Teilnehmende, die diesem Workshop beigetreten sind, auch ohne jede Eingabe. "
        "Sind es deutlich mehr als Menschen im Raum, ist jemand mehrfach beigetreten.",
        "en": "Participants who joined this workshop, with or without any input. Clearly more "
        "than there are people in the room means someone joined more than once.",
    },
    "facilitator.count.weighed": {"de": "Gewichtet", "en": "Weighed"},
    "facilitator.count.weighed_help": {
        "de": "Teilnehmende, die in dieser Runde ihre Gewichtung abgegeben haben.",
        "en": "Participants who submitted their weights in this round.",
    },
    "facilitator.count.voted": {"de": "Abgestimmt", "en": "Voted"},
    "facilitator.count.voted_help": {
        "de": "Teilnehmende, die in dieser Runde ihre Stimme abgegeben haben.",
        "en": "Participants who cast their vote in this round.",
    },
    "facilitator.tab.steer": {"de": "Steuern", "en": "Control"},
    "facilitator.tab.context": {"de": "Kontext", "en": "Context"},
    "facilitator.tab.moderate": {"de": "Beiträge", "en": "Posts"},
    "facilitator.tab.notes": {"de": "Notizen", "en": "Notes"},
    "facilitator.tab.settings": {"de": "Einstellungen", "en": "Settings"},
    "facilitator.reveal": {"de": "Ergebnisse zeigen", "en": "Show results"},
    "facilitator.reveal_help": {
        "de": "Solange die Ergebnisse verborgen sind, kann sich niemand an der Gruppe "
        "orientieren. Erst gewichten lassen, dann zeigen.",
        "en": "While results are hidden, nobody can follow the crowd. Let everyone weigh the "
        "criteria first, then show the results.",
    },
    "facilitator.new_round": {"de": "Neue Runde", "en": "New round"},
    "facilitator.new_round_help": {
        "de": "Nach der Diskussion erneut gewichten und abstimmen. Frühere Runden bleiben "
        "erhalten und werden verglichen; alle Eingaben sind wieder offen, die Ergebnisse "
        "wieder verborgen.",
        "en": "Weigh and vote again after the discussion. Earlier rounds are kept and compared; "
        "every input is open again and results are hidden again.",
    },
    "facilitator.new_round_confirm": {"de": "Neue Runde starten", "en": "Start a new round"},
    "facilitator.new_round_started": {"de": "Neue Runde gestartet.", "en": "New round started."},
    "facilitator.locks": {"de": "Eingaben offen", "en": "Input open"},
    "facilitator.lock_help": {
        "de": "Aus = geschlossen: Teilnehmende können diese Eingabe nicht mehr ändern.",
        "en": "Off = closed: participants can no longer change this input.",
    },
    "facilitator.context_intro": {
        "de": "Halten Sie mit der Gruppe fest, wie die Einheit heute aussieht. Der Kontext "
        "verschiebt, wie gut die Modelle passen; die Regler der Mischformen legen fest, welche "
        "Variante auf der Projektion bewertet wird.",
        "en": "Record with the group what the unit looks like today. The context shifts how well "
        "the models fit; the hybrid sliders decide which variant the wall scores.",
    },
    "facilitator.group_hybrids": {
        "de": "Mischformen für die Gruppe",
        "en": "Hybrids for the group",
    },
    "facilitator.context_save": {"de": "Kontext übernehmen", "en": "Apply context"},
    "facilitator.scenario_label": {
        "de": "Mit einer typischen Ausgangslage beginnen",
        "en": "Start from a typical situation",
    },
    "facilitator.scenario_placeholder": {
        "de": "Ausgangslage wählen …",
        "en": "Choose a situation …",
    },
    "facilitator.scenario_apply": {
        "de": "Werte dieser Ausgangslage einsetzen",
        "en": "Use this situation's values",
    },
    "facilitator.nothing_yet": {"de": "Noch nichts eingegangen.", "en": "Nothing yet."},
    "facilitator.hide": {"de": "Ausblenden", "en": "Hide"},
    "facilitator.show": {"de": "Einblenden", "en": "Show"},
    "facilitator.notes_hint": {
        "de": "Ihre Notizen je Phase – sie fließen ins Ergebnisprotokoll ein.",
        "en": "Your notes for each phase – they go into the decision record.",
    },
    "facilitator.note_for": {"de": "Notizen: {phase}", "en": "Notes: {phase}"},
    "facilitator.note_save": {"de": "Notiz speichern", "en": "Save note"},
    "facilitator.settings_save": {"de": "Einstellungen speichern", "en": "Save settings"},
    "facilitator.delete": {"de": "Workshop löschen", "en": "Delete workshop"},
    "facilitator.delete_warning": {
        "de": "Löscht den Workshop mit allen Eingaben endgültig. Exportieren Sie vorher, was "
        "Sie behalten möchten.",
        "en": "Deletes the workshop and all its input for good. Export anything you want to "
        "keep first.",
    },
    "facilitator.delete_confirm": {"de": "Endgültig löschen", "en": "Delete for good"},
    "facilitator.factsheet": {
        "de": "Infoblatt für den Betriebsrat: Datenschutz und Anonymität",
        "en": "Factsheet for the works council: privacy and anonymity",
    },
    "facilitator.factsheet_missing": {
        "de": "Das Infoblatt fehlt in dieser Installation ({path}).",
        "en": "The factsheet is missing from this installation ({path}).",
    },
    "facilitator.count.resistance_help": {
        "de": "Teilnehmende, die in dieser Runde ihre Widerstandswerte abgegeben haben.",
        "en": "Participants who submitted their resistance ratings in this round.",
    },
    # Concerns and questions: status, short answer, filter.
    "facilitator.concern.filter": {
        "de": "Nach Stand filtern (nichts gewählt: alle)",
        "en": "Filter by status (none chosen: all)",
    },
    "facilitator.concern.status": {"de": "Stand", "en": "Status"},
    "facilitator.concern.answer": {
        "de": "Kurze Antwort (optional)",
        "en": "Short answer (optional)",
    },
    "facilitator.concern.answer_help": {
        "de": "Was die Gruppe dazu festgehalten hat – Teilnehmende sehen die Antwort bei der "
        "Sorge oder Frage.",
        "en": "What the group noted about it – participants see the answer with the concern or "
        "question.",
    },
    "facilitator.concern.save": {"de": "Stand speichern", "en": "Save status"},
    "facilitator.concern.about": {"de": "Betrifft: {option}", "en": "About: {option}"},
    "facilitator.concern.upvotes": {"de": "{count} × unterstützt", "en": "Supported {count} ×"},
    "facilitator.concern.hidden": {"de": "ausgeblendet", "en": "hidden"},
    "facilitator.concern.none_with_status": {
        "de": "Keine Sorgen oder Fragen mit diesem Stand.",
        "en": "No concerns or questions with this status.",
    },
    "facilitator.concern.answer_invalid": {
        "de": "Die Antwort darf höchstens {limit} Zeichen lang sein und keine Steuerzeichen "
        "enthalten. Nichts wurde gespeichert.",
        "en": "The answer may be at most {limit} characters long and hold no control "
        "characters. Nothing was saved.",
    },
    # The wall's spotlight: what changes for each role under one option.
    "facilitator.spotlight": {
        "de": "Auf der Wand zeigen: Was ändert sich für die Rollen bei …",
        "en": "Show on the wall: what changes for the roles under …",
    },
    "facilitator.spotlight_help": {
        "de": "Die Projektion zeigt für jede Rolle, was sich mit dieser Option ändert – als "
        "Gesprächsstoff, nicht als Bewertung. „—“ zeigt nichts davon.",
        "en": "The wall shows for each role what changes under this option – as material for "
        "the discussion, not as a score. “—” shows none of it.",
    },
    "facilitator.spotlight_none": {"de": "—", "en": "—"},
    # The pilot plan: the next step of the results phase.
    "facilitator.tab.pilot": {"de": "Pilot", "en": "Pilot"},
    "facilitator.pilot.intro": {
        "de": "Halten Sie fest, was die Gruppe als Nächstes erprobt: welche Option, in welchem "
        "Team, wie lange, woran Sie den Erfolg messen und wann Sie gemeinsam Bilanz ziehen. "
        "Die Projektion und die Handys zeigen den Plan.",
        "en": "Record what the group will try next: which option, in which team, for how long, "
        "how you will measure success and when you will review it together. The wall and the "
        "phones show the plan.",
    },
    "facilitator.pilot.option": {"de": "Option für den Pilot", "en": "Option to pilot"},
    "facilitator.pilot.team": {"de": "Team oder Bereich", "en": "Team or area"},
    "facilitator.pilot.team_placeholder": {
        "de": "z. B. Team Nord, Privatkund:innen",
        "en": "e.g. Team North, private customers",
    },
    "facilitator.pilot.weeks": {"de": "Dauer in Wochen", "en": "Duration in weeks"},
    "facilitator.pilot.measures": {
        "de": "Woran messen Sie den Erfolg?",
        "en": "How will you measure success?",
    },
    "facilitator.pilot.other_measures": {
        "de": "Weitere Messgrößen (optional)",
        "en": "Other measures (optional)",
    },
    "facilitator.pilot.review_on": {
        "de": "Gemeinsame Auswertung am (optional)",
        "en": "Joint review on (optional)",
    },
    "facilitator.pilot.save": {"de": "Pilotplan speichern", "en": "Save pilot plan"},
    "facilitator.pilot.remove": {"de": "Pilotplan entfernen", "en": "Remove pilot plan"},
    "facilitator.pilot.saved": {"de": "Pilotplan gespeichert.", "en": "Pilot plan saved."},
    "facilitator.pilot.removed": {"de": "Pilotplan entfernt.", "en": "Pilot plan removed."},
    "facilitator.pilot.none": {
        "de": "Noch kein Pilotplan gespeichert.",
        "en": "No pilot plan saved yet.",
    },
    "facilitator.pilot.invalid.option": {
        "de": "Bitte wählen Sie eine der Optionen dieses Workshops.",
        "en": "Please choose one of this workshop's options.",
    },
    "facilitator.pilot.invalid.team": {
        "de": "Bitte nennen Sie das Team oder den Bereich in einer Zeile mit höchstens 120 "
        "Zeichen.",
        "en": "Please name the team or area on one line with at most 120 characters.",
    },
    "facilitator.pilot.invalid.weeks": {
        "de": "Die Dauer ist eine ganze Zahl von 1 bis 52 Wochen.",
        "en": "The duration is a whole number from 1 to 52 weeks.",
    },
    "facilitator.pilot.invalid.measures": {
        "de": "Bitte nennen Sie mindestens eine Messgröße – aus der Liste oder als weitere "
        "Messgröße.",
        "en": "Please name at least one measure – from the list or as another measure.",
    },
    "facilitator.pilot.invalid.other_measures": {
        "de": "Die weiteren Messgrößen dürfen höchstens 300 Zeichen lang sein und keine "
        "Steuerzeichen enthalten.",
        "en": "The other measures may be at most 300 characters long and hold no control "
        "characters.",
    },
    "facilitator.pilot.invalid.review_on": {
        "de": "Bitte wählen Sie ein gültiges Datum für die Auswertung oder lassen Sie es leer.",
        "en": "Please choose a valid date for the review or leave it empty.",
    },
    "facilitator.pilot.not_saved": {"de": "Nichts wurde gespeichert.", "en": "Nothing was saved."},
}
