"""`{{ country.stage_rank|stage }}`: the Stage a `with_stage()` rank stands for (None for none)."""

from django import template

from pathfinders.models import Stage

register = template.Library()


@register.filter
def stage(rank):
    return Stage.from_rank(rank)
