"""S26: a cached page's key holds only the query parameters the page reads, which each cached
view declares (`cache_page_per_audience(params=...)`, in each app's urls.py). The others are
taken out of the request before the view sees it: made-up parameters neither change the key nor
are kept, and a flood of them fills nothing.

The declarations are found complete by asking every cached page, as a visitor and as a member,
with a made-up parameter let through (it binds the page's forms, which then look up every field
they have), through a query dict that notes each name the view and its template look up."""

import secrets

import pytest
from django.core.cache import caches
from django.http import QueryDict
from django.test import Client
from django.urls import resolve, reverse

from base.web import page_cache

from .test_page_cache import as_member, cached_pages, members_pages

MADE_UP = "zz-made-up"


class Noting(QueryDict):
    """A QueryDict that notes the names looked up in it (by get, [], getlist, in)."""

    looked_up = set()

    def __getitem__(self, key):
        Noting.looked_up.add(key)
        return super().__getitem__(key)

    def getlist(self, key, default=None):
        Noting.looked_up.add(key)
        return super().getlist(key, default)

    def __contains__(self, key):
        Noting.looked_up.add(key)
        return super().__contains__(key)


@pytest.fixture
def noting(monkeypatch):
    """Requests served from the cache keep the made-up parameter too, in a Noting dict."""
    keep = page_cache.only_the_pages_parameters
    monkeypatch.setattr(page_cache, "QueryDict", Noting)
    monkeypatch.setattr(
        page_cache,
        "only_the_pages_parameters",
        lambda request, params: keep(request, params | {MADE_UP}),
    )
    Noting.looked_up = set()
    return Noting


def with_made_up(path):
    return f"{path}{'&' if '?' in path else '?'}{MADE_UP}=1"


def undeclared(client, pages, noting):
    found = {}
    for name, path in pages.items():
        noting.looked_up = set()
        assert client.get(with_made_up(path)).status_code == 200, path
        declared = resolve(path.split("?")[0]).func.reads_params
        # A template's `request.GET.urlencode` looks up "urlencode" first: a method, not a name.
        methods = {name for name in noting.looked_up if hasattr(QueryDict, name)}
        extra = noting.looked_up - declared - methods - {MADE_UP}
        if extra:
            found[name] = sorted(extra)
    return found


@pytest.mark.usefixtures("record")
class TestEveryParameterAPageReadsIsDeclared:
    def test_for_visitors(self, noting):
        assert undeclared(Client(), cached_pages(), noting) == {}

    def test_for_members(self, noting, member):
        assert undeclared(as_member(member), members_pages(), noting) == {}

    def test_the_check_finds_an_undeclared_parameter(self, noting, monkeypatch):
        path = reverse("directory:people")
        view = resolve(path).func
        monkeypatch.setattr(view, "reads_params", view.reads_params - {"page"})
        assert undeclared(Client(), {"directory": path}, noting) == {"directory": ["page"]}


@pytest.mark.usefixtures("record")
class TestTheKey:
    def test_made_up_parameters_are_one_page_kept_once(self, django_assert_num_queries):
        path = reverse("directory:organization_list")
        Client().get(path)
        kept = len(caches["default"]._cache)
        for _ in range(20):
            with django_assert_num_queries(0):  # served as kept
                response = Client().get(f"{path}?zz={secrets.token_hex(8)}&utm_source=x")
            assert response.status_code == 200
            assert b"zz=" not in response.content  # not carried into the page's own links
        assert len(caches["default"]._cache) == kept

    def test_a_parameter_the_page_reads_is_a_page_of_its_own(self):
        path = reverse("directory:organization_list")
        first = Client().get(path).content
        kept = len(caches["default"]._cache)
        other = Client().get(f"{path}?kind=government").content
        assert other != first
        assert len(caches["default"]._cache) == kept + 1

    def test_the_order_of_the_parameters_is_one_page(self, django_assert_num_queries):
        path = reverse("directory:people")
        Client().get(f"{path}?q=ILO&sort=first")
        with django_assert_num_queries(0):
            assert Client().get(f"{path}?sort=first&q=ILO").status_code == 200
