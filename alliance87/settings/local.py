"""Local development: what `manage.py` and `make run` use from a checkout. Plain HTTP on
127.0.0.1, debug pages on, a key that is only ever good for this machine."""

from .base import *  # noqa: F403
from .base import env

DEBUG = True
SECRET_KEY = env.str("SECRET_KEY", default="insecure-key-for-local-development-only")
