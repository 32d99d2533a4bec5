"""`{% briefing_pack_count meeting as count %}`: how many documents of the meeting's briefing pack
the reader may have (0 if they may not have it), for the meeting page's link to the pack."""

from django import template

from invitations.briefing_pack import pack_count

register = template.Library()


@register.simple_tag(takes_context=True)
def briefing_pack_count(context, meeting):
    """Counted in the documents the meeting page has read (`ordered_documents`), without a query
    of its own, where it has them."""
    return pack_count(meeting, context["request"].user, getattr(meeting, "ordered_documents", None))
