"""`manage.py invite USERNAME EMAIL [--secretariat] [--person SLUG_OR_ID]`: open an account,
link it to the person it belongs to in the record, and e-mail the invitation."""

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction

from base.accounts.invitations import account_invite


def find_person(slug_or_id):
    """The person of the record with this slug, or else this id. Looked up by name, not imported:
    base sits below partners, which only lends the command its rows."""
    person_model = apps.get_model("partners", "Person")
    people = person_model._default_manager.select_for_update()
    found = people.filter(slug=slug_or_id).first()
    if found is None and slug_or_id.isdigit():
        found = people.filter(pk=int(slug_or_id)).first()
    if found is None:
        raise CommandError(f"No person in the record has the slug or id {slug_or_id}.")
    if found.user_id is not None:
        raise CommandError(f"{found} is linked to an account already.")
    return found


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
            "--person",
            help="The slug or id of the person in the record this account belongs to: signed "
            "in, they see their own page.",
        )
        parser.add_argument(
            "--domain",
            default=settings.SITE_DOMAIN,
            help="Host name the link points to (default: SITE_DOMAIN, %(default)s).",
        )

    def handle(self, *args, username, email, secretariat, person, domain, **options):
        try:
            validate_email(email)
        except ValidationError as error:
            raise CommandError(f"Not an e-mail address: {email}") from error
        try:
            with transaction.atomic():
                linked = find_person(person) if person else None
                user = account_invite(
                    username,
                    email,
                    secretariat=secretariat,
                    domain=domain,
                    use_https=settings.HTTPS,
                )
                if linked is not None:
                    linked.user = user
                    linked._change_reason = "Linked to a portal account by invite"
                    linked.save(update_fields=["user"])
        except IntegrityError as error:
            raise CommandError(f"An account named {username} exists already.") from error
        role = "Secretariat" if secretariat else "member"
        self.stdout.write(f"Invited {user.get_username()} as {role}; the link is on its way.")
        if linked is not None:
            self.stdout.write(f"Linked to {linked} in the record.")
