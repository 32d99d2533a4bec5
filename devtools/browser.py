"""A visitor of a server the tests or CI started (serving.py), as a browser would be, without
one: it keeps its cookies and sends forms with their CSRF token, over the proxy's HTTPS
(X-Forwarded-Proto), as production expects. (The tests in a real Chromium are tests/browser/.)"""

import http.client
from http.cookies import SimpleCookie
from urllib.parse import urlencode

from .serving import HOST


class Browser:
    """One visitor: its cookies go with every request, to whichever server it asks."""

    def __init__(self, forwarded_for=None):
        self.cookies = {}
        self.forwarded_for = forwarded_for

    def request(self, port, method, path, form=None):
        headers = {"Host": HOST, "X-Forwarded-Proto": "https"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if self.forwarded_for:
            headers["X-Forwarded-For"] = self.forwarded_for
        body = None
        if form is not None:
            body = urlencode(form, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = f"https://{HOST}"
        connection = http.client.HTTPConnection(HOST, port, timeout=120)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            content = response.read()
            for header in response.msg.get_all("Set-Cookie") or []:
                for name, morsel in SimpleCookie(header).items():
                    if morsel.value and morsel["max-age"] != "0":
                        self.cookies[name] = morsel.value
                    else:
                        self.cookies.pop(name, None)
            return response.status, response, content.decode(errors="replace")
        finally:
            connection.close()

    def get(self, port, path):
        return self.request(port, "GET", path)

    def post(self, port, path, form):
        """A form's POST, with the token from the CSRF cookie (fetched first if there is none)."""
        if "csrftoken" not in self.cookies:
            self.get(port, path)
        return self.request(
            port, "POST", path, {**form, "csrfmiddlewaretoken": self.cookies["csrftoken"]}
        )
