"""What a person types and what they expect it to find in the July 2019 record (fixtures/):
each query with the results it must find, as (kind, words of the result's title). The issue's
examples first, then British and American spellings, misspelt names and countries, titles and
apostrophes in names, accents, acronyms, and words of other languages that the record holds.

A query is a hit when each expected result is among the first results of its kind on the search
page, or when the page offers a "Did you mean" link whose search shows it (tests/search/
test_search_set.py measures it; docs/search.md has the rates before and after issue 23)."""

from dataclasses import dataclass

FORCED_LABOUR_REPORT = (
    "documents",
    "Report on forced labour, child labour and human trafficking in global supply chains",
)
ILO = ("organisations", "International Labour Organization · ILO")


@dataclass(frozen=True)
class Query:
    text: str
    expected: tuple
    about: str


SEARCH_SET = [
    # The examples.
    Query("forced labour", (FORCED_LABOUR_REPORT,), "the issue"),
    Query("forced labor", (FORCED_LABOUR_REPORT,), "the issue: American spelling"),
    Query("child labor", (("events", "Child Labour Platform"),), "the issue: American spelling"),
    Query("Nepl", (("countries", "Nepal"),), "the issue: a country misspelt"),
    Query("dovidio", (("people", "Francesco d'Ovidio"),), "the issue: apostrophe left out"),
    Query("Mme Karvar", (("people", "Anousheh Karvar"),), "the issue: a French title"),
    # British and American spellings.
    Query("child labour", (("events", "Child Labour Platform"),), "spelling as in the record"),
    Query(
        "Global March against Child Labor",
        (("organisations", "Global March against Child Labour"),),
        "American spelling of a British name",
    ),
    Query(
        "Department of Labour",
        (("organisations", "US Department of Labor"),),
        "British spelling of an American name",
    ),
    Query("International Labor Organization", (ILO,), "American spelling"),
    Query("international labour organisation", (ILO,), "British spelling, mixed in the name"),
    Query(
        "organisation for migration",
        (("organisations", "International Organization for Migration · IOM"),),
        "British spelling of an American name",
    ),
    Query(
        "organization for economic",
        (("organisations", "Organisation for Economic Co-operation and Development · OECD"),),
        "American spelling of a British name",
    ),
    Query("program", (("interventions", "Free the Slaves"),), "American spelling"),
    Query("programme", (("interventions", "Free the Slaves"),), "spelling as in the record"),
    Query(
        "policy research center",
        (("organisations", "United Nations University Centre for Policy Research"),),
        "American spelling",
    ),
    Query("resource mobilization", (("interventions", "Alliance 8.7 Secretariat"),), "-ization"),
    Query("honor", (("interventions", "Government of France (Anousheh Karvar)"),), "-or"),
    # Countries, places and groups misspelt.
    Query("Nepal", (("countries", "Nepal"),), "as in the record"),
    Query("Madagaskar", (("countries", "Madagascar"),), "a country misspelt"),
    Query("Mauritnia", (("countries", "Mauritania"),), "a country misspelt"),
    Query("Tunesia", (("countries", "Tunisia"),), "a country misspelt"),
    Query("suply chains", (("action_groups", "Supply Chains"),), "an action group misspelt"),
    Query("migraton", (("action_groups", "Migration"),), "an action group misspelt"),
    Query("trafficing", (FORCED_LABOUR_REPORT,), "a word misspelt"),
    Query(
        "pathfinder progres report",
        (("documents", "First global Pathfinder Progress Report"),),
        "one word misspelt of three",
    ),
    Query(
        "Lichtenstein",
        (("documents", "Report of the Liechtenstein Initiative"),),
        "a place misspelt",
    ),
    # Names: apostrophes, hyphens, titles, accents, typos.
    Query("d'Ovidio", (("people", "Francesco d'Ovidio"),), "as in the record"),
    Query("D’Ovidio", (("people", "Francesco d'Ovidio"),), "a typographic apostrophe"),
    Query("Ms Karvar", (("people", "Anousheh Karvar"),), "an English title"),
    Query("Dr Beate Andrees", (("people", "Beate Andrees"),), "a title and a full name"),
    Query("Mr. Wissing", (("people", "Thomas Wissing"),), "a title with a full stop"),
    Query("M. Luciano", (("people", "Mathieu Luciano"),), "a French title"),
    Query("Sra. Guzmán", (("people", "Graciela Guzman"),), "a Spanish title and an accent"),
    Query("Guzmán", (("people", "Graciela Guzman"),), "an accent the record has not"),
    Query("Diego López González", (("people", "Diego Lopez Gonzalez"),), "accents"),
    Query("Stewart Evans", (("people", "Michael Stewart-Evans"),), "a hyphen left out"),
    Query("Karvr", (("people", "Anousheh Karvar"),), "a name misspelt"),
    Query("Spagnollo", (("people", "Laura Spagnolo"),), "a name misspelt"),
    Query("Cockaine", (("people", "James Cockayne"),), "a name misspelt"),
    Query("Youla Hadadin", (("people", "Youla Haddadin"),), "a name misspelt"),
    # Acronyms and words of other languages.
    Query("ILO", (ILO,), "an acronym"),
    Query(
        "UNODC",
        (("organisations", "United Nations Office on Drugs and Crime · UNODC"),),
        "an acronym",
    ),
    Query("unicef", (("organisations", "United Nations Children's Fund · UNICEF"),), "lower case"),
    Query(
        "del Lavoro",
        (("organisations", "Confederazione Generale Italiana del Lavoro · CGIL"),),
        "Italian words of the record",
    ),
    Query("Buenos Aires", (("documents", "Buenos Aires Declaration"),), "Spanish words"),
    Query(
        "Confederazione",
        (("organisations", "Confederazione Generale Italiana del Lavoro · CGIL"),),
        "Italian word",
    ),
    Query(
        "Abidjan",
        (("documents", "Draft Outcomes Report of the Second Global Workshop (Abidjan)"),),
        "a place",
    ),
]
