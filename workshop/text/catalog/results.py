"""Plain-word results shared by the wall, the explorer and the exports (workshop.text.wording)."""

TEXTS: dict[str, dict[str, str]] = {
    "results.sens.leader": {
        "de": "Auf Platz 1: {option} mit {score} von 100 Punkten.",
        "en": "In first place: {option} with {score} points out of 100.",
    },
    "results.sens.tie": {
        "de": "Gleichauf auf Platz 1: {options}.",
        "en": "Tied for first place: {options}.",
    },
    "results.sens.tie_note": {
        "de": "Schon eine kleine Änderung der Gewichte entscheidet zwischen ihnen.",
        "en": "Even a small change in the weights decides between them.",
    },
    "results.sens.below": {
        "de": "Platz 1 ginge an {option}, wenn das Gewicht von „{criterion}“ unter {threshold} "
        "fiele (jetzt {weight}).",
        "en": "First place would go to {option} if the weight of “{criterion}” fell below "
        "{threshold} (now {weight}).",
    },
    "results.sens.above": {
        "de": "Platz 1 ginge an {option}, wenn das Gewicht von „{criterion}“ über {threshold} "
        "stiege (jetzt {weight}).",
        "en": "First place would go to {option} if the weight of “{criterion}” rose above "
        "{threshold} (now {weight}).",
    },
    "results.sens.robust": {
        "de": "Stabil: Ändert sich ein einzelnes Gewicht um bis zu {points} Prozentpunkte, "
        "bleibt Platz 1 unverändert.",
        "en": "Robust: moving any single weight by up to {points} percentage points leaves "
        "first place unchanged.",
    },
    "results.sens.fragile": {
        "de": "Knapp: Schon weniger als {points} Prozentpunkte bei einem Gewicht ändern Platz 1.",
        "en": "Close call: changing one weight by less than {points} percentage points changes "
        "first place.",
    },
    "results.sens.none": {
        "de": "Wie man ein einzelnes Gewicht auch ändert: Platz 1 bleibt.",
        "en": "However much any single weight changes, first place stays the same.",
    },
    "results.alert.split": {
        "de": "„{criterion}“: Die Meinungen gehen auseinander – die mittlere Hälfte der Gruppe "
        "gibt dem Kriterium {low} bis {high} des Gesamtgewichts.",
        "en": "“{criterion}”: opinions are split – the middle half of the group gives it {low} "
        "to {high} of the total weight.",
    },
    "results.shift.winner_same": {
        "de": "Platz 1 bleibt: {option}.",
        "en": "First place stays with {option}.",
    },
    "results.shift.winner_changed": {
        "de": "Platz 1 hat gewechselt: von {before} zu {after}.",
        "en": "First place has changed from {before} to {after}.",
    },
    "results.shift.winner_same_tie": {
        "de": "Platz 1 bleibt geteilt: {options}.",
        "en": "First place is still shared by {options}.",
    },
    "results.vote_differs": {
        "de": "Abstimmung und Punkte zeigen nicht dieselbe Option vorn. Vorn in der "
        "Abstimmung: {vote}. Vorn nach Punkten: {score}.",
        "en": "The vote and the weighted scores disagree. Ahead in the vote: {vote}. Ahead in "
        "the scores: {score}.",
    },
    "results.and": {"de": "und", "en": "and"},
    "results.shift.up": {
        "de": "{option}: von Platz {before} auf Platz {after} gestiegen",
        "en": "{option}: up from place {before} to place {after}",
    },
    "results.shift.down": {
        "de": "{option}: von Platz {before} auf Platz {after} gefallen",
        "en": "{option}: down from place {before} to place {after}",
    },
    "results.shift.no_rank_change": {
        "de": "Die Reihenfolge der Optionen ist gleich geblieben.",
        "en": "The order of the options has not changed.",
    },
}
