"""Checks of a note verbale or letter of credentials sent with a registration: its size, its type
and its content (a file is what its name says it is, and carries nothing that runs or unpacks
when opened: documents/uploads.py). Pure: no database, no storage.

Accepted: PDF, Word (.docx), JPEG and PNG, at most settings.UPLOAD_MAX_BYTES. The file is kept
under a generated name; the name it was sent under is kept as text only.
"""

from __future__ import annotations

import zipfile
from io import BytesIO
from pathlib import PurePath

from django.conf import settings
from django.utils.translation import gettext_noop as _

from plenary.core.errors import DomainError, nbytes, term
from plenary.documents.uploads import refuse_hostile


def _is_pdf(data: bytes) -> bool:
    return data.startswith(b"%PDF-")


def _is_docx(data: bytes) -> bool:
    if not data.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, ValueError):
        return False
    return "[Content_Types].xml" in names and "word/document.xml" in names


def _is_jpeg(data: bytes) -> bool:
    return data.startswith(b"\xff\xd8\xff")


def _is_png(data: bytes) -> bool:
    return data.startswith(b"\x89PNG\r\n\x1a\n")


# Extension -> (content check, media type, the extension it is stored under).
TYPES = {
    ".pdf": (_is_pdf, "application/pdf", ".pdf"),
    ".docx": (
        _is_docx,
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ".docx",
    ),
    ".jpg": (_is_jpeg, "image/jpeg", ".jpg"),
    ".jpeg": (_is_jpeg, "image/jpeg", ".jpg"),
    ".png": (_is_png, "image/png", ".png"),
}
ACCEPTED = "PDF, Word (.docx), JPEG or PNG"  # written out in read_credentials' message too


def media_type(stored_name: str) -> str:
    """The media type a stored credentials file is served with (by the extension it was stored
    under, which the content check fixed)."""
    entry = TYPES.get(PurePath(stored_name).suffix.lower())
    return entry[1] if entry else "application/octet-stream"


def original_name(name: str) -> str:
    """The base name the file was sent under, without any folder, at most 255 characters."""
    base = PurePath((name or "").replace("\\", "/")).name
    return " ".join(base.split())[:255]


def read_credentials(upload) -> tuple[bytes, str, str]:
    """(bytes, extension to store under, original name) of an uploaded credentials file, checked;
    DomainError saying what is wrong otherwise. Nothing beyond the limit is read."""
    limit = settings.UPLOAD_MAX_BYTES
    size = getattr(upload, "size", None)
    if size is not None and size > limit:
        raise DomainError(
            _("the credentials file is %(size)s; at most %(limit)s are accepted"),
            size=nbytes(size),
            limit=nbytes(limit),
        )
    name = original_name(getattr(upload, "name", "") or "")
    ext = PurePath(name).suffix.lower()
    if ext not in TYPES:
        raise DomainError(
            _("credentials of type %(ext)s are not accepted; send a PDF, Word (.docx), JPEG or PNG file"),
            ext=ext or term(_("(none)")),
        )
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise DomainError(
            _("the credentials file is larger than %(limit)s, the most accepted"), limit=nbytes(limit)
        )
    if not data:
        raise DomainError(_("the credentials file is empty"))
    check, _mime, stored_ext = TYPES[ext]
    if not check(data):
        raise DomainError(
            _("the credentials file %(name)s is not a %(kind)s file"), name=repr(name), kind=ext[1:].upper()
        )
    # As every file put on record: no script, attachment, zip bomb or macro (documents/uploads.py).
    refuse_hostile(ext, data)
    return data, stored_ext, name
