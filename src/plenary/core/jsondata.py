"""Data read from YAML made fit for JSON (a JSONField, a JSON Schema). Pure: no database."""

from __future__ import annotations

import datetime as dt
from typing import Any


def jsonable(value: Any) -> Any:
    """Dates as ISO strings (YAML reads 2017-12-04 as a date), keys as strings, recursively."""
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [jsonable(v) for v in value]
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return value
