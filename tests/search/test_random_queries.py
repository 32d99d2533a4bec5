"""Whatever the query string, the search page answers 200 with a page, never a server error
(the hostile values of S15, tests/security/test_s15_input_robustness.py)."""

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings

from tests.security.test_s15_input_robustness import hostile_values

SEARCH = reverse("search:results")


@pytest.mark.usefixtures("record")
class TestWithThe2019Record:
    @settings(
        max_examples=60,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(query=hostile_values, kind=hostile_values, page=hostile_values)
    def test_random_queries_never_give_a_server_error(self, client, query, kind, page):
        response = client.get(SEARCH, {"q": query, "kind": kind, "page": page})
        assert response.status_code == 200
