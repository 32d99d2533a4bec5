"""How the portal writes a meeting's ordinal, "5th" in "5th meeting", in every language.

Not django.contrib.humanize's `ordinal`: its French is markup ("5<sup>e</sup>", escaped into view
wherever the result is put into a translated sentence, and "21<sup>er</sup>" for 21e), and its
Spanish is masculine ("5º") where "reunión" asks for "5.ª". Here the ordinal is plain text, so
that it reads the same in a page, a <title>, a CSV file, the calendar feed and an e-mail, and it
agrees with the word "meeting" of each language.

Each ending is a message of its own, told apart by its context, so that each catalogue gives
the endings its grammar needs: English 1st, 21st / 2nd, 22nd / 3rd, 23rd / 11th, 12th, 13th,
5th; French "1re" for the first alone, "e" after every other number (2e, 21e); Spanish ".ª"
after every number (1.ª, 5.ª).
"""

from django.utils.translation import pgettext


def meeting_ordinal(number):
    """The ordinal of meeting `number` in the active language, as plain text: "5th", "5e",
    "5.ª"."""
    # 11th, 12th and 13th, like 111th, end as 5th does; 21st, 22nd and 23rd as 1st, 2nd, 3rd.
    last_digit = None if number % 100 in (11, 12, 13) else number % 10
    if number == 1:
        # Translators: 1st; French "1re", as "réunion" is feminine.
        template = pgettext("ordinal of the first meeting", "%(number)sst")
    elif last_digit == 1:
        # Translators: 21st, 31st, 101st... (never 1st, nor 11th).
        template = pgettext("ordinal of a meeting ending in 1", "%(number)sst")
    elif last_digit == 2:
        # Translators: 2nd, 22nd, 102nd... (never 12th).
        template = pgettext("ordinal of a meeting ending in 2", "%(number)snd")
    elif last_digit == 3:
        # Translators: 3rd, 23rd, 103rd... (never 13th).
        template = pgettext("ordinal of a meeting ending in 3", "%(number)srd")
    else:
        # Translators: 4th, 5th, 11th, 12th, 13th, 20th...
        template = pgettext("ordinal of a meeting", "%(number)sth")
    return template % {"number": number}
