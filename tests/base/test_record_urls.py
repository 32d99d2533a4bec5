"""{{ obj|absolute_url }} gives what obj.get_absolute_url() gives, for every model it builds the
address of without reversing the URL pattern (base/templatetags/record_urls.py)."""

import pytest
from django.apps import apps
from django.template import Context, Template
from django.urls import set_script_prefix

from base.templatetags.record_urls import DETAIL_VIEWS, absolute_url
from base.web.slug_urls import slug_url, slug_urls
from tests.factories import make_action_group, make_country, make_meeting, make_organization


@pytest.mark.django_db
@pytest.mark.parametrize(
    "factory", [make_country, make_organization, make_action_group, make_meeting]
)
def test_the_address_is_the_models_own(factory):
    obj = factory()
    assert absolute_url(obj) == obj.get_absolute_url()
    assert (
        Template("{% load record_urls %}{{ obj|absolute_url }}").render(Context({"obj": obj}))
        == obj.get_absolute_url()
    )


def test_every_model_named_is_one():
    for label in DETAIL_VIEWS:
        assert apps.get_model(label)


def test_nothing_has_no_address():
    assert absolute_url(None) == ""
    assert absolute_url("") == ""


def test_the_script_prefix_and_quoting_are_reverses():
    from django.urls import reverse

    try:
        set_script_prefix("/portal/")
        assert slug_url("pathfinders:country_detail", "nepal") == reverse(
            "pathfinders:country_detail", kwargs={"slug": "nepal"}
        )
    finally:
        set_script_prefix("/")
    assert slug_url("pathfinders:country_detail", "nepal") == "/countries/nepal/"


@pytest.mark.parametrize("slug", ["nepal", "côte-d-ivoire", "a b/c?d#e"])
def test_slug_urls_gives_slug_urls_addresses(slug):
    try:
        set_script_prefix("/portal/")
        assert slug_urls("pathfinders:country_detail")(slug) == slug_url(
            "pathfinders:country_detail", slug
        )
    finally:
        set_script_prefix("/")
    assert slug_urls("directory:organization_detail")(slug) == slug_url(
        "directory:organization_detail", slug
    )
