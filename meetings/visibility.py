"""Drafts are for staff only: whatever belongs to a draft meeting is hidden with it."""

from django.db.models import Q

from .models import MeetingStatus


def visible(queryset, user, *meeting_paths):
    """Rows whose meeting(s) the user may see: no meeting, or a published one (staff see drafts)."""
    if user.is_staff:
        return queryset
    for path in meeting_paths:
        queryset = queryset.filter(
            Q(**{f"{path}__isnull": True}) | Q(**{f"{path}__status": MeetingStatus.PUBLISHED})
        )
    return queryset
