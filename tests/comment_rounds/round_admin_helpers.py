"""A round with many reviewers and comments, spread over its record as reviewers would spread
them, for the query counts of the Secretariat's pages."""

from comment_rounds.models import Comment, Confirmation, Reviewer
from tests.factories import (
    make_agenda_item,
    make_comment_round,
    make_intervention,
    make_meeting,
    make_person,
)


def make_busy_round(reviewers, comments, meeting=None):
    """An open round with `reviewers` reviewers and `comments` comments: on the whole, on agenda
    items, on interventions (some confirmed), with proposed wordings, some answered."""
    from base.record.visibility import PublicationStatus

    meeting = meeting or make_meeting(status=PublicationStatus.DRAFT)
    items = [make_agenda_item(meeting) for _ in range(3)]
    interventions = [make_intervention(item) for item in items for _ in range(2)]
    comment_round = make_comment_round(meeting)
    people = [make_person(email=False) for _ in range(reviewers)]
    Reviewer.objects.bulk_create(
        Reviewer(round=comment_round, person=p, organization=p.organization) for p in people
    )
    rows = list(comment_round.reviewers.all())
    Comment.objects.bulk_create(
        Comment(
            round=comment_round,
            reviewer=rows[n % len(rows)],
            agenda_item=items[n % 3] if n % 5 == 1 else None,
            intervention=interventions[n % 6] if n % 5 >= 2 else None,
            place="" if n % 5 == 0 else "Somewhere",
            text=f"Comment {n}",
            proposed_wording="Better words." if n % 2 else "",
            original_wording="Took the floor.",
            resolution="declined" if n % 3 == 0 else "",
            reply="Thank you." if n % 3 == 0 else "",
        )
        for n in range(comments)
    )
    Confirmation.objects.bulk_create(
        Confirmation(round=comment_round, intervention=intervention, reviewer=rows[0])
        for intervention in interventions[:2]
    )
    return comment_round
