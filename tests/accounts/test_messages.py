"""The accounts' refusals in the reader's language: the secretariat's acts (require_staff, with the
act each caller names) and the choice of a notifications' language read whole in French, Arabic,
Russian, Chinese or Spanish; english() stays English."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from django.utils import translation

from plenary.accounts.notify import set_language
from plenary.accounts.permissions import require_staff
from plenary.core.errors import DomainError, NotAllowed

SRC = Path(__file__).resolve().parents[2] / "src/plenary"


def _acts() -> list[tuple[str, object]]:
    """(place, the act's node) of every require_staff(by, act) in the code, and of every `what=`
    handed to the assistance steps' helper that passes it on."""
    found = []
    for path in sorted(SRC.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            place = f"{path.relative_to(SRC.parent)}:{node.lineno}"
            if name == "require_staff" and len(node.args) == 2:
                found.append((place, node.args[1]))
            if name == "_staff_step":
                found += [(place, k.value) for k in node.keywords if k.arg == "what"]
    return found


def _marked_text(node) -> str | None:
    """The text of `_("...")` (gettext_noop where these files import it), else None."""
    if (
        isinstance(node, ast.Call)
        and getattr(node.func, "id", "") == "_"
        and len(node.args) == 1
        and isinstance(node.args[0], ast.Constant)
    ):
        return node.args[0].value
    return None


def test_every_act_only_the_secretariat_does_is_marked_and_translated():
    acts = _acts()
    assert len(acts) > 60  # the scan sees the callers
    unmarked, untranslated = [], []
    for place, node in acts:
        if isinstance(node, ast.Name) and node.id == "what":
            continue  # assistance's _staff_step passes on the `what` its callers mark (scanned above)
        text = _marked_text(node)
        if text is None:
            unmarked.append(place)
            continue
        for lang in ("ar", "zh-hans", "fr", "ru", "es"):
            with translation.override(lang):
                if translation.gettext(text) == text:
                    untranslated.append(f"{place} {lang}: {text!r}")
    assert unmarked == [], "require_staff(by, _('...')): the act marked where it is written"
    assert untranslated == []


@pytest.mark.parametrize(
    ("what", "lang", "said"),
    [
        ("records decisions", "fr", "seul le secrétariat consigne les décisions"),
        ("issues documents", "fr", "seul le secrétariat publie les documents"),
        ("sets the agenda", "fr", "seul le secrétariat établit l’ordre du jour"),
        ("records payments", "fr", "seul le secrétariat enregistre les paiements"),
        ("records treaty events", "fr", "seul le secrétariat enregistre les actes relatifs aux traités"),
        ("writes the report", "fr", "seul le secrétariat rédige le rapport"),
        (
            "drafts documents of a meeting",
            "fr",
            "seul le secrétariat établit les projets de documents d’une réunion",
        ),
        ("approves registrations", "fr", "seul le secrétariat approuve les inscriptions"),
        ("records decisions", "ar", "الأمانة وحدها هي التي تسجل المقررات"),
        ("sets the agenda", "ru", "только секретариат устанавливает повестку дня"),
        ("issues documents", "zh-hans", "只有秘书处才能印发文件"),
        ("records payments", "es", "solo la secretaría registra los pagos"),
    ],
)
def test_only_the_secretariat_reads_whole_in_the_reader_s_language(people, what, lang, said):
    with pytest.raises(NotAllowed) as caught:
        require_staff(people.actor("fra_fp"), what)
    with translation.override(lang):
        assert str(caught.value) == said
    assert caught.value.english() == f"only the secretariat {what}"


def test_an_act_no_catalogue_translates_keeps_the_whole_refusal_in_english(people):
    with pytest.raises(NotAllowed) as caught:
        require_staff(people.actor("fra_fp"), "juggles the budget")
    with translation.override("fr"):
        assert str(caught.value) == "only the secretariat juggles the budget"


def test_a_language_that_is_not_a_un_one_is_refused_in_the_reader_s_language(people):
    with pytest.raises(DomainError) as caught:
        set_language(people["fra_fp"], "de", by=people.actor("fra_fp"))
    with translation.override("fr"):
        assert str(caught.value) == (
            "la langue doit être l'une des suivantes : ar, zh, en, fr, ru, es, et non 'de'"
        )
    with translation.override("ru"):
        assert str(caught.value) == "язык должен быть одним из следующих: ar, zh, en, fr, ru, es, а не 'de'"
    assert caught.value.english() == "language must be one of ar, zh, en, fr, ru, es, not 'de'"


def test_someone_else_s_language_is_refused_in_french_and_arabic(people):
    with pytest.raises(NotAllowed) as caught:
        set_language(people["fra_fp"], "fr", by=people.actor("deu_fp"))
    with translation.override("fr"):
        assert str(caught.value) == "seule la personne concernée peut choisir la langue de ses notifications"
    with translation.override("ar"):
        assert str(caught.value) == "لا يجوز إلا للشخص نفسه أن يختار لغة إشعاراته"
    assert caught.value.english() == (
        "only the person themselves may choose the language of their notifications"
    )
