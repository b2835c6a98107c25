"""Uploaded documents: the type read from the content, random names, a size limit."""

import hashlib
import io
import re
import secrets
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from flask import current_app

from convention import storage

ODF_TYPES = {
    b"application/vnd.oasis.opendocument.text": ("odt", "application/vnd.oasis.opendocument.text"),
    b"application/vnd.oasis.opendocument.spreadsheet": (
        "ods",
        "application/vnd.oasis.opendocument.spreadsheet",
    ),
    b"application/vnd.oasis.opendocument.presentation": (
        "odp",
        "application/vnd.oasis.opendocument.presentation",
    ),
}
OOXML_TYPES = {
    b"wordprocessingml.document.main+xml": (
        "docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    b"spreadsheetml.sheet.main+xml": (
        "xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
    b"presentationml.presentation.main+xml": (
        "pptx",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ),
}
# Shown in the browser; every other type is downloaded.
INLINE_TYPES = {"image/png", "image/jpeg", "image/webp"}
_MANIFEST_LIMIT = 256 * 1024


class UploadError(ValueError):
    """Raised when a file is refused."""


@dataclass(frozen=True)
class Sniffed:
    """What a file really is."""

    extension: str
    content_type: str


@dataclass(frozen=True)
class StoredFile:
    """A file put in the storage."""

    stored_name: str
    original_name: str
    content_type: str
    size: int
    sha256: str


def sniff(data: bytes) -> Sniffed | None:
    """Tell the file's type from its first bytes and, for zip files, their manifest."""
    if data.startswith(b"%PDF-"):
        return Sniffed("pdf", "application/pdf")
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return Sniffed("png", "image/png")
    if data.startswith(b"\xff\xd8\xff"):
        return Sniffed("jpg", "image/jpeg")
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return Sniffed("webp", "image/webp")
    if data.startswith(b"PK\x03\x04"):
        return _sniff_office(data)
    return None


def _sniff_office(data: bytes) -> Sniffed | None:
    """Recognise OpenDocument and Office Open XML files, refusing macro-enabled ones."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                found = ODF_TYPES.get(_read_small(archive, "mimetype").strip())
                return Sniffed(*found) if found else None
            if "[Content_Types].xml" in names:
                manifest = _read_small(archive, "[Content_Types].xml")
                if b"macroEnabled" in manifest:
                    return None
                for marker, found in OOXML_TYPES.items():
                    if marker in manifest:
                        return Sniffed(*found)
    except (zipfile.BadZipFile, OSError, KeyError, RuntimeError):
        return None
    return None


def _read_small(archive: zipfile.ZipFile, name: str) -> bytes:
    """Read at most a few hundred kilobytes of one member: a zip bomb stays closed."""
    with archive.open(name) as member:
        return member.read(_MANIFEST_LIMIT)


def clean_name(name: str, extension: str) -> str:
    """Keep a readable, harmless file name ending with the extension its content has."""
    stem = Path(name.replace("\\", "/")).name.rsplit(".", 1)[0]
    stem = re.sub(r"[^\w .()-]+", "_", stem).strip(" ._") or "document"
    return f"{stem[:150]}.{extension}"


def store(data: bytes, original_name: str) -> StoredFile:
    """Check the file's size and type, then store it under a random name."""
    if len(data) > current_app.config["UPLOAD_MAX_BYTES"]:
        raise UploadError("too_large")
    if not data:
        raise UploadError("empty")
    found = sniff(data)
    if found is None:
        raise UploadError("type")
    stored_name = f"{secrets.token_hex(16)}.{found.extension}"
    storage.current().put(stored_name, data, found.content_type)
    return StoredFile(
        stored_name=stored_name,
        original_name=clean_name(original_name, found.extension),
        content_type=found.content_type,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
    )


def discard(stored_names: list[str]) -> None:
    """Erase stored files; a file already gone is not an error."""
    for name in stored_names:
        storage.current().delete(_checked(name))


def open_stored(stored_name: str) -> IO[bytes]:
    """Open a stored file for sending; raise storage.MissingFile if it is gone."""
    return storage.current().get(_checked(stored_name))


def _checked(stored_name: str) -> str:
    """Return the name if it is one of ours, never the uploader's."""
    if not re.fullmatch(r"[0-9a-f]{32}\.[a-z]{3,4}", stored_name):
        raise UploadError("name")
    return stored_name
