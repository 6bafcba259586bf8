"""Files people attach (photos, letters, documents): which kinds are accepted, checked by
their content, and how they are kept on disk.

What is accepted (checked by the file's content, and its name must agree):

- photos: JPEG (``.jpg``, ``.jpeg``) and PNG (``.png``);
- documents: PDF (``.pdf``); Word, Excel and PowerPoint files in their current (OOXML)
  form (``.docx``, ``.xlsx``, ``.pptx``); plain text and CSV (``.txt``, ``.csv``: UTF-8
  text with no control bytes).

Everything else is refused, notably SVG and HTML (they can carry scripts), the old
binary Office formats and macro-enabled files (``.docm``, ``.xlsm``), archives and
programs. Accepted files are kept under ``DATA_DIR / <folder> / <uuid>``, never where the
web server serves files directly; each app reads them back only through a checked view.
"""

from __future__ import annotations

import uuid
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from django.conf import settings
from django.core.exceptions import ValidationError

SNIFF_BYTES = 8192


@dataclass(frozen=True)
class FileKind:
    """A kind of file accepted: its content type, the names it may carry, what it is."""

    content_type: str
    extensions: tuple[str, ...]
    label: str


JPEG = FileKind("image/jpeg", (".jpg", ".jpeg"), "a JPEG photo")
PNG = FileKind("image/png", (".png",), "a PNG image")
PDF = FileKind("application/pdf", (".pdf",), "a PDF document")
TEXT = FileKind("text/plain", (".txt",), "plain text")
CSV = FileKind("text/csv", (".csv",), "a CSV file")
OOXML = {
    "word/": FileKind(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        (".docx",),
        "a Word document",
    ),
    "xl/": FileKind(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        (".xlsx",),
        "an Excel workbook",
    ),
    "ppt/": FileKind(
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        (".pptx",),
        "a PowerPoint presentation",
    ),
}
ACCEPTED = (
    "JPEG or PNG photos, PDF, Word (.docx), Excel (.xlsx), PowerPoint (.pptx), plain text or CSV"
)
IMAGE_TYPES = frozenset({JPEG.content_type, PNG.content_type})


def file_kind(name: str, stream: IO[bytes], *, kept_by: str) -> FileKind:
    """What the file is, from its content; refused (``ValidationError`` on ``file``) if it
    is not an accepted kind or its name says otherwise. ``kept_by`` names what keeps it in
    the message ("the cycle")."""
    stream.seek(0)
    head = stream.read(SNIFF_BYTES)
    stream.seek(0)
    kind = _kind_of(head, name, stream)
    if kind is None:
        raise ValidationError(
            {"file": [f"{name} is not a kind of file {kept_by} keeps. Accepted: {ACCEPTED}."]}
        )
    if not name.lower().endswith(kind.extensions):
        raise ValidationError(
            {
                "file": [
                    f"{name} holds {kind.label} but its name does not end in "
                    f"{' or '.join(kind.extensions)}: rename it and upload it again."
                ]
            }
        )
    return kind


def _kind_of(head: bytes, name: str, stream: IO[bytes]) -> FileKind | None:
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"PK\x03\x04"):
        return _office_kind(stream)
    if head and _is_text(head) and not head.lstrip().startswith(b"<"):
        # Markup (HTML, SVG, XML) is refused even as text: a browser may run its scripts.
        return CSV if name.lower().endswith(".csv") else TEXT
    return None


def _office_kind(stream: IO[bytes]) -> FileKind | None:
    """A Word, Excel or PowerPoint file (OOXML) without macros, else None. Only the
    archive's table of contents is read: nothing is unpacked."""
    try:
        with zipfile.ZipFile(stream) as archive:
            names = archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, EOFError):
        return None
    finally:
        stream.seek(0)
    if "[Content_Types].xml" not in names or any(n.endswith("vbaProject.bin") for n in names):
        return None
    for folder, kind in OOXML.items():
        if any(n.startswith(folder) for n in names):
            return kind
    return None


def _is_text(head: bytes) -> bool:
    # A multi-byte character may be cut at the end of the sniffed bytes: allow 3 bytes.
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        if error.start < len(head) - 3:
            return False
    return not any(b < 9 or 13 < b < 32 or b == 127 for b in head)


def check_upload(upload, *, limit: int, kept_by: str, largest_for: str) -> FileKind:
    """The kind of ``upload`` (a Django uploaded file), or a ``ValidationError`` on
    ``file`` when it is larger than ``limit`` bytes, empty, or not an accepted kind.
    ``largest_for`` completes "the largest file ... keeps" ("a cycle")."""
    if upload.size > limit:
        raise ValidationError(
            {
                "file": [
                    f"{upload.name} is {megabytes(upload.size)}; the largest file "
                    f"{largest_for} keeps is {megabytes(limit)}."
                ]
            }
        )
    if upload.size == 0:
        raise ValidationError({"file": [f"{upload.name} is empty."]})
    return file_kind(upload.name, upload, kept_by=kept_by)


def store_upload(upload, folder: str) -> tuple[str, Path]:
    """Write ``upload`` under ``DATA_DIR / folder`` with a new random name; returns the
    path to record (relative to DATA_DIR) and the file written."""
    stored_name = uuid.uuid4().hex
    target = Path(settings.DATA_DIR) / folder / stored_name
    target.parent.mkdir(parents=True, exist_ok=True)
    upload.seek(0)
    with target.open("wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    return f"{folder}/{stored_name}", target


def stored_file(relative_path: str) -> Path:
    """A kept file on disk, from the path recorded for it."""
    return Path(settings.DATA_DIR) / relative_path


def megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"
