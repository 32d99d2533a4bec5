"""Office terms move from `partners` to `meetings`, where the meetings they were recorded at live,
and the record's country fields follow countries into `partners`. Tables and rows stay where they
are; only the two constraint names made from the app's label change.

The content types are renamed rather than made anew, so the Secretariat's permissions and the
admin's log keep pointing at them.
"""

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models

MOVED = ["officeterm", "historicalofficeterm"]
PRECISIONS = ["day", "early_month", "month", "end_month", "early_year", "year"]


def rename_content_types(old_app, new_app):
    def rename(apps, schema_editor):
        from django.contrib.contenttypes.models import ContentType as CachedContentType

        ContentType = apps.get_model("contenttypes", "ContentType")
        content_types = ContentType.objects.using(schema_editor.connection.alias)
        for model in MOVED:
            # Made by `migrate` after an earlier run the other way: nothing refers to it yet.
            content_types.filter(app_label=new_app, model=model).delete()
            content_types.filter(app_label=old_app, model=model).update(app_label=new_app)
        CachedContentType.objects.clear_cache()

    return rename


def precision_check(field, precision, app_label):
    return models.CheckConstraint(
        condition=models.Q((f"{precision}__in", PRECISIONS), models.Q((f"{field}__isnull", True), (precision, "")), _connector="OR"),
        name=f"{app_label}_officeterm_{precision}_valid",
    )


def countries(related_name):
    return models.ManyToManyField(blank=True, related_name=related_name, to="partners.country", verbose_name="countries concerned")


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("meetings", "0003_history"),
        ("partners", "0004_country_from_pathfinders"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(model_name="actionpoint", name="countries", field=countries("action_points")),
                migrations.AlterField(model_name="document", name="countries", field=countries("documents")),
                migrations.AlterField(model_name="event", name="countries", field=countries("events")),
                migrations.AlterField(model_name="intervention", name="countries", field=countries("interventions")),
                migrations.CreateModel(
                    name="OfficeTerm",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("office", models.CharField(choices=[("chair", "Chair"), ("deputy_chair", "Deputy Chair")], max_length=20, verbose_name="office")),
                        ("start_date", models.DateField(blank=True, null=True, verbose_name="from")),
                        ("start_precision", models.CharField(blank=True, choices=[("day", "day"), ("early_month", "early in the month"), ("month", "month"), ("end_month", "end of the month"), ("early_year", "early in the year"), ("year", "year")], max_length=20, verbose_name="from: known to the")),
                        ("end_date", models.DateField(blank=True, null=True, verbose_name="until")),
                        ("end_precision", models.CharField(blank=True, choices=[("day", "day"), ("early_month", "early in the month"), ("month", "month"), ("end_month", "end of the month"), ("early_year", "early in the year"), ("year", "year")], max_length=20, verbose_name="until: known to the")),
                        ("country", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="office_terms", to="partners.country", verbose_name="country")),
                        ("person", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name="office_terms", to="partners.person", verbose_name="represented by")),
                        ("source_meeting", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name="office_terms", to="meetings.meeting", verbose_name="recorded at")),
                    ],
                    options={
                        "verbose_name": "office term",
                        "verbose_name_plural": "office terms",
                        "db_table": "partners_officeterm",
                        "ordering": ["office", "start_date", "pk"],
                        "constraints": [
                            models.CheckConstraint(condition=models.Q(("office__in", ["chair", "deputy_chair"])), name="partners_officeterm_office_valid"),
                            precision_check("start_date", "start_precision", "partners"),
                            precision_check("end_date", "end_precision", "partners"),
                            models.CheckConstraint(condition=models.Q(("end_date__isnull", True), ("start_date__isnull", True), ("end_date__gte", models.F("start_date")), _connector="OR"), name="partners_officeterm_ends_after_start"),
                        ],
                    },
                ),
                migrations.CreateModel(
                    name="HistoricalOfficeTerm",
                    fields=[
                        ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                        ("office", models.CharField(choices=[("chair", "Chair"), ("deputy_chair", "Deputy Chair")], max_length=20, verbose_name="office")),
                        ("start_date", models.DateField(blank=True, null=True, verbose_name="from")),
                        ("start_precision", models.CharField(blank=True, choices=[("day", "day"), ("early_month", "early in the month"), ("month", "month"), ("end_month", "end of the month"), ("early_year", "early in the year"), ("year", "year")], max_length=20, verbose_name="from: known to the")),
                        ("end_date", models.DateField(blank=True, null=True, verbose_name="until")),
                        ("end_precision", models.CharField(blank=True, choices=[("day", "day"), ("early_month", "early in the month"), ("month", "month"), ("end_month", "end of the month"), ("early_year", "early in the year"), ("year", "year")], max_length=20, verbose_name="until: known to the")),
                        ("history_id", models.AutoField(primary_key=True, serialize=False)),
                        ("history_date", models.DateTimeField(db_index=True)),
                        ("history_change_reason", models.CharField(max_length=100, null=True)),
                        ("history_type", models.CharField(choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1)),
                        ("country", models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name="+", to="partners.country", verbose_name="country")),
                        ("history_user", models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to=settings.AUTH_USER_MODEL)),
                        ("person", models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name="+", to="partners.person", verbose_name="represented by")),
                        ("source_meeting", models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name="+", to="meetings.meeting", verbose_name="recorded at")),
                    ],
                    options={
                        "verbose_name": "historical office term",
                        "verbose_name_plural": "historical office terms",
                        "db_table": "partners_historicalofficeterm",
                        "ordering": ("-history_date", "-history_id"),
                        "get_latest_by": ("history_date", "history_id"),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
            ],
            database_operations=[],
        ),
        # The two names made from the app's label (base.record.partial_dates.precision_check).
        migrations.RemoveConstraint(model_name="officeterm", name="partners_officeterm_start_precision_valid"),
        migrations.AddConstraint(model_name="officeterm", constraint=precision_check("start_date", "start_precision", "meetings")),
        migrations.RemoveConstraint(model_name="officeterm", name="partners_officeterm_end_precision_valid"),
        migrations.AddConstraint(model_name="officeterm", constraint=precision_check("end_date", "end_precision", "meetings")),
        migrations.RunPython(
            rename_content_types("partners", "meetings"),
            rename_content_types("meetings", "partners"),
        ),
    ]
