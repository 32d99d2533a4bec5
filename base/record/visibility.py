"""Who may see what of the record: a draft, and everything that hangs off it, is for staff only.

The rule, written once here and asked by every page, list, count and filter choice through
`Model.objects.visible_to(user)`:

- A publishable row (a meeting) is seen once it is published.
- A row that hangs off meetings declares its path(s) to them once, as `meeting_paths`
  (`("agenda_item__meeting",)`): it is seen when every meeting it hangs off is published, or it
  hangs off none; and, if it declares a `draft_flag` (a boolean field: a document still a draft
  in its meeting's briefing pack), only while that flag is off.
- Any other row of the record (an organisation, a person, a country, an action group) is seen
  when nothing in the record refers to it yet, or something that is seen does. So what was
  created while recording a draft (its participants, say) stays unseen until the draft is
  published or it gains a published tie, and nothing seen ever links to something unseen.

The last rule is derived from the models that refer to a row, so a model added later needs only
to declare its `meeting_paths` (or nothing) and use `VisibleQuerySet`. A key that only points
at a row to show it where it is seen anyway (an organisation's focal point) is named in its
model's `keys_not_followed_by_visibility`, and is no reference to this rule.

Deriving the last rule spans every model that refers to the row, which cost a visitor's page tens
of milliseconds of subqueries. So the models it applies to keep its answer on the row
(`KeptVisibility.visible_to_visitors`), and visitors' pages ask that indexed column. The answer is
derived here still, and written by base.record.kept_visibility in the transaction of any write
that can change it, before that transaction commits.
"""

import functools
import operator

from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.utils.translation import gettext_lazy as _


class PublicationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class Publishable(models.Model):
    """A row that is a draft, seen by staff only, until it is published."""

    status = models.CharField(
        _("status"), max_length=20, choices=PublicationStatus, default=PublicationStatus.DRAFT
    )

    class Meta:
        abstract = True

    @property
    def is_published(self):
        return self.status == PublicationStatus.PUBLISHED


class KeptVisibility(models.Model):
    """A row of the record (not a meeting, nor hanging off one) whose visibility to visitors is
    kept on it: derived by the module's last rule, kept current by base.record.kept_visibility."""

    visible_to_visitors = models.BooleanField(default=True, editable=False, db_index=True)

    class Meta:
        abstract = True


class VisibleQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The rows `user` may see: all of them for staff; for anyone else, see the module."""
        if user.is_staff:
            return self
        if issubclass(self.model, KeptVisibility):
            from .kept_visibility import keep_current_in_this_transaction

            keep_current_in_this_transaction(self.db)
        return self.filter(seen_by_visitors(self.model))


def is_record(model):
    """Whether the model's rows are part of the record, and so follow the rule above."""
    return isinstance(model._default_manager.all(), VisibleQuerySet)


@functools.cache
def seen_by_visitors(model):
    """The condition on `model`'s rows that anyone who is not staff may see."""
    if issubclass(model, KeptVisibility):
        return models.Q(visible_to_visitors=True)
    return derived_seen_by_visitors(model)


@functools.cache
def derived_seen_by_visitors(model, from_kept=True):
    """The rule itself, as a condition: for a model that keeps its visibility, derived from the
    rows that refer to it, read through their kept visibility (`from_kept`, how it is kept) or
    derived all the way down (how a test checks what is kept)."""
    if issubclass(model, Publishable):
        return models.Q(status=PublicationStatus.PUBLISHED)
    paths = getattr(model, "meeting_paths", None)
    if paths is not None:
        seen = functools.reduce(operator.and_, map(_published_or_none, paths), models.Q())
        draft_flag = getattr(model, "draft_flag", None)
        return seen & models.Q(**{draft_flag: False}) if draft_flag else seen
    return models.Q(pk__in=SeenRows(model, from_kept))


def _published_or_none(path):
    return models.Q(**{f"{path}__isnull": True}) | models.Q(
        **{f"{path}__status": PublicationStatus.PUBLISHED}
    )


_deriving = set()


class SeenRows(models.Expression):
    """The primary keys of `model`'s rows that visitors may see, as a subquery (reference data).

    The condition spans every model that refers to `model`, so its SQL is long; it is the same
    for every visitor and every request, so it is built once per database and reused, instead
    of being rebuilt by the ORM for every query that asks it.
    """

    _built = {}  # {(model label, from_kept, database alias): (sql, params)}

    def __init__(self, model, from_kept=True):
        super().__init__(output_field=model._meta.pk)
        self.model, self.from_kept = model, from_kept

    def as_sql(self, compiler, connection):
        key = (self.model._meta.label, self.from_kept, connection.alias)
        if key not in self._built:
            rows = self.model._base_manager.filter(
                _referred_to_by_nothing_or_by_something_seen(self.model, self.from_kept)
            ).order_by()  # a set: the model's ordering would sort it for nothing
            sql, params = rows.values("pk").query.get_compiler(connection=connection).as_sql()
            self._built[key] = (f"({sql})", tuple(params))
        return self._built[key]


def _referred_to_by_nothing_or_by_something_seen(model, from_kept):
    # Uncorrelated `pk IN (subquery)` conditions: the database reads each subquery once.
    if model in _deriving:
        raise ImproperlyConfigured(
            f"{model._meta.label}: the record's references form a cycle; declare meeting_paths "
            "on one of its models."
        )
    _deriving.add(model)
    try:
        referring, seen = models.Q(), models.Q()
        for relation in references_to(model):
            name = relation.field.name
            rows = relation.related_model._default_manager.filter(**{f"{name}__isnull": False})
            referring |= models.Q(pk__in=rows.values(name))
            referrer = relation.related_model
            condition = (
                seen_by_visitors(referrer)
                if from_kept
                else derived_seen_by_visitors(referrer, False)
            )
            seen |= models.Q(pk__in=rows.filter(condition).values(name))
    finally:
        _deriving.discard(model)
    return ~referring | seen if referring else models.Q()


def columns_read(model):
    """The columns of `model`'s table that the rule reads, besides the primary key: its keys
    (which rows refer to which), a draft's status, a kept visibility. A write that changes none
    of them changes no one's visibility."""
    read = {"status"} if issubclass(model, Publishable) else set()
    read |= {model.draft_flag} if getattr(model, "draft_flag", None) else set()
    read |= {"visible_to_visitors"} if issubclass(model, KeptVisibility) else set()
    return [
        field.column
        for field in model._meta.local_concrete_fields
        if field.is_relation or field.name in read
    ]


def references_to(model):
    """The relations by which other rows of the record refer to `model`'s rows; not the keys a
    model names in `keys_not_followed_by_visibility` (what it shows of such a row, it shows only
    when the row is seen anyway)."""
    return [
        relation
        for relation in model._meta.concrete_model._meta.related_objects
        if relation.related_model is not model
        and is_record(relation.related_model)
        and relation.field.name
        not in getattr(relation.related_model, "keys_not_followed_by_visibility", ())
    ]
