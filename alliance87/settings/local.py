"""Local development: what `manage.py` and `make run` use from a checkout. Plain HTTP on
127.0.0.1, debug pages on, a key that is only ever good for this machine."""

from .base import *  # noqa: F403
from .base import INSTALLED_APPS, env

DEBUG = True
SECRET_KEY = env.str("SECRET_KEY", default="insecure-key-for-local-development-only")

# The development tools (generate_scale_data): here and in the tests' settings, never in production.
INSTALLED_APPS = [*INSTALLED_APPS, "devtools"]
