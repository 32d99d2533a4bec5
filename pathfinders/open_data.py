"""The countries and regional bodies as read-only JSON (docs/open-data.md), with each one's
furthest pathfinder stage as far as the reader may see the record."""

from django.views.decorators.http import require_safe

from base.exports.open_data import object_id, paginated_response

from .models import Stage
from .views import countries_visible_to


@require_safe
def country_list_json(request):
    countries = countries_visible_to(request.user).prefetch_related(None).order_by("name", "pk")

    def serialize(country):
        stage = Stage.from_rank(country.stage_rank) if country.stage_rank else None
        return {
            "id": object_id("country", country.slug),
            "name": country.name,
            "classification": country.kind,
            "iso_code": country.iso_code or None,
            "region": country.region or None,
            "pathfinder_stage": stage.value if stage else None,
            "url": request.build_absolute_uri(country.get_absolute_url()),
        }

    return paginated_response(request, countries, serialize)
