"""S13: hostile names are shown escaped, on the site and in the admin; no template marks user
data safe. (tests/test_xss.py renders every page that shows them; this checks the core rule.)"""

from pathlib import Path

from django.conf import settings
from django.urls import reverse

from tests import factories

from .conftest import client_for

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'


def test_s13_hostile_names_escaped(users):
    org = factories.make_organization(name=f"Org {SCRIPT}", acronym="XSS")
    factories.make_person(name=f"Person {IMG}", organization=org)
    pages = [
        (None, org.get_absolute_url()),
        (None, reverse("partners:directory")),
        (users["secretariat"], reverse("admin:partners_organization_changelist")),
        (users["secretariat"], reverse("admin:partners_person_changelist")),
    ]
    for user, url in pages:
        page = client_for(user).get(url).content.decode()
        assert SCRIPT not in page and "<img src=x" not in page, url
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page or "Person &quot;&gt;" in page, url


def test_s13_no_template_marks_data_safe():
    """HTML templates of the project: no |safe, no autoescape off (e-mail bodies are text)."""
    offenders = []
    for path in Path(settings.BASE_DIR).glob("**/templates/**/*.html"):
        if (
            ".venv" in path.parts
            or "node_modules" in path.parts
            or path.name.endswith("email.html")
        ):
            continue
        text = path.read_text()
        if "|safe" in text or "autoescape off" in text:
            offenders.append(str(path))
    assert not offenders
    for path in Path(settings.BASE_DIR).glob("*/**/*.py"):
        if ".venv" in path.parts or "tests" in path.parts:
            continue
        assert "mark_safe(" not in path.read_text(), path
