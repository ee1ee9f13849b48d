"""`plenary manage check --deploy` with the production environment the README gives (its section
"Deployment: behind a reverse proxy", read from README.md itself) finds nothing: no warning, none
silenced."""

from __future__ import annotations

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PLENARY = Path(sys.executable).with_name("plenary")


def readme_production_environment() -> dict[str, str]:
    """NAME=value of the first indented block of the README's section on the reverse proxy, the
    comments left out."""
    text = (REPO / "README.md").read_text(encoding="utf-8")
    section = text.split("\n## Deployment: behind a reverse proxy\n", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"\n\n((?:    \S.*\n)+)", section).group(1)
    env = {}
    for line in block.splitlines():
        for name, value in re.findall(r"([A-Z][A-Z0-9_]*)=(\S+)", line.split("#", 1)[0]):
            env[name] = value
    return env


def process_environment(var: Path) -> dict[str, str]:
    """What the process itself needs, and nothing else of the test run's (no DEBUG, no
    DATABASE_URL: check --deploy reads the settings alone). PYTHONPATH made absolute, since the
    command runs in another directory."""
    env = {name: os.environ[name] for name in ("PATH", "HOME", "LANG") if name in os.environ}
    if os.environ.get("PYTHONPATH"):
        env["PYTHONPATH"] = os.pathsep.join(
            str(Path(part).resolve()) for part in os.environ["PYTHONPATH"].split(os.pathsep) if part
        )
    return env | {"PLENARY_VAR_DIR": str(var)}


def test_the_readme_gives_the_environment():
    assert readme_production_environment() == {
        "SECRET_KEY": "…",
        "ALLOWED_HOSTS": "plenary.example.org",
        "BEHIND_TLS_PROXY": "1",
        "SECURE_COOKIES": "1",
        "TRUSTED_PROXIES": "127.0.0.1",
    }


def test_check_deploy_finds_nothing_with_the_readmes_environment(tmp_path):
    env = readme_production_environment()
    env["SECRET_KEY"] = secrets.token_urlsafe(50)  # the README's "…": 50 random characters or more
    done = subprocess.run(
        [str(PLENARY), "manage", "check", "--deploy"],
        env=process_environment(tmp_path) | env,
        capture_output=True,
        text=True,
        timeout=300,
        cwd=tmp_path,
    )
    assert (done.returncode, done.stdout, done.stderr) == (
        0,
        "System check identified no issues (0 silenced).\n",
        "",
    )


def test_check_deploy_without_the_proxy_says_what_is_missing(tmp_path):
    """The same environment without BEHIND_TLS_PROXY: HTTPS is not known, and the check says so
    (the redirect; the cookies follow SECURE_COOKIES=1 still)."""
    env = readme_production_environment() | {"SECRET_KEY": secrets.token_urlsafe(50)}
    del env["BEHIND_TLS_PROXY"]
    done = subprocess.run(
        [str(PLENARY), "manage", "check", "--deploy"],
        env=process_environment(tmp_path) | env,
        capture_output=True,
        text=True,
        timeout=300,
        cwd=tmp_path,
    )
    assert re.findall(r"\(security\.(W\d+)\)", done.stderr) == ["W008"]
