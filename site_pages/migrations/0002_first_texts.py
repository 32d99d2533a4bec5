"""The first English texts of the four pages, so that a new portal says what it is from its first
start (`make run` migrates). Each sentence comes from the report of the 5th meeting
(shared/reference/gcg-5th-meeting-report-2019-07-17.txt) or from the product brief; nothing
else (no address, no office). French and Spanish are left to the Secretariat: until written,
the English is shown. A page the Secretariat already wrote is left as it is."""

from django.db import migrations
from django.utils import timezone

REASON = "The portal's first text"

TEXTS = {
    "about": (
        "About the portal",
        # The brief; the report, item 1 (the target's years) and the meeting's place and date.
        "Alliance 8.7 is the global partnership of governments, UN agencies, workers' and "
        "employers' organisations, businesses and civil society working on target 8.7 of the "
        "Sustainable Development Goals: ending forced labour, modern slavery and human "
        "trafficking by 2030, and child labour by 2025.\n\n"
        "Its Global Coordinating Group (GCG) meets a few times a year. A small Secretariat "
        "records each meeting and keeps track of the pathfinder countries, the action groups "
        "and the partners.\n\n"
        "This portal holds that record: the GCG's meetings, with their agenda, who said what, "
        "the decisions and follow-ups, and the documents; the pathfinder countries and their "
        "milestones; the action groups; and the partner organisations and their people. It "
        "starts with the report of the 5th meeting of the GCG, held in New York on 17 July "
        "2019 in the margins of the High-Level Political Forum on Sustainable Development. "
        "Every fact shown is traceable to the meeting or the document it comes from.\n\n"
        "The Secretariat keeps the record. A meeting's record is published once its draft has "
        "been circulated to the participants for their comments.",
    ),
    "join": (
        "How to take part",
        # The brief (who the Alliance brings together, a pathfinder's milestones, the four
        # action groups); the report, item 4 (217 active partners) and item 3 (the two groups
        # not yet launched).
        "Alliance 8.7 brings together governments, UN agencies, workers' and employers' "
        "organisations, businesses and civil society. In July 2019 it had 217 active "
        "partners.\n\n"
        "Countries take part as pathfinder countries: a country announces its intention, "
        "expresses its interest, holds a strategic planning workshop, then adopts a roadmap "
        "and reports on its progress. Each pathfinder country's journey is on its page.\n\n"
        "The Alliance has four action groups: Supply Chains, Migration, Rule of Law and "
        "Governance, and Conflict and Humanitarian Settings. In July 2019 the last two were "
        "not yet launched.\n\n"
        "To ask how your organisation can take part, write to the Secretariat.",
    ),
    "contact": (
        "Contact",
        "Write to the Alliance 8.7 Secretariat with this form. The Secretariat answers by "
        "e-mail, at the address you give.",
    ),
    "privacy": (
        "Privacy",
        "The records of the GCG's meetings name the people who took part, with their "
        "organisation and position, as the meeting reports do. This page says what the portal "
        "keeps about people, who sees it, and for how long.",
    ),
}


def write_the_first_texts(apps, schema_editor):
    SitePage = apps.get_model("site_pages", "SitePage")
    HistoricalSitePage = apps.get_model("site_pages", "HistoricalSitePage")
    now = timezone.now()
    for kind, (title, body) in TEXTS.items():
        page, created = SitePage.objects.get_or_create(
            kind=kind, defaults={"title_en": title, "body_en": body}
        )
        if created:
            HistoricalSitePage.objects.create(
                id=page.pk,
                kind=kind,
                title_en=title,
                body_en=body,
                history_date=now,
                history_type="+",
                history_change_reason=REASON,
            )


class Migration(migrations.Migration):
    dependencies = [("site_pages", "0001_initial")]

    operations = [migrations.RunPython(write_the_first_texts, migrations.RunPython.noop)]
