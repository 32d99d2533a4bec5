from django.template import Context, Template
from django.test import RequestFactory

LINK = Template('{% load pagination %}<a href="{% page_url 3 %}">next</a>')


def render(query):
    request = RequestFactory().get("/directory/", query)
    return LINK.render(Context({"request": request}))


def test_filters_survive_paging():
    assert render({"q": "Lopez", "organization": "7"}) == (
        '<a href="?q=Lopez&amp;organization=7&amp;page=3">next</a>'
    )


def test_the_current_page_is_replaced_not_repeated():
    assert render({"page": "2", "q": "x"}) == '<a href="?page=3&amp;q=x">next</a>'


def test_hostile_values_stay_inside_the_attribute():
    assert render({"q": '"><script>'}) == ('<a href="?q=%22%3E%3Cscript%3E&amp;page=3">next</a>')
