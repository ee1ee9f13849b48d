"""The registration's refusals in the reader's language: a page in French, Arabic or Chinese shows
the participation domain's message translated (the values as they are), english() stays English."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from plenary.core.errors import DomainError
from plenary.participation.credentials import read_credentials
from plenary.participation.models import Delegation

from .test_delegations import registration

HTML = b"<html><script>alert(1)</script></html>"


@pytest.mark.parametrize(
    ("lang", "message"),
    [
        ("en", "the credentials file &#x27;note.pdf&#x27; is not a PDF file"),
        ("fr", "le fichier des pouvoirs &#x27;note.pdf&#x27; n&#x27;est pas un fichier PDF"),
        ("ar", "ملف وثائق التفويض &#x27;note.pdf&#x27; ليس ملفًا بصيغة PDF"),
        ("zh-hans", "全权证书文件&#x27;note.pdf&#x27;不是PDF文件"),
    ],
)
def test_a_refused_registration_speaks_the_readers_language(as_, people, msp2018, lang, message):
    with translation.override(lang):
        url = reverse("portal:register", args=["BWC/MSP/2018", "FRA"])
    response = as_("fra_fp").post(url, registration(name="note.pdf", data=HTML))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Delegation.objects.filter(meeting=msp2018, state__code="FRA").exists()


def test_a_person_the_domain_refuses_is_named_in_french_with_the_words_of_the_interface(db):
    from plenary.meetings.models import Meeting
    from plenary.participation.domain import clean_members

    meeting = Meeting.objects.get(series="BWC/MSP/2018")
    with pytest.raises(DomainError) as caught:
        clean_members([{"family_name": 3, "role": "head"}], meeting=meeting)
    exc = caught.value
    with translation.override("fr"):
        assert str(exc) == "personne 1 : le nom de famille doit être un texte, non int"
        assert exc.english() == "person 1: the family name is text, not int"
    with translation.override("ru"):
        assert str(exc) == "лицо 1: фамилия — текст, а не int"
    assert str(exc) == "person 1: the family name is text, not int"


def test_the_credentials_limit_in_spanish_keeps_its_numbers(settings):
    settings.UPLOAD_MAX_BYTES = 20 * 1024 * 1024

    class Big:
        size, name = settings.UPLOAD_MAX_BYTES + 1, "x.pdf"

    with pytest.raises(DomainError) as caught:
        read_credentials(Big())
    with translation.override("es"):
        # Sizes in the reader's units, a byte over the limit never read as the limit.
        assert (
            str(caught.value) == "el archivo de las credenciales ocupa 20,1 MB; se aceptan como máximo 20 MB"
        )
    assert caught.value.english() == (
        "the credentials file is 20,971,521 bytes; at most 20,971,520 bytes are accepted"
    )
