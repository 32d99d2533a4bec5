"""The sign-in and password pages, with and without errors shown: lists of help and errors are
not inside a paragraph (where HTML does not allow them), and every aria-describedby names an
element of the page, so a screen reader reads the help and the errors with the field."""

from html.parser import HTMLParser

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

PASSWORD = "a-long-test-password-1"
# Elements HTML does not allow inside <p> (its content is phrasing content).
NOT_IN_A_PARAGRAPH = {"ul", "ol", "div", "p", "table", "form", "section", "h1", "h2"}


class Markup(HTMLParser):
    def __init__(self):
        super().__init__()
        self.open, self.ids, self.described_by, self.misplaced = [], set(), [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "p" in self.open and tag in NOT_IN_A_PARAGRAPH:
            self.misplaced.append(f"<{tag}> in <p>")
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if attrs.get("aria-describedby"):
            self.described_by += attrs["aria-describedby"].split()
        if tag not in {"input", "br", "img", "meta", "link", "hr", "source"}:
            self.open.append(tag)

    def handle_endtag(self, tag):
        if tag in self.open:
            del self.open[len(self.open) - 1 - self.open[::-1].index(tag) :]


def problems(response):
    markup = Markup()
    markup.feed(response.content.decode())
    missing = [
        f"aria-describedby={name} names nothing"
        for name in markup.described_by
        if name not in markup.ids
    ]
    return markup.misplaced + missing, markup


@pytest.fixture
def member(django_user_model):
    return django_user_model.objects.create_user(
        "member", email="member@example.org", password=PASSWORD
    )


def reset_link(client, member):
    uid = urlsafe_base64_encode(force_bytes(member.pk))
    token = default_token_generator.make_token(member)
    start = reverse("password_reset_confirm", kwargs={"uidb64": uid, "token": token})
    return client.get(start).url  # the set-password page the link leads to


@pytest.mark.django_db
class TestThePagesWithTheirErrors:
    def test_sign_in(self, client):
        pages = [
            client.get(reverse("login")),
            client.post(reverse("login"), {"username": "nobody", "password": "wrong-password"}),
        ]
        for page in pages:
            assert problems(page)[0] == []

    def test_password_change(self, client, member):
        client.force_login(member)
        url = reverse("password_change")
        shown = client.get(url)
        refused = client.post(
            url, {"old_password": "wrong", "new_password1": "short", "new_password2": "other"}
        )
        assert refused.status_code == 200 and b"errorlist" in refused.content
        for page in (shown, refused):
            found, markup = problems(page)
            assert found == []
        # The new password's help (the validators' rules) and its errors are read with it.
        assert {"id_new_password1_helptext"} <= set(markup.described_by)

    def test_password_reset(self, client, member):
        url = reverse("password_reset")
        for page in (client.get(url), client.post(url, {"email": "not an address"})):
            assert problems(page)[0] == []

    def test_setting_a_new_password_from_the_reset_link(self, client, member):
        url = reset_link(client, member)
        shown = client.get(url)
        refused = client.post(url, {"new_password1": "password", "new_password2": "password"})
        assert refused.status_code == 200 and b"errorlist" in refused.content
        for page in (shown, refused):
            assert problems(page)[0] == []

    def test_sign_out_everywhere(self, client, member):
        client.force_login(member)
        url = reverse("sign_out_everywhere")
        for page in (client.get(url), client.post(url, {"password": "wrong"})):
            assert problems(page)[0] == []


def test_the_checker_finds_what_it_looks_for():
    class Page:
        content = b'<p><ul><li>x</li></ul></p><input aria-describedby="gone">'

    found, _ = problems(Page)
    assert found == ["<ul> in <p>", "aria-describedby=gone names nothing"]
