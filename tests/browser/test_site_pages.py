"""The pages about the portal in a browser: each passes axe-core; the contact form, sent with a
mistake, comes back saying what is wrong with the text kept, then goes through."""

import pytest

from site_pages.models import ContactMessage

from .conftest import audit, describe, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

PAGES = {
    "about": ("/about/", "About the portal"),
    "join": ("/join/", "How to take part"),
    "privacy": ("/privacy/", "Privacy"),
    "contact": ("/contact/", "Contact"),
}


@pytest.mark.parametrize("name", PAGES)
def test_each_page_has_no_serious_violation(page, site, axe_path, name):
    path, heading = PAGES[name]
    response = page.goto(site + path)
    assert response.status == 200
    assert page.get_by_role("heading", level=1).inner_text() == heading
    footer = page.get_by_role("navigation", name="About the portal")
    for link in ("About", "How to take part", "Contact", "Privacy"):
        assert footer.get_by_role("link", name=link, exact=True).is_visible()
    screenshot(page, f"site-page-{name}.png")

    blocking = audit(page, axe_path)
    assert not blocking, f"axe on {path}:\n{describe(blocking)}"


def test_the_contact_form_with_a_mistake_then_sent(page, site, axe_path):
    page.goto(site + "/contact/")
    assert not page.get_by_label("Leave this field empty").is_visible()  # the robots' trap
    page.get_by_label("Your name").fill("Ana Pérez")
    page.get_by_label("Your e-mail address").fill("ana-at-example.org")
    page.get_by_label("Subject").fill("Taking part")
    page.get_by_label("Message").fill("How does a trade union take part?")
    page.get_by_role("button", name="Send").click()

    alert = page.get_by_role("alert")
    alert.wait_for()
    assert "please correct what is marked below" in alert.inner_text()
    assert page.get_by_text("Enter a valid email address.").is_visible()
    assert page.get_by_label("Message").input_value() == "How does a trade union take part?"
    blocking = audit(page, axe_path)
    assert not blocking, f"axe on the refused form:\n{describe(blocking)}"

    page.get_by_label("Your e-mail address").fill("ana@example.org")
    page.get_by_role("button", name="Send").click()

    page.get_by_role("heading", name="Message sent").wait_for()
    assert ContactMessage.objects.get().email == "ana@example.org"
    blocking = audit(page, axe_path)
    assert not blocking, f"axe on the thank-you page:\n{describe(blocking)}"
