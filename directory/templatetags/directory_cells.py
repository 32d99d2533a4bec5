from django import template

from directory.people_for_members import email_cell as draw_email_cell

register = template.Library()


@register.filter
def email_cell(emails):
    """{{ person.shown_emails|email_cell }}: the directory row's e-mail cell."""
    return draw_email_cell(emails)
