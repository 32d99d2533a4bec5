"""The search names again, now that they also hold an apostrophised or hyphenated word's parts
joined ("d'Ovidio" is found as "dovidio"): partners.names.search_name."""

from django.db import migrations

from partners import names


def rederive(apps, schema_editor):
    database = schema_editor.connection.alias
    for model in ("Person", "Organization"):
        rows = list(apps.get_model("partners", model).objects.using(database).all())
        for row in rows:
            row.search_name = names.search_name(row.name)
        apps.get_model("partners", model).objects.using(database).bulk_update(
            rows, ["search_name"], batch_size=500
        )


class Migration(migrations.Migration):
    dependencies = [("partners", "0015_organization_profile")]

    operations = [migrations.RunPython(rederive, migrations.RunPython.noop)]
