"""The Range header of a request for a stored file (RFC 9110, section 14), with no database.

Plenary answers one byte range with 206 Partial Content and ignores what it does not serve, as
RFC 9110 lets a server do: a header that is not `bytes=...`, a malformed one (`bytes=5-1`,
`bytes=abc`), and a request for several ranges are answered with the whole file (200). A single
range that no byte of the file satisfies (`bytes=-0`, a first byte at or past the end) is
Unsatisfiable: 416 with `Content-Range: bytes */<size>`.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ByteRange:
    """Bytes `start` to `stop` (exclusive) of a file of `size` bytes."""

    start: int
    stop: int
    size: int

    @property
    def length(self) -> int:
        return self.stop - self.start

    @property
    def content_range(self) -> str:
        return f"bytes {self.start}-{self.stop - 1}/{self.size}"


class Unsatisfiable(Exception):
    """A single range of which no byte is in the file (answered with 416)."""

    def __init__(self, size: int) -> None:
        super().__init__(f"no byte of the range asked for is in the file of {size} bytes")
        self.content_range = f"bytes */{size}"


def _number(digits: str) -> int | None:
    """A decimal position, or None if `digits` is not one. Positions longer than any file are
    capped (a 5,000-digit number is as far past the end as a 20-digit one)."""
    if not digits or not (digits.isascii() and digits.isdigit()):
        return None
    digits = digits.lstrip("0") or "0"
    return int(digits) if len(digits) <= 30 else 10**30


def _longer(a: str, b: str) -> bool:
    """a > b as decimal numbers, exactly, however long they are (both all digits)."""
    a, b = a.lstrip("0") or "0", b.lstrip("0") or "0"
    return (len(a), a) > (len(b), b)


def byte_range(header: str | None, size: int) -> ByteRange | None:
    """The one range of a file of `size` bytes that `header` asks for; None when the whole file is
    to be sent (no header, another unit, a malformed header, several ranges). Raises
    Unsatisfiable for a single range that no byte satisfies."""
    if not header:
        return None
    unit, equals, ranges = header.partition("=")
    if not equals or unit.strip().lower() != "bytes":
        return None
    specs = [spec.strip() for spec in ranges.split(",") if spec.strip()]
    if len(specs) != 1:
        return None  # none, or several: the whole file
    first, dash, last = specs[0].partition("-")
    if not dash:
        return None
    first, last = first.strip(), last.strip()
    if not first:  # a suffix: the last N bytes
        length = _number(last)
        if length is None:
            return None
        if length == 0 or size == 0:
            raise Unsatisfiable(size)
        return ByteRange(max(0, size - length), size, size)
    start = _number(first)
    end = _number(last) if last else None
    if start is None or (last and end is None):
        return None
    if last and _longer(first, last):
        return None  # last before first: malformed, so ignored (RFC 9110, 14.1.1)
    if start >= size:
        raise Unsatisfiable(size)
    stop = size if end is None else min(end + 1, size)
    return ByteRange(start, stop, size)
