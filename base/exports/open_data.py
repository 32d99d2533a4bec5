"""The portal's read-only JSON (docs/open-data.md): a list paginated with `count`, `next` and
`previous`, and the ids every object is known by, shaped after Popolo and Open Civic Data."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import JsonResponse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

# Objects per page of a JSON list.
PER_PAGE = 100


def object_id(kind, slug):
    """ "organization/ilo": what a person, organisation, event… is known by across the JSON."""
    return f"{kind}/{slug}"


def json_response(data, status=200, with_addresses=False):
    """`with_addresses`: the data holds addresses (a signed-in reader's), which no cache keeps."""
    response = JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})
    if with_addresses:
        patch_cache_control(response, private=True, no_store=True)
    return response


def error_response(message, status):
    return json_response({"error": str(message)}, status=status)


def paginated_response(request, rows, serialize, per_page=PER_PAGE, with_addresses=False):
    """A page of `rows` as {"count", "next", "previous", "results"}; a page that is not one of
    the list's (not a number, out of range) is answered 404 with a message."""
    paginator = Paginator(rows, per_page)
    try:
        page = paginator.page(request.GET.get("page") or 1)
    except (PageNotAnInteger, EmptyPage, ValueError):
        return error_response(_("There is no such page of this list."), 404)
    return json_response(
        {
            "count": paginator.count,
            "next": _page_url(request, page.next_page_number()) if page.has_next() else None,
            "previous": (
                _page_url(request, page.previous_page_number()) if page.has_previous() else None
            ),
            "results": [serialize(row) for row in page.object_list],
        },
        with_addresses=with_addresses,
    )


def _page_url(request, number):
    query = request.GET.copy()
    query["page"] = number
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")
