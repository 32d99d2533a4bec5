"""`manage.py invite USERNAME EMAIL [--secretariat]`: open an account and e-mail the invitation."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email
from django.db import IntegrityError

from base.accounts import account_invite


class Command(BaseCommand):
    help = (
        "Open an account for a GCG member (or, with --secretariat, a Secretariat officer) and "
        "e-mail them a link to choose their password."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("email")
        parser.add_argument(
            "--secretariat",
            action="store_true",
            help="Staff, in the Secretariat group: edits the record in the admin.",
        )
        parser.add_argument(
            "--domain",
            default=settings.SITE_DOMAIN,
            help="Host name the link points to (default: SITE_DOMAIN, %(default)s).",
        )

    def handle(self, *args, username, email, secretariat, domain, **options):
        try:
            validate_email(email)
        except ValidationError as error:
            raise CommandError(f"Not an e-mail address: {email}") from error
        try:
            user = account_invite(
                username,
                email,
                secretariat=secretariat,
                domain=domain,
                use_https=settings.HTTPS,
            )
        except IntegrityError as error:
            raise CommandError(f"An account named {username} exists already.") from error
        role = "Secretariat" if secretariat else "member"
        self.stdout.write(f"Invited {user.get_username()} as {role}; the link is on its way.")
