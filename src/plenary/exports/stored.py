"""The stored bytes of an issued file, read from Django's storage and checked against the SHA-256
recorded at issue, without hashing every byte of every download.

The rule: an issued file whose bytes no longer match its SHA-256 is not served. Where it is kept:

- Always: the size the storage holds must be the recorded size (a local file's fstat, or the
  object's length in the very S3 response that carries the bytes).
- A file of at most ISSUED_FILE_VERIFY_BYTES (default 256 KiB: the texts and HTML pages of
  reports, most uploaded Word files) is read whole and hashed on every download, then served
  from memory. Hashing the 23 KB Chinese text of BWC/MSP/2017/6 costs a few hundredths of a
  millisecond; nothing is remembered, so nothing can go stale.
- A larger file (the PDFs: the 2017 report's is 0.5 MB) is hashed once per process and stored
  version of it: the first download reads it through SHA-256 in chunks (never whole into memory)
  before anything is sent, and the process remembers that this name, in this version, holds the
  recorded SHA-256 (up to 4,096 versions, least recently used dropped first). The version of a
  local file is the (device, inode, size, mtime, ctime) of the open file itself (fstat on the
  descriptor that is then streamed, so the file checked is the file sent): any write or `touch`
  moves ctime, which no user-space call can set back, and a file put in its place has another
  inode. The version of an S3 object is its ETag, from the same GET that streams the bytes; the
  check reads the object again with If-Match on that ETag, so it hashes exactly the version it
  serves. A download whose version differs from the remembered one is hashed again first.
- Any other storage backend (no file descriptor, no ETag) is hashed on every download.

A file that fails is refused with StoredFileError (missing, or bytes that do not match), and
nothing of it is sent.
"""

from __future__ import annotations

import hashlib
import io
import os
import sys
import threading
from collections import OrderedDict
from collections.abc import Iterator
from typing import IO, Any

from django.conf import settings

from plenary.documents.models import IssuedFile
from plenary.exports.ranges import ByteRange

CHUNK = 256 * 1024
REMEMBERED = 4096


class StoredFileError(Exception):
    """An issued file is missing from storage or no longer matches its SHA-256: it is not served."""


def missing(row: IssuedFile) -> StoredFileError:
    return StoredFileError(
        f"the {row.lang} {row.fmt} file of {row.document.symbol} is recorded but missing from storage"
    )


def altered(row: IssuedFile) -> StoredFileError:
    return StoredFileError(
        f"the stored {row.lang} {row.fmt} file of {row.document.symbol} no longer matches the SHA-256 "
        "recorded when it was issued; it is not served"
    )


class _Verified:
    """The stored versions this process has hashed and found to hold their recorded SHA-256."""

    def __init__(self, limit: int = REMEMBERED) -> None:
        self._seen: OrderedDict[tuple[str, str], tuple[Any, str]] = OrderedDict()
        self._lock = threading.Lock()
        self._limit = limit

    def holds(self, key: tuple[str, str], version: Any, sha256: str) -> bool:
        with self._lock:
            if self._seen.get(key) != (version, sha256):
                return False
            self._seen.move_to_end(key)
            return True

    def remember(self, key: tuple[str, str], version: Any, sha256: str) -> None:
        with self._lock:
            self._seen[key] = (version, sha256)
            self._seen.move_to_end(key)
            while len(self._seen) > self._limit:
                self._seen.popitem(last=False)

    def forget(self) -> None:
        with self._lock:
            self._seen.clear()


VERIFIED = _Verified()


class Slice(io.RawIOBase):
    """`length` bytes of `source` from where it stands: what a range response streams. It passes
    the file descriptor on when there is one, so that a server with sendfile (gunicorn) sends a
    local file from the kernel, `length` bytes from the current offset."""

    def __init__(self, source: Any, length: int) -> None:
        super().__init__()
        self._source = source
        self._left = length

    def readable(self) -> bool:
        return True

    def read(self, size: int | None = -1) -> bytes:
        if self._left <= 0:
            return b""
        want = self._left if size is None or size < 0 else min(size, self._left)
        data = self._source.read(want)
        self._left -= len(data)
        return data

    def readinto(self, buffer: Any) -> int:
        data = self.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)

    # seek and tell move the source itself, not what is left of the slice: they are there for
    # FileResponse's look at the length and for socket.sendfile (gunicorn), which moves the file
    # past what it sent.
    def seekable(self) -> bool:
        try:
            return bool(self._source.seekable())
        except (AttributeError, OSError, ValueError):
            return False

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        return self._source.seek(offset, whence)

    def tell(self) -> int:
        return self._source.tell()

    def fileno(self) -> int:
        try:
            return self._source.fileno()
        except (AttributeError, OSError, ValueError) as exc:
            raise io.UnsupportedOperation("no file descriptor") from exc

    def close(self) -> None:
        try:
            self._source.close()
        finally:
            super().close()


def _sha256(chunks: Iterator[bytes]) -> str:
    digest = hashlib.sha256()
    for chunk in chunks:
        digest.update(chunk)
    return digest.hexdigest()


def _read_chunks(handle: Any) -> Iterator[bytes]:
    while chunk := handle.read(CHUNK):
        yield chunk


def _small(row: IssuedFile) -> bool:
    return row.size <= settings.ISSUED_FILE_VERIFY_BYTES


def _check_whole(row: IssuedFile, data: bytes, part: ByteRange | None) -> IO[bytes]:
    if len(data) != row.size or hashlib.sha256(data).hexdigest() != row.sha256:
        raise altered(row)
    return io.BytesIO(data[part.start : part.stop] if part else data)


def open_issued(row: IssuedFile, part: ByteRange | None = None) -> IO[bytes]:
    """A readable file of the stored bytes of `row`, all of them or `part`, checked as the module
    says; the caller closes it. Raises StoredFileError before anything is read from it when the
    file is missing or its bytes are not those issued."""
    storage = row.file.storage
    if _is_s3(storage):
        return _open_s3(row, storage, part)
    return _open_local(row, storage, part)


def _open_local(row: IssuedFile, storage: Any, part: ByteRange | None) -> IO[bytes]:
    try:
        handle = storage.open(row.file.name, "rb")
    except (OSError, ValueError):
        raise missing(row) from None
    try:
        try:
            stat = os.fstat(handle.fileno())
            version: Any = (stat.st_dev, stat.st_ino, stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns)
            size = stat.st_size
        except (AttributeError, OSError, ValueError, io.UnsupportedOperation):
            version, size = None, storage.size(row.file.name)
        if size != row.size:
            raise altered(row)
        if _small(row):
            data = handle.read(row.size + 1)
            handle.close()
            return _check_whole(row, data, part)
        key = (f"local:{getattr(storage, 'location', '')}", row.file.name)
        if version is None or not VERIFIED.holds(key, version, row.sha256):
            if _sha256(_read_chunks(handle)) != row.sha256:
                raise altered(row)
            if version is not None:
                VERIFIED.remember(key, version, row.sha256)
        start, stop = (part.start, part.stop) if part else (0, row.size)
        handle.seek(start)
        return Slice(handle, stop - start)
    except BaseException:
        handle.close()
        raise


# --- S3-compatible object storage (django-storages) ---------------------------------------------


def _is_s3(storage: Any) -> bool:
    # Not imported here: a deployment on local files never loads boto3 (an S3 storage object
    # exists only once its module is loaded).
    module = sys.modules.get("storages.backends.s3")
    return module is not None and isinstance(storage, module.S3Storage)


def _s3_get(row: IssuedFile, storage: Any, **params: Any) -> dict[str, Any]:
    from botocore.exceptions import ClientError
    from storages.utils import clean_name, safe_join

    key = safe_join(storage.location, clean_name(row.file.name))
    try:
        return storage.connection.meta.client.get_object(Bucket=storage.bucket_name, Key=key, **params)
    except ClientError as exc:
        status = exc.response.get("ResponseMetadata", {}).get("HTTPStatusCode")
        code = exc.response.get("Error", {}).get("Code")
        if status == 404 or code in ("NoSuchKey", "404"):
            raise missing(row) from None
        if status in (412, 416):
            # 416: the object is shorter than the recorded size; 412: it changed while read.
            raise altered(row) from None
        raise


def _open_s3(row: IssuedFile, storage: Any, part: ByteRange | None) -> IO[bytes]:
    if _small(row) or part is None or (part.start, part.stop) == (0, row.size):
        answer = _s3_get(row, storage)
        size = answer["ContentLength"]
    else:
        answer = _s3_get(row, storage, Range=f"bytes={part.start}-{part.stop - 1}")
        total = answer.get("ContentRange", "").rpartition("/")[2]
        size = int(total) if total.isdigit() else -1
    body = answer["Body"]
    try:
        if size != row.size:
            raise altered(row)
        if _small(row):
            data = body.read(row.size + 1)
            body.close()
            return _check_whole(row, data, part)
        etag = answer.get("ETag")
        key = (f"s3:{storage.bucket_name}", f"{storage.location}/{row.file.name}")
        if not etag or not VERIFIED.holds(key, etag, row.sha256):
            again = _s3_get(row, storage, **({"IfMatch": etag} if etag else {}))
            try:
                if _sha256(again["Body"].iter_chunks(CHUNK)) != row.sha256:
                    raise altered(row)
            finally:
                again["Body"].close()
            if etag:
                VERIFIED.remember(key, etag, row.sha256)
        return Slice(body, part.length if part else row.size)
    except BaseException:
        body.close()
        raise
