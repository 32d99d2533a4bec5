"""A filter's model choices read as (pk, label) pairs (`option_labels`) offer what the field's
own choices would, and draw the same select, the chosen option marked."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory

from directory.filters import OrganizationFilter, PeopleFilter
from partners.models import Organization, Person
from tests.factories import make_country, make_organization, make_person

pytestmark = pytest.mark.django_db


def filterset(filterset_class, model, **data):
    request = RequestFactory().get("/", data)
    request.user = AnonymousUser()
    return filterset_class(
        request.GET or None, queryset=model.objects.visible_to(request.user), request=request
    )


@pytest.mark.parametrize(
    ("filterset_class", "model"), [(OrganizationFilter, Organization), (PeopleFilter, Person)]
)
@pytest.mark.parametrize("chosen", [None, "second"])
def test_the_country_options_are_the_fields_own(filterset_class, model, chosen):
    countries = [make_country(name=name) for name in ("Zambia", "Austria <&>")]
    for country in countries:
        make_person(organization=make_organization(country=country))
    data = {"country": countries[1].pk} if chosen else {}

    drawn = filterset(filterset_class, model, **data)
    assert filterset_class.option_labels == {"country": "name"}
    field = drawn.form.fields["country"]
    own = [(str(value), label) for value, label in field.choices]
    assert [(str(value), label) for value, label in field.widget.choices] == own
    assert own == [
        ("", "Any country"),
        (str(countries[1].pk), "Austria <&>"),
        (str(countries[0].pk), "Zambia"),
    ]
    select = str(drawn.form["country"])
    assert "Austria &lt;&amp;&gt;</option>" in select
    assert (f'<option value="{countries[1].pk}" selected>' in select) == bool(chosen)
