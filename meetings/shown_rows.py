"""A page's rows read as the columns it writes, with the rows they are shown with built once a page.

`select_related` reads every column of a row and of each related row, and builds the related rows
once for each row that names them: a timeline's fifty entries built some two hundred instances,
a page naming a dozen meetings. Here one `values_list` query reads the columns asked for, and
each related row is built once (`Model.from_db` with those columns), shared by the rows that name
it, and by the other reads given the same `built`.

Only the columns asked for are read: any other is deferred, and reading it would cost a query
(the pages' query counts, asserted in their tests, would say so)."""

import functools
from dataclasses import dataclass

from django.db.models.constants import LOOKUP_SEP


def read(model, keys, columns, shown_with, built=None, using=None):
    """The rows of `model` with these keys, in no order, with their `columns` (field names) and,
    cached on them, the related rows `shown_with` ({path: field names}, "agenda_item__meeting"
    needing "agenda_item" too) with theirs: what `select_related(*shown_with)` gives a writer
    reading no other column. `built`, a dictionary shared by several reads, shares their related
    rows too."""
    parts, by_key = _reading(model, tuple(columns), tuple(shown_with.items()))
    by_key = by_key.using(using).filter(pk__in=keys)
    return _made(by_key, parts, {} if built is None else built)


def _made(values_rows, parts, built):
    found = []
    db = values_rows.db
    for values in values_rows:
        made = {}
        start = 0
        for part in parts:
            end = start + len(part.names)
            made[part.path] = obj = part.make(db, values[start:end], built)
            start = end
            if part.field is not None:
                parent = made[part.parent]
                if parent is not None:
                    part.field.set_cached_value(parent, obj)
        found.append(made[""])
    return found


@functools.cache
def _reading(model, columns, shown_with):
    """The parts of a row read, and the query reading them, but for the keys: made once a
    process, since resolving each column's path to its join is most of the work of making it."""
    parts = _parts(model, columns, dict(shown_with))
    names = [name for part in parts for name in part.names]
    return parts, model._default_manager.order_by().values_list(*names)


@dataclass
class _Part:
    """The columns of one model of a row's: the row's own (path "") or a related row's."""

    model: object
    path: str
    parent: str
    field: object  # the parent's foreign key to this part, None for the row's own
    attnames: tuple  # in the model's field order, as `from_db` reads a subset of the fields
    names: tuple  # the same, as `values_list` asks for them from the row's model
    pk_index: int

    def make(self, db, values, built):
        if not self.path:
            return self.model.from_db(db, self.attnames, values)
        pk = values[self.pk_index]
        if pk is None:
            return None
        key = (self.model, self.attnames, pk)
        obj = built.get(key)
        if obj is None:
            obj = built[key] = self.model.from_db(db, self.attnames, values)
        return obj


def _parts(model, columns, shown_with):
    paths = sorted(shown_with, key=lambda path: path.count(LOOKUP_SEP))
    fields = {"": model}
    wanted = {"": set(columns)}
    foreign_keys = {}
    for path in paths:
        parent, _, name = path.rpartition(LOOKUP_SEP)
        field = fields[parent]._meta.get_field(name)
        foreign_keys[path] = field
        fields[path] = field.related_model
        wanted[parent].add(field.name)
        wanted[path] = set(shown_with[path])
    parts = []
    for path in ["", *paths]:
        opts = fields[path]._meta
        wanted[path].add(opts.pk.name)
        attnames = tuple(f.attname for f in opts.concrete_fields if f.name in wanted[path])
        prefix = f"{path}{LOOKUP_SEP}" if path else ""
        parent = path.rpartition(LOOKUP_SEP)[0]
        parts.append(
            _Part(
                fields[path],
                path,
                parent,
                foreign_keys.get(path),
                attnames,
                tuple(prefix + name for name in attnames),
                attnames.index(opts.pk.attname),
            )
        )
    return parts
