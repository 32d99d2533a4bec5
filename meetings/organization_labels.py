"""An organisation as a participants list prints it, with its country in parentheses:
"Ministry of Labour (Senegal)" is the ministry "Ministry of Labour" of Senegal.

Only text in parentheses that names a recorded country (or regional body) is taken as one:
"International Labour Organization (ILO)" stays as it is printed.
"""

import re
import unicodedata
from dataclasses import dataclass

from partners.models import Country

PARENTHESISED = re.compile(r"^(?P<name>.*\S)\s*\((?P<inside>[^()]+)\)$")
APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'"})


def folded(text):
    """Text compared whatever its case, accents, apostrophes and spacing: "Côte d’Ivoire"
    and "cote d'ivoire" fold alike."""
    decomposed = unicodedata.normalize("NFKD", text.translate(APOSTROPHES))
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(bare.casefold().split())


@dataclass(frozen=True)
class SplitLabel:
    name: str
    inside: str


def split_label(label):
    """The name and the parenthesised text at the end of a label, or None."""
    match = PARENTHESISED.match(label.strip())
    if match is None:
        return None
    return SplitLabel(match["name"].strip(), match["inside"].strip())


class CountryIndex:
    """The recorded countries by folded name, and by ISO code where countries have one.

    A code also used as an organisation's acronym ("AU" is Australia's code and the African
    Union's acronym) is not taken as a country once `acronyms` names it: an organisation's
    acronym in parentheses is not a country. A country column says a country whatever it holds.
    """

    def __init__(self):
        self.by_name = {}
        self.by_code = {}
        self.acronyms = set()
        for country in Country.objects.only("pk", "name", "iso_code"):
            self.by_name[folded(country.name)] = country
            if country.iso_code:
                self.by_code[folded(country.iso_code)] = country

    def leave_out_acronyms(self, acronyms):
        self.acronyms = {folded(acronym) for acronym in acronyms if acronym}

    def get(self, text):
        """The country a parenthesised text names, or None."""
        key = folded(text)
        if key in self.by_name:
            return self.by_name[key]
        return None if key in self.acronyms else self.by_code.get(key)

    def named(self, text):
        """The country a country column names, by its name or its code, or None."""
        key = folded(text)
        return self.by_name.get(key) or self.by_code.get(key)
