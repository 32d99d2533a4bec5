"""Office terms now belong to `meetings` (meetings/0004): partners forgets them; the tables stay."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("partners", "0004_country_from_pathfinders"),
        ("meetings", "0004_officeterm_from_partners"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="HistoricalOfficeTerm"),
                migrations.DeleteModel(name="OfficeTerm"),
            ],
            database_operations=[],
        ),
    ]
