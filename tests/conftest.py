import pytest
from django.core.management import call_command


@pytest.fixture
def record(db):
    """The July 2019 record, loaded from fixtures/ as `make run` loads it."""
    call_command("load_record", verbosity=0)


@pytest.fixture
def member(django_user_model):
    return django_user_model.objects.create_user("member", password="a-long-test-password-1")


@pytest.fixture
def staff(django_user_model):
    return django_user_model.objects.create_superuser(
        "secretariat", password="a-long-test-password-1"
    )


@pytest.fixture
def member_client(client, member):
    client.force_login(member)
    return client


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client
