"""`{% per_language ns url_name %}...{% end_per_language %}`: markup every page repeats (the
header's links, the search box, the footer), rendered once per language and per value of the
variables named, then reused. Rebuilding it at each request (a dozen `{% url %}`, twenty
`{% translate %}`) was two fifths of the Python calls of the cheapest page.

The block sees only the variables it names: nothing else of the page's context (the request, the
user, the CSRF token) reaches it, so what it writes cannot depend on anything its key leaves out.
The key also holds what `{% url %}` reads besides the language: the URL prefix and URLconf.
"""

from django import template
from django.urls import get_script_prefix, get_urlconf
from django.utils.translation import get_language

register = template.Library()


class PerLanguageNode(template.Node):
    def __init__(self, nodelist, variables):
        self.nodelist = nodelist
        self.variables = variables  # {name: FilterExpression}
        # On the node, so that a template reloaded (in development) starts afresh.
        self.rendered = {}

    def render(self, context):
        values = {name: variable.resolve(context) for name, variable in self.variables.items()}
        key = (get_language(), get_script_prefix(), get_urlconf(), *values.values())
        found = self.rendered.get(key)
        if found is None:
            own = template.Context(values, autoescape=context.autoescape)
            own.template = context.template
            found = self.rendered[key] = self.nodelist.render(own)
        return found


@register.tag
def per_language(parser, token):
    variables = {name: parser.compile_filter(name) for name in token.split_contents()[1:]}
    nodelist = parser.parse(("end_per_language",))
    parser.delete_first_token()
    return PerLanguageNode(nodelist, variables)
