"""S17, the systemd units of deploy/systemd/: gunicorn (gcg-portal.service) and a service and a
timer for each scheduled command. Each timer starts a service of its own name, each job has a
timer, each `manage.py` command a unit runs exists, every service is hardened, and the README
names every timer. `systemd-analyze verify` checks the files themselves where it is installed
(with the checkout in place of /srv/gcg, so the commands they run exist)."""

import re
import shutil
import subprocess
from collections import defaultdict

import pytest
from django.conf import settings
from django.core.management import get_commands

UNITS = settings.BASE_DIR / "deploy" / "systemd"
HARDENING = {
    "ProtectSystem": "strict",
    "NoNewPrivileges": "true",
    "PrivateTmp": "true",
    "ProtectHome": "true",
    "CapabilityBoundingSet": "",
}


def parsed(path):
    """{(section, key): [values]}: a key may be given more than once (ExecStartPre)."""
    unit, section = defaultdict(list), None
    for line in path.read_text().splitlines():
        line = line.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("["):
            section = line.strip("[]")
            continue
        key, value = line.split("=", 1)
        unit[section, key].append(value)
    return unit


def units(suffix):
    return {path.stem: parsed(path) for path in sorted(UNITS.glob(f"*.{suffix}"))}


def commands_run(service):
    return [
        command
        for key in ("ExecStartPre", "ExecStart")
        for command in service.get(("Service", key), [])
    ]


def test_each_timer_starts_a_service_of_its_name_and_each_job_has_a_timer():
    services, timers = units("service"), units("timer")
    assert set(timers) == set(services) - {"gcg-portal"}
    assert set(timers) == {
        "gcg-followup-digest",
        "gcg-purge-sign-in-records",
        "gcg-purge-kept-uploads",
        "gcg-purge-contact-messages",
        "gcg-backup",
    }
    for name, timer in timers.items():
        assert timer.get(("Timer", "Unit"), [f"{name}.service"]) == [f"{name}.service"]
        assert timer["Timer", "OnCalendar"] and timer["Timer", "Persistent"] == ["true"]
        assert timer["Install", "WantedBy"] == ["timers.target"]
        assert services[name]["Service", "Type"] == ["oneshot"]


def test_each_command_a_unit_runs_exists():
    known = get_commands()
    for name, service in units("service").items():
        for command in commands_run(service):
            program, *arguments = command.split()
            assert program.startswith("/srv/gcg/.venv/bin/"), (name, command)
            if program.endswith("/python"):
                assert arguments[0] == "manage.py", (name, command)
                assert arguments[1] in known, f"{name}: no command {arguments[1]}"
            else:
                assert arguments == ["--config", "gunicorn.conf.py"], (name, command)
                assert (settings.BASE_DIR / "gunicorn.conf.py").exists()


def test_every_service_runs_as_the_portal_in_production_settings_hardened():
    for name, service in units("service").items():
        assert service["Service", "User"] == ["gcg"], name
        settings_module = "DJANGO_SETTINGS_MODULE=alliance87.settings.production"
        assert service["Service", "Environment"] == [settings_module], name
        for key, value in HARDENING.items():
            assert service["Service", key] == [value], (name, key)
        assert service["Service", "ReadWritePaths"], name


def test_the_readme_names_every_timer():
    readme = (settings.BASE_DIR / "README.md").read_text()
    for name in units("timer"):
        assert f"{name}.timer" in readme, name


def test_systemd_analyze_verifies_them(tmp_path):
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        pytest.skip("systemd-analyze is not installed: the files are checked by the tests above")
    for path in UNITS.iterdir():
        text = path.read_text().replace("/srv/gcg", str(settings.BASE_DIR))
        (tmp_path / path.name).write_text(text)
    result = subprocess.run(
        [analyze, "verify", "--man=no", *sorted(map(str, tmp_path.iterdir()))],
        capture_output=True,
        text=True,
    )
    # Without systemd as PID 1 it still reads the files; only its lines about them count.
    about_the_units = [line for line in result.stderr.splitlines() if re.search(r"gcg-", line)]
    assert result.returncode == 0 and about_the_units == [], result.stderr
