"""When a meeting may take invitations and answers: the one place every page, command and action
asks.

- Inviting: refused for a cancelled meeting, one whose record is published, or one already held.
- Answering (and changing an answer): refused for a cancelled meeting, one already held (its
  record published, or its day, or while the day is unknown its month, passed), and after its
  `registration_deadline`. A meeting with no deadline takes answers until its day is over.

"Held" is read from the date as it is known: a meeting planned for "November 2019" is not held
before December 2019 (base.record.partial_dates.has_passed).
"""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from base.record.partial_dates import format_moment, has_passed, last_day


def is_held(meeting, today=None):
    return meeting.is_published or has_passed(meeting.date, meeting.date_precision, today)


def inviting_refused(meeting, today=None):
    """Why nobody may be invited to `meeting` now, or None."""
    if meeting.cancelled:
        return _("%(meeting)s was cancelled: nobody can be invited to it.") % {"meeting": meeting}
    if meeting.is_published:
        return _(
            "The record of %(meeting)s is published: invitations are for meetings still to come."
        ) % {"meeting": meeting}
    if is_held(meeting, today):
        return _(
            "%(meeting)s has already been held: invitations are for meetings still to come."
        ) % {"meeting": meeting}
    return None


def answers_close_at(meeting):
    """When answers stop being taken: the deadline, or the end of the meeting's (last) day."""
    if meeting.registration_deadline is not None:
        return meeting.registration_deadline
    day_after = last_day(meeting.date, meeting.date_precision) + datetime.timedelta(days=1)
    return datetime.datetime.combine(
        day_after, datetime.time(), tzinfo=timezone.get_current_timezone()
    )


def answers_refused(meeting, now=None):
    """Why an invitee may not answer, or change their answer, now; or None."""
    now = now or timezone.now()
    if meeting.cancelled:
        return _("%(meeting)s was cancelled: answers are no longer taken.") % {"meeting": meeting}
    if is_held(meeting, timezone.localdate(now)):
        return _("%(meeting)s has been held: answers are no longer taken.") % {"meeting": meeting}
    if now >= answers_close_at(meeting):
        return _(
            "Answers for %(meeting)s were taken until %(deadline)s: yours can no longer be "
            "changed. Write to the Secretariat if your plans have changed."
        ) % {"meeting": meeting, "deadline": deadline_text(meeting)}
    return None


def deadline_text(meeting):
    """The last moment answers are taken, as a reader would say it, in the active language."""
    if meeting.registration_deadline is None:
        return _("the end of %(date)s") % {"date": meeting.when}
    return format_moment(meeting.registration_deadline)
