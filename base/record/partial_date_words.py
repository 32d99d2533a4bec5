"""The words a partial date is typed with, in English, French and Spanish
(base.record.partial_date_input).

Written here as people write them, accents and all; they are compared without accents and in
lower case, so "Décembre", "decembre" and "DÉC." are one word. Every language's words are
understood whatever the page's language: an officer may paste a French report's date into the
English admin. No word means two different things across the three languages.
"""

MONTHS = {
    "en": [
        ["January", "Jan"],
        ["February", "Feb"],
        ["March", "Mar"],
        ["April", "Apr"],
        ["May"],
        ["June", "Jun"],
        ["July", "Jul"],
        ["August", "Aug"],
        ["September", "Sept", "Sep"],
        ["October", "Oct"],
        ["November", "Nov"],
        ["December", "Dec"],
    ],
    "fr": [
        ["janvier", "janv"],
        ["février", "févr", "fév"],
        ["mars"],
        ["avril", "avr"],
        ["mai"],
        ["juin"],
        ["juillet", "juil"],
        ["août"],
        ["septembre"],
        ["octobre"],
        ["novembre"],
        ["décembre", "déc"],
    ],
    "es": [
        ["enero", "ene"],
        ["febrero"],
        ["marzo"],
        ["abril", "abr"],
        ["mayo"],
        ["junio"],
        ["julio"],
        ["agosto", "ago"],
        ["septiembre", "setiembre", "set"],
        ["octubre"],
        ["noviembre"],
        ["diciembre", "dic"],
    ],
}

# Where in its period a date falls, as far as it is said: "early December", "mi-décembre",
# "finales de diciembre". A hyphen counts as a space, so "mi-décembre" is "mi" then the month.
EARLY, MID, LATE = "early", "mid", "late"
WHEN_IN_PERIOD = {
    "en": {EARLY: ["early", "beginning", "start"], MID: ["mid", "middle"], LATE: ["late", "end"]},
    "fr": {EARLY: ["début"], MID: ["mi", "milieu"], LATE: ["fin"]},
    "es": {
        EARLY: [
            "principios",
            "principio",
            "comienzos",
            "comienzo",
            "inicios",
            "inicio",
            "primeros",
        ],
        MID: ["mediados"],
        LATE: ["finales", "fines", "fin", "últimos"],
    },
}

# Words that join the others and say nothing of the date: "end of December", "20 de diciembre
# de 2019", "au début de 2020", "à la mi-décembre", "a finales de", "le 20 décembre". An
# apostrophe counts as a space, so "d'avril" is "d" then the month.
LINKING_WORDS = {
    "en": ["of", "the", "in", "at"],
    "fr": ["de", "d", "du", "au", "à", "la", "le", "l", "en"],
    "es": ["de", "del", "a", "el", "en"],
}

# What may follow a day's number: "20th", "1er", "1º" (read as "1o" without its accent).
DAY_SUFFIXES = ["st", "nd", "rd", "th", "er", "o"]
