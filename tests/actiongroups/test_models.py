"""Action groups: what the database refuses. (Their pages are the directory's.)"""

import pytest

from actiongroups.models import ActionGroup
from tests.factories import assert_refused, make_action_group

pytestmark = pytest.mark.django_db


def test_bad_status():
    group = make_action_group()
    rows = ActionGroup.objects.filter(pk=group.pk)

    assert_refused(
        lambda: rows.update(status="not-a-choice"), "actiongroups_actiongroup_status_valid"
    )
