"""The six UN languages named in the reader's language, for the interfaces' forms and pages (the
public site is the shell the portal and the back office share). core.languages holds the codes,
their order and their English names; the translations are the site catalogue's."""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from plenary.core.languages import UN_LANGUAGES

# Each language's name in the reader's language, in the UN's order.
LANGUAGE_LABELS = {
    "ar": gettext_lazy("Arabic"),
    "zh": gettext_lazy("Chinese"),
    "en": gettext_lazy("English"),
    "fr": gettext_lazy("French"),
    "ru": gettext_lazy("Russian"),
    "es": gettext_lazy("Spanish"),
}
LANGUAGE_CHOICES = [(code, LANGUAGE_LABELS[code]) for code in UN_LANGUAGES]
