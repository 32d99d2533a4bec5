"""Synthetic data on top of the 2019 record, `factor` times its size, to measure the portal.

Deterministic for a seed: every choice comes from one `random.Random(seed)` and the rows are made in
a fixed order, so the same seed and factor give the same names, dates and links. Rows are written
with `bulk_create` in batches, without history rows: they are test data, not edits anyone made, and
writing a history row per row would double the time for nothing a page shows.

At factor 100: 100 meetings (two a year from 2020, one in ten a draft), 700 agenda items, about
2,000 interventions, 4,500 attendances, 4,500 people with addresses in 600 organisations, every
ISO 3166-1 country and a dozen regional bodies, with milestones, follow-ups, documents and events;
4,500 invitations, most of them answered. Addresses are on the reserved example.org and
example.net domains only (RFC 2606).
"""

import datetime
import random
from dataclasses import dataclass, field

import pycountry
from django.db import transaction
from django.utils.text import slugify

from actiongroups.models import ActionGroup
from base.record.partial_dates import DatePrecision
from base.record.slugs import unique_slugs
from base.record.visibility import PublicationStatus
from invitations.models import Answer, Invitation
from meetings.models import (
    ActionPoint,
    ActionPointKind,
    ActionPointStatus,
    AgendaItem,
    Attendance,
    AttendanceMode,
    Document,
    DocumentKind,
    Event,
    EventKind,
    EventStatus,
    Intervention,
    InterventionKind,
    KeyFigure,
    Meeting,
    Objective,
)
from partners import names
from partners.models import (
    Country,
    CountryKind,
    EmailAddress,
    Organization,
    OrganizationKind,
    Person,
)
from pathfinders.models import Milestone, Stage

BATCH_SIZE = 500
FIRST_YEAR = 2020
DRAFT_EVERY = 10  # the second of every ten meetings is a draft

PER_MEETING = {
    "agenda_items": 7,
    "attendances": 45,
    "new_people": 45,
    "new_organizations": 6,
    "objectives": 3,
    "key_figures": 3,
    "action_points": 6,
    "documents": 5,
    "events": 9,
    "milestones": 12,
    "invitations": 45,
}
INTERVENTIONS_PER_ITEM = (2, 4)

GIVEN_NAMES = [
    "Amélie",
    "Zoë",
    "Chloé",
    "Hélène",
    "François",
    "Jérôme",
    "Søren",
    "Åsa",
    "Björn",
    "Mária",
    "José",
    "Inés",
    "Ramón",
    "Lucía",
    "Joaquín",
    "Sofía",
    "João",
    "Conceição",
    "Gonçalo",
    "Zoltán",
    "Ayşe",
    "Çağrı",
    "Łukasz",
    "Małgorzata",
    "Dorota",
    "Jiří",
    "Tomáš",
    "Nguyễn",
    "Thảo",
    "Amina",
    "Kwame",
    "Ngozi",
    "Chidi",
    "Fatoumata",
    "Aïcha",
    "Oumar",
    "Priya",
    "Arjun",
    "Kavita",
    "Rohan",
    "Mei",
    "Haruto",
    "Yuki",
    "Seo-yeon",
    "Min-jun",
    "Olga",
    "Dmitri",
    "Anouk",
    "Maëlle",
    "Niamh",
]
FAMILY_NAMES = [
    "Dubois",
    "Lefèvre",
    "Müller",
    "Schröder",
    "García",
    "Núñez",
    "Peña",
    "Muñoz",
    "Gonçalves",
    "Sørensen",
    "Ångström",
    "Kowalczyk",
    "Wiśniewski",
    "Dvořák",
    "Novák",
    "Szabó",
    "Öztürk",
    "Yılmaz",
    "Trần",
    "Phạm",
    "Okonkwo",
    "Adébáyò",
    "Mensah",
    "Diallo",
    "Traoré",
    "Ndiaye",
    "Banerjee",
    "Iyer",
    "Chatterjee",
    "Tanaka",
    "Watanabe",
    "Kim",
    "Park",
    "Ivanova",
    "O'Connor",
    "Mac Giolla Phádraig",
    "D'Ovidio",
    "de la Cruz",
    "van der Berg",
    "Abu-Zeid",
    "El Amrani",
    "Haddad",
    "Mwangi",
    "Otieno",
    "Rakotomalala",
    "Kahale",
    "Fonoti",
    "Quispe",
    "Mamani",
    "Silva",
]
POSITIONS = [
    "Director",
    "Senior Adviser",
    "Programme Officer",
    "Counsellor",
    "First Secretary",
    "Head of Unit",
    "Policy Officer",
    "Coordinator",
    "Deputy Director",
    "Research Fellow",
    "",
]
CITIES = [
    "Geneva",
    "New York",
    "Buenos Aires",
    "Addis Ababa",
    "Bangkok",
    "Vienna",
    "Nairobi",
    "Lima",
    "Rome",
    "Dakar",
    "Kathmandu",
    "Paris",
    "Santiago",
    "Rabat",
    "Colombo",
    "Suva",
]
# (kind, name pattern): an organisation's name is a pattern filled with a country's name.
ORGANIZATION_PATTERNS = [
    (OrganizationKind.GOVERNMENT, "Ministry of Labour and Social Affairs of {country}"),
    (OrganizationKind.GOVERNMENT, "Permanent Mission of {country} to the UN in Geneva"),
    (OrganizationKind.GOVERNMENT, "National Commission against Trafficking, {country}"),
    (OrganizationKind.WORKERS, "National Trade Union Confederation of {country}"),
    (OrganizationKind.EMPLOYERS, "Federation of Employers of {country}"),
    (OrganizationKind.CIVIL_SOCIETY, "Coalition against Child Labour, {country}"),
    (OrganizationKind.CIVIL_SOCIETY, "Foundation for Decent Work in {country}"),
    (OrganizationKind.RESEARCH, "Institute of Labour Studies of {country}"),
    (OrganizationKind.REGIONAL_BODY, "Regional Office for {country}"),
    (OrganizationKind.OTHER, "Observatory on Migration and Work, {country}"),
]
REGIONAL_BODIES = [
    ("European Union", "150"),
    ("Association of Southeast Asian Nations", "142"),
    ("Economic Community of West African States", "002"),
    ("Southern African Development Community", "002"),
    ("Organization of American States", "019"),
    ("Council of Europe", "150"),
    ("League of Arab States", "142"),
    ("Pacific Islands Forum", "009"),
    ("South Asian Association for Regional Cooperation", "142"),
    ("Caribbean Community", "019"),
    ("Southern Common Market", "019"),
    ("Bali Process on People Smuggling and Trafficking", "142"),
]
AGENDA_TITLES = [
    "Opening and adoption of the agenda",
    "Update from the Secretariat",
    "Pathfinder countries: progress and new expressions of interest",
    "Action groups: updates and work plans",
    "Communications and the Delta 8.7 knowledge platform",
    "Resource mobilisation",
    "Any other business and closing",
]
SUMMARY_PHRASES = [
    "reported on the national action plan and the steps taken since the last meeting",
    "welcomed the progress of the pathfinder countries and offered technical support",
    "called for stronger data on forced labour in supply chains",
    "presented the results of a survey of child labour in agriculture",
    "stressed the role of workers' and employers' organisations in the national roadmaps",
    "announced a regional workshop on fair recruitment",
    "asked the Secretariat to circulate the draft work plan before the next meeting",
]
DOCUMENT_TITLES = [
    "National roadmap on child labour and forced labour",
    "Progress report of the pathfinder country",
    "Guidance note on due diligence in supply chains",
    "Work plan of the action group",
    "Briefing package for the strategic planning workshop",
]
EVENT_TITLES = [
    "Regional consultation on fair recruitment",
    "Strategic planning workshop",
    "Side event on the road to the Global Conference",
    "Expert meeting on measuring modern slavery",
    "Webinar on child labour in supply chains",
]
FIGURE_LABELS = ["partners", "pathfinder countries", "subscribers to the mailing list"]


@dataclass
class Summary:
    """How many rows of each model were made."""

    counts: dict = field(default_factory=dict)

    def add(self, model, rows):
        label = model._meta.label
        self.counts[label] = self.counts.get(label, 0) + len(rows)

    def __str__(self):
        return ", ".join(f"{count} {label}" for label, count in sorted(self.counts.items()))


def generate(factor, seed=0):
    """Add `factor` times the 2019 record's worth of rows; returns a Summary. One transaction."""
    with transaction.atomic():
        return _Generator(factor, random.Random(seed)).run()


class _Generator:
    def __init__(self, factor, rng):
        self.factor = factor
        self.rng = rng
        self.summary = Summary()

    def run(self):
        # Each meeting reviews the pathfinders the record names and every action group in one
        # follow-up, one document and one event: every one of them has each kind of entry.
        self.reviewed_countries = list(Country.objects.filter(milestones__isnull=False).distinct())
        self.reviewed_groups = list(ActionGroup.objects.order_by("pk"))
        countries = self.countries()
        organizations = self.organizations(countries)
        people = self.people(organizations)
        self.emails(people)
        meetings = self.meetings(people)
        items = self.agenda_items(meetings)
        self.objectives(meetings)
        interventions = self.interventions(items, people, countries)
        self.attendances(meetings, people)
        self.key_figures(items, organizations)
        self.action_points(meetings, items, organizations, countries)
        self.documents(meetings, items, organizations, countries)
        self.events(meetings, items, countries)
        self.milestones(meetings, items, interventions, countries)
        # Last, so that the rows before are the same as before invitations were made.
        self.invitations(meetings, people)
        return self.summary

    # -- helpers --------------------------------------------------------------------------------

    def create(self, model, rows):
        made = model.objects.bulk_create(rows, batch_size=BATCH_SIZE)
        self.summary.add(model, made)
        return made

    def link(self, field, pairs):
        """Bulk-create the many-to-many rows of `field` (a ManyToManyField), from (row, target)."""
        through = field.remote_field.through
        source = f"{field.model._meta.model_name}_id"
        target = f"{field.remote_field.model._meta.model_name}_id"
        if source == target:  # a link from a model to itself, which no field here makes
            raise ValueError(field)
        rows = [
            through(**{source: row.pk, target: other.pk}) for row, other in dict.fromkeys(pairs)
        ]
        self.create(through, rows)

    def link_concerned(self, made, reviews, countries, groups):
        """Link `made` (rows of one model) to the countries and action groups they concern: the
        `reviews` to every reviewed country and group, the others to one or two at random."""
        model = type(made[0])
        reviews = set(reviews)
        country_links, group_links = [], []
        for row in made:
            if row in reviews:
                country_links += [(row, country) for country in self.reviewed_countries]
                group_links += [(row, group) for group in self.reviewed_groups]
            else:
                country_links += [(row, c) for c in self.sample(countries, self.rng.randint(1, 2))]
                group_links += [(row, g) for g in self.sample(groups, 1)]
        self.link(model._meta.get_field("countries"), country_links)
        self.link(model._meta.get_field("action_groups"), group_links)

    def sample(self, rows, count):
        return self.rng.sample(rows, min(count, len(rows)))

    def with_slugs(self, model, rows, source="name"):
        slugs = unique_slugs(model, [getattr(row, source) for row in rows])
        for row, slug in zip(rows, slugs, strict=True):
            row.slug = slug
        return rows

    def meeting_count(self):
        return self.factor

    # -- partners -------------------------------------------------------------------------------

    def countries(self):
        """Every ISO 3166-1 country the record lacks, and regional bodies; returns all of them."""
        taken_codes = set(Country.objects.exclude(iso_code="").values_list("iso_code", flat=True))
        taken_names = set(Country.objects.values_list("name", flat=True))
        new = []
        for country in sorted(pycountry.countries, key=lambda c: c.alpha_2):
            name = getattr(country, "common_name", None) or country.name
            if country.alpha_2 in taken_codes or name in taken_names:
                continue
            row = Country(name=name, kind=CountryKind.COUNTRY, iso_code=country.alpha_2)
            row.derive_code_and_region()
            new.append(row)
        for name, region in REGIONAL_BODIES:
            if name not in taken_names:
                new.append(Country(name=name, kind=CountryKind.REGIONAL_BODY, region=region))
        self.create(Country, self.with_slugs(Country, new))
        return list(Country.objects.order_by("pk"))

    def organizations(self, countries):
        taken = set(Organization.objects.values_list("name", flat=True))
        combinations = [
            (kind, pattern, country)
            for pattern_kind, pattern in ORGANIZATION_PATTERNS
            for country in countries
            for kind in [pattern_kind]
        ]
        self.rng.shuffle(combinations)
        wanted = PER_MEETING["new_organizations"] * self.meeting_count()
        rows = []
        for index, (kind, pattern, country) in enumerate(
            combinations * (1 + wanted // len(combinations))
        ):
            if len(rows) == wanted:
                break
            name = pattern.format(country=country.name)
            if index >= len(combinations):
                name = f"{name} ({index // len(combinations) + 1})"
            if name in taken:
                continue
            taken.add(name)
            row = Organization(
                name=name,
                kind=kind,
                country=country if kind == OrganizationKind.GOVERNMENT else None,
                acronym="".join(word[0] for word in name.split() if word[0].isupper())[:10],
            )
            row.search_name = names.search_name(name)
            rows.append(row)
        return self.create(Organization, self.with_slugs(Organization, rows))

    def people(self, organizations):
        rows = []
        for index in range(PER_MEETING["new_people"] * self.meeting_count()):
            name = f"{self.rng.choice(GIVEN_NAMES)} {self.rng.choice(FAMILY_NAMES)}"
            row = Person(
                name=name,
                organization=organizations[index % len(organizations)],
                position=self.rng.choice(POSITIONS),
                contact_visibility=self.rng.choices(
                    ["members", "secretariat", "hidden"], weights=[85, 10, 5]
                )[0],
            )
            if " " in name.split(" ", 1)[1]:  # "de la Cruz", "van der Berg": sorted by the whole
                row.sort_name = f"{name.split(' ', 1)[1]} {name.split(' ', 1)[0]}"
            row.derive_names()
            rows.append(row)
        return self.create(Person, self.with_slugs(Person, rows))

    def emails(self, people):
        rows = []
        for index, person in enumerate(people):
            local = slugify(names.normalised(person.name)).replace("-", ".")
            domain = "example.org" if index % 3 else "example.net"
            rows.append(EmailAddress(person=person, address=f"{local}.{person.pk}@{domain}"))
            if index % 7 == 0:
                rows.append(
                    EmailAddress(
                        person=person, address=f"{local}.{person.pk}@mail.example.org", position=2
                    )
                )
        self.create(EmailAddress, rows)

    # -- meetings -------------------------------------------------------------------------------

    def meetings(self, people):
        first_number = (
            Meeting.objects.order_by("-number").values_list("number", flat=True).first() or 0
        ) + 1
        rows = []
        for index in range(self.meeting_count()):
            number = first_number + index
            year, half = FIRST_YEAR + index // 2, index % 2
            date = datetime.date(year, 3 if half == 0 else 10, 10 + self.rng.randrange(15))
            city = self.rng.choice(CITIES)
            draft = index % DRAFT_EVERY == 1
            rows.append(
                Meeting(
                    number=number,
                    title=f"{number}th Meeting of the Global Coordinating Group",
                    date=date,
                    city=city,
                    occasion=f"Held in {city} alongside the regional consultations of {year}.",
                    chair=self.rng.choice(people),
                    status=PublicationStatus.DRAFT if draft else PublicationStatus.PUBLISHED,
                )
            )
        return self.create(Meeting, self.with_slugs(Meeting, rows, source="title"))

    def agenda_items(self, meetings):
        rows = [
            AgendaItem(
                meeting=meeting,
                number=number,
                title=title,
                narrative=f"The Chair opened the discussion on {title.lower()}.",
            )
            for meeting in meetings
            for number, title in enumerate(AGENDA_TITLES[: PER_MEETING["agenda_items"]], start=1)
        ]
        return self.create(AgendaItem, rows)

    def objectives(self, meetings):
        rows = [
            Objective(meeting=meeting, position=position, text=f"To review {topic}.")
            for meeting in meetings
            for position, topic in enumerate(
                [
                    "the pathfinder journey",
                    "the action groups' work plans",
                    "the year's priorities",
                ][: PER_MEETING["objectives"]],
                start=1,
            )
        ]
        self.create(Objective, rows)

    def interventions(self, items, people, countries):
        rows, country_links, group_links = [], [], []
        groups = list(ActionGroup.objects.order_by("pk"))
        for item in items:
            for position in range(1, self.rng.randint(*INTERVENTIONS_PER_ITEM) + 1):
                speaker = self.rng.choice(people) if self.rng.random() < 0.8 else None
                organization = (
                    speaker.organization if speaker else self.rng.choice(people).organization
                )
                rows.append(
                    Intervention(
                        agenda_item=item,
                        position=position,
                        organization=organization,
                        speaker=speaker,
                        kind=self.rng.choice(InterventionKind.values),
                        summary=f"{organization.name} {self.rng.choice(SUMMARY_PHRASES)}.",
                    )
                )
        made = self.create(Intervention, rows)
        for intervention in made:
            country_links += [
                (intervention, c) for c in self.sample(countries, self.rng.randint(0, 2))
            ]
            group_links += [(intervention, g) for g in self.sample(groups, self.rng.randint(0, 1))]
        self.link(Intervention._meta.get_field("countries"), country_links)
        self.link(Intervention._meta.get_field("action_groups"), group_links)
        return made

    def attendances(self, meetings, people):
        rows = []
        for meeting in meetings:
            for position, person in enumerate(
                self.sample(people, PER_MEETING["attendances"]), start=1
            ):
                rows.append(
                    Attendance(
                        meeting=meeting,
                        person=person,
                        organization=person.organization,
                        mode=AttendanceMode.REMOTE
                        if position % 5 == 0
                        else AttendanceMode.IN_PERSON,
                        position=position,
                    )
                )
        self.create(Attendance, rows)

    def key_figures(self, items, organizations):
        secretariat_updates = [item for item in items if item.number == 2]
        rows = [
            KeyFigure(
                agenda_item=item,
                reported_by=self.rng.choice(organizations),
                position=position,
                value=self.rng.randrange(20, 3000),
                at_least=position == 1,
                label=label,
            )
            for item in secretariat_updates
            for position, label in enumerate(FIGURE_LABELS[: PER_MEETING["key_figures"]], start=1)
        ]
        self.create(KeyFigure, rows)

    def action_points(self, meetings, items, organizations, countries):
        items_of = self._items_by_meeting(items)
        groups = list(ActionGroup.objects.order_by("pk"))
        rows = []
        for meeting in meetings:
            for position in range(1, PER_MEETING["action_points"] + 1):
                item = self.rng.choice(items_of[meeting.pk])
                due = meeting.date + datetime.timedelta(days=self.rng.randrange(30, 300))
                point = ActionPoint(
                    meeting=meeting,
                    agenda_item=item,
                    position=position,
                    kind=ActionPointKind.DECISION if position == 1 else ActionPointKind.FOLLOW_UP,
                    text=f"The Secretariat to follow up on {item.title.lower()}.",
                    due_date=due if position % 3 else None,
                    due_precision=DatePrecision.DAY if position % 3 else "",
                    status=self.rng.choice(ActionPointStatus.values),
                )
                # bulk_create skips save(): a follow-up done or dropped is closed on a day after
                # its meeting, as the constraints require.
                closed = meeting.date + datetime.timedelta(days=self.rng.randrange(1, 200))
                point.set_closing(today=closed)
                rows.append(point)
        made = self.create(ActionPoint, rows)
        field = ActionPoint._meta.get_field
        self.link(field("owners"), [(p, o) for p in made for o in self.sample(organizations, 2)])
        self.link_concerned(made, made[:: PER_MEETING["action_points"]], countries, groups)

    def documents(self, meetings, items, organizations, countries):
        items_of = self._items_by_meeting(items)
        groups = list(ActionGroup.objects.order_by("pk"))
        rows = []
        for meeting in meetings:
            for index in range(PER_MEETING["documents"]):
                country = self.rng.choice(countries)
                dated = index % 2 == 0
                rows.append(
                    Document(
                        title=f"{DOCUMENT_TITLES[index]}: {country.name}, {meeting.date.year}",
                        kind=self.rng.choice(DocumentKind.values),
                        url=f"https://www.example.org/documents/{meeting.number}-{index}",
                        description="Presented to the group and circulated after the meeting.",
                        date=meeting.date.replace(day=1) if dated else None,
                        date_precision=DatePrecision.MONTH if dated else "",
                        meeting=meeting,
                        agenda_item=self.rng.choice(items_of[meeting.pk]),
                    )
                )
        made = self.create(Document, self.with_slugs(Document, rows, source="title"))
        field = Document._meta.get_field
        self.link(
            field("organizations"), [(d, o) for d in made for o in self.sample(organizations, 1)]
        )
        self.link_concerned(made, made[:: PER_MEETING["documents"]], countries, groups)

    def events(self, meetings, items, countries):
        items_of = self._items_by_meeting(items)
        groups = list(ActionGroup.objects.order_by("pk"))
        rows = []
        for meeting in meetings:
            rows.append(
                Event(
                    title=meeting.title,
                    kind=EventKind.GCG_MEETING,
                    status=EventStatus.HELD,
                    start_date=meeting.date,
                    city=meeting.city,
                    meeting=meeting,
                )
            )
            for index in range(PER_MEETING["events"] - 1):
                start = meeting.date + datetime.timedelta(days=self.rng.randrange(10, 170))
                rows.append(
                    Event(
                        title=f"{EVENT_TITLES[index % len(EVENT_TITLES)]}, {start:%B %Y}",
                        kind=self.rng.choice([EventKind.ALLIANCE, EventKind.EXTERNAL]),
                        status=self.rng.choice(EventStatus.values),
                        start_date=start,
                        end_date=start + datetime.timedelta(days=self.rng.randrange(0, 3)),
                        city=self.rng.choice(CITIES),
                        mentioned_at=self.rng.choice(items_of[meeting.pk]),
                    )
                )
        made = self.create(Event, self.with_slugs(Event, rows, source="title"))
        # The first of each meeting's events is the meeting itself; the second reviews.
        self.link_concerned(made, made[1 :: PER_MEETING["events"]], countries, groups)

    def milestones(self, meetings, items, interventions, countries):
        """Each meeting reports the next stage of a dozen countries, in turn, so that at factor
        100 every country and regional body has some."""
        items_of = self._items_by_meeting(items)
        reached = {}  # country pk -> rank of its furthest synthetic stage
        rows = []
        turn = 0
        for meeting in meetings:
            item = items_of[meeting.pk][2]  # "Pathfinder countries"
            for _ in range(PER_MEETING["milestones"]):
                country = countries[turn % len(countries)]
                turn += 1
                rank = reached.get(country.pk, 0) + 1
                if rank > len(Stage.values):
                    continue
                reached[country.pk] = rank
                dated = rank % 2 == 0
                rows.append(
                    Milestone(
                        country=country,
                        kind=Stage.from_rank(rank),
                        date=meeting.date if dated else None,
                        date_precision=DatePrecision.DAY if dated else "",
                        source_meeting=meeting,
                        source_agenda_item=item,
                    )
                )
        self.create(Milestone, rows)

    def invitations(self, meetings, people):
        """Each meeting's invitees, most of whom answered (one in five sent someone else)."""
        answers = [
            "",
            Answer.IN_PERSON,
            Answer.IN_PERSON,
            Answer.REMOTE,
            Answer.NOT_ATTENDING,
            Answer.DELEGATE,
        ]
        rows = []
        for meeting in meetings:
            for index, person in enumerate(self.sample(people, PER_MEETING["invitations"])):
                answer = answers[index % len(answers)]
                row = Invitation(
                    meeting=meeting,
                    person=person,
                    invited_as="All GCG members",
                    language=self.rng.choice(["en-gb", "fr", "es"]),
                    answer=answer,
                    organization=person.organization if answer else None,
                )
                if answer:
                    row.answered_at = datetime.datetime.combine(
                        meeting.date - datetime.timedelta(days=self.rng.randrange(5, 40)),
                        datetime.time(9),
                        tzinfo=datetime.UTC,
                    )
                if answer == Answer.DELEGATE:
                    row.delegate_name = (
                        f"{self.rng.choice(GIVEN_NAMES)} {self.rng.choice(FAMILY_NAMES)}"
                    )
                    row.delegate_email = f"delegate.{meeting.number}.{index}@example.org"
                    row.delegate_position = self.rng.choice(POSITIONS)
                    row.delegate_mode = AttendanceMode.REMOTE
                rows.append(row)
        self.create(Invitation, rows)

    def _items_by_meeting(self, items):
        items_of = {}
        for item in items:
            items_of.setdefault(item.meeting_id, []).append(item)
        return items_of


# -- one long meeting -------------------------------------------------------------------------

# What one 2019-sized meeting holds, rounded (the 2019 meeting: 7 agenda items, 31 interventions,
# 43 participants, 5 objectives, 7 decisions and follow-ups, 17 documents, 6 key figures, 14
# events mentioned); `large_meeting(times)` holds `times` times as much.
LIKE_2019 = {
    "agenda_items": 6,
    "interventions": 30,
    "attendances": 44,
    "objectives": 5,
    "action_points": 7,
    "documents": 17,
    "key_figures": 6,
    "events": 14,
}


def large_meeting(times, seed=0):
    """One published meeting `times` the size of the 2019 one (5: 30 agenda items, 150
    interventions, 220 participants...), its parts filled as the record fills them, its people
    those already recorded (and new ones where there are too few). Returns the meeting."""
    rng = random.Random(seed)
    with transaction.atomic():
        size = {part: count * times for part, count in LIKE_2019.items()}
        people = list(Person.objects.select_related("organization").order_by("pk"))
        missing = size["attendances"] - len(people)
        if missing > 0:
            organization = Organization.objects.create(
                name="Large meeting's participants", kind=OrganizationKind.OTHER
            )
            for n in range(missing):  # one by one: each takes its slug and sort names
                Person.objects.create(name=f"Participant {n}", organization=organization)
            people = list(Person.objects.select_related("organization").order_by("pk"))
        people = rng.sample(people, size["attendances"])
        number = Meeting.objects.order_by("-number").values_list("number", flat=True).first() or 0
        number += 1
        meeting = Meeting.objects.create(
            number=number,
            title=f"{number}th Meeting of the Global Coordinating Group",
            date=datetime.date(2030, 6, 12),
            city=rng.choice(CITIES),
            occasion=f"A long meeting: {times} times the 2019 one.",
            chair=people[0],
            status=PublicationStatus.PUBLISHED,
        )
        items = AgendaItem.objects.bulk_create(
            AgendaItem(
                meeting=meeting,
                number=n,
                title=AGENDA_TITLES[(n - 1) % len(AGENDA_TITLES)],
                narrative=f"The Chair opened the discussion on item {n}.",
            )
            for n in range(1, size["agenda_items"] + 1)
        )
        Intervention.objects.bulk_create(
            Intervention(
                agenda_item=items[n % len(items)],
                position=n // len(items) + 1,
                organization=people[n % len(people)].organization,
                speaker=people[n % len(people)],
                kind=rng.choice(InterventionKind.values),
                summary=f"{people[n % len(people)].organization.name} "
                f"{rng.choice(SUMMARY_PHRASES)}.",
            )
            for n in range(size["interventions"])
        )
        Attendance.objects.bulk_create(
            Attendance(
                meeting=meeting,
                person=person,
                organization=person.organization,
                listed_as=person.organization.name,
                mode=AttendanceMode.REMOTE if n % 5 == 0 else AttendanceMode.IN_PERSON,
                position=n,
            )
            for n, person in enumerate(people, start=1)
        )
        Objective.objects.bulk_create(
            Objective(meeting=meeting, position=n, text=f"To review part {n} of the work plan.")
            for n in range(1, size["objectives"] + 1)
        )
        ActionPoint.objects.bulk_create(
            ActionPoint(
                meeting=meeting,
                agenda_item=items[n % len(items)],
                position=n,
                kind=ActionPointKind.FOLLOW_UP,
                text=f"The Secretariat to follow up on item {n % len(items) + 1}.",
                due_date=meeting.date + datetime.timedelta(days=30 * (n % 9 + 1)),
                due_precision=DatePrecision.DAY,
            )
            for n in range(1, size["action_points"] + 1)
        )
        Document.objects.bulk_create(
            Document(
                title=f"Paper {n} of the {number}th meeting",
                slug=f"paper-{n}-of-the-{number}th-meeting",
                kind=rng.choice(DocumentKind.values),
                url=f"https://www.example.org/documents/{number}-{n}",
                meeting=meeting,
                agenda_item=items[n % len(items)],
            )
            for n in range(1, size["documents"] + 1)
        )
        KeyFigure.objects.bulk_create(
            KeyFigure(
                agenda_item=items[n % len(items)],
                position=n // len(items) + 1,
                value=rng.randrange(20, 3000),
                label=FIGURE_LABELS[n % len(FIGURE_LABELS)],
            )
            for n in range(size["key_figures"])
        )
        Event.objects.bulk_create(
            Event(
                title=f"Event {n} mentioned at the {number}th meeting",
                slug=f"event-{n}-mentioned-at-the-{number}th-meeting",
                kind=EventKind.EXTERNAL,
                status=EventStatus.PLANNED,
                start_date=meeting.date + datetime.timedelta(days=10 * n),
                city=rng.choice(CITIES),
                mentioned_at=items[n % len(items)],
            )
            for n in range(1, size["events"] + 1)
        )
    return meeting
