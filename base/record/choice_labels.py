"""A field's choice label, as `get_FOO_display()` gives it, at the cost of a dictionary look-up.

`get_FOO_display()` rebuilds the field's choices at each call, and hashing them translates every
label: a page listing a thousand rows translated every kind's name a thousand times. Here each
field's labels are translated once a language and kept (they are the code's own, fixed strings).
"""

from django.utils.encoding import force_str
from django.utils.translation import get_language

_LABELS = {}


def choice_labels(model, name):
    """{value: label} of `model`'s field `name`, in the current language: for rows read as
    values, which have no `get_<name>_display()`."""
    return _labels(model._meta.get_field(name))


def choice_label(obj, name):
    """`obj.get_<name>_display()`: the label of the field's value in the current language, or the
    value itself when it is not one of the choices."""
    field = obj._meta.get_field(name)
    value = getattr(obj, field.attname)
    return force_str(_labels(field).get(value, value), strings_only=True)


def _labels(field):
    key = (field, get_language())
    labels = _LABELS.get(key)
    if labels is None:
        labels = _LABELS[key] = {value: str(label) for value, label in field.flatchoices}
    return labels
