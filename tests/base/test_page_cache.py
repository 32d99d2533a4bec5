"""Pages cached per audience (base/web/page_cache.py): served again without a query of the record,
byte for byte what the view renders for the reader, never to another audience (a visitor never
gets a members' page), and retired by every write to the record, however it is made."""

import datetime
import re

import pytest
import time_machine
from django.conf import settings
from django.contrib.auth.models import User
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection, transaction
from django.test import Client, RequestFactory, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from django.utils import translation

from actiongroups.models import ActionGroup, ActionGroupStatus
from base.web.page_cache import page_key, record_tables, record_version
from meetings.models import Meeting
from partners.models import (
    ContactVisibility,
    Country,
    EmailAddress,
    Organization,
    OrganizationKind,
    Person,
)
from tests.admin_forms import posted_data
from tests.scale.pages import EXPORT_PAGES, PUBLIC_PAGES

# Written out by hand: a page added to these lists, or left out of them, is a decision to review.
CACHED_FOR_VISITORS = {
    "home",
    "pathfinders:country_list_json",
    "meetings:list",
    "meetings:list_json",
    "meetings:detail",
    "meetings:detail_json",
    "meetings:interventions_csv",
    "meetings:attendance_csv",
    "meetings:report",
    "meetings:followups",
    "meetings:voices",
    "meetings:events",
    "meetings:events_ics",
    "meetings:events_json",
    "pathfinders:country_list",
    "pathfinders:country_detail",
    "directory:organization_list",
    "directory:organization_detail",
    "directory:organization_list_json",
    "directory:people",
    "directory:people_json",
    "directory:action_group_list",
    "directory:action_group_list_json",
    "directory:action_group_detail",
    "search:results",
    # The lists' Atom feeds: a visitor's, whoever reads them (feeds/visitor.py).
    "feeds:events",
    "feeds:followups",
    "feeds:voices",
    "feeds:milestones",
    "feeds:action_groups",
    "feeds:organizations",
    "feeds:people",
    # What the portal says about itself, and the sitemap (site_pages/).
    "site_pages:about",
    "site_pages:join",
    "site_pages:privacy",
    "site_pages:contact",
    "site_pages:sitemap",
    # What changed about each followed target, as Atom (following/feeds.py): a visitor's.
    "following:country_feed",
    "following:action_group_feed",
    "following:organization_feed",
    "following:meetings_feed",
}

# Every page is the same for every member but for the account links (proved below), so each is
# cached for members too; not the JSON that carries addresses, which its view marks private.
CACHED_FOR_MEMBERS = CACHED_FOR_VISITORS - {"directory:people_json", "meetings:detail_json"}
# The pages that show members exactly what they show visitors (proved below). Not the directory,
# its JSON, the meeting's JSON and report (addresses), nor search (members search addresses):
# members are served those from the members' cache, never from the visitors'.
SAME_FOR_MEMBERS = CACHED_FOR_VISITORS - {
    "directory:people",
    "directory:people_json",
    "meetings:detail_json",
    "meetings:report",
    "search:results",
}
LANGUAGES = ("en", "fr", "es")
ACCOUNT = re.compile(rb"<!--account-->.*?<!--/account-->", re.DOTALL)


def url_patterns(resolver=None, namespace=""):
    """Every URL pattern of the site, with its namespaced name."""
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from url_patterns(pattern, inner)
        elif isinstance(pattern, URLPattern):
            yield f"{namespace}{pattern.name}", pattern.callback


def audiences(view):
    return getattr(view, "cached_for_audiences", ())


def cached_pages():
    """The pages of tests/scale/pages.py whose view caches them for visitors, by URL name."""
    pages = {}
    for page in PUBLIC_PAGES + EXPORT_PAGES:
        path = page.path()
        match = resolve(path.split("?")[0])
        if "visitors" in audiences(match.func):
            pages.setdefault(match.view_name, path)
    return pages


def members_pages():
    """The pages cached for members, by URL name, and a search and a directory search by
    address, which show members more than visitors."""
    pages = {name: path for name, path in cached_pages().items() if name in CACHED_FOR_MEMBERS}
    pages["search (a name)"] = reverse("search:results") + "?q=Graciela+Guzman"
    pages["directory (an address)"] = reverse("directory:people") + "?q=dol.gov&sort=first"
    return pages


def without_tokens(content):
    return re.sub(rb'name="csrfmiddlewaretoken" value="[^"]*"', b"", content)


def same_for_a_member(path, member):
    """As each view itself renders it (nothing cached), is a member's page the visitor's but for
    the account links and the CSRF tokens?"""
    with override_settings(PAGE_CACHE_SECONDS=0):
        visitors = Client().get(path).content
        members = as_member(member).get(path).content
    return ACCOUNT.sub(b"", without_tokens(visitors)) == ACCOUNT.sub(b"", without_tokens(members))


def as_member(member, headers=None):
    reader = Client(headers=headers or {})
    reader.force_login(member)
    return reader


@pytest.fixture
def another_member(django_user_model):
    """A second member, unlike the first in all that is theirs: a name, and their own entry in
    the record (the record is the test's: ask for `record` first)."""
    user = django_user_model.objects.create_user(
        "another-member", password="a-long-test-password-3", first_name="Zoe", last_name="Other"
    )
    Person.objects.filter(slug="anousheh-karvar").update(user=user)
    return user


def test_the_pages_cached_for_visitors_are_the_public_ones():
    cached = {name for name, view in url_patterns() if "visitors" in audiences(view)}
    assert cached == CACHED_FOR_VISITORS


def test_the_pages_cached_for_members_are_listed():
    cached = {name for name, view in url_patterns() if "members" in audiences(view)}
    assert cached == CACHED_FOR_MEMBERS
    assert not any("staff" in audiences(view) for _, view in url_patterns())


def test_every_write_statement_is_noticed_on_the_record_s_tables_only():
    assert {Meeting._meta.db_table, ActionGroup.leads.through._meta.db_table} <= (record_tables())
    assert Meeting.history.model._meta.db_table in record_tables()
    assert not {"django_session", "auth_user", "axes_accessattempt"} & record_tables()


def test_a_table_no_page_shows_is_not_the_records():
    """A contact message, which any visitor may write, is shown on no page: writing one keeps
    the page cache, where a page the Secretariat edits (and its history) is the record's."""
    from site_pages.models import ContactMessage, SitePage

    assert ContactMessage._meta.db_table not in record_tables()
    assert ContactMessage.history.model._meta.db_table not in record_tables()
    assert {SitePage._meta.db_table, SitePage.history.model._meta.db_table} <= record_tables()


@pytest.mark.django_db
class TestCachedPages:
    def test_every_cached_page_is_served_again_without_a_query(
        self, record, django_assert_num_queries
    ):
        pages = cached_pages()
        assert set(pages) == CACHED_FOR_VISITORS  # every cached page is measured here
        for name, path in pages.items():
            first = Client().get(path)
            assert first.status_code == 200, name
            with django_assert_num_queries(0):
                again = Client().get(path)
            assert again.status_code == 200, name
            assert without_tokens(again.content) == without_tokens(first.content), name
            assert again["Content-Type"] == first["Content-Type"], name

    def test_a_members_page_is_never_served_to_a_visitor(
        self, record, member, django_assert_max_num_queries
    ):
        """A page a member asked for is cached for members alone: the next visitor has the
        page rendered for them, as the view renders it for a visitor."""
        with time_machine.travel(datetime.datetime.now(datetime.UTC), tick=False):
            for name, path in cached_pages().items():
                as_member(member).get(path)
                with django_assert_max_num_queries(1000) as read:
                    served = Client().get(path)
                assert len(read) > 0, name  # rendered for the visitor: no members' page
                with override_settings(PAGE_CACHE_SECONDS=0):
                    rendered = Client().get(path)
                assert without_tokens(served.content) == without_tokens(rendered.content), name

        # The directory is the page whose members' version carries addresses.
        directory = reverse("directory:people")
        assert "mailto:" in as_member(member).get(directory).content.decode()
        Client().get(directory)  # cached now, as a visitor sees it
        for _ in range(2):
            assert "@" not in Client().get(directory).content.decode()

    @pytest.mark.parametrize("language", LANGUAGES)
    def test_a_visitor_after_a_member_gets_no_address(self, record, member, language):
        directory = reverse("directory:people")
        headers = {"accept-language": language}
        members = as_member(member, headers).get(directory).content.decode()
        assert "mailto:" in members
        with override_settings(PAGE_CACHE_SECONDS=0):
            visitors = Client(headers=headers).get(directory).content
        for _ in range(2):  # rendered for the first visitor and cached; then served from it
            served = Client(headers=headers).get(directory)
            assert "@" not in served.content.decode() and "mailto:" not in served.content.decode()
            assert without_tokens(served.content) == without_tokens(visitors)

    def test_a_member_is_served_neither_the_visitors_page_nor_staff_s(self, record, member, staff):
        """A member after a visitor gets the members' page; after staff (drafts, the
        Secretariat's addresses), the members' page too."""
        person = Person.objects.get(name="Kevin Willcutts")
        person.contact_visibility = ContactVisibility.SECRETARIAT
        person.save()
        hidden = person.emails.get().address
        directory = reverse("directory:people")
        assert "mailto:" not in Client().get(directory).content.decode()
        assert hidden in as_member(staff).get(directory).content.decode()
        with override_settings(PAGE_CACHE_SECONDS=0):
            itself = without_tokens(as_member(member).get(directory).content)
        for _ in range(2):
            served = without_tokens(as_member(member).get(directory).content)
            assert served == itself and b"mailto:" in served and hidden.encode() not in served

    def test_pages_same_for_members_show_them_what_they_show_visitors(self, record, member):
        """Rendered afresh for each (nothing cached), a member's page and a visitor's differ
        only in the account links and the CSRF tokens, but for the pages that show members more
        (addresses, searches by address), which a member is served from the members' cache
        only: a page that starts showing members more fails here, to be reviewed."""
        pages = cached_pages()
        # Members search addresses too: a person's name shows it.
        pages["search:results"] = reverse("search:results") + "?q=Graciela+Guzman"
        # The clock stands still: the calendar's DTSTAMP is the second it is written.
        with time_machine.travel(datetime.datetime.now(datetime.UTC), tick=False):
            for name, path in pages.items():
                assert same_for_a_member(path, member) == (name in SAME_FOR_MEMBERS), name

    def test_pages_cached_for_members_are_the_same_for_every_member(
        self, record, member, another_member
    ):
        """Rendered afresh for each (nothing cached), two members' pages differ only in the
        account links and the CSRF tokens: nothing else in a members' page is the member's own,
        so the page one member's request rendered may be served to any other. A page that
        starts showing a member anything of their own fails here: declare it `members=False`."""
        pages = members_pages()
        assert set(pages) >= CACHED_FOR_MEMBERS
        with time_machine.travel(datetime.datetime.now(datetime.UTC), tick=False):
            for name, path in pages.items():
                with override_settings(PAGE_CACHE_SECONDS=0):
                    first = as_member(member).get(path)
                    second = as_member(another_member).get(path)
                assert first.status_code == second.status_code == 200, name
                one, other = (
                    ACCOUNT.sub(b"", without_tokens(page.content)) for page in (first, second)
                )
                assert one == other, name

    @pytest.mark.parametrize("language", LANGUAGES)
    def test_a_member_is_served_from_the_cache_what_the_view_renders_for_them(
        self, record, member, another_member, language, django_assert_num_queries
    ):
        """The page cached when one member asked for it is served to the next member, without a
        query of the record, byte for byte as the view renders it for that member (but for the
        CSRF tokens, each reader's own)."""
        headers = {"accept-language": language}
        with time_machine.travel(datetime.datetime.now(datetime.UTC), tick=False):
            for name, path in members_pages().items():
                first = as_member(member, headers).get(path)
                reader = as_member(another_member, headers)
                with override_settings(PAGE_CACHE_SECONDS=0):
                    itself = reader.get(path)
                with django_assert_num_queries(2):  # the session and the user
                    served = reader.get(path)
                assert served.status_code == 200, name
                assert without_tokens(served.content) == without_tokens(itself.content), name
                assert served["Content-Type"] == itself["Content-Type"], name
                if b"<!--account-->" in served.content:  # their own account links
                    assert b"Zoe Other" in served.content and b"Zoe Other" not in first.content

    def test_a_member_is_served_the_members_page_with_their_own_account_links(
        self,
        record,
        member,
        another_member,
        staff,
        django_assert_num_queries,
        django_assert_max_num_queries,
    ):
        member.first_name, member.last_name = "Ana", "Member"
        member.save()
        meeting = Meeting.objects.get(number=5).get_absolute_url()
        visitors = Client().get(meeting).content.decode()
        assert "Sign in" in visitors
        as_member(another_member).get(meeting)  # cached for members now
        reader = Client()
        reader.force_login(member)
        with django_assert_num_queries(2):  # the session and the user, nothing of the record
            page = reader.get(meeting)
        html = page.content.decode()
        assert "Signed in as Ana Member" in html and "Sign in<" not in html
        assert "private" in page["Cache-Control"] and "no-store" in page["Cache-Control"]
        signed_out = reader.post(
            reverse("logout"),
            {
                "csrfmiddlewaretoken": re.search(
                    r'name="csrfmiddlewaretoken" value="([^"]+)"', html
                )[1]
            },
        )
        assert signed_out.status_code == 302  # the sign-out form's token is the reader's own
        # Staff, who see drafts, get the view itself.
        secretariat = Client()
        secretariat.force_login(staff)
        with django_assert_max_num_queries(1000) as read:
            secretariat.get(meeting)
        assert len(read) > 2

    def test_a_members_page_is_cached_with_nothing_of_the_member_who_asked(self, record, member):
        member.first_name, member.last_name = "Ana", "Member"
        member.save()
        meeting = Meeting.objects.get(number=5).get_absolute_url()
        page = as_member(member).get(meeting).content
        assert b"Ana Member" in page
        with translation.override(settings.LANGUAGE_CODE):
            content, _ = caches["default"].get(page_key(RequestFactory().get(meeting), "members"))
        assert b"<!--account--><!--/account-->" in content and b"Ana Member" not in content
        assert re.findall(rb'name="csrfmiddlewaretoken" value="([^"]*)"', content) == [
            b"-csrf-token-"
        ] * content.count(b"csrfmiddlewaretoken")

    def test_a_member_reads_the_members_directory_with_the_addresses_they_may_read(
        self, record, member, django_assert_num_queries
    ):
        """Served from the members' cache, the directory is byte for byte what its view renders
        for the member, in any language, sorted or searched; the addresses are those the member
        may read, and no visitor is ever served them."""
        first, second = Person.objects.listed().order_by("sort_key", "pk")[:2]
        EmailAddress.objects.create(person=first, address="second@example.org", position=9)
        second.contact_visibility = ContactVisibility.SECRETARIAT
        second.save()
        directory = reverse("directory:people")
        name = first.name.split()[-1]
        for path in (directory, f"{directory}?sort=first", f"{directory}?q={name}"):
            for language in ("en", "fr", "es"):
                reader = as_member(member, {"accept-language": language})
                with override_settings(PAGE_CACHE_SECONDS=0):
                    itself = without_tokens(reader.get(path).content)
                caches["default"].clear()
                for _ in range(2):  # rendered for the member and cached; then served from it
                    assert without_tokens(reader.get(path).content) == itself, (path, language)
                assert b"mailto:second@example.org" in itself
                for address in second.emails.values_list("address", flat=True):
                    assert address.encode() not in itself
        with django_assert_num_queries(2):  # the session and the user: the addresses are cached
            reader.get(path)
        assert "mailto:" not in Client().get(path).content.decode()

        # A search by address is the members' own: a visitor's finds no one.
        by_address = f"{directory}?q=second@example.org"
        found = as_member(member).get(by_address).content.decode()
        assert first.name in found and "mailto:second@example.org" in found
        for_visitors = Client().get(by_address).content.decode()
        assert "mailto:" not in for_visitors and first.name not in for_visitors

    def test_an_edit_in_the_admin_shows_at_once(self, record, staff):
        ilo = Organization.objects.get(acronym="ILO")
        pages = [reverse("directory:organization_list"), ilo.get_absolute_url()]
        for page in pages:
            assert "International Labour Organization" in Client().get(page).content.decode()
        secretariat = Client()
        secretariat.force_login(staff)
        change = reverse("admin:partners_organization_change", args=[ilo.pk])
        form = secretariat.get(change)
        posted = posted_data(form, name="International Labour Office")
        assert secretariat.post(change, posted).status_code == 302
        for page in pages:
            html = Client().get(page).content.decode()
            assert "International Labour Office" in html
            assert "International Labour Organization" not in html

    def test_each_language_has_its_own_page(self, record):
        english = Client().get(reverse("meetings:list")).content.decode()
        french = Client(headers={"accept-language": "fr"}).get(reverse("meetings:list"))
        assert french.content.decode() != english
        assert 'lang="fr"' in french.content.decode()

    def test_a_visitor_with_messages_waiting_gets_the_page_itself(
        self, record, django_assert_max_num_queries
    ):
        Client().get(reverse("home"))
        visitor = Client()
        visitor.cookies["messages"] = "anything"
        with django_assert_max_num_queries(1000) as read:
            visitor.get(reverse("home"))
        assert len(read) > 0

    def test_a_new_day_is_a_new_page(self, record, django_assert_max_num_queries):
        with time_machine.travel("2026-01-10 23:00Z", tick=False):
            Client().get(reverse("meetings:followups"))
        with time_machine.travel("2026-01-11 01:00Z", tick=False):
            with django_assert_max_num_queries(1000) as read:
                Client().get(reverse("meetings:followups"))
        assert len(read) > 0  # "overdue" is counted from today

    def test_a_missing_page_is_not_cached(self, record, django_assert_max_num_queries):
        missing = reverse("meetings:detail", args=["no-such-meeting"])
        assert Client().get(missing).status_code == 404
        with django_assert_max_num_queries(1000) as read:
            assert Client().get(missing).status_code == 404
        assert len(read) > 0


@pytest.mark.django_db
def test_each_visitor_served_a_cached_page_gets_a_token_of_their_own(client):
    first = client.get(reverse("home"))
    token = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
    visitor = Client(enforce_csrf_checks=True)
    page = visitor.get(reverse("home"))
    assert without_tokens(page.content) == without_tokens(first.content)  # the cached page
    own = token.search(page.content.decode()).group(1)
    assert own != token.search(first.content.decode()).group(1)
    assert "csrftoken" in page.cookies
    chosen = visitor.post(
        reverse("set_language"),
        {"csrfmiddlewaretoken": own, "language": "es", "next": "/"},
    )
    assert chosen.status_code == 302
    assert 'lang="es"' in visitor.get(reverse("home")).content.decode()


@pytest.mark.django_db
class TestEveryWriteRetiresThePages:
    """However a row of the record is written, the version pages are cached under changes."""

    @pytest.fixture
    def nepal(self):
        return Country.objects.create(name="Nepal", iso_code="NP")

    def changes(self, write):
        before = record_version()
        write()
        return record_version() != before

    def test_save_update_delete_and_bulk_writes(self, nepal):
        assert self.changes(lambda: Country.objects.create(name="Peru", iso_code="PE"))
        assert self.changes(lambda: setattr(nepal, "name", "Nepal!") or nepal.save())
        assert self.changes(lambda: Country.objects.filter(pk=nepal.pk).update(name="Nepal"))
        assert self.changes(
            lambda: Country.objects.bulk_create([Country(name="Chile", iso_code="CL")])
        )
        assert self.changes(lambda: Country.objects.bulk_update([nepal], ["name"]))
        assert self.changes(lambda: Country.objects.filter(iso_code="CL").delete())

    def test_many_to_many_links(self):
        ilo = Organization.objects.create(
            name="International Labour Organization", kind=OrganizationKind.values[0]
        )
        group = ActionGroup.objects.create(name="Supply Chains", status=ActionGroupStatus.values[0])
        assert self.changes(lambda: group.leads.add(ilo))
        assert self.changes(lambda: group.leads.clear())

    def test_raw_sql(self, nepal):
        table = Country._meta.db_table
        with connection.cursor() as cursor:
            assert self.changes(
                lambda: cursor.execute(
                    f"UPDATE {table} SET name = %s WHERE id = %s", ["N", nepal.pk]
                )
            )

    def test_loading_the_record(self):
        assert self.changes(lambda: call_command("load_record", verbosity=0))

    def test_not_a_sign_in(self, client):
        user = User.objects.create_user("member", password="a-long-test-password-1")
        assert not self.changes(lambda: client.force_login(user))

    def test_changed_again_once_committed(self, django_capture_on_commit_callbacks):
        """A page rendered by another visitor between a write and its commit shows the record
        as it was: the version it was cached under is retired by the commit."""
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            with transaction.atomic():
                nepal = Country.objects.create(name="Nepal", iso_code="NP")
                nepal.name = "Nepal, again"
                nepal.save()
                during = record_version()
        assert len(callbacks) == 1  # once per transaction, however many writes
        assert record_version() != during
