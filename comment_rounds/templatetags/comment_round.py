"""`{% comment_round_summary meeting as summary %}`: what the meeting's record says of its
comment round (comment_rounds.round_summary), for the meeting's page and its printable report,
which the meetings app renders without knowing of comment rounds. One query.

A published meeting's to everyone; a draft's to staff alone (the only readers of a draft's page),
for the officer to see the round's counts before publishing."""

from django import template

from comment_rounds.round_summary import round_summary

register = template.Library()


@register.simple_tag(takes_context=True)
def comment_round_summary(context, meeting):
    if not (meeting.is_published or context["request"].user.is_staff):
        return None
    return round_summary(meeting)
