"""Checks of uploaded files (language versions of documents, papers from delegations): the size,
the type, and the content, so that a file is what its name says it is. Pure: no database."""

from __future__ import annotations

import zipfile
from io import BytesIO
from pathlib import PurePath

from django.conf import settings

from plenary.core.errors import DomainError


# The first bytes (or the structure) each accepted type must have: a file is what it says it is.
def _is_pdf(data: bytes) -> bool:
    return data.startswith(b"%PDF-")


def _is_docx(data: bytes) -> bool:
    if not data.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            names = set(archive.namelist())
    except zipfile.BadZipFile:
        return False
    return "[Content_Types].xml" in names and "word/document.xml" in names


def _is_doc(data: bytes) -> bool:
    return data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")  # OLE2 compound file


def _is_text(data: bytes) -> bool:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return "\x00" not in text


CONTENT_CHECKS = {".pdf": _is_pdf, ".docx": _is_docx, ".doc": _is_doc, ".txt": _is_text}


def check_upload(name: str, data: bytes) -> str:
    """The file's extension, when the file may be stored; else DomainError saying why not."""
    ext = PurePath(name or "").suffix.lower()
    allowed = sorted(ext for ext in settings.UPLOAD_TYPES if ext in CONTENT_CHECKS)
    if ext not in allowed:
        raise DomainError(f"files of type {ext or '(none)'} are not accepted; send {', '.join(allowed)}")
    if len(data) > settings.UPLOAD_MAX_BYTES:
        raise DomainError(
            f"the file is {len(data):,} bytes; at most {settings.UPLOAD_MAX_BYTES:,} bytes are accepted"
        )
    if not data:
        raise DomainError("the file is empty")
    if not CONTENT_CHECKS[ext](data):
        raise DomainError(f"the file's content is not a {ext} file")
    return ext
