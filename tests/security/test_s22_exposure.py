"""S22: nothing outside the site's pages and static files is served, and no directory listing."""

import pytest

from tests.responses import read_streaming


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "/.git/HEAD",
        "/.git/config",
        "/.env",
        "/static/../manage.py",
        "/static/%2e%2e/manage.py",
        "/static/..%2fmanage.py",
        "/static/../alliance87/settings.py",
        "/static/",
        "/static/css/",
        "/manage.py",
        "/db.sqlite3",
        "/backups/",
    ],
)
def test_s22_not_served(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert b"SECRET_KEY" not in response.content and b"DJANGO_SETTINGS" not in response.content


@pytest.mark.django_db
def test_s22_static_files_are_served(client):
    response = client.get("/static/css/site.css")
    assert response.status_code == 200
    assert b"{" in read_streaming(response)
