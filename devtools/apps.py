from django.apps import AppConfig


class DevtoolsConfig(AppConfig):
    """What developers, the tests and the benchmark use, never production: installed by the local
    and test settings only (alliance87/settings/local.py, test.py). Its command
    generate_scale_data adds synthetic data (scale_data.py) to a database; serving.py starts a
    server of our own and waits for it, browser.py visits it, html_form.py reads a page's form as
    a browser does."""

    name = "devtools"
