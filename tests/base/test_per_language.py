"""{% per_language %}: rendered once per language and per value of the variables it names, and
blind to the rest of the page's context."""

from django.template import Context, engines
from django.utils import translation

SOURCE = (
    "{% load i18n per_language %}{% per_language section %}"
    "{% translate 'Meetings' %}|{{ section }}|{{ secret }}{% end_per_language %}"
)


def render(template, **values):
    return template.render(values)


def test_rendered_in_each_language():
    template = engines["django"].from_string(SOURCE)
    with translation.override("fr"):
        assert render(template, section="a") == "Réunions|a|"
    with translation.override("en"):
        assert render(template, section="a") == "Meetings|a|"


def test_rendered_again_for_another_value_of_a_named_variable():
    template = engines["django"].from_string(SOURCE)
    with translation.override("en"):
        assert render(template, section="a") == "Meetings|a|"
        assert render(template, section="b") == "Meetings|b|"


def test_the_rest_of_the_context_never_reaches_it():
    template = engines["django"].from_string(SOURCE)
    with translation.override("en"):
        assert render(template, section="a", secret="mine") == "Meetings|a|"


def test_reused_once_rendered():
    template = engines["django"].from_string(SOURCE)
    node = next(n for n in template.template.nodelist if hasattr(n, "rendered"))
    with translation.override("en"):
        render(template, section="a")
        node.rendered = {key: "kept" for key in node.rendered}
        assert template.template.render(Context({"section": "a"})) == "kept"
