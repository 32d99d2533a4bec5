"""The quick selects write exactly what Django's own Select and SelectMultiple write (markup,
escaping, selected state, ids and aria), and every filter of the portal draws its selects with
them."""

import importlib
import importlib.util

import django_filters
import pytest
from django import forms
from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory, override_settings
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from base.web.filters import OfferedChoicesFilterSet
from base.web.widgets import QuickSelect, QuickSelectMixin, QuickSelectMultiple
from partners.models import Organization
from tests.factories import make_organization

TRICKY = [
    ("", "— any —"),
    ('a<b>&"c"', "Tom & Jerry <script>alert('x')</script>"),
    ("x'y", 'Say "hi" & <bye>'),
    ("côte", "Côte d’Ivoire — São Tomé, Ōsaka, Zürich"),
    ("sudo", mark_safe("<em>already safe</em>")),
]
GROUPED = [
    ("", "Any"),
    ("Africa & <Middle East>", [("gh", "Ghana"), ("ci", "Côte d’Ivoire"), ("x&y", "<X & Y>")]),
    ("loose", "Not in a group"),
    ('Europe "West"', [("fr", "France"), ("de", "Deutschland")]),
]


def both(widget_kwargs, name, value, attrs=None, multiple=False):
    """(Django's HTML, the quick widget's HTML) for the same select."""
    django_class, quick_class = (
        (forms.SelectMultiple, QuickSelectMultiple) if multiple else (forms.Select, QuickSelect)
    )
    return (
        django_class(**widget_kwargs).render(name, value, attrs),
        quick_class(**widget_kwargs).render(name, value, attrs),
    )


@pytest.mark.parametrize(
    "choices, value",
    [
        ([("a", "Alpha"), ("b", "Beta"), ("c", "Gamma")], None),
        ([("a", "Alpha"), ("b", "Beta"), ("c", "Gamma")], "b"),
        ([(1, "One"), (2, "Two")], 2),
        ([(1, "One"), (2, "Two")], "2"),
        (TRICKY, None),
        (TRICKY, 'a<b>&"c"'),
        (TRICKY, "côte"),
        (TRICKY, ""),
        (GROUPED, None),
        (GROUPED, "x&y"),
        (GROUPED, "loose"),
        ([("", "---------")], None),
        ([], None),
        ([(None, "Nothing"), (0, 0), (1.5, 2.25), (True, "Yes")], 0),
    ],
)
def test_the_same_html_as_djangos_select(choices, value):
    django_html, quick_html = both({"choices": choices}, "field", value)
    assert quick_html == django_html
    assert type(quick_html) is type(django_html)


@pytest.mark.parametrize(
    "attrs",
    [
        {"id": "id_field", "required": True},
        {"required": True, "id": "id_field"},  # attributes keep their order
        {"id": "id_f", "aria-describedby": "f_help", "aria-invalid": "true", "disabled": True},
        {"class": 'x" onmouseover="alert(1)', "data-off": False, "data-zero": 0, "data-none": None},
        {"title": "Café & <bar>", "data-safe": mark_safe("<b>")},
    ],
)
def test_attributes_as_djangos(attrs):
    django_html, quick_html = both({"choices": TRICKY}, 'na"me<', "x'y", attrs)
    assert quick_html == django_html


def test_a_select_multiple_as_djangos():
    django_html, quick_html = both(
        {"choices": GROUPED}, "several", ["gh", "x&y", "fr"], {"id": "id_several"}, multiple=True
    )
    assert quick_html == django_html
    assert django_html.count(" selected>") == 3


def test_numbers_as_labels_are_localised_as_the_template_localises_them():
    choices = [(1, 1234567), (2, 1234.5)]
    with override_settings(USE_THOUSAND_SEPARATOR=True), translation.override("fr"):
        django_html, quick_html = both({"choices": choices}, "n", 1)
    assert quick_html == django_html
    assert "1234567" not in django_html  # grouped: the comparison covered localisation


def test_lazy_labels_in_the_active_language():
    choices = [("", gettext_lazy("Any kind")), ("x", gettext_lazy("Filter"))]
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            django_html, quick_html = both({"choices": choices}, "kind", "x")
        assert quick_html == django_html


class Chooser(forms.Form):
    region = forms.ChoiceField(
        choices=GROUPED, help_text="Where & when", widget=forms.Select(attrs={"class": "wide"})
    )
    spare = forms.ChoiceField(choices=TRICKY, required=False)


def bound_html(data):
    """{field: (Django's HTML, the quick widget's HTML)} of a form bound to `data`."""
    django_form = Chooser(data)
    quick_form = Chooser(data)
    for field in quick_form.fields.values():
        quick = QuickSelect(attrs=field.widget.attrs, choices=field.widget.choices)
        quick.is_required = field.widget.is_required
        field.widget = quick
    django_form.is_valid(), quick_form.is_valid()
    return {name: (str(django_form[name]), str(quick_form[name])) for name in Chooser.base_fields}


@pytest.mark.parametrize("data", [None, {"region": "fr", "spare": "x'y"}, {"region": "nowhere"}])
def test_a_form_field_as_djangos_with_its_id_help_and_errors(data):
    for django_html, quick_html in bound_html(data).values():
        assert quick_html == django_html
    if data == {"region": "nowhere"}:
        assert 'aria-invalid="true"' in bound_html(data)["region"][0]


@pytest.mark.django_db
def test_model_choices_with_an_empty_label_as_djangos():
    make_organization(name='Workers <"United"> & Co')
    chosen = make_organization(name="Confédération syndicale — Ōsaka")
    field = forms.ModelChoiceField(Organization.objects.order_by("name"), empty_label="Any <one>")
    for value in (None, chosen.pk):
        django_html, quick_html = both({"choices": field.choices}, "organization", value)
        assert quick_html == django_html
    assert "&lt;&quot;United&quot;&gt; &amp; Co" in quick_html


INPUT_OPTION = "django/forms/widgets/input_option.html"


class DjangoInputOptions(forms.Select):
    option_template_name = INPUT_OPTION


class QuickInputOptions(QuickSelect):
    option_template_name = INPUT_OPTION


def test_a_widget_with_templates_of_its_own_is_drawn_by_them():
    html = QuickInputOptions(choices=[("a", "Alpha")]).render("f", "a")
    assert html == DjangoInputOptions(choices=[("a", "Alpha")]).render("f", "a")
    assert "<option" not in html and "<input" in html


def project_filtersets():
    """Every FilterSet class of the portal's apps with a model, their filters modules imported."""
    project_apps = [
        app.name for app in apps.get_app_configs() if app.path.startswith(str(settings.BASE_DIR))
    ]
    for name in project_apps:
        if importlib.util.find_spec(f"{name}.filters"):
            importlib.import_module(f"{name}.filters")
    found, waiting = [], [django_filters.FilterSet]
    while waiting:
        for subclass in waiting.pop().__subclasses__():
            waiting.append(subclass)
            if subclass.__module__.split(".")[0] in project_apps and subclass._meta.model:
                found.append(subclass)
    return found


def test_the_filtersets_are_found():
    names = {filterset.__name__ for filterset in project_filtersets()}
    assert {"PeopleFilter", "OrganizationFilter", "EventFilter", "FollowUpFilter"} <= names


@pytest.mark.django_db
@pytest.mark.parametrize("filterset_class", project_filtersets(), ids=lambda cls: cls.__name__)
def test_every_select_of_every_filter_is_quick(filterset_class):
    assert issubclass(filterset_class, OfferedChoicesFilterSet)
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    filterset = filterset_class(
        queryset=filterset_class._meta.model.objects.none(), request=request
    )
    widgets = {name: filter_.field.widget for name, filter_ in filterset.filters.items()}
    selects = {name: widget for name, widget in widgets.items() if isinstance(widget, forms.Select)}
    assert selects
    slow = [name for name, widget in selects.items() if not isinstance(widget, QuickSelectMixin)]
    assert slow == []
