"""Recently deleted records of the portal's models, from their history's "-" rows, and their
restoring with the rows deleted together with them.

Deleted together: by one save. Every history row says which save wrote it (`history_save`,
base.audit.saves: one request, or outside a request one transaction), so what one save deleted — a
cascade, an inline formset's deletions, a nested form's, however long it took — is one
`Deletion`, listed as one entry and restored whole. One row of it can be restored alone, with
the rows of the same save that referred to it by a foreign key (step by step: an agenda item's
interventions, a person's e-mail addresses).

Rows deleted before saves were recorded (no `history_save`) keep the rule of that time: each is
listed alone, and comes back with the rows (also without a save) deleted by the same user within
`WINDOW` of it that referred to it, step by step.

Restoring puts the rows back with their primary keys, parents first, as new "+" history
entries whose reason is "Restored", in one transaction: when one of them cannot come back (a row
it refers to is gone, a unique value is now taken by another row), none does, and the page says
why. Many-to-many links are not in simple_history's rows: the deletion's row keeps those the row
had (`history_links`, base.models.KeepsLinksWhenDeleted), and they come back with it; a row
deleted before that was kept says which links to check.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import BooleanField, ExpressionWrapper, Q
from django.db.models.signals import pre_delete
from django.utils.text import capfirst, get_text_list
from django.utils.translation import gettext as _
from simple_history.signals import pre_create_historical_record

from .history import Labels, history_model, quiet_str, references

WINDOW = timedelta(seconds=5)  # for the rows deleted before saves were recorded
RESTORED_REASON = "Restored"
NAMED = 3  # a deletion's rows named in its summary, if no more; else one, the others counted


def history_models():
    """The portal's models that keep a history, lowest app layer first: a proxy model shows its
    concrete model's history (invitations.Registration, an invitation's), not one of its own."""
    from base.portal_apps import portal_app_configs

    return [
        model
        for config in portal_app_configs()
        for model in config.get_models()
        if history_model(model) is not None and not model._meta.proxy
    ]


def _keeps_links(model):
    return bool(model._meta.many_to_many) and hasattr(history_model(model), "history_links")


def _note_links_before_deletion(sender, instance, **kwargs):
    instance._links_when_deleted = {
        field.name: sorted(getattr(instance, field.name).values_list("pk", flat=True))
        for field in instance._meta.many_to_many
    }


def _keep_links_in_the_deletions_row(sender, instance, history_instance, **kwargs):
    if history_instance.history_type == "-" and hasattr(history_instance, "history_links"):
        history_instance.history_links = getattr(instance, "_links_when_deleted", {})


def keep_links_when_deleted():
    """Connect the receivers that keep a deleted row's many-to-many links in its history (only
    for the models whose history has the column: one query per link field at each deletion)."""
    for model in history_models():
        if _keeps_links(model):
            pre_delete.connect(
                _note_links_before_deletion,
                sender=model,
                dispatch_uid=f"links-when-deleted-{model._meta.label}",
            )
    pre_create_historical_record.connect(
        _keep_links_in_the_deletions_row, dispatch_uid="links-in-the-deletions-row"
    )


def model_label(model):
    return model._meta.label_lower


def may_view(user, model):
    opts = model._meta
    return user.has_perm(f"{opts.app_label}.view_{opts.model_name}") or user.has_perm(
        f"{opts.app_label}.change_{opts.model_name}"
    )


def may_restore(user, model):
    return user.has_perm(f"{model._meta.app_label}.add_{model._meta.model_name}")


@dataclass
class Deleted:
    model: type
    row: object  # the historical "-" row
    label: str = ""

    @property
    def pk(self):
        return getattr(self.row, self.model._meta.pk.attname)

    @property
    def key(self):
        return (self.model, self.pk)

    @property
    def save(self):
        return self.row.history_save

    @property
    def what(self):
        return f"{capfirst(self.model._meta.verbose_name)} · {self.label}"


def _still_deleted(model, rows):
    """The latest "-" row of each deleted pk not back since (the rows come newest first)."""
    seen = set()
    for row in rows:
        pk = getattr(row, model._meta.pk.attname)
        if pk not in seen:
            seen.add(pk)
            yield Deleted(model, row)


def _deleted_rows(model):
    pk_name = model._meta.pk.attname
    return (
        history_model(model)
        .objects.filter(history_type="-")
        .exclude(**{f"{pk_name}__in": model._base_manager.values("pk")})
        .select_related("history_user")
        .order_by("-history_date", "-history_id")
    )


def recently_deleted(models):
    """Every deleted row of `models` not restored since, newest first: one query per model."""
    found = [deleted for model in models for deleted in _still_deleted(model, _deleted_rows(model))]
    found.sort(key=lambda d: (d.row.history_date, d.row.history_id), reverse=True)
    return found


def _latest_deletions(model, **conditions):
    """The rows of `model` still deleted whose latest deletion meets `conditions` (a row deleted
    again since belongs with its later deletion): one query."""
    pk_name = model._meta.pk.attname
    meeting_them = history_model(model).objects.filter(history_type="-", **conditions)
    rows = (
        _deleted_rows(model)
        .filter(**{f"{pk_name}__in": meeting_them.values(pk_name)})
        .annotate(meets=ExpressionWrapper(Q(**conditions), output_field=BooleanField()))
    )
    return [deleted for deleted in _still_deleted(model, rows) if deleted.row.meets]


@dataclass(repr=False)  # a row's label may need a query
class Deletion:
    """What one save deleted that is still deleted, parents first; or a row deleted before saves
    were recorded, alone."""

    rows: list

    @property
    def save(self):
        return self.rows[0].save

    @property
    def latest(self):
        return max(
            self.rows, key=lambda deleted: (deleted.row.history_date, deleted.row.history_id)
        )

    @property
    def when(self):
        return self.latest.row.history_date

    @property
    def user(self):
        return next((d.row.history_user for d in self.rows if d.row.history_user_id), None)

    @property
    def reason(self):
        return next(
            (d.row.history_change_reason for d in self.rows if d.row.history_change_reason), ""
        )

    @property
    def roots(self):
        """Its rows that refer to none of its other rows (each with those that do, below it)."""
        keys = {deleted.key for deleted in self.rows}
        return [
            deleted
            for deleted in self.rows
            if not any(
                (field.related_model, getattr(deleted.row, field.attname)) in keys
                for field in references(deleted.model)
            )
        ]

    @property
    def what(self):
        """In words, once labelled (`label_all`): "Agenda item · 3. Communications, with 2
        interventions and 1 key figure"; past a few rows that refer to none of the others, the
        first named and the rest counted ("Agenda item · 3. Communications and 5 attendances,
        with …")."""
        roots = self.roots
        named = roots if len(roots) <= NAMED else roots[:1]
        what = [deleted.what for deleted in named]
        named_keys = {deleted.key for deleted in named}
        counted_roots = [deleted for deleted in roots if deleted.key not in named_keys]
        what = get_text_list([*what, *_counted(counted_roots)], _("and"))
        root_keys = {deleted.key for deleted in roots}
        others = _counted([deleted for deleted in self.rows if deleted.key not in root_keys])
        if not others:
            return str(what)
        return _("%(what)s, with %(others)s") % {
            "what": what,
            "others": get_text_list(others, _("and")),
        }


def _counted(rows):
    """["2 interventions", "1 key figure"]: the most first."""
    counts = Counter(deleted.model for deleted in rows)
    return [
        f"{count} {model._meta.verbose_name if count == 1 else model._meta.verbose_name_plural}"
        for model, count in sorted(
            counts.items(), key=lambda kind: (-kind[1], str(kind[0]._meta.verbose_name))
        )
    ]


def deletions(models):
    """Everything of `models` still deleted, one `Deletion` per save (a row deleted before saves
    were recorded, one of its own), newest first: one query per model."""
    by_save = defaultdict(list)
    found = []
    for deleted in recently_deleted(models):
        if deleted.save is None:
            found.append(Deletion([deleted]))
        else:
            by_save[deleted.save].append(deleted)
    found += [
        Deletion(_parents_first(sorted(rows, key=lambda d: d.row.history_id)))
        for rows in by_save.values()
    ]
    found.sort(key=lambda d: (d.latest.row.history_date, d.latest.row.history_id), reverse=True)
    return found


def deleted_by(save, models):
    """What `save` deleted of `models` that is still deleted (as its latest deletion), parents
    first: one query per model."""
    rows = [deleted for model in models for deleted in _latest_deletions(model, history_save=save)]
    return Deletion(_parents_first(sorted(rows, key=lambda deleted: deleted.row.history_id)))


def label_all(deleted_rows):
    """Set each one's label (as it was when deleted), with its relations fetched in bulk."""
    labels = Labels()
    for deleted in deleted_rows:
        labels.want_references(deleted.model, deleted.row)
    labels.resolve()
    for deleted in deleted_rows:
        deleted.label = quiet_str(labels.instance(deleted.model, deleted.row))
    return labels


def find(model, history_id):
    """The deleted row of `model` recorded as `history_id`, if it is still deleted: as it was
    last deleted (a link to an earlier deletion of a row restored since brings the latest)."""
    row = _deleted_rows(model).filter(history_id=history_id).first()
    if row is None:
        return None
    pk_name = model._meta.pk.attname
    latest = _deleted_rows(model).filter(**{pk_name: getattr(row, pk_name)}).first()
    return Deleted(model, latest)


def deleted_with(root, models):
    """`root` and the rows of its deletion that referred to it, step by step, parents first (see
    the rules above)."""
    group = {root.key: root}
    frontier = [root]
    if root.save is not None:
        together = {"history_save": root.save}
    else:
        when = root.row.history_date
        together = {
            "history_save__isnull": True,
            "history_user_id": root.row.history_user_id,
            "history_date__range": (when - WINDOW, when + WINDOW),
        }
    while frontier:
        pks_by_model = defaultdict(set)
        for deleted in frontier:
            pks_by_model[deleted.model].add(deleted.pk)
        frontier = []
        for model in models:
            for field in references(model):
                targets = pks_by_model.get(field.related_model)
                if not targets:
                    continue
                rows = _latest_deletions(model, **{f"{field.attname}__in": targets}, **together)
                for deleted in rows:
                    if deleted.key not in group:
                        group[deleted.key] = deleted
                        frontier.append(deleted)
    return _parents_first(list(group.values()))


def _parents_first(group):
    keys = {deleted.key for deleted in group}
    placed, ordered, waiting = set(), [], group
    while waiting:
        ready = [
            deleted
            for deleted in waiting
            if all(
                (field.related_model, getattr(deleted.row, field.attname)) in placed
                or (field.related_model, getattr(deleted.row, field.attname)) not in keys
                for field in references(deleted.model)
            )
        ]
        if not ready:  # a cycle of references: keep the order found
            ready = waiting
        ordered += ready
        placed |= {deleted.key for deleted in ready}
        waiting = [deleted for deleted in waiting if deleted.key not in placed]
    return ordered


def _links(deleted):
    return getattr(deleted.row, "history_links", None) or {}


def unlinked_relations(group):
    """The many-to-many relations restoring cannot bring back: of rows whose deletion did not
    keep their links."""
    return sorted(
        {
            f"{capfirst(deleted.model._meta.verbose_name_plural)}: {field.verbose_name}"
            for deleted in group
            if not _links(deleted)
            for field in deleted.model._meta.many_to_many
        }
    )


class RestoreRefused(Exception):
    def __init__(self, reasons):
        super().__init__("; ".join(reasons))
        self.reasons = reasons


def _problems(deleted, labels):
    """Why this row cannot come back now (its parents in the group already back)."""
    instance = deleted.row.instance
    problems = []
    for field in references(deleted.model):
        pk = getattr(instance, field.attname)
        if pk is not None and not field.related_model._base_manager.filter(pk=pk).exists():
            labels.want(field.related_model, pk)
            labels.resolve()
            problems.append(
                _("its %(field)s %(target)s is not in the record any more: restore that first")
                % {"field": field.verbose_name, "target": labels.label(field.related_model, pk)}
            )
    for name, pks in _links(deleted).items():
        field = deleted.model._meta.get_field(name)
        found = field.related_model._base_manager.filter(pk__in=pks).values_list("pk", flat=True)
        for pk in sorted(set(pks) - set(found)):
            labels.want(field.related_model, pk)
            labels.resolve()
            problems.append(
                _("its link to %(target)s (%(field)s) cannot come back: it is not in the record")
                % {"field": field.verbose_name, "target": labels.label(field.related_model, pk)}
            )
    if not problems:
        try:
            instance.validate_unique()
            instance.validate_constraints()
        except ValidationError as invalid:
            problems += [
                message for messages in invalid.message_dict.values() for message in messages
            ]
    return [f"{deleted.what}: {problem}" for problem in problems]


def restore(group, user, dry_run=False):
    """Put the group's rows back, parents first, or none of them (RestoreRefused says why).
    `dry_run` checks and rolls back, to tell before the officer confirms."""
    labels = Labels()
    with transaction.atomic():
        reasons = []
        for deleted in group:
            problems = _problems(deleted, labels)
            if problems:
                reasons += problems
                continue
            instance = deleted.row.instance
            instance._change_reason = RESTORED_REASON
            instance._history_user = user
            try:
                with transaction.atomic():
                    instance.save(force_insert=True)
                    for name, pks in _links(deleted).items():
                        getattr(instance, name).set(pks)
            except IntegrityError as error:
                reasons.append(f"{deleted.what}: {_('the database refused it')} ({error})")
        if reasons:
            transaction.set_rollback(True)
            raise RestoreRefused(reasons)
        if dry_run:
            transaction.set_rollback(True)
