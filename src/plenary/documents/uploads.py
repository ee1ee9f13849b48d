"""Checks of uploaded files (language versions of documents, papers from delegations, notes
verbales): the size, the type, and the content, so that a file is what its name says it is and
carries nothing that runs or unpacks when it is opened. Pure: no database.

What a file may not carry (each refused with a message that says what was found and what to do,
in the reader's language):
- a PDF: JavaScript (/JS, /JavaScript: a document script, or an /OpenAction or /AA action running
  one), an action starting a program (/Launch), an XFA form or rich media (both may run scripts),
  embedded files (/EmbeddedFile, /EmbeddedFiles, a /FileAttachment annotation). The PDF is parsed
  (pypdf) and every object reachable from its trailer is walked, so names written with #xx escapes
  and objects inside compressed object streams are seen as a viewer sees them; a PDF that cannot
  be parsed, or that is protected by a password, cannot be checked and is refused.
- an Office file (a zip: .docx, and .xlsx, .odt ... where accepted): more than
  UPLOAD_UNZIPPED_MAX_BYTES once unpacked, a compression ratio over UPLOAD_ZIP_MAX_RATIO, more than
  UPLOAD_ZIP_MAX_ENTRIES parts, an archive inside it, a part whose name leaves the package (an
  absolute path, ..), macros (vbaProject.bin, an OpenDocument Basic/ or Scripts/ folder). All of
  it is read from the zip's directory before anything is unpacked; an Office package embedded in
  it (a chart's workbook) is checked the same way, within the outer file's limits.
- an old Word file (.doc): a macro project (_VBA_PROJECT).
"""

from __future__ import annotations

import posixpath
import zipfile
from io import BytesIO
from pathlib import PurePath

from django.conf import settings
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop as N_
from pypdf import PasswordType, PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject

from plenary.core.errors import DomainError, nbytes, term

# The refusal of a file over the limit (settings.UPLOAD_MAX_BYTES), sizes in the reader's units.
TOO_BIG = N_("the file is %(size)s; at most %(limit)s are accepted")


class HostileFile(DomainError):
    """The file carries content that runs or unpacks when it is opened (or cannot be checked)."""


# The first bytes (or the structure) each accepted type must have: a file is what it says it is.
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
    """The file's extension, when the file may be stored; else DomainError saying why not
    (HostileFile for content that runs or unpacks when opened)."""
    ext = PurePath(name or "").suffix.lower()
    allowed = sorted(ext for ext in settings.UPLOAD_TYPES if ext in CONTENT_CHECKS)
    if ext not in allowed:
        raise DomainError(
            N_("files of type %(ext)s are not accepted; send %(allowed)s"),
            ext=ext or term(N_("(none)")),
            allowed=", ".join(allowed),
        )
    if len(data) > settings.UPLOAD_MAX_BYTES:
        raise DomainError(TOO_BIG, size=nbytes(len(data)), limit=nbytes(settings.UPLOAD_MAX_BYTES))
    if not data:
        raise DomainError(N_("the file is empty"))
    if not CONTENT_CHECKS[ext](data):
        raise DomainError(N_("the file's content is not a %(ext)s file"), ext=ext)
    refuse_hostile(ext, data)
    return ext


def refuse_hostile(ext: str, data: bytes) -> None:
    """HostileFile if the file (already known to be of type `ext`) carries active or unpacking
    content; nothing otherwise. Every upload path calls it, after the type check."""
    if ext == ".pdf":
        check_pdf(data)
    elif data.startswith(b"PK\x03\x04"):
        check_zip(data)
    elif ext == ".doc":
        check_ole(data)


# -- PDF ---------------------------------------------------------------------------------------------

# Names (as keys, or as values such as /S /JavaScript, /Type /EmbeddedFile) that make a PDF run
# something or carry files; the message names those found.
_PDF_SCRIPT = frozenset({"/JS", "/JavaScript", "/Launch", "/XFA", "/RichMedia"})
_PDF_FILES = frozenset({"/EmbeddedFile", "/EmbeddedFiles", "/FileAttachment"})
# Where a script starts from, named in the message beside what runs.
_PDF_TRIGGERS = ("/OpenAction", "/AA")


def _pdf_names(reader) -> tuple[set[str], set[str]]:
    """(script names, file names) found in every object reachable from the trailer."""
    scripts: set[str] = set()
    files: set[str] = set()
    seen: set[tuple[int, int]] = set()
    # Walked with a stack, not recursion: a hostile file may nest as deep as it likes.
    stack: list = [(reader.trailer, "")]
    while stack:
        obj, under = stack.pop()
        if isinstance(obj, IndirectObject):
            key = (obj.idnum, obj.generation)
            if key in seen:
                continue
            seen.add(key)
            obj = obj.get_object()
        if isinstance(obj, DictionaryObject):
            for name, value in dict.items(obj):
                _note_name(str(name), under, scripts, files)
                stack.append((value, str(name) if str(name) in _PDF_TRIGGERS else under))
        elif isinstance(obj, ArrayObject):
            stack.extend((item, under) for item in obj)
        elif isinstance(obj, NameObject):
            _note_name(str(obj), under, scripts, files)
    return scripts, files


def _note_name(name: str, under: str, scripts: set[str], files: set[str]) -> None:
    if name in _PDF_SCRIPT:
        scripts.add(f"{under} {name}".strip() if under else name)
    elif name in _PDF_FILES:
        files.add(name)


def check_pdf(data: bytes) -> None:
    """HostileFile unless the PDF parses and carries no script, launch action or embedded file."""
    unreadable = HostileFile(
        _(
            "The file cannot be read as a PDF, so its content cannot be checked. Save or export it "
            "again as PDF and send that."
        )
    )
    try:
        reader = PdfReader(BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:
                # An owner password alone (no password to open it) still lets anyone read it.
                opened = reader.decrypt("") != PasswordType.NOT_DECRYPTED
            except Exception:
                opened = False
            if not opened:
                raise HostileFile(
                    _(
                        "The PDF is protected by a password, so its content cannot be checked. Save "
                        "it again without the password and send that."
                    )
                )
        root = reader.trailer.get("/Root")
        if root is None or not isinstance(root.get_object(), DictionaryObject):
            raise unreadable
        scripts, files = _pdf_names(reader)
    except HostileFile:
        raise
    except Exception:  # pypdf meets any byte sequence: nothing it raises lets a file pass unchecked
        raise unreadable from None
    if scripts:
        raise HostileFile(
            _(
                "The PDF contains scripts or actions that run when it is opened (%(found)s). Save or "
                "print it again as a plain PDF, without scripts, form actions or attachments, and "
                "send that."
            )
            % {"found": ", ".join(sorted(scripts))}
        )
    if files:
        raise HostileFile(
            _(
                "The PDF carries embedded files (%(found)s). Send the document without attachments; "
                "a file that belongs on record is sent as a document of its own."
            )
            % {"found": ", ".join(sorted(files))}
        )


# -- Office files (zip packages) ---------------------------------------------------------------------

# Parts that are archives of their own (Office packages embedded in a document are checked as
# packages, within the limits of the file that holds them).
_ARCHIVES = {".zip", ".7z", ".rar", ".gz", ".tgz", ".bz2", ".xz", ".tar", ".cab", ".jar", ".arj", ".lzh"}
_PACKAGES = {".docx", ".xlsx", ".pptx", ".odt", ".ods", ".odp"}
_MACRO_PACKAGES = {".docm", ".xlsm", ".pptm", ".dotm", ".xltm", ".potm", ".xlsb", ".xlam", ".ppam"}
_MACRO_PARTS = {"vbaproject.bin", "vbadata.xml"}
_MACRO_FOLDERS = ("basic/", "scripts/")  # OpenDocument macros
# A nested package is opened once, no deeper.
_MAX_DEPTH = 1


def _unsafe_name(name: str) -> bool:
    normalized = name.replace("\\", "/")
    if normalized.startswith("/") or (len(normalized) > 1 and normalized[1] == ":"):
        return True
    return ".." in normalized.split("/") or posixpath.normpath(normalized).startswith("..")


def check_zip(data: bytes, *, depth: int = 0, budget: int | None = None) -> None:
    """HostileFile if the zip package would unpack past the limits, holds another archive, a part
    whose name leaves the package, or macros. Reads the zip's directory only, before any part is
    unpacked."""
    limit = settings.UPLOAD_UNZIPPED_MAX_BYTES if budget is None else budget
    try:
        archive = zipfile.ZipFile(BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError):
        raise HostileFile(_("The file is not a readable Office file. Save it again and send that.")) from None
    with archive:
        entries = archive.infolist()
        if len(entries) > settings.UPLOAD_ZIP_MAX_ENTRIES:
            raise HostileFile(
                _(
                    "The file holds %(count)s parts, more than the %(limit)s a document may have. "
                    "Save it again from the word processor and send that."
                )
                % {"count": len(entries), "limit": settings.UPLOAD_ZIP_MAX_ENTRIES}
            )
        unpacked = sum(entry.file_size for entry in entries)
        packed = sum(entry.compress_size for entry in entries)
        if unpacked > limit:
            raise HostileFile(
                _(
                    "The file would unpack to %(size)s bytes when opened, more than the %(limit)s "
                    "bytes accepted. Send a smaller file (compress its pictures, or split it)."
                )
                % {
                    "size": number_format(unpacked, force_grouping=True),
                    "limit": number_format(limit, force_grouping=True),
                }
            )
        ratio = unpacked / max(packed, 1)
        if unpacked > 1024 * 1024 and ratio > settings.UPLOAD_ZIP_MAX_RATIO:
            raise HostileFile(
                _(
                    "The file unpacks to %(ratio)s times its size, more than the %(limit)s times a "
                    "document does: it is refused as a zip bomb. Save it again from the word "
                    "processor and send that."
                )
                % {
                    "ratio": number_format(round(ratio), force_grouping=True),
                    "limit": settings.UPLOAD_ZIP_MAX_RATIO,
                }
            )
        nested = []
        for entry in entries:
            name = entry.filename
            lowered = name.lower().replace("\\", "/")
            suffix = PurePath(lowered).suffix
            if _unsafe_name(name):
                raise HostileFile(
                    _(
                        "The file holds a part whose name leads outside it (%(name)s). Save it again "
                        "from the word processor and send that."
                    )
                    % {"name": name}
                )
            if (
                PurePath(lowered).name in _MACRO_PARTS
                or suffix in _MACRO_PACKAGES
                or lowered.startswith(_MACRO_FOLDERS)
            ):
                raise HostileFile(
                    _(
                        "The file contains macros (%(name)s), which could run when it is opened. Save "
                        "it as a document without macros (.docx, not .docm) and send that."
                    )
                    % {"name": name}
                )
            if suffix in _ARCHIVES or (suffix in _PACKAGES and depth >= _MAX_DEPTH):
                raise HostileFile(
                    _("The file holds another archive (%(name)s). Take it out and send the document alone.")
                    % {"name": name}
                )
            if suffix in _PACKAGES:
                nested.append(entry)
        for entry in nested:
            # Unpacked only now, after the limits above: it counts in the outer file's budget.
            with archive.open(entry) as part:
                inner = part.read(limit + 1)
            if not inner.startswith(b"PK\x03\x04"):
                continue
            check_zip(inner, depth=depth + 1, budget=limit - unpacked + entry.file_size)


# -- old Word files (OLE2) ---------------------------------------------------------------------------

# The directory entry a Word 97-2003 file keeps its macro project under (names are UTF-16).
_VBA_PROJECT = "_VBA_PROJECT".encode("utf-16-le")


def check_ole(data: bytes) -> None:
    if _VBA_PROJECT in data:
        raise HostileFile(
            _(
                "The file contains macros (%(name)s), which could run when it is opened. Save "
                "it as a document without macros (.docx, not .docm) and send that."
            )
            % {"name": "_VBA_PROJECT"}
        )
