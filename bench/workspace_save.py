"""What saving the meeting workspace unchanged posts, read from the page gunicorn serves, as a
browser would post it (devtools/html_form.py reads the form): every row as shown, the CSRF token
and cookie, the signed state of what the page shows, "Save and continue editing"."""

import urllib.request
from http.cookies import SimpleCookie
from urllib.parse import urlencode

from devtools.html_form import BrowserForm

FORM_ID = "meeting_form"


def prepared_save(server, page, cookie, folder):
    """`page` (a save, scaled_site.py's) with the body to post written to a file in `folder`
    and the cookies to send: the officer's session and the CSRF cookie the page set."""
    request = urllib.request.Request(server.url(page["path"]), headers={"Cookie": cookie})
    with urllib.request.urlopen(request, timeout=60) as response:
        html = response.read().decode()
        set_cookies = SimpleCookie()
        for header in response.headers.get_all("Set-Cookie") or []:
            set_cookies.load(header)
    form = BrowserForm(html, FORM_ID)
    form.set("_continue", "Save and continue editing")
    body = urlencode(list(form.data().lists()), doseq=True)
    path = folder / f"{page['name']}.body"
    path.write_text(body)
    cookies = [cookie, *(f"{name}={morsel.value}" for name, morsel in set_cookies.items())]
    return {**page, "body": str(path), "cookie": "; ".join(cookies)}
