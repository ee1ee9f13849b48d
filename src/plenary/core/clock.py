"""The date the domain judges by ("is the meeting still open?"). One place, so that tests set it."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone


def today() -> dt.date:
    return timezone.localdate()
