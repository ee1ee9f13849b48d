"""Domain errors in the reader's language: the English template, its values apart, translated when
the message is read (str), English always through english()."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import translation
from django.utils.translation import gettext_noop as _

from plenary.core import errors
from plenary.core.errors import DomainError, NotAllowed, plain_text, term


def test_the_message_is_english_while_english_is_active():
    exc = DomainError(_("%(what)s is required"), what=term("the title"))
    assert str(exc) == exc.english() == "the title is required"


def test_the_message_is_in_the_language_active_when_it_is_read():
    exc = DomainError(_("%(what)s holds control characters"), what="BWC/MSP/2017/6")
    with translation.override("fr"):
        assert str(exc) == "BWC/MSP/2017/6 contient des caractères de commande"
    with translation.override("zh-hans"):
        assert str(exc) == "BWC/MSP/2017/6含有控制字符"
    with translation.override("ar"):
        assert exc.english() == "BWC/MSP/2017/6 holds control characters"
    assert str(exc) == "BWC/MSP/2017/6 holds control characters"


def test_a_date_is_written_as_the_un_writes_it_in_the_readers_language():
    exc = DomainError(
        _("the deadline for %(series)s was %(deadline)s"), series="BWC/MSP/2018", deadline=dt.date(2018, 9, 1)
    )
    assert str(exc) == "the deadline for BWC/MSP/2018 was 1 September 2018"
    with translation.override("fr"):
        assert str(exc) == "la date limite pour BWC/MSP/2018 était le 1er septembre 2018"
    with translation.override("ru"):
        assert str(exc) == "предельный срок для BWC/MSP/2018 истек 1 сентября 2018 года"
    with translation.override("zh-hans"):
        assert "2018年9月1日" in str(exc)
    # For the logs, as the file or the form gave it.
    assert exc.english() == "the deadline for BWC/MSP/2018 was 2018-09-01"


def test_a_term_is_translated_with_the_message_and_other_values_are_not():
    exc = DomainError(_("%(what)s is required"), what=term("Meetings"))
    plain = DomainError(_("%(what)s is required"), what="Meetings")
    with translation.override("fr"):
        assert str(exc) == "Réunions est obligatoire"
        assert str(plain) == "Meetings est obligatoire"
    with translation.override("es"):
        assert str(exc) == "Falta Reuniones"


def test_the_shared_text_check_speaks_the_readers_language():
    with pytest.raises(DomainError) as caught:
        plain_text("x" * 12_000, "BWC/MSP/2017/6", limit=10_000)
    assert str(caught.value) == "BWC/MSP/2017/6 has 12,000 characters; at most 10,000"
    with translation.override("ru"):
        assert str(caught.value) == "BWC/MSP/2017/6: 12,000 знаков; допускается не более 10,000"


def test_a_translation_whose_placeholders_do_not_fit_gives_the_english(monkeypatch):
    exc = NotAllowed(_("%(what)s is required"), what="the title")
    monkeypatch.setattr(errors, "_gettext", lambda text: "%(quoi)s manque")
    assert str(exc) == "the title is required"


def test_a_template_that_does_not_fit_its_values_fails_where_it_is_raised():
    with pytest.raises(KeyError):
        DomainError(_("%(what)s is required"), where="the title")


def test_a_message_given_filled_in_is_shown_as_it_is():
    exc = DomainError("BWC/MSP/2017 is not open (held): 100% sure")
    with translation.override("fr"):
        assert str(exc) == "BWC/MSP/2017 is not open (held): 100% sure"


def test_a_refusal_passed_on_stays_a_template_read_in_the_readers_language():
    from plenary.core.errors import passed_on
    from plenary.finance.money import MoneyError, amount

    with pytest.raises(MoneyError) as inner:
        amount("-5", term("the amount"))
    outer = passed_on(DomainError, inner.value)
    assert type(outer) is DomainError
    assert outer.english() == "the amount cannot be negative"
    with translation.override("fr"):
        assert str(outer) == "le montant : une valeur négative n’est pas admise"
        assert outer.english() == "the amount cannot be negative"


def test_an_exception_with_its_own_way_of_writing_itself_is_passed_on_as_its_text():
    from plenary.core.errors import passed_on

    class Special(DomainError):
        def __str__(self) -> str:
            return "special"

    assert str(passed_on(DomainError, Special("x"))) == "special"
    assert str(passed_on(DomainError, ValueError("plain"))) == "plain"
