"""The portal's upload fields say their limit in MB, in the reader's language, and a file over it
is refused with a message in that language: no 500, nothing stored."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.portal.conftest import PDF, members

MB = 1024 * 1024


def field_with_limit(html: str, name: str) -> str:
    return re.search(
        rf'<input type="file" name="{name}"[^>]*> <small class="upload-limit muted">[^<]*</small>', html
    ).group(0)


def big_pdf(size: int, name: str = "big.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF + b"%" * (size - len(PDF)), content_type="application/pdf")


def stored_files(settings) -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


@pytest.mark.parametrize(
    ("prefix", "note"),
    [
        ("", "At most 20 MB"),
        ("/ar", "20 م.ب على الأكثر"),
        ("/zh-hans", "最大 20 MB"),
        ("/fr", "20 Mio au plus"),
    ],
)
def test_the_paper_file_field_says_its_limit(as_, world, prefix, note):
    html = as_("fra_del").get(f"{prefix}/portal/papers/{world['draft'].pk}/").content.decode()
    field = field_with_limit(html, "file")
    assert 'data-max-bytes="20971520"' in field
    assert field.endswith(f'<small class="upload-limit muted">{note}</small>')


@pytest.mark.parametrize(
    ("prefix", "message"),
    [
        ("", "This file is 1.5 MB; at most 1 MB can be sent. Nothing was stored."),
        ("/ar", "حجم هذا الملف 1,5 م.ب؛ ولا يمكن إرسال أكثر من 1 م.ب. لم يُخزَّن أي شيء."),
        ("/zh-hans", "此文件为 1.5 MB；最多可发送 1 MB。未存储任何内容。"),
        ("/ru", "Размер этого файла — 1,5 МБ; можно отправить не более 1 МБ. Ничего не сохранено."),
    ],
)
def test_a_paper_file_over_the_limit_is_refused_in_the_readers_language(
    as_, world, settings, prefix, message
):
    settings.UPLOAD_MAX_BYTES = MB
    paper = world["draft"]
    before_files, before_rows = stored_files(settings), list(paper.files.values_list("pk", flat=True))
    response = as_("fra_del").post(
        f"{prefix}/portal/papers/{paper.pk}/files/",
        {"lang": "fr", "kind": "official", "file": big_pdf(MB + MB // 2)},
    )
    assert response.status_code == 400
    assert f'<span class="error">{message}</span>' in response.content.decode()
    assert list(paper.files.values_list("pk", flat=True)) == before_rows
    assert stored_files(settings) == before_files


def test_a_paper_file_at_the_limit_is_taken(as_, world, settings):
    settings.UPLOAD_MAX_BYTES = MB
    paper = world["draft"]
    response = as_("fra_del").post(
        f"/portal/papers/{paper.pk}/files/", {"lang": "fr", "kind": "official", "file": big_pdf(MB)}
    )
    assert response.status_code == 302
    assert paper.files.filter(lang="fr").count() == 1


def test_credentials_over_the_limit_are_refused_and_nothing_changes(as_, world, settings):
    settings.UPLOAD_MAX_BYTES = MB
    delegation = world["fra_d"]
    client = as_("fra_fp")
    html = client.get(f"/es/portal/delegations/{delegation.pk}/edit/").content.decode()
    assert field_with_limit(html, "credentials").endswith("1 MB como máximo</small>")
    data = members("Ms Alice Head", credentials=False)
    data["credentials"] = big_pdf(3 * MB, "nv.pdf")
    response = client.post(f"/es/portal/delegations/{delegation.pk}/edit/", data)
    assert response.status_code == 400
    assert (
        "Este archivo tiene 3 MB; se pueden enviar como máximo 1 MB. No se guardó nada."
        in response.content.decode()
    )
    delegation.refresh_from_db()
    assert not delegation.credentials


def test_a_request_far_over_any_form_is_refused_before_it_is_read(as_, world, settings):
    settings.UPLOAD_MAX_BYTES = MB
    settings.UPLOAD_MAX_REQUEST_BYTES = 2 * MB
    paper = world["draft"]
    response = as_("fra_del").post(
        f"/zh-hans/portal/papers/{paper.pk}/files/",
        {"lang": "fr", "kind": "official", "file": big_pdf(3 * MB)},
    )
    assert response.status_code == 413
    html = response.content.decode()
    assert '<html lang="zh-Hans" dir="ltr">' in html
    assert "您发送的内容为 3.1 MB，超过了 Plenary 的接收上限（每个文件最大 1 MB）；未存储任何内容。" in html
    assert paper.files.filter(lang="fr").count() == 0
