"""The 2019 record grown `factor` times by generate_scale_data, inside a transaction rolled back."""

import contextlib

from django.core.management import call_command
from django.db import transaction

from devtools.scale_data import generate

SEED = 87


@contextlib.contextmanager
def scaled_record(factor, seed=SEED):
    """The record and `factor` times its size of synthetic rows, for the duration of the block;
    rolled back after, so the next block starts from the database as it was (in a test, inside
    its transaction; in a session fixture, the empty test database)."""
    with transaction.atomic():
        call_command("load_record", verbosity=0)
        generate(factor, seed)
        yield
        transaction.set_rollback(True)
