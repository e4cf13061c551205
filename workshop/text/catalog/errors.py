"""Translations of every error code of `workshop.errors` (and the engine's errors)."""

TEXTS: dict[str, dict[str, str]] = {
    "error.workshop_error": {
        "de": "Etwas ist schiefgelaufen. Bitte versuchen Sie es noch einmal.",
        "en": "Something went wrong. Please try again.",
    },
    "error.not_found": {"de": "Das wurde nicht gefunden.", "en": "This could not be found."},
    "error.session_not_found": {
        "de": "Zu diesem Code gibt es keinen Workshop. Bitte prüfen Sie den Code.",
        "en": "There is no workshop with this code. Please check the code.",
    },
    "error.item_not_found": {
        "de": "Diesen Beitrag gibt es in diesem Workshop nicht (mehr).",
        "en": "This post does not exist in this workshop (any more).",
    },
    "error.forbidden": {"de": "Das ist hier nicht erlaubt.", "en": "This is not allowed here."},
    "error.wrong_facilitator_key": {
        "de": "Dieser Moderationsschlüssel passt nicht zu diesem Workshop.",
        "en": "This facilitator key does not match this workshop.",
    },
    "error.unknown_participant": {
        "de": (
            "Sie sind in diesem Workshop nicht angemeldet. "
            "Bitte treten Sie über den Link oder den Code erneut bei."
        ),
        "en": "You have not joined this workshop. Please join again with the link or code.",
    },
    "error.session_expired": {
        "de": "Dieser Workshop ist beendet und nimmt keine Eingaben mehr an.",
        "en": "This workshop has ended and no longer accepts input.",
    },
    "error.input_locked": {
        "de": "Die Moderation hat diese Eingabe gerade geschlossen.",
        "en": "The facilitator has closed this input for now.",
    },
    "error.invalid_input": {
        "de": "Diese Eingabe ist nicht gültig.",
        "en": "This input is not valid.",
    },
    "error.invalid_settings": {
        "de": "Diese Einstellungen sind nicht gültig. Bitte prüfen Sie die markierten Werte.",
        "en": "These settings are not valid. Please check the marked values.",
    },
    "error.invalid_weights": {
        "de": "Diese Gewichtung passt nicht zu den Kriterien.",
        "en": "These weights do not fit the criteria.",
    },
    "error.invalid_vote": {
        "de": "Diese Stimme ist nicht gültig. Bitte prüfen Sie Ihre Auswahl.",
        "en": "This vote is not valid. Please check your choice.",
    },
    "error.invalid_resistance": {
        "de": (
            "Diese Widerstandswerte sind nicht gültig. Bitte bewerten Sie jede Option "
            "und „So bleiben wie heute“ mit einer ganzen Zahl von 0 bis 10."
        ),
        "en": (
            "This resistance rating is not valid. Please rate every option and “Keep as "
            "today” with a whole number from 0 to 10."
        ),
    },
    "error.invalid_pilot": {
        "de": (
            "Dieser Pilotplan ist nicht gültig. Bitte wählen Sie eine Option, nennen Sie das "
            "Team, eine Dauer von 1 bis 52 Wochen und mindestens eine Messgröße."
        ),
        "en": (
            "This pilot plan is not valid. Please choose an option and name the team, a "
            "duration of 1 to 52 weeks and at least one measure."
        ),
    },
    "error.invalid_context": {
        "de": "Dieser Kontext passt nicht zum Inhaltspaket. Bitte prüfen Sie die Werte.",
        "en": "This context does not fit the content pack. Please check the values.",
    },
    "error.invalid_numbers": {
        "de": "Mit diesen Zahlen lässt sich nicht rechnen. Bitte prüfen Sie die Werte.",
        "en": "These numbers cannot be used for scoring. Please check the values.",
    },
    "error.conflict": {
        "de": "Inzwischen hat sich etwas geändert. Bitte versuchen Sie es noch einmal.",
        "en": "Something changed in the meantime. Please try again.",
    },
    "error.join_code_unavailable": {
        "de": "Es wurde kein freier Workshop-Code gefunden. Bitte versuchen Sie es noch einmal.",
        "en": "No free workshop code could be found. Please try again.",
    },
    "error.too_many_imports": {
        "de": (
            "Gerade läuft schon ein Import, oder von diesem Netz kamen in kurzer Zeit zu viele. "
            "Bitte versuchen Sie es in einer Minute noch einmal – es wurde nichts angelegt."
        ),
        "en": (
            "An import is already running, or too many came from this network in a short time. "
            "Please try again in a minute – nothing was created."
        ),
    },
    "error.too_many_joins": {
        "de": (
            "Gerade treten sehr viele Geräte aus diesem Netz bei. "
            "Bitte warten Sie einen Moment und versuchen Sie es dann noch einmal."
        ),
        "en": (
            "A great many devices are joining from this network right now. "
            "Please wait a moment, then try again."
        ),
    },
    "error.storage_unavailable": {
        "de": (
            "Die Workshop-Daten sind gerade nicht erreichbar. "
            "Bitte versuchen Sie es gleich noch einmal."
        ),
        "en": "The workshop data cannot be reached right now. Please try again in a moment.",
    },
    # A change the store did not take (user_errors, run_from_callback): it is not saved.
    "error.storage_unavailable_unsaved": {
        "de": (
            "Die Workshop-Daten sind gerade nicht erreichbar: Ihre letzte Eingabe ist nicht "
            "gespeichert. Bitte senden Sie sie gleich noch einmal."
        ),
        "en": (
            "The workshop data cannot be reached right now: your last input is not saved. "
            "Please send it again in a moment."
        ),
    },
    # A page that could not read what it shows; it looks again by itself (RETRY_EVERY).
    "error.storage_unavailable_page": {
        "de": (
            "Die Workshop-Daten sind gerade nicht erreichbar. Die Seite versucht es von selbst "
            "wieder – was Sie bereits gespeichert haben, bleibt erhalten."
        ),
        "en": (
            "The workshop data cannot be reached right now. This page keeps trying by itself "
            "– everything you have already saved is kept."
        ),
    },
    "error.storage_misconfigured": {
        "de": "Die Datenbank des Workshops ist nicht richtig eingerichtet.",
        "en": "The workshop database is not configured correctly.",
    },
    "error.invalid_pack": {
        "de": "Das Inhaltspaket enthält Fehler.",
        "en": "The content pack contains errors.",
    },
}
