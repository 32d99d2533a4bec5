"""`{% language_choices as languages %}`: the portal's languages, each named in itself.

Django's own `get_available_languages` passes the names through gettext, which would turn
"English" into "Anglais" on a French page; a reader looks for their own language's name.
"""

from django import template
from django.conf import settings

register = template.Library()


@register.simple_tag
def language_choices():
    return settings.LANGUAGES
