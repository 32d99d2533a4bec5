"""`make bench`: the portal at a hundred times the 2019 record, served by gunicorn in production
settings with the page cache as shipped ("kept") and then off ("rendered"), driven by wrk, with the
figures written to docs/benchmarks.md (README, "Measuring").

`run.py` is the entry point. The runner's own modules use the standard library only (and
psycopg, the portal's driver, to wipe a PostgreSQL database); `scaled_site.py` and `pages.py` run
inside Django, in a process of their own, to find the pages and sign a member in.
"""
