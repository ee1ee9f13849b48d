"""Multilingual values as the API and the files show them: the text in the language asked, or a
visible fallback; State names on a date; meeting titles."""

from __future__ import annotations

import datetime as dt
from typing import Any

from plenary.core.languages import pick
from plenary.meetings.queries import KIND_NAMES, meeting_titles
from plenary.treaties.models import StateName

__all__ = [
    "KIND_NAMES",
    "SECRETARIAT",
    "NameBook",
    "meeting_day",
    "meeting_titles",
    "plain",
    "text",
]

SECRETARIAT: dict[str, str] = {
    "ar": "الأمانة",
    "zh": "秘书处",
    "en": "Secretariat",
    "fr": "Secrétariat",
    "ru": "Секретариат",
    "es": "Secretaría",
}


def text(values: dict[str, str] | None, lang: str) -> dict[str, Any] | None:
    """{text, lang, fallback} in `lang` or the first language that has it; None when none has."""
    picked = pick(values, lang)
    if picked is None:
        return None
    return {"text": picked.text, "lang": picked.lang, "fallback": picked.fallback}


def plain(values: dict[str, str] | None, lang: str) -> str:
    """The text alone (for files, where there is no room for the fallback flag)."""
    picked = pick(values, lang)
    return picked.text if picked else ""


class NameBook:
    """Every State's UN short names in force on a date, in the six languages (one query)."""

    def __init__(self, on: dt.date):
        self.on = on
        self._names: dict[str, dict[str, str]] = {}
        for code, lang, name in StateName.objects.on(on).values_list("state__code", "lang", "name"):
            self._names.setdefault(code, {})[lang] = name

    def values(self, code: str) -> dict[str, str]:
        return self._names.get(code, {})

    def text(self, code: str, lang: str) -> dict[str, Any] | None:
        return text(self.values(code), lang)

    def plain(self, code: str, lang: str) -> str:
        return plain(self.values(code), lang) or code

    def named(self, code: str, lang: str) -> dict[str, Any]:
        return {"code": code, "name": self.text(code, lang)}


def meeting_day(meeting) -> dt.date:
    """The date a meeting's names are read on: its opening day, else 1 January of its year."""
    return meeting.start or dt.date(meeting.year, 1, 1)
