"""`{{ countries|country_lines }}`: the countries list's lines, one `<li>` a country: its link, in
brackets its kind (a regional body's) and its region, then its terms of office. The list has a
few hundred: written here, the template language resolved a dozen variables a line."""

from django import template
from django.template.loader import get_template
from django.utils.html import format_html, format_html_join

from base.record.choice_labels import choice_label
from base.templatetags.record_urls import absolute_url
from partners.models import CountryKind

register = template.Library()


@register.filter
def country_lines(countries):
    """Each country with its `shown_terms` (pathfinders.views.countries_visible_to)."""
    return format_html_join(
        "",
        '<li>\n  <a href="{}">{}</a>\n  {}\n  {}\n</li>',
        (
            (absolute_url(country), country.name, _kind_and_region(country), _terms(country))
            for country in countries
        ),
    )


def _kind_and_region(country):
    said = []
    if country.kind == CountryKind.REGIONAL_BODY:
        said.append(choice_label(country, "kind"))
    if country.region:
        said.append(choice_label(country, "region"))
    return format_html('<span class="meta">({})</span>', ", ".join(said)) if said else ""


def _terms(country):
    """Few countries hold an office: their terms are written by the partial every page uses."""
    if not country.shown_terms:
        return ""
    partial = get_template("meetings/partials/office_term.html")
    return format_html_join(
        "",
        '<span class="badge">{}</span> ',
        ((partial.render({"term": term}),) for term in country.shown_terms),
    )
