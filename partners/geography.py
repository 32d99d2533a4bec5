"""Countries' ISO 3166-1 codes and UN M49 regions, read from published data, not typed.

ISO 3166-1 (codes and names) comes from `pycountry`, which packages Debian's iso-codes. The UN M49
regions come from data/un_m49_regions.json, written by data/make_un_m49_regions.py from the
UN Statistics Division's list: Africa (002), Americas (019), Asia (142), Europe (150) and Oceania
(009). The portal classifies by these five: at the record's size (two dozen countries) the
sub-regions would leave one or two countries each.
"""

import json
import unicodedata
from functools import cache
from pathlib import Path

import pycountry
from django.db import models
from django.utils.translation import gettext_lazy as _

M49_DATA = Path(__file__).with_name("data") / "un_m49_regions.json"
NAME_FIELDS = ("name", "official_name", "common_name")


@cache
def _m49():
    return json.loads(M49_DATA.read_text(encoding="utf-8"))


# M49's English names, translated: the data file's names cannot be found by makemessages.
REGION_NAMES = {
    "002": _("Africa"),
    "009": _("Oceania"),
    "019": _("Americas"),
    "142": _("Asia"),
    "150": _("Europe"),
}

# The values are the M49 codes ("002"), the labels M49's names ("Africa"), in the page's language.
Region = models.TextChoices(
    "Region",
    [
        (name.upper(), (code, REGION_NAMES.get(code, name)))
        for code, name in sorted(_m49()["regions"].items(), key=lambda item: item[1])
    ],
)

CLASSIFICATION = "UN M49"


def _country(iso_code):
    """The ISO 3166-1 country with this alpha-2 code, or None."""
    if len(iso_code) != 2:
        return None
    return pycountry.countries.get(alpha_2=iso_code.upper())


def is_iso_code(iso_code):
    return _country(iso_code) is not None


def _folded(name):
    """The name as typed, whatever its case, accents, spacing or apostrophe (’ or ')."""
    decomposed = unicodedata.normalize("NFKD", name.replace("’", "'"))
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(bare.casefold().split())


@cache
def _codes_by_name():
    codes = {}
    for country in pycountry.countries:
        for field in NAME_FIELDS:
            name = getattr(country, field, None)
            if name:
                codes.setdefault(_folded(name), set()).add(country.alpha_2)
    return codes


def iso_code_for(name):
    """The alpha-2 code of the one country ISO 3166-1 names so (its short, official or common
    name), or ""."""
    codes = _codes_by_name().get(_folded(name), ())
    return next(iter(codes)) if len(codes) == 1 else ""


def region_of(iso_code):
    """The M49 region (a Region value) of the country with this code, or "" if none is known."""
    country = _country(iso_code) if iso_code else None
    # M49 places some territories in no region (Antarctica): so does the portal.
    return _m49()["countries_by_iso_alpha3"].get(country.alpha_3, "") if country else ""
