"""Files in S3-compatible object storage (STORAGE_URL=s3://..., django-storages), tested against a
local S3 emulator: moto's server, started here on a free port of 127.0.0.1 (nothing downloaded).
Issuing stores the bytes in the bucket; downloads stream them back exactly, with ranges; an
object changed or gone in the bucket is refused as a local file is."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import uuid

import boto3
import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.files.storage import default_storage, storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from plenary import settings as plenary_settings
from plenary.core.actor import Actor
from plenary.documents import domain as docs
from plenary.documents.models import IssuedFile
from plenary.exports import stored
from plenary.reports.builder import build_report_of
from plenary.reports.domain import revise_report
from plenary.reports.models import Report
from plenary.reports.render import render_txt
from tests.factories import MeetingFactory
from tests.helpers import body, tiny_pdf
from tests.s3_support import BUCKET

ISU = Actor.system("isu")
PDF_EN = tiny_pdf("the English text, stored in the bucket")


@pytest.fixture
def bucket(s3_endpoint, settings):
    """The default storage is the bucket, under a prefix of this test's own, configured as
    STORAGE_URL=s3://plenary-test/<prefix> configures it."""
    prefix = f"t-{uuid.uuid4().hex[:12]}"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": plenary_settings._file_storage(f"s3://{BUCKET}/{prefix}"),
    }
    stored.VERIFIED.forget()
    client = boto3.client("s3", endpoint_url=s3_endpoint)

    class Bucket:
        def key(self, name: str) -> str:
            return f"{prefix}/{name}"

        def keys(self) -> list[str]:
            listed = client.list_objects_v2(Bucket=BUCKET, Prefix=f"{prefix}/")
            return sorted(o["Key"][len(prefix) + 1 :] for o in listed.get("Contents", []))

        def get(self, name: str) -> bytes:
            return client.get_object(Bucket=BUCKET, Key=self.key(name))["Body"].read()

        def put(self, name: str, data: bytes) -> None:
            client.put_object(Bucket=BUCKET, Key=self.key(name), Body=data)

        def delete(self, name: str) -> None:
            client.delete_object(Bucket=BUCKET, Key=self.key(name))

    yield Bucket()
    stored.VERIFIED.forget()


def get(client, path: str, params=None, **headers):
    return client.get(path, params or {}, HTTP_HOST="localhost", headers=headers)


@pytest.fixture(params=["hashed-every-time", "hashed-once"])
def policy(request, settings):
    settings.ISSUED_FILE_VERIFY_BYTES = 1024 * 1024 if request.param == "hashed-every-time" else 0
    return request.param


def issue_pdf():
    meeting = MeetingFactory(series="BWC/MSP/2026")
    return docs.issue_document(
        meeting,
        title={"en": "Report on universalization activities"},
        original_language="en",
        files={"en": SimpleUploadedFile("report.pdf", PDF_EN, content_type="application/pdf")},
        by=ISU,
        on=dt.date(2026, 11, 2),
    )


def test_the_storage_is_django_storages_s3_backend(bucket):
    from storages.backends.s3 import S3Storage

    storage = IssuedFile._meta.get_field("file").storage
    assert storage is default_storage  # what the models' files are stored in
    assert isinstance(storages["default"], S3Storage)
    assert (storages["default"].bucket_name, storages["default"].file_overwrite) == (BUCKET, False)


def test_an_issued_document_is_stored_in_the_bucket_and_streamed_back(bucket, client, db, policy):
    document = issue_pdf()
    row = IssuedFile.objects.get(document=document, lang="en")
    assert bucket.keys() == [row.file.name]
    assert bucket.get(row.file.name) == PDF_EN
    url = f"/api/documents/{document.symbol}/versions/en"

    response = get(client, url)
    assert response.streaming
    assert (response.status_code, body(response), response["Content-Length"], response["ETag"]) == (
        200,
        PDF_EN,
        str(len(PDF_EN)),
        f'"{hashlib.sha256(PDF_EN).hexdigest()}"',
    )
    part = get(client, url, Range="bytes=9-28")
    assert (part.status_code, part["Content-Range"], body(part)) == (
        206,
        f"bytes 9-28/{len(PDF_EN)}",
        PDF_EN[9:29],
    )
    assert get(client, url, Range="bytes=-0").status_code == 416
    assert get(client, url, Range="bytes=0-1,4-5").status_code == 200
    head = client.head(url, HTTP_HOST="localhost")
    assert (head.status_code, head.content, head["Content-Length"]) == (200, b"", str(len(PDF_EN)))


def test_an_issued_report_is_stored_in_the_bucket_and_streamed_back(bucket, client, db, fast_pdf, policy):
    report = Report.objects.select_related("meeting", "final", "draft").get(meeting__series="BWC/MSP/2017")
    revision = revise_report(report, by=ISU)
    assert len(bucket.keys()) == 30  # six languages, five formats
    text = render_txt(build_report_of(report, "zh", issued_as=revision)).encode("utf-8")
    row = IssuedFile.objects.get(document=revision, lang="zh", fmt="txt")
    assert bucket.get(row.file.name) == text == bucket.get("issued/BWC_MSP_2017_6_Rev.1-ZH.txt")

    response = get(client, "/api/reports/BWC/MSP/2017/6/Rev.1.txt", {"lang": "zh"})
    assert (response.status_code, response["Content-Disposition"], body(response)) == (
        200,
        'attachment; filename="BWC_MSP_2017_6_Rev.1-ZH.txt"',
        text,
    )
    size = len(text)
    part = get(client, "/api/reports/BWC/MSP/2017/6/Rev.1.txt", {"lang": "zh"}, Range="bytes=-100")
    assert (part.status_code, part["Content-Range"], body(part)) == (
        206,
        f"bytes {size - 100}-{size - 1}/{size}",
        text[-100:],
    )


def test_a_large_object_is_hashed_once_per_version(bucket, client, db, settings, monkeypatch):
    settings.ISSUED_FILE_VERIFY_BYTES = 0
    document = issue_pdf()
    url = f"/api/documents/{document.symbol}/versions/en"
    hashed = []
    real = stored._sha256
    monkeypatch.setattr(stored, "_sha256", lambda chunks: hashed.append(1) or real(chunks))
    for headers in ({}, {"Range": "bytes=0-7"}, {}):
        assert get(client, url, **headers).status_code in (200, 206)
    assert len(hashed) == 1
    # A new upload under the name has a new ETag: hashed again, and refused.
    row = IssuedFile.objects.get(document=document, lang="en")
    bucket.put(row.file.name, PDF_EN.replace(b"English", b"Engl1sh"))
    response = get(client, url)
    assert (response.status_code, response.json()) == (
        500,
        {
            "detail": f"the stored en pdf file of {document.symbol} no longer matches the SHA-256 recorded when "
            "it was issued; it is not served"
        },
    )
    assert len(hashed) == 2


def test_a_tampered_object_is_refused(bucket, client, db, policy):
    document = issue_pdf()
    row = IssuedFile.objects.get(document=document, lang="en")
    url = f"/api/documents/{document.symbol}/versions/en"
    altered = {
        "detail": f"the stored en pdf file of {document.symbol} no longer matches the SHA-256 recorded when it "
        "was issued; it is not served"
    }
    for tampered in (PDF_EN.replace(b"English", b"Engl1sh"), PDF_EN[:-5], PDF_EN + b"% more"):
        bucket.put(row.file.name, tampered)
        for headers in ({}, {"Range": "bytes=9-28"}):
            response = get(client, url, **headers)
            assert (response.status_code, response.json()) == (500, altered), (tampered, headers)


def test_a_missing_object_gives_the_error_a_missing_local_file_gives(bucket, client, db):
    document = issue_pdf()
    row = IssuedFile.objects.get(document=document, lang="en")
    bucket.delete(row.file.name)
    response = get(client, f"/api/documents/{document.symbol}/versions/en")
    assert (response.status_code, response.json()) == (
        500,
        {"detail": f"the en pdf file of {document.symbol} is recorded but missing from storage"},
    )
    # The demo's report was stored on local disk, so the bucket does not hold it either.
    response = get(client, "/api/reports/BWC/MSP/2017/6.txt", {"lang": "zh"})
    assert (response.status_code, response.json()) == (
        500,
        {"detail": "the zh txt file of BWC/MSP/2017/6 is recorded but missing from storage"},
    )


def test_an_issue_rolled_back_leaves_no_object(bucket, db):
    from plenary.documents.models import Document

    wp1 = Document.objects.get(symbol="BWC/MSP/2017/WP.1")
    with docs.atomic_files():
        docs.store_issued_file(wp1, lang="fr", fmt="txt", data=b"rolled back")
        # Under a temporary name until the commit (documents/files.py).
        [key] = bucket.keys()
        assert key.startswith("tmp/") and key.endswith("/issued/BWC_MSP_2017_WP.1-FR.txt")
        transaction.set_rollback(True)
    assert bucket.keys() == []
    assert not IssuedFile.objects.filter(document=wp1, lang="fr").exists()


# --- STORAGE_URL --------------------------------------------------------------------------------


def test_storage_url_picks_the_storage(monkeypatch):
    for name in (
        "AWS_ENDPOINT_URL_S3",
        "AWS_ENDPOINT_URL",
        "AWS_REGION",
        "AWS_DEFAULT_REGION",
        "AWS_S3_ADDRESSING_STYLE",
    ):
        monkeypatch.delenv(name, raising=False)
    local = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    assert plenary_settings._file_storage("") == local
    assert plenary_settings._file_storage("file:///srv/plenary/files") == local
    aws = plenary_settings._file_storage("s3://un-bwc-records/plenary/files/")
    assert aws == {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": "un-bwc-records",
            "location": "plenary/files",
            "endpoint_url": None,
            "region_name": None,
            "addressing_style": None,
            "file_overwrite": False,
            "default_acl": None,
            "querystring_auth": True,
        },
    }
    monkeypatch.setenv("AWS_ENDPOINT_URL_S3", "https://minio.internal:9000")
    monkeypatch.setenv("AWS_REGION", "eu-central-2")
    options = plenary_settings._file_storage("s3://records")["OPTIONS"]
    assert (
        options["location"],
        options["endpoint_url"],
        options["region_name"],
        options["addressing_style"],
    ) == (
        "",
        "https://minio.internal:9000",
        "eu-central-2",
        "path",
    )
    for wrong in ("s3://", "ftp://files.example/x", "records-bucket"):
        with pytest.raises(ImproperlyConfigured) as info:
            plenary_settings._file_storage(wrong)
        assert str(info.value) == (
            f"STORAGE_URL={wrong!r}: use s3://BUCKET[/PREFIX] for object storage, or leave it unset for files "
            "under PLENARY_VAR_DIR/media"
        )


def _settings_in_a_new_process(**env) -> dict:
    import json
    import subprocess
    import sys

    from tests.conftest import REPO

    code = (
        "import json; from django.conf import settings; "
        "print(json.dumps({'default': settings.STORAGES['default'], 'media': str(settings.MEDIA_ROOT), "
        "'proxy': getattr(settings, 'SECURE_PROXY_SSL_HEADER', None)}))"
    )
    environ = {
        k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "STORAGE_URL", "BEHIND_TLS_PROXY"))
    }
    environ |= {"DJANGO_SETTINGS_MODULE": "plenary.settings", "PYTHONPATH": str(REPO / "src"), **env}
    done = subprocess.run(
        [sys.executable, "-c", code], env=environ, capture_output=True, text=True, check=True, cwd=REPO
    )
    return json.loads(done.stdout)


def test_the_environment_sets_the_storage_and_the_proxy(tmp_path):
    found = _settings_in_a_new_process(PLENARY_VAR_DIR=str(tmp_path))
    assert found == {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "media": str(tmp_path / "media"),
        "proxy": None,
    }
    found = _settings_in_a_new_process(
        PLENARY_VAR_DIR=str(tmp_path), STORAGE_URL=f"file://{tmp_path}/files", BEHIND_TLS_PROXY="1"
    )
    assert (found["media"], found["proxy"]) == (str(tmp_path / "files"), ["HTTP_X_FORWARDED_PROTO", "https"])
    found = _settings_in_a_new_process(
        PLENARY_VAR_DIR=str(tmp_path),
        STORAGE_URL="s3://bwc-plenary/files",
        AWS_ENDPOINT_URL_S3="http://127.0.0.1:9",
    )
    assert (found["default"]["BACKEND"], found["default"]["OPTIONS"]["location"]) == (
        "storages.backends.s3.S3Storage",
        "files",
    )
