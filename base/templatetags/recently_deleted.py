"""Whether the admin index links the "Recently deleted" page for this user."""

from django import template

from base.audit.recently_deleted import history_models, may_view

register = template.Library()


@register.filter
def may_see_recently_deleted(user):
    return user.is_active and user.is_staff and any(may_view(user, m) for m in history_models())
