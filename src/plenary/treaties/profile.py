"""Treaty profiles: the per-treaty settings files (data/<code>.yaml). Pure: no database.

A profile holds the treaty's titles, groups, officer rule, chair rotation, programme rules and
symbol prefix, so that another convention runs on the same code with its own file.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from plenary.core.jsondata import jsonable

DATA_DIR = Path(__file__).resolve().parent / "data"


class ProfileError(ValueError):
    """No profile for that treaty, or an unreadable one."""


def available_treaties(data_dir: Path = DATA_DIR) -> list[str]:
    return sorted(
        p.stem.upper()
        for p in data_dir.glob("*.yaml")
        if "code" in (yaml.safe_load(p.read_text("utf-8")) or {})
    )


def read_profile(code: str, data_dir: Path = DATA_DIR) -> dict[str, Any]:
    """The profile of treaty `code` as plain JSON-able data (dates as ISO strings)."""
    path = data_dir / f"{code.lower()}.yaml"
    if not code.isalnum() or not path.exists():
        known = ", ".join(available_treaties(data_dir)) or "none"
        raise ProfileError(f"unknown treaty {code!r} (known: {known})")
    try:
        profile = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise ProfileError(f"{path.name}: not valid YAML: {exc}") from exc
    return jsonable(profile)
