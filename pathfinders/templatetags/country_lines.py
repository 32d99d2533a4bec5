"""`{{ countries|country_lines }}`: the countries list's lines, one `<li>` a country: its link, in
brackets its kind (a regional body's) and its region, then its terms of office. The list has a
few hundred: written here, the template language resolved a dozen variables a line."""

from django import template
from django.template.loader import get_template

from base.record.choice_labels import choice_label
from base.templatetags.record_urls import DETAIL_VIEWS
from base.web.html import format_html, format_html_join
from base.web.slug_urls import slug_url
from partners.models import Country, CountryKind

register = template.Library()


@register.filter
def country_lines(countries):
    """Each country's columns with its `shown_terms` (pathfinders.views.CountryListView)."""
    viewname = DETAIL_VIEWS[Country._meta.label_lower]
    kinds_and_regions = {}  # a few dozen pairs among hundreds of countries: each written once
    lines = []
    for country in countries:
        pair = (country["kind"], country["region"])
        said = kinds_and_regions.get(pair)
        if said is None:
            said = kinds_and_regions[pair] = _kind_and_region(*pair)
        lines.append(
            (
                slug_url(viewname, country["slug"]),
                country["name"],
                said,
                _terms(country["shown_terms"]),
            )
        )
    return format_html_join("", '<li>\n  <a href="{}">{}</a>\n  {}\n  {}\n</li>', lines)


def _kind_and_region(kind, region):
    labelled = Country(kind=kind, region=region)
    said = []
    if kind == CountryKind.REGIONAL_BODY:
        said.append(choice_label(labelled, "kind"))
    if region:
        said.append(choice_label(labelled, "region"))
    return format_html('<span class="meta">({})</span>', ", ".join(said)) if said else ""


def _terms(terms):
    """Few countries hold an office: their terms are written by the partial every page uses."""
    if not terms:
        return ""
    partial = get_template("meetings/partials/office_term.html")
    return format_html_join(
        "", '<span class="badge">{}</span> ', ((partial.render({"term": term}),) for term in terms)
    )
