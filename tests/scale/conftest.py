"""The query counts of every page at factor 1 and at factor 10, measured once for the module."""

import pytest

from .measure import measure_every_page


@pytest.fixture(scope="session")
def counts_at(django_db_setup, django_db_blocker):
    """{factor: {(page, role, "first"/"last"): Measure}} for factors 1 and 10."""
    with django_db_blocker.unblock():
        return {factor: measure_every_page(factor) for factor in (1, 10)}
