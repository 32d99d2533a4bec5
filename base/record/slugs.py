"""Slugs made from a name or title, unique within their model, so nobody has to type one."""

from functools import reduce
from operator import or_

from django.db.models import Q
from django.utils.text import slugify

# Slug stems looked up per query: a few hundred LIKEs stay well within SQLite's expression depth.
STEMS_PER_QUERY = 200


def unique_slug(model, text):
    """slugify(text), with -2, -3... added when another row already has it."""
    return unique_slugs(model, [text])[0]


def unique_slugs(model, texts):
    """unique_slug for several new rows at once, none alike: one query, not one per row."""
    max_length = model._meta.get_field("slug").max_length
    bases = [slugify(text)[:max_length] or model._meta.model_name for text in texts]
    stems = sorted(set(bases))
    taken = set()
    for start in range(0, len(stems), STEMS_PER_QUERY):
        chunk = stems[start : start + STEMS_PER_QUERY]
        starting = reduce(or_, (Q(slug__startswith=stem) for stem in chunk))
        taken.update(model._default_manager.filter(starting).values_list("slug", flat=True))
    slugs = []
    for base in bases:
        slug, counter = base, 2
        while slug in taken:
            suffix = f"-{counter}"
            slug, counter = base[: max_length - len(suffix)] + suffix, counter + 1
        taken.add(slug)
        slugs.append(slug)
    return slugs


class SlugFromMixin:
    """Fills an empty `slug` from the field named by `slug_source` when the row is first saved."""

    slug_source = "name"

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(type(self), getattr(self, self.slug_source))
        super().save(*args, **kwargs)
