"""Database ordering in the UN's order of languages (AR, ZH, EN, FR, RU, ES): a language code
column sorts by the alphabet (ar, en, es, fr, ru, zh) unless told otherwise."""

from __future__ import annotations

from django.db import models

from plenary.core.languages import UN_LANGUAGES


def un_language_order(field: str = "lang") -> models.Case:
    """An ORDER BY term that sorts rows by the language in `field` in the UN's order; any other
    code after the six."""
    return models.Case(
        *(models.When(**{field: code}, then=models.Value(i)) for i, code in enumerate(UN_LANGUAGES)),
        default=models.Value(len(UN_LANGUAGES)),
        output_field=models.IntegerField(),
    )
