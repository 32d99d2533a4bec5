"""The search page: every kind's best results, grouped; or all of one kind's, page by page."""

from urllib.parse import urlencode

from django.views.generic import TemplateView

from . import engines, queries
from .kinds import BY_KEY, KINDS


class SearchView(TemplateView):
    template_name = "search/results.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        checked = queries.check(self.request.GET.get("q", ""))
        kind = BY_KEY.get(self.request.GET.get("kind", ""))
        context.update(query=checked.text, problem=checked.problem, kind=kind, kinds=KINDS)
        if checked.searchable:
            results = engines.search(
                checked.text, self.request.user, kind, self.request.GET.get("page", 1)
            )
            context.update(
                results=results,
                page_obj=results.page_obj,
                show_emails=self.request.user.is_authenticated,
                all_url=self._url(q=checked.text),
            )
            if results.suggestion:
                context["suggestion_url"] = self._url(q=results.suggestion)
            for group in results.groups:
                group.show_all_url = self._url(q=checked.text, kind=group.kind.key)
        return context

    def _url(self, **query):
        return f"{self.request.path}?{urlencode(query)}"
