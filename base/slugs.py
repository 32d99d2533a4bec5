"""Slugs made from a name or title, unique within their model, so nobody has to type one."""

from django.utils.text import slugify


def unique_slug(model, text):
    """slugify(text), with -2, -3... added when another row already has it."""
    max_length = model._meta.get_field("slug").max_length
    base = slugify(text)[:max_length] or model._meta.model_name
    taken = set(model._default_manager.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, counter = base, 2
    while slug in taken:
        suffix = f"-{counter}"
        slug, counter = base[: max_length - len(suffix)] + suffix, counter + 1
    return slug


class SlugFromMixin:
    """Fills an empty `slug` from the field named by `slug_source` when the row is first saved."""

    slug_source = "name"

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(type(self), getattr(self, self.slug_source))
        super().save(*args, **kwargs)
