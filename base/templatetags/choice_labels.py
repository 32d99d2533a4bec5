"""`{{ obj|choice_label:"kind" }}`: what `{{ obj.get_kind_display }}` shows, without translating
every choice of the field at each row (base/record/choice_labels.py)."""

from django import template

from base.record import choice_labels

register = template.Library()


@register.filter
def choice_label(obj, name):
    return choice_labels.choice_label(obj, name)
