import shutil

import pytest
from django.conf import settings

from base.management.commands.load_record import load_record

FIXTURE = settings.BASE_DIR / "fixtures" / "site-pages.json"


@pytest.fixture(autouse=True)
def first_texts(db, tmp_path):
    """The pages' first texts, as `load_record` loads them from fixtures/ (without the rest of
    the record, which the tests that need it load too)."""
    shutil.copy(FIXTURE, tmp_path / FIXTURE.name)
    load_record(fixtures_dir=tmp_path)
