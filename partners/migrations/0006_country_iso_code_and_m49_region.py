"""Countries get their ISO 3166-1 code and their UN M49 region, both read through
partners/geography.py (pycountry, and the M49 data file beside it): a country's code from its
name, its region from its code.

The regions the portal used before were hand-typed and close to the ILO's: of them, only "Africa"
and "Americas" are also M49 regions, so a regional body keeps those two and loses the others
(Arab States, Asia and the Pacific, Europe and Central Asia each straddle M49's regions); its
history keeps what it was. Going back, M49's Africa and Americas become the old ones again.
"""

import partners.models
from django.db import migrations, models

from partners import geography

OLD_TO_M49 = {"africa": "002", "americas": "019"}


def to_m49(apps, schema_editor):
    Country = apps.get_model("partners", "Country")
    taken = set()
    changed = []
    for country in Country.objects.using(schema_editor.connection.alias).order_by("pk"):
        if country.kind == "country":
            code = country.iso_code or geography.iso_code_for(country.name)
            country.iso_code = "" if code in taken else code  # the admin asks for the other's
            country.region = geography.region_of(country.iso_code)
            taken.add(country.iso_code)
        else:
            country.region = OLD_TO_M49.get(country.region, "")
        changed.append(country)
    Country.objects.using(schema_editor.connection.alias).bulk_update(
        changed, ["iso_code", "region"]
    )


def from_m49(apps, schema_editor):
    Country = apps.get_model("partners", "Country")
    m49_to_old = {code: old for old, code in OLD_TO_M49.items()}
    countries = list(Country.objects.using(schema_editor.connection.alias))
    for country in countries:
        country.region = m49_to_old.get(country.region, "")
    Country.objects.using(schema_editor.connection.alias).bulk_update(countries, ["region"])


class Migration(migrations.Migration):

    dependencies = [
        ('partners', '0005_officeterm_to_meetings'),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='country',
            name='pathfinders_country_region_valid',
        ),
        migrations.AddField(
            model_name='country',
            name='iso_code',
            field=models.CharField(blank=True, help_text='Two letters, e.g. FR. Left empty, it is found from the name. A regional body has none.', max_length=2, validators=[partners.models.validate_iso_code], verbose_name='ISO 3166-1 code'),
        ),
        migrations.AddField(
            model_name='historicalcountry',
            name='iso_code',
            field=models.CharField(blank=True, help_text='Two letters, e.g. FR. Left empty, it is found from the name. A regional body has none.', max_length=2, validators=[partners.models.validate_iso_code], verbose_name='ISO 3166-1 code'),
        ),
        migrations.AlterField(
            model_name='country',
            name='region',
            field=models.CharField(blank=True, choices=[('002', 'Africa'), ('019', 'Americas'), ('142', 'Asia'), ('150', 'Europe'), ('009', 'Oceania')], help_text="A country's follows from its ISO code; set it only for a regional body.", max_length=30, verbose_name='region (UN M49)'),
        ),
        migrations.AlterField(
            model_name='historicalcountry',
            name='region',
            field=models.CharField(blank=True, choices=[('002', 'Africa'), ('019', 'Americas'), ('142', 'Asia'), ('150', 'Europe'), ('009', 'Oceania')], help_text="A country's follows from its ISO code; set it only for a regional body.", max_length=30, verbose_name='region (UN M49)'),
        ),
        migrations.RunPython(to_m49, from_m49),
        migrations.AddConstraint(
            model_name='country',
            constraint=models.CheckConstraint(condition=models.Q(('region__in', ['002', '019', '142', '150', '009', ''])), name='partners_country_region_m49'),
        ),
        migrations.AddConstraint(
            model_name='country',
            constraint=models.UniqueConstraint(condition=models.Q(('iso_code', ''), _negated=True), fields=('iso_code',), name='partners_country_iso_code_unique', violation_error_message='Another country already has this ISO 3166-1 code.'),
        ),
        migrations.AddConstraint(
            model_name='country',
            constraint=models.CheckConstraint(condition=models.Q(('kind', 'country'), ('iso_code', ''), _connector='OR'), name='partners_country_regional_body_has_no_iso_code', violation_error_message='A regional body has no ISO 3166-1 code.'),
        ),
    ]
