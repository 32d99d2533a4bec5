"""Countries and regional bodies move from `pathfinders` to `partners`, so every app can refer to
them from below: the model's state moves, its tables and rows stay where they are.

The content types are renamed rather than made anew, so the Secretariat's permissions and the
admin's log keep pointing at them.
"""

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models

import base.record.slugs

MOVED = ["country", "historicalcountry"]


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


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("partners", "0003_roles"),
        ("pathfinders", "0002_history"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Country",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("name", models.CharField(max_length=120, unique=True, verbose_name="name")),
                        ("slug", models.SlugField(max_length=120, unique=True, verbose_name="slug")),
                        ("kind", models.CharField(choices=[("country", "Country"), ("regional_body", "Regional body")], default="country", max_length=20, verbose_name="kind")),
                        ("region", models.CharField(blank=True, choices=[("africa", "Africa"), ("americas", "Americas"), ("arab_states", "Arab States"), ("asia_pacific", "Asia and the Pacific"), ("europe_central_asia", "Europe and Central Asia")], max_length=30, verbose_name="region")),
                    ],
                    options={
                        "verbose_name": "country or regional body",
                        "verbose_name_plural": "countries and regional bodies",
                        "db_table": "pathfinders_country",
                        "ordering": ["name"],
                        "constraints": [models.CheckConstraint(condition=models.Q(("kind__in", ["country", "regional_body"])), name="pathfinders_country_kind_valid"), models.CheckConstraint(condition=models.Q(("region__in", ["africa", "americas", "arab_states", "asia_pacific", "europe_central_asia", ""])), name="pathfinders_country_region_valid")],
                    },
                    bases=(base.record.slugs.SlugFromMixin, models.Model),
                ),
                migrations.CreateModel(
                    name="HistoricalCountry",
                    fields=[
                        ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                        ("name", models.CharField(db_index=True, max_length=120, verbose_name="name")),
                        ("slug", models.SlugField(max_length=120, verbose_name="slug")),
                        ("kind", models.CharField(choices=[("country", "Country"), ("regional_body", "Regional body")], default="country", max_length=20, verbose_name="kind")),
                        ("region", models.CharField(blank=True, choices=[("africa", "Africa"), ("americas", "Americas"), ("arab_states", "Arab States"), ("asia_pacific", "Asia and the Pacific"), ("europe_central_asia", "Europe and Central Asia")], max_length=30, verbose_name="region")),
                        ("history_id", models.AutoField(primary_key=True, serialize=False)),
                        ("history_date", models.DateTimeField(db_index=True)),
                        ("history_change_reason", models.CharField(max_length=100, null=True)),
                        ("history_type", models.CharField(choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1)),
                        ("history_user", models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        "verbose_name": "historical country or regional body",
                        "verbose_name_plural": "historical countries and regional bodies",
                        "db_table": "pathfinders_historicalcountry",
                        "ordering": ("-history_date", "-history_id"),
                        "get_latest_by": ("history_date", "history_id"),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.AlterField(
                    model_name="historicalorganization",
                    name="country",
                    field=models.ForeignKey(blank=True, db_constraint=False, help_text="For a government body or a permanent mission.", null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name="+", to="partners.country", verbose_name="country"),
                ),
                migrations.AlterField(
                    model_name="organization",
                    name="country",
                    field=models.ForeignKey(blank=True, help_text="For a government body or a permanent mission.", null=True, on_delete=django.db.models.deletion.PROTECT, related_name="organizations", to="partners.country", verbose_name="country"),
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(
            rename_content_types("pathfinders", "partners"),
            rename_content_types("partners", "pathfinders"),
        ),
    ]
