"""The query counts of every page at factor 1 and at factor 10, measured once for the module."""

import pytest

from .measure import measure_every_page


@pytest.fixture(scope="session")
def counts_at(django_db_setup, django_db_blocker):
    """{factor: {(page, role, "first"/"last"): Measure}} for factors 1 and 10. Each page is
    served once first at factor 1 only: by factor 10 this process has read what it reads once.
    The last pages of the paginated lists are compared at factor 10, where they are many."""
    with django_db_blocker.unblock():
        return {
            1: measure_every_page(1, last_pages=False),
            10: measure_every_page(10, warm_up=False),
        }
