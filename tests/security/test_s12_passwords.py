"""S12: short, common and numeric passwords are refused, in the validators and in the forms."""

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse

from .conftest import PASSWORD


@pytest.mark.parametrize("password", ["short1", "password", "qwerty123", "12345678901", "a-member"])
def test_s12_weak_passwords_refused(users, password):
    with pytest.raises(ValidationError):
        validate_password(password, user=users["member"])


def test_s12_at_least_twelve_characters(users):
    with pytest.raises(ValidationError) as refused:
        validate_password("Kp7-vq2-Lm9", user=users["member"])  # 11
    assert refused.value.messages == [
        "This password is too short. It must contain at least 12 characters."
    ]
    validate_password("Kp7-vq2-Lm9x", user=users["member"])  # 12: no error


def test_s12_password_change_form_refuses_a_common_password(client, users):
    member = users["member"]
    client.force_login(member)
    response = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": "password", "new_password2": "password"},
    )
    assert response.status_code == 200
    assert "This password is too common." in response.content.decode()
    member.refresh_from_db()
    assert member.check_password(PASSWORD)
