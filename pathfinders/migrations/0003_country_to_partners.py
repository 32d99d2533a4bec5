"""Countries now belong to `partners` (partners/0004): milestones point there, and pathfinders
forgets the model; the tables stay."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("pathfinders", "0002_history"),
        ("partners", "0005_officeterm_to_meetings"),
        ("meetings", "0004_officeterm_from_partners"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="historicalmilestone",
                    name="country",
                    field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name="+", to="partners.country", verbose_name="country"),
                ),
                migrations.AlterField(
                    model_name="milestone",
                    name="country",
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="milestones", to="partners.country", verbose_name="country"),
                ),
                migrations.DeleteModel(name="HistoricalCountry"),
                migrations.DeleteModel(name="Country"),
            ],
            database_operations=[],
        ),
    ]
