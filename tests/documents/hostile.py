"""Hostile files, built here from their parts (no binary blobs): PDFs that run scripts or carry
files, written every way a viewer still reads them, and Office files that unpack past any limit."""

from __future__ import annotations

import io
import zipfile
import zlib

from pypdf import PdfWriter
from pypdf.actions import JavaScript
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, TextStringObject

CATALOG = b"<< /Type /Catalog /Pages 2 0 R %s >>"
PAGES = b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>"
PAGE = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] %s >>"


def raw_pdf(catalog: bytes = b"", page: bytes = b"", extra: tuple[bytes, ...] = ()) -> bytes:
    """A PDF written by hand (objects 1 catalog, 2 pages, 3 page, 4... `extra`), with its xref."""
    objects = [CATALOG % catalog, PAGES, PAGE % page, *extra]
    out = b"%PDF-1.7\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    return out + b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)


def object_stream_pdf(action: bytes) -> bytes:
    """A PDF whose catalog and open action live only inside a compressed object stream (found
    through an xref stream): no byte of the file shows /JavaScript."""
    inner = [
        b"<< /Type /Catalog /Pages 2 0 R /OpenAction 3 0 R >>",
        b"<< /Type /Pages /Kids [] /Count 0 >>",
        action,
    ]
    head, body = b"", b""
    for number, obj in enumerate(inner, start=1):
        head += b"%d %d " % (number, len(body))
        body += obj + b" "
    data = zlib.compress(head + body)
    out = b"%PDF-1.7\n"
    stream_at = len(out)
    out += b"4 0 obj\n<< /Type /ObjStm /N 3 /First %d /Filter /FlateDecode /Length %d >>\nstream\n" % (
        len(head),
        len(data),
    )
    out += data + b"\nendstream\nendobj\n"
    xref_at = len(out)
    rows = [(0, 0, 65535), (2, 4, 0), (2, 4, 1), (2, 4, 2), (1, stream_at, 0), (1, xref_at, 0)]
    table = zlib.compress(
        b"".join(bytes([t]) + a.to_bytes(4, "big") + b.to_bytes(2, "big") for t, a, b in rows)
    )
    out += (
        b"5 0 obj\n<< /Type /XRef /Size 6 /W [1 4 2] /Root 1 0 R /Filter /FlateDecode /Length %d >>\nstream\n"
        % len(table)
    )
    out += table + b"\nendstream\nendobj\n"
    return out + b"startxref\n%d\n%%%%EOF\n" % xref_at


def _written(writer: PdfWriter) -> bytes:
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def pypdf_javascript() -> bytes:
    """A PDF that runs a script when opened, as pypdf writes one."""
    writer = PdfWriter()
    writer.add_blank_page(612, 792)
    writer.add_open_action(JavaScript("app.alert('opened');"))
    return _written(writer)


def pypdf_attachment() -> bytes:
    """A PDF carrying an executable, as pypdf attaches it."""
    writer = PdfWriter()
    writer.add_blank_page(612, 792)
    writer.add_attachment("payload.exe", b"MZ\x90\x00")
    return _written(writer)


def pypdf_page_action() -> bytes:
    """A page whose additional action (/AA, on opening the page) runs a script."""
    writer = PdfWriter()
    page = writer.add_blank_page(612, 792)
    page[NameObject("/AA")] = DictionaryObject(
        {
            NameObject("/O"): DictionaryObject(
                {
                    NameObject("/S"): NameObject("/JavaScript"),
                    NameObject("/JS"): TextStringObject("app.alert(1)"),
                }
            )
        }
    )
    page[NameObject("/Annots")] = ArrayObject()
    return _written(writer)


# What each hostile PDF is, and what the refusal names as found.
HOSTILE_PDFS = {
    "pypdf open action": (pypdf_javascript, "/OpenAction /JS"),
    "page additional action": (pypdf_page_action, "/AA /JS"),
    "document JavaScript": (
        lambda: raw_pdf(
            b"/Names << /JavaScript << /Names [(x) 4 0 R] >> >>",
            extra=(b"<< /S /JavaScript /JS (app.alert(1)) >>",),
        ),
        "/JS",
    ),
    "names in #xx escapes": (
        lambda: raw_pdf(b"/OpenAction << /S /J#61va#53cript /J#53 (app.alert\\(1\\)) >>"),
        "/OpenAction /JS",
    ),
    "launch action": (lambda: raw_pdf(b"/OpenAction << /S /Launch /F (calc.exe) >>"), "/OpenAction /Launch"),
    "object stream": (
        lambda: object_stream_pdf(b"<< /S /JavaScript /JS (app.alert\\(1\\)) >>"),
        "/OpenAction /JS",
    ),
    "escapes in an object stream": (
        lambda: object_stream_pdf(b"<< /S /Launch /F (cmd.exe) >>".replace(b"/Launch", b"/La#75nch")),
        "/OpenAction /Launch",
    ),
    "XFA form": (
        lambda: raw_pdf(
            b"/AcroForm << /Fields [] /XFA 4 0 R >>", extra=(b"<< /Length 0 >>\nstream\n\nendstream",)
        ),
        "/XFA",
    ),
}
EMBEDDING_PDFS = {
    "pypdf attachment": (pypdf_attachment, "/EmbeddedFile, /EmbeddedFiles"),
    "file attachment annotation": (
        lambda: raw_pdf(
            page=b"/Annots [<< /Type /Annot /Subtype /FileAttachment /Rect [0 0 9 9] /FS (a.exe) >>]"
        ),
        "/FileAttachment",
    ),
    "escaped /EmbeddedFiles name": (
        lambda: raw_pdf(b"/Names << /Embedded#46iles << /Names [] >> >>"),
        "/EmbeddedFiles",
    ),
}
# A PDF that opens on its first page (a /GoTo action, as many do) is not hostile.
BENIGN_PDF = raw_pdf(b"/OpenAction [3 0 R /Fit]", page=b"/AA << >>")


# -- Office files ---------------------------------------------------------------------------------

CONTENT_TYPES = (
    '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="xml" ContentType="application/xml"/></Types>'
)
DOCUMENT = '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>'


def docx(parts: dict[str, bytes] | None = None, *, document: bytes = DOCUMENT.encode()) -> bytes:
    """A Word package with its two required parts, and `parts` beside them."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("word/document.xml", document)
        for name, data in (parts or {}).items():
            archive.writestr(zipfile.ZipInfo(name), data, compress_type=zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def package(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(zipfile.ZipInfo(name), data, compress_type=zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def bomb(size: int) -> bytes:
    """A .docx whose document part unpacks to `size` bytes of zeros (a few KB packed per MB)."""
    return docx(document=b"\x00" * size)
