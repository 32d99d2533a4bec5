"""Every history row says which save wrote it (base.audit.saves), so that "Recently deleted" lists and
restores what one save deleted together.

The column is added empty, then given its default: added with its default at once, every row
already there would take one same identifier, as if all had been deleted in one save. Empty, they
are grouped as before, by the time they were deleted.
"""

from django.db import migrations, models

import base.audit.saves

HISTORIES = [
    "historicalmilestone",
]


def save_column(**options):
    return models.UUIDField(
        blank=True, db_index=True, editable=False, null=True, verbose_name="save", **options
    )


class Migration(migrations.Migration):
    dependencies = [
        ("pathfinders", "0004_precision_constraint_says_what_to_do"),
    ]

    operations = [
        *(migrations.AddField(name, "history_save", save_column()) for name in HISTORIES),
        *(
            migrations.AlterField(
                name, "history_save", save_column(default=base.audit.saves.current_save)
            )
            for name in HISTORIES
        ),
    ]
