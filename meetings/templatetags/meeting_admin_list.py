"""The admin's list of meetings: its rows written by meetings.admin.meeting_list_rows, into the
admin's own change_list_results.html, as Django's `{% result_list cl %}` writes them."""

from django import template
from django.contrib.admin.templatetags.base import InclusionAdminNode

from meetings.admin.meeting_list_rows import result_list

register = template.Library()


@register.tag(name="meeting_result_list")
def meeting_result_list_tag(parser, token):
    return InclusionAdminNode(
        parser,
        token,
        func=result_list,
        template_name="change_list_results.html",
        takes_context=False,
    )
