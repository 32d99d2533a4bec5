"""What a checkout writes that holds personal data or secrets is never committed: git ignores it.

`make run`'s SQLite database and its write-ahead log and shared memory (which hold addresses and
password hashes), the uploads, the backups, `.env`; asked of git itself, with `git check-ignore`."""

import shutil
import subprocess

import pytest
from django.conf import settings

WRITTEN_BY_A_CHECKOUT = [
    "db.sqlite3",
    "db.sqlite3-wal",
    "db.sqlite3-shm",
    "db.sqlite3-journal",
    "media/documents/2019/report.pdf",
    "backups/gcg-2026-01-31T120000Z.json",
    ".env",
    "bench/.data/bench.sqlite3",
    "bench/.data/bench.sqlite3-wal",
]


@pytest.mark.skipif(
    not (settings.BASE_DIR / ".git").exists() or shutil.which("git") is None,
    reason="not a git checkout",
)
@pytest.mark.parametrize("path", WRITTEN_BY_A_CHECKOUT)
def test_git_ignores_it(path):
    result = subprocess.run(
        ["git", "check-ignore", "--no-index", "--quiet", path], cwd=settings.BASE_DIR
    )
    assert result.returncode == 0, f"{path} is not ignored by .gitignore"
