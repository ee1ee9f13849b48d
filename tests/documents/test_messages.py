"""The documents' refusals in the reader's language: a back-office page in French, Arabic or
Chinese shows them translated, the words of the interface in them too; english() stays English."""

from __future__ import annotations

import pytest
from django.utils import translation

from plenary.core.actor import Actor
from plenary.core.errors import Frozen
from plenary.documents import domain as docs
from plenary.documents.models import Document

ISU = Actor.system("isu")


@pytest.fixture
def wp9(db):
    return Document.objects.get(symbol="BWC/MSP/2017/WP.9")


def test_a_refusal_naming_fields_reads_in_french(wp9):
    with pytest.raises(Frozen) as info:
        docs.update_document(wp9, by=ISU, title={"en": "Something else"}, co_sponsors=[])
    with translation.override("fr"):
        assert str(info.value) == (
            "BWC/MSP/2017/WP.9 est publié : les éléments suivants ne peuvent plus changer : titre, coauteurs "
            "(une correction se fait par un Corr. ou une Rev.)"
        )
        assert info.value.english() == (
            "BWC/MSP/2017/WP.9 is issued: its title, co-sponsors cannot change (a correction comes as a Corr. or Rev.)"
        )


def test_a_refusal_reads_in_arabic_and_chinese(wp9):
    with pytest.raises(Frozen) as removed:
        docs.remove_document(wp9, by=ISU)
    with translation.override("ar"):
        assert (
            str(removed.value) == "BWC/MSP/2017/WP.9 صدر ويبقى في السجل (يأتي التصحيح في شكل Corr. أو Rev.)"
        )
    with pytest.raises(Frozen) as drafted:
        docs.update_document(wp9, by=ISU, status="draft")
    with translation.override("zh-hans"):
        assert str(drafted.value) == "BWC/MSP/2017/WP.9 已印发：不能退回草案"
    assert str(drafted.value) == "BWC/MSP/2017/WP.9 is issued: it cannot go back to draft"


def _refusal(name: str, data: bytes):
    from plenary.core.errors import DomainError
    from plenary.documents.uploads import check_upload

    with pytest.raises(DomainError) as info:
        check_upload(name, data)
    return info.value


def test_the_file_checks_read_in_french_with_sizes_in_the_readers_units(settings):
    settings.UPLOAD_MAX_BYTES = 20 * 1024 * 1024
    big = _refusal("paper.pdf", b"%PDF-" + b"x" * (25 * 1024 * 1024))
    with translation.override("fr"):
        assert str(big) == "le fichier fait 25,1 Mio ; au plus 20 Mio sont acceptés"
        assert str(_refusal("paper.exe", b"MZ")) == (
            "les fichiers de type .exe ne sont pas acceptés ; envoyez .doc, .docx, .pdf, .txt"
        )
        assert str(_refusal("paper", b"x")) == (
            "les fichiers de type (aucun) ne sont pas acceptés ; envoyez .doc, .docx, .pdf, .txt"
        )
        assert str(_refusal("paper.pdf", b"")) == "le fichier est vide"
        assert str(_refusal("paper.pdf", b"MZ not a pdf")) == (
            "le contenu du fichier n'est pas celui d'un fichier .pdf"
        )
    assert str(big) == "the file is 25.1 MB; at most 20 MB are accepted"
    assert big.english() == "the file is 26,214,405 bytes; at most 20,971,520 bytes are accepted"


def test_the_file_checks_read_in_arabic_russian_and_chinese(settings):
    settings.UPLOAD_MAX_BYTES = 2048
    big = _refusal("paper.txt", b"x" * 3000)
    with translation.override("ru"):
        assert str(big) == "размер файла — 3,0 КБ; допускается не более 2 КБ"
    with translation.override("zh-hans"):
        assert str(_refusal("paper.txt", b"")) == "文件为空"
    with translation.override("ar"):
        assert str(_refusal("paper.docx", b"PK\x03\x04garbage")) == "محتوى الملف ليس ملفا من النوع .docx"


def test_a_language_versions_refusal_names_the_language_and_the_reason_in_french(wp9):
    from plenary.documents.domain import _FileRefused

    inner = _refusal("paper.pdf", b"")
    with translation.override("fr"):
        assert str(_FileRefused(inner, "es")).endswith(": le fichier est vide")
