"""Issued files served from storage: streamed, with caching headers, 304s, one byte range, HEAD, at
one query, and never a byte that does not match the SHA-256 recorded at issue."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest
from django.utils.http import http_date
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from plenary.documents import domain as docs
from plenary.documents.models import Document, IssuedFile
from plenary.exports import files, stored
from tests.helpers import body
from tests.web.test_headers import PERMISSIONS

REPORT = "/api/reports/BWC/MSP/2017/6.txt"
DETAIL_ALTERED = (
    "the stored fr txt file of BWC/MSP/2017/WP.1 no longer matches the SHA-256 recorded when it was "
    "issued; it is not served"
)


def get(client, path: str, params=None, **headers):
    return client.get(path, params or {}, HTTP_HOST="localhost", headers=headers)


@pytest.fixture
def report_zh(db) -> IssuedFile:
    return IssuedFile.objects.get(document__symbol="BWC/MSP/2017/6", lang="zh", fmt="txt")


@pytest.fixture(autouse=True)
def fresh_memory():
    """Each test starts with a process that has verified nothing yet."""
    stored.VERIFIED.forget()
    yield
    stored.VERIFIED.forget()


@pytest.fixture(params=["hashed-every-time", "hashed-once"])
def policy(request, settings):
    """Both ways of keeping the integrity rule: files under the threshold (hashed on every
    download, served from memory) and files above it (hashed once, streamed from storage)."""
    settings.ISSUED_FILE_VERIFY_BYTES = 1024 * 1024 if request.param == "hashed-every-time" else 0
    return request.param


def stored_bytes(row: IssuedFile) -> bytes:
    with row.file.open("rb") as handle:
        return handle.read()


def issue_text(data: bytes) -> IssuedFile:
    """An issued French text of BWC/MSP/2017/WP.1 of the test's own (in its own MEDIA_ROOT), to
    tamper with."""
    with docs.atomic_files():
        return docs.store_issued_file(
            Document.objects.get(symbol="BWC/MSP/2017/WP.1"), lang="fr", fmt="txt", data=data
        )


WP1_FR = "/api/documents/BWC/MSP/2017/WP.1/versions/fr"


# --- the common download ------------------------------------------------------------------------


def test_the_report_in_chinese_is_streamed_with_its_caching_headers_at_one_query(
    client, report_zh, django_assert_num_queries, policy
):
    with django_assert_num_queries(1):
        response = get(client, REPORT, {"lang": "zh"})
    content = body(response)
    assert response.streaming
    assert (response.status_code, dict(response.headers)) == (
        200,
        {
            "Content-Type": "text/plain; charset=utf-8",
            "Content-Length": str(report_zh.size),
            "Content-Disposition": 'attachment; filename="BWC_MSP_2017_6-ZH.txt"',
            "ETag": f'"{report_zh.sha256}"',
            "Last-Modified": http_date(report_zh.issued_at.timestamp()),
            "Cache-Control": "public, max-age=31536000, immutable",
            "Accept-Ranges": "bytes",
            "Plenary-Status": "issued",
            "X-Frame-Options": "DENY",
            "Vary": "Accept-Language",
            "Content-Language": "en",
            "X-Content-Type-Options": "nosniff",
            "Referrer-Policy": "same-origin",
            "Cross-Origin-Opener-Policy": "same-origin",
            # A file: the headers of every answer, without the pages' Content-Security-Policy.
            "Permissions-Policy": PERMISSIONS,
        },
    )
    assert content == stored_bytes(report_zh)
    assert hashlib.sha256(content).hexdigest() == report_zh.sha256


def test_a_language_version_and_the_reading_page_cost_one_query_too(client, db, django_assert_num_queries):
    pdf = IssuedFile.objects.get(document__symbol="BWC/MSP/2017/6", lang="zh", fmt="pdf")
    for path in ("/api/documents/BWC/MSP/2017/6/versions/zh", "/documents/BWC/MSP/2017/6/read/zh.pdf"):
        with django_assert_num_queries(1):
            response = get(client, path)
        assert (response.status_code, response["ETag"], response["Content-Length"]) == (
            200,
            f'"{pdf.sha256}"',
            str(pdf.size),
        ), path
        assert body(response) == stored_bytes(pdf)


def test_head_gives_the_headers_and_no_body(client, report_zh, django_assert_num_queries):
    with django_assert_num_queries(1):
        response = client.head(REPORT, {"lang": "zh"}, HTTP_HOST="localhost", headers={"Range": "bytes=0-9"})
    # Range applies to GET only (RFC 9110, 14.2): HEAD describes the whole file.
    assert (
        response.status_code,
        response.content,
        response["Content-Length"],
        response["ETag"],
        response["Content-Disposition"],
        response["Accept-Ranges"],
    ) == (
        200,
        b"",
        str(report_zh.size),
        f'"{report_zh.sha256}"',
        'attachment; filename="BWC_MSP_2017_6-ZH.txt"',
        "bytes",
    )
    pdf = IssuedFile.objects.get(document__symbol="BWC/MSP/2017/6", lang="zh", fmt="pdf")
    for path in ("/api/documents/BWC/MSP/2017/6/versions/zh", "/documents/BWC/MSP/2017/6/read/zh.pdf"):
        head = client.head(path, HTTP_HOST="localhost")
        assert (head.status_code, head.content, head["Content-Length"], head["ETag"]) == (
            200,
            b"",
            str(pdf.size),
            f'"{pdf.sha256}"',
        ), path


# --- 304 ----------------------------------------------------------------------------------------


@pytest.fixture
def no_storage(monkeypatch):
    """Storage must not be read: a 304 is answered from the row alone."""

    def refuse(*args, **kwargs):
        raise AssertionError("storage was read")

    monkeypatch.setattr(files, "open_issued", refuse)


def test_if_none_match_gets_304_without_reading_storage(client, report_zh, no_storage):
    for tags in (f'"{report_zh.sha256}"', f'"other", "{report_zh.sha256}"', "*"):
        response = get(client, REPORT, {"lang": "zh"}, **{"If-None-Match": tags})
        assert (response.status_code, response.content, response["ETag"], response["Cache-Control"]) == (
            304,
            b"",
            f'"{report_zh.sha256}"',
            "public, max-age=31536000, immutable",
        ), tags


def test_if_modified_since_gets_304_when_nothing_was_issued_since(client, report_zh, no_storage):
    issued = report_zh.issued_at.timestamp()
    for since in (http_date(issued), http_date(issued + 86400)):
        response = get(client, REPORT, {"lang": "zh"}, **{"If-Modified-Since": since})
        assert (response.status_code, response["Last-Modified"]) == (304, http_date(issued))


def test_a_stale_validator_gets_the_file(client, report_zh):
    content = stored_bytes(report_zh)
    earlier = http_date(report_zh.issued_at.timestamp() - 86400)
    for headers in (
        {"If-None-Match": '"0000"'},
        {"If-Modified-Since": earlier},
        # If-None-Match wins over If-Modified-Since (RFC 9110, 13.2.2).
        {"If-None-Match": '"0000"', "If-Modified-Since": http_date(report_zh.issued_at.timestamp())},
        {"If-Modified-Since": "yesterday"},
    ):
        response = get(client, REPORT, {"lang": "zh"}, **headers)
        assert (response.status_code, body(response)) == (200, content), headers


# --- ranges -------------------------------------------------------------------------------------


def test_one_byte_range_gets_206(client, report_zh, policy):
    content = stored_bytes(report_zh)
    size = len(content)
    for header, start, stop in (
        ("bytes=0-99", 0, 100),
        ("bytes=100-", 100, size),
        ("bytes=-50", size - 50, size),
        (f"bytes={size - 1}-{size + 1000}", size - 1, size),
        ("bytes=0-99999999999999999999999999999999", 0, size),
    ):
        response = get(client, REPORT, {"lang": "zh"}, Range=header)
        assert (
            response.status_code,
            response["Content-Range"],
            response["Content-Length"],
            response["ETag"],
            body(response),
        ) == (
            206,
            f"bytes {start}-{stop - 1}/{size}",
            str(stop - start),
            f'"{report_zh.sha256}"',
            content[start:stop],
        ), header


@pytest.mark.parametrize(
    "header",
    [
        "bytes=5-1",
        "bytes=0-1,5-6",
        "bytes=0-1, 3-4, 6-7, 9-10",
        "bytes=abc",
        "bytes=--1",
        "bytes=1-2-3",
        "items=0-1",
        "bytes",
        "bytes=" + "9" * 40 + "-" + "9" * 39,
        "bytes=\u0663-\u0664",
    ],
)
def test_a_range_plenary_does_not_serve_gets_the_whole_file(client, report_zh, header, policy):
    response = get(client, REPORT, {"lang": "zh"}, Range=header)
    assert (response.status_code, response.has_header("Content-Range"), body(response)) == (
        200,
        False,
        stored_bytes(report_zh),
    )


@pytest.mark.parametrize(
    "header", ["bytes=-0", "bytes=99999999999999999999-", "bytes=" + "9" * 5000 + "-", "bytes={size}-"]
)
def test_a_range_no_byte_satisfies_gets_416(client, report_zh, header, policy):
    header = header.format(size=report_zh.size)
    response = get(client, REPORT, {"lang": "zh"}, Range=header)
    assert (response.status_code, response["Content-Range"], response.json()) == (
        416,
        f"bytes */{report_zh.size}",
        {"detail": f"no byte of the range asked for is in the file of {report_zh.size} bytes"},
    )


def test_if_range_serves_the_range_only_for_this_copy(client, report_zh):
    content = stored_bytes(report_zh)
    issued = report_zh.issued_at.timestamp()
    for if_range, status in (
        (f'"{report_zh.sha256}"', 206),
        (http_date(issued), 206),
        ('"0000"', 200),
        (f'W/"{report_zh.sha256}"', 200),  # a weak tag never matches for a range
        (http_date(issued - 1), 200),
        ("garbage", 200),
    ):
        response = get(client, REPORT, {"lang": "zh"}, Range="bytes=0-9", **{"If-Range": if_range})
        assert (response.status_code, body(response)) == (
            status,
            content[:10] if status == 206 else content,
        ), if_range


# --- drafts -------------------------------------------------------------------------------------


def test_a_draft_is_not_cached_and_takes_no_range(client, db, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from plenary.core.actor import Actor

    settings.MEDIA_ROOT = str(tmp_path)
    isu = Actor.system("isu")
    draft = docs.record_document(
        None, by=isu, symbol="BWC/MSP/2026/CRP.1", title={"en": "Draft"}, status=Document.Status.DRAFT
    )
    docs.add_language_version(draft, lang="en", upload=SimpleUploadedFile("d.txt", b"The draft."), by=isu)
    response = get(client, "/api/documents/BWC/MSP/2026/CRP.1/versions/en", Range="bytes=0-2")
    assert (
        response.status_code,
        body(response),
        response["Content-Length"],
        response["Cache-Control"],
        response["Accept-Ranges"],
        response["Plenary-Status"],
        response.has_header("ETag"),
        response.has_header("Last-Modified"),
    ) == (200, b"The draft.", "10", "no-store", "none", "draft", False, False)


# --- the integrity rule -------------------------------------------------------------------------


def test_a_tampered_small_file_is_refused_on_the_next_download(client, db, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    row = issue_text(b"the text as issued")
    assert body(get(client, WP1_FR)) == b"the text as issued"
    Path(row.file.path).write_bytes(b"the text as altered"[:18])  # same size, other bytes
    for headers in ({}, {"Range": "bytes=0-3"}):
        response = get(client, WP1_FR, **headers)
        assert (response.status_code, response.json()) == (500, {"detail": DETAIL_ALTERED}), headers
    assert client.head(WP1_FR, HTTP_HOST="localhost").status_code == 500


def test_a_large_file_is_hashed_once_and_again_after_any_change(client, db, settings, tmp_path, monkeypatch):
    """Above the threshold a file is hashed on its first download only; a write to it moves its
    ctime (even when its size and mtime are put back), and the next download hashes it again and
    refuses it."""
    settings.MEDIA_ROOT = str(tmp_path)
    settings.ISSUED_FILE_VERIFY_BYTES = 1000
    text = ("Article I. " * 2000).encode()
    row = issue_text(text)
    hashed = []
    real = stored._sha256
    monkeypatch.setattr(stored, "_sha256", lambda chunks: hashed.append(1) or real(chunks))

    assert body(get(client, WP1_FR)) == text
    assert body(get(client, WP1_FR, Range="bytes=11-21")) == b"Article I. "
    assert body(get(client, WP1_FR)) == text
    assert len(hashed) == 1  # the first download only

    path = Path(row.file.path)
    before = os.stat(path)
    path.write_bytes(text.replace(b"Article I.", b"Article X.", 1))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # mtime put back; ctime moved
    assert os.stat(path).st_size == before.st_size
    for headers in ({"Range": "bytes=0-9"}, {}):
        response = get(client, WP1_FR, **headers)
        assert (response.status_code, response.json()) == (500, {"detail": DETAIL_ALTERED}), headers
    assert len(hashed) == 3


def test_a_file_of_another_size_is_refused_before_it_is_hashed(client, db, settings, tmp_path, monkeypatch):
    settings.MEDIA_ROOT = str(tmp_path)
    settings.ISSUED_FILE_VERIFY_BYTES = 0
    row = issue_text(b"the text as issued")
    Path(row.file.path).write_bytes(b"the text as issued, and more")
    monkeypatch.setattr(stored, "_sha256", lambda chunks: pytest.fail("hashed"))
    response = get(client, WP1_FR)
    assert (response.status_code, response.json()) == (500, {"detail": DETAIL_ALTERED})


def test_a_missing_file_is_refused_with_its_name(client, db, settings, tmp_path, caplog):
    settings.MEDIA_ROOT = str(tmp_path)
    row = issue_text(b"the text as issued")
    Path(row.file.path).unlink()
    response = get(client, WP1_FR)
    assert (response.status_code, response.json()) == (
        500,
        {"detail": "the fr txt file of BWC/MSP/2017/WP.1 is recorded but missing from storage"},
    )
    caplog.clear()
    assert client.get("/documents/BWC/MSP/2017/WP.1/read/fr.txt").status_code == 500
    assert (
        "plenary.web.reading",
        "the fr txt file of BWC/MSP/2017/WP.1 is recorded but missing from storage",
    ) in [(r.name, r.getMessage()) for r in caplog.records]


# --- hostile paths ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path, status",
    [
        ("/api/reports/..%2F..%2Fetc%2Fpasswd.txt?lang=en", 404),  # no report of that name
        ("/api/reports/../../etc/passwd.txt?lang=en", 404),
        ("/api/reports/BWC/MSP/2017/6.txt?lang=..%2F..%2Fetc", 400),
        ("/api/reports/BWC/MSP/2017/6.txt?lang=zh%00", 400),
        ("/api/reports/BWC/MSP/2017/6.%2E%2E%2Fsettings?lang=en", 404),
        ("/api/documents/../../../etc/passwd/versions/en", 400),
        ("/api/documents/BWC/MSP/2017/6/versions/..", 400),
        ("/api/documents/BWC/MSP/2017/6/versions/%2E%2E%2F%2E%2E", 400),
        ("/api/documents/BWC/MSP/2017/6/versions/e%00", 400),
        ("/documents/..%2F..%2Fetc%2Fpasswd/read/en.txt", 400),
        ("/documents/BWC/MSP/2017/6/read/..%2Fzh.txt", 400),  # "6/read/.." is no symbol
    ],
)
def test_a_path_out_of_the_store_is_refused(client, db, path, status):
    response = client.get(path, HTTP_HOST="localhost")
    assert response.status_code == status, response.content[:200]


def _read_all(read) -> bytes:
    chunks = []
    while chunk := read(65536):
        chunks.append(chunk)
    return b"".join(chunks)


def test_a_streamed_range_goes_through_sendfile_as_a_server_sends_it(tmp_path):
    """gunicorn sends a local file with socket.sendfile from the descriptor's offset, for
    Content-Length bytes, then moves the file past what it sent: a range streamed as a Slice
    sends exactly its bytes that way too, and through plain reads."""
    import socket
    from concurrent.futures import ThreadPoolExecutor

    data = bytes(range(256)) * 4000
    path = tmp_path / "issued.pdf"
    path.write_bytes(data)
    for start, stop in ((0, len(data)), (1000, 2000), (len(data) - 7, len(data))):
        handle = open(path, "rb")  # the Slice closes it
        handle.seek(start)
        piece = stored.Slice(handle, stop - start)
        offset = os.lseek(piece.fileno(), 0, os.SEEK_CUR)
        sender, receiver = socket.socketpair()
        with sender, receiver, piece, ThreadPoolExecutor(1) as pool:
            received = pool.submit(_read_all, receiver.recv)
            sender.sendfile(piece, offset=offset, count=stop - start)
            sender.shutdown(socket.SHUT_WR)
            assert received.result(timeout=30) == data[start:stop]
            assert piece.tell() == stop  # socket.sendfile moves the file past what it sent
        with open(path, "rb") as handle:
            handle.seek(start)
            with stored.Slice(handle, stop - start) as piece:
                assert _read_all(piece.read) == data[start:stop]


def test_head_is_no_second_operation_in_the_openapi_document(client, db):
    spec = client.get("/api/openapi.json", HTTP_HOST="localhost").json()
    assert {
        path: sorted(spec["paths"][path])
        for path in ("/api/documents/{symbol}/versions/{lang}", "/api/reports/{symbol}.{fmt}")
    } == {"/api/documents/{symbol}/versions/{lang}": ["get"], "/api/reports/{symbol}.{fmt}": ["get"]}
    ids = [op["operationId"] for ops in spec["paths"].values() for op in ops.values()]
    assert len(ids) == len(set(ids))


@given(
    range_header=st.one_of(
        st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=126), max_size=40),
        st.builds(lambda a, b: f"bytes={a}-{b}", st.integers(-5, 10**25), st.integers(-5, 10**25)),
        st.builds(lambda a: f"bytes=-{a}", st.integers(0, 10**25)),
    ),
    if_range=st.sampled_from([None, "garbage", '"0"', "Thu, 01 Jan 1970 00:00:00 GMT"]),
)
@hypothesis_settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_no_range_header_gets_a_server_error(client, report_zh, range_header, if_range):
    headers = {"Range": range_header} | ({"If-Range": if_range} if if_range else {})
    response = get(client, REPORT, {"lang": "zh"}, **headers)
    assert response.status_code in (200, 206, 416), (range_header, response.status_code)
    content = stored_bytes(report_zh)
    if response.status_code == 200:
        assert body(response) == content
    elif response.status_code == 206:
        start, _, stop = response["Content-Range"].removeprefix("bytes ").partition("/")[0].partition("-")
        assert body(response) == content[int(start) : int(stop) + 1]
    else:
        assert response["Content-Range"] == f"bytes */{report_zh.size}"
