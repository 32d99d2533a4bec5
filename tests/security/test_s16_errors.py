"""S16: an exception with DEBUG off shows the site's 500 page and nothing of the internals."""

import pytest
from django.conf import settings
from django.urls import reverse

from alliance87 import views


@pytest.mark.django_db
def test_s16_500_reveals_nothing(client, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("SELECT secret FROM internals WHERE marker = 'leak-7f3a'")

    monkeypatch.setattr(views.HomeView, "get", broken)
    client.raise_request_exception = False
    response = client.get(reverse("home"))
    assert response.status_code == 500
    page = response.content.decode()
    assert "Something went wrong" in page
    for secret in ["leak-7f3a", "Traceback", "RuntimeError", "SELECT", settings.SECRET_KEY]:
        assert secret not in page
    assert str(settings.BASE_DIR) not in page
    assert "DEBUG" not in page and "settings" not in page.lower()


@pytest.mark.django_db
def test_s16_404_reveals_no_url_configuration(client):
    response = client.get("/admin-backup/../no-such-page/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "Page not found" in page
    assert "URLconf" not in page and "alliance87" not in page and "admin/" not in page
